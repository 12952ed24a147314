import Foundation
public import HorizonCatalogue
public import HorizonCore

/// What a search reads: the index of each catalogue file (archive months and `catalogue.json`),
/// memory-mapped with the file it points into and checked to belong to it, and the triage log.
public struct SearchSession {
    public let index: SearchCorpus
    public let triage: TriageLog
    /// Whether some index had to be rebuilt from its catalogue file (missing or stale).
    public let rebuilt: Bool

    public struct OpenError: HorizonError {
        public let message: String
        public let kind: FailureKind

        public init(message: String, kind: FailureKind = .io) {
            self.message = message
            self.kind = kind
        }
    }

    /// Opens the data directory's search indexes, rebuilding any that is missing or does not
    /// match its catalogue file (written back when the data directory's lock is free). Nil when
    /// there is no catalogue yet.
    public static func open(directory: String) throws(OpenError) -> SearchSession? {
        let store = CatalogueStore(directory: directory)
        let files = (store.archiveMonths().map { store.archivePath(month: $0) } + [store.path])
            .filter { FileManager.default.fileExists(atPath: $0) }
        guard !files.isEmpty else { return nil }
        let triage: TriageLog
        do {
            triage = try TriageStore(directory: directory).load()
        } catch {
            throw OpenError(message: error.description)
        }
        var segments: [SearchSegment] = []
        var rebuilt = false
        for path in files {
            if let segment = current(path) {
                segments.append(segment)
            } else {
                segments.append(try rebuild(path, directory: directory))
                rebuilt = true
            }
        }
        return SearchSession(index: SearchCorpus(segments: segments), triage: triage, rebuilt: rebuilt)
    }

    /// The file's index when it exists and matches the file. A run may replace the file between
    /// the two opens: try again then.
    static func current(_ path: String) -> SearchSegment? {
        for _ in 0..<3 {
            guard let index = try? SearchIndex(path: CatalogueStore.indexPath(forCatalogue: path)),
                let catalogue = try? MappedFile(path: path)
            else { return nil }
            if catalogue.identity == index.catalogueIdentity {
                return SearchSegment(index: index, catalogue: catalogue)
            }
        }
        return nil
    }

    static func rebuild(_ path: String, directory: String) throws(OpenError) -> SearchSegment {
        let catalogue: MappedFile
        do {
            catalogue = try MappedFile(path: path)
        } catch {
            throw OpenError(message: error.description)
        }
        let bytes: [UInt8]
        do {
            let items = try CatalogueStore.items(in: Data(catalogue.bytes), path: path)
            bytes = try SearchIndexBuilder.build(items: items, catalogue: catalogue)
        } catch let error as CatalogueError {
            throw OpenError(message: error.description)
        } catch {
            throw OpenError(message: "\(path): \(error)")
        }
        // Keep the index for next time when no run is writing; else use a private copy.
        let shared = CatalogueStore.indexPath(forCatalogue: path)
        var indexPath = shared
        var temporary = false
        if let lock = try? DirectoryLock(directory: directory), FileIdentity(path: path) == catalogue.identity,
            (try? AtomicFile.write(parts: [bytes], to: shared)) != nil
        {
            withExtendedLifetime(lock) {}
        } else {
            indexPath = NSTemporaryDirectory() + "/horizon-search-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).idx"
            temporary = true
            guard FileManager.default.createFile(atPath: indexPath, contents: Data(bytes)) else {
                throw OpenError(message: "\(indexPath): cannot write a temporary search index")
            }
        }
        defer { if temporary { unlink(indexPath) } }
        do {
            return SearchSegment(index: try SearchIndex(path: indexPath), catalogue: catalogue)
        } catch {
            throw OpenError(message: error.description)
        }
    }

    /// The item numbers of the items whose id is `id` or begins with it.
    public func docs(idPrefix: String) -> [Int] {
        (0..<index.docCount).filter { !index.superseded.contains($0) && index.id($0).hasPrefix(idPrefix) }
    }
}
