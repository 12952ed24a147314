import Foundation
public import HorizonCatalogue
import HorizonCore

/// What a search reads: the index, the catalogue file it points into (both memory-mapped and
/// checked to belong together), and the triage log.
public struct SearchSession {
    public let index: SearchIndex
    public let catalogue: MappedFile
    public let triage: TriageLog
    /// Whether the index had to be rebuilt from the catalogue (missing or stale).
    public let rebuilt: Bool

    public struct OpenError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Opens the data directory's search index, rebuilding it when it is missing or does not match
    /// `catalogue.json` (written back when the data directory's lock is free). Nil when there is
    /// no catalogue yet.
    public static func open(directory: String) throws(OpenError) -> SearchSession? {
        let store = CatalogueStore(directory: directory)
        guard FileManager.default.fileExists(atPath: store.path) else { return nil }
        let triage: TriageLog
        do {
            triage = try TriageStore(directory: directory).load()
        } catch {
            throw OpenError(description: error.description)
        }
        // A run may replace the catalogue between the two opens: try again then.
        for _ in 0..<3 {
            guard let index = SearchIndexFile.openCurrent(directory: directory) else { break }
            guard let catalogue = try? MappedFile(path: store.path) else { break }
            if catalogue.identity == index.catalogueIdentity {
                return SearchSession(index: index, catalogue: catalogue, triage: triage, rebuilt: false)
            }
        }
        return try rebuild(store: store, triage: triage)
    }

    static func rebuild(store: CatalogueStore, triage: TriageLog) throws(OpenError) -> SearchSession {
        let catalogue: MappedFile
        do {
            catalogue = try MappedFile(path: store.path)
        } catch {
            throw OpenError(description: error.description)
        }
        let items: [Item]
        let bytes: [UInt8]
        do {
            items = try store.decode(Data(catalogue.bytes)).items
            bytes = try SearchIndexBuilder.build(items: items, catalogue: catalogue)
        } catch let error as CatalogueError {
            throw OpenError(description: error.description)
        } catch {
            throw OpenError(description: "\(store.path): \(error)")
        }
        // Keep the index for next time when no run is writing; else use a private copy.
        let shared = SearchIndex.path(in: store.directory)
        var path = shared
        var temporary = false
        if let lock = try? DirectoryLock(directory: store.directory), FileIdentity(path: store.path) == catalogue.identity,
            (try? AtomicFile.write(Data(bytes), to: shared)) != nil
        {
            withExtendedLifetime(lock) {}
        } else {
            path = NSTemporaryDirectory() + "/horizon-search-\(getpid()).idx"
            temporary = true
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw OpenError(description: "\(path): cannot write a temporary search index")
            }
        }
        defer { if temporary { unlink(path) } }
        do {
            let index = try SearchIndex(path: path)
            return SearchSession(index: index, catalogue: catalogue, triage: triage, rebuilt: true)
        } catch {
            throw OpenError(description: error.description)
        }
    }

    /// The index positions of the items whose id is `id` or begins with it.
    public func docs(idPrefix: String) -> [Int] {
        (0..<index.docCount).filter { index.id($0).hasPrefix(idPrefix) }
    }
}
