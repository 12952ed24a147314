public import Foundation
import HorizonCore

/// A catalogue file that cannot be used. The file is never overwritten in that case.
public struct CatalogueError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads and writes the catalogue file (`catalogue.json` in the data directory).
///
/// The file is `{"schemaVersion": 1, "items": [...]}`, items as `Item` encodes them. Writes are
/// atomic and durable (`AtomicFile`); the previous good file is kept as `catalogue.json.bak`.
public struct CatalogueStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var path: String { (directory as NSString).appendingPathComponent("catalogue.json") }
    public var backupPath: String { path + ".bak" }

    struct File: Codable {
        var schemaVersion: Int
        var items: [Item]
    }

    struct Header: Decodable {
        var schemaVersion: Int?
    }

    public func load() throws(CatalogueError) -> Catalogue {
        guard FileManager.default.fileExists(atPath: path) else { return Catalogue() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CatalogueError("\(path): cannot read the catalogue (\(error.localizedDescription))")
        }
        return try decode(data)
    }

    /// The catalogue in `data`, the bytes of this store's file.
    public func decode(_ data: Data) throws(CatalogueError) -> Catalogue {
        if let (version, items) = try? CatalogueReader.read(data) {
            guard version <= Catalogue.schemaVersion else { throw newerVersion(version) }
            return Catalogue(items: items)
        }
        // JSONDecoder's errors name the field at fault.
        let decoder = HorizonJSON.decoder()
        let version: Int?
        do {
            version = try decoder.decode(Header.self, from: data).schemaVersion
        } catch {
            throw CatalogueError("\(path): the catalogue is not valid JSON; it was left as it is (last good copy: \(backupPath))")
        }
        guard let version else { throw CatalogueError("\(path): schemaVersion is missing") }
        guard version <= Catalogue.schemaVersion else { throw newerVersion(version) }
        do {
            return Catalogue(items: try decoder.decode(File.self, from: data).items)
        } catch {
            throw CatalogueError("\(path): the catalogue does not match schema \(version): \(describe(error))")
        }
    }

    private func newerVersion(_ version: Int) -> CatalogueError {
        CatalogueError("\(path): schemaVersion \(version) is newer than this horizon understands (\(Catalogue.schemaVersion)); upgrade horizon")
    }

    public func save(_ catalogue: Catalogue) throws(CatalogueError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CatalogueError("\(directory): cannot create the data directory (\(error.localizedDescription))")
        }
        let data = CatalogueWriter.encode(catalogue.items, schemaVersion: Catalogue.schemaVersion)
        if FileManager.default.fileExists(atPath: path) {
            // Keep the last good copy beside the file; a hard link costs nothing.
            unlink(backupPath)
            if link(path, backupPath) != 0 { _ = try? FileManager.default.copyItem(atPath: path, toPath: backupPath) }
        }
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw CatalogueError(error.description)
        }
    }

    private func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return String(describing: error) }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "\(pathText(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(pathText(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }
}
