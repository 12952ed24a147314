import Foundation
public import HorizonCore

/// Reads and writes `innovations.json`: the records, written atomically (the last good copy kept as
/// `.bak`) by the run that holds the data directory's lock, and rebuilt from the catalogue at will.
public struct InnovationStore: Sendable {
    public let path: String

    public init(directory: String) { path = DataDirectory(directory).innovations }

    public static let schemaVersion = 1

    public struct File: Codable, Sendable, Equatable {
        public var schemaVersion: Int
        /// A hash of the watchlist and the finder's version the stories' names were read with: when
        /// it changes, the next run reads every story's names again.
        public var readWith: String
        public var innovations: [Innovation]

        public init(readWith: String, innovations: [Innovation]) {
            schemaVersion = InnovationStore.schemaVersion
            self.readWith = readWith
            self.innovations = innovations
        }
    }

    public struct Failure: HorizonError {
        public let message: String
        public let kind: FailureKind
    }

    /// The records, or nil when there is no file yet.
    public func load() throws(Failure) -> File? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let file: File
        do {
            file = try HorizonJSON.decoder().decode(File.self, from: data)
        } catch {
            throw Failure(
                message: "\(path): not a valid innovations file (\(error)); run `horizon innovations rebuild`",
                kind: .data)
        }
        guard file.schemaVersion <= InnovationStore.schemaVersion else {
            throw Failure(
                message: "\(path): schemaVersion \(file.schemaVersion) is newer than this horizon understands",
                kind: .data)
        }
        return file
    }

    /// Writes the file with `readWith` first, where `readWith(peekingAt:)` finds it without reading the records.
    public func save(_ file: File) throws(Failure) {
        do {
            let head = "{\"schemaVersion\":\(file.schemaVersion),\"readWith\":\"\(file.readWith)\",\"innovations\":"
            let records = try HorizonJSON.encoder().encode(file.innovations)
            try AtomicFile.write(
                parts: [Array(head.utf8), Array(records), Array("}\n".utf8)], to: path, keepingBackup: true)
        } catch let error as AtomicFile.WriteError {
            throw Failure(message: error.description, kind: error.kind)
        } catch {
            throw Failure(message: "\(path): cannot write (\(error))", kind: .io)
        }
    }

    /// The file's `readWith`, from its first bytes (nil: no file, or not one this version wrote).
    public func peekReadWith() -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 128) else { return nil }
        let head = String(decoding: data, as: UTF8.self)
        guard let start = head.range(of: "\"readWith\":\""),
            let end = head[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(head[start.upperBound..<end])
    }

    /// The weekly counts (`trends.json`), or nil when there are none yet.
    public func loadTrends() throws(Failure) -> TrendCounts? {
        let path = DataDirectory((self.path as NSString).deletingLastPathComponent).trends
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try HorizonJSON.decoder().decode(TrendCounts.self, from: data)
        } catch {
            throw Failure(
                message: "\(path): not a valid trends file (\(error)); the next run writes it again", kind: .data)
        }
    }

    public func saveTrends(_ counts: TrendCounts) throws(Failure) {
        let path = DataDirectory((self.path as NSString).deletingLastPathComponent).trends
        do {
            let data = try HorizonJSON.encoder().encode(counts)
            try AtomicFile.write(parts: [Array(data), [0x0A]], to: path)
        } catch let error as AtomicFile.WriteError {
            throw Failure(message: error.description, kind: error.kind)
        } catch {
            throw Failure(message: "\(path): cannot write (\(error))", kind: .io)
        }
    }

    /// What the stories' names depend on besides their text: the watchlist, the places, and the
    /// finder's version.
    public static func readWith(_ config: HorizonConfig) -> String {
        var text = "finder 1"
        for entry in config.innovations {
            text += "\n" + ([entry.name] + entry.aliases + entry.identifiers).joined(separator: "\u{1F}")
        }
        text += "\n" + config.hubs.flatMap(\.places).joined(separator: "\u{1F}")
        return String(FNV1a.hash(text.utf8), radix: 16)
    }
}
