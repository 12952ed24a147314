public import Foundation
public import HorizonCore

/// A catalogue file that cannot be used. The file is never overwritten in that case.
public struct CatalogueError: HorizonError {
    public let message: String
    /// `.data` for a damaged or newer file, `.io` for one that cannot be read or written.
    public let kind: FailureKind
    public init(_ message: String, kind: FailureKind = .data) {
        self.message = message
        self.kind = kind
    }
}

/// Reads and writes the catalogue: `catalogue.json` in the data directory for the stories seen in
/// the last months, and `archive/YYYY-MM.json` for older ones, by the month they were first seen.
///
/// Every file is `{"schemaVersion": 1, "items": [...]}`, items as `Item` encodes them. Writes are
/// atomic and durable (`AtomicFile`); the previous good `catalogue.json` is kept as
/// `catalogue.json.bak`.
///
/// Growth: a run reads and rewrites `catalogue.json` only. A story that no feed has carried for
/// `archiveAfter` (60 days) moves to its month's archive file; moves are made in one batch once
/// the longest-unseen story reaches `compactAfter` (90 days), so an archive file is rewritten
/// about once a month, and the rest of history never. `archive/keys.idx` holds a hash of every
/// archived story's GUIDs and links, so that a story that comes back is found, taken back into
/// `catalogue.json` and merged as before. A story in both places (a run killed between two
/// writes) is read from `catalogue.json`, the newer copy.
public struct CatalogueStore: Sendable {
    public let directory: String

    /// Stories unseen for this long leave `catalogue.json` for the archive.
    public static let archiveAfter: TimeInterval = 60 * 86_400
    /// The moves are made when the longest-unseen story in `catalogue.json` is this old.
    public static let compactAfter: TimeInterval = 90 * 86_400

    public init(directory: String) {
        self.directory = directory
    }

    public var path: String { DataDirectory(directory).catalogue }
    public var backupPath: String { DataDirectory(directory).catalogueBackup }
    public var archiveDirectory: String { DataDirectory(directory).archive }
    public var stampPath: String { DataDirectory(directory).catalogueStamp }

    /// A catalogue file just written, and the items it holds (for its search index).
    public struct WrittenFile: Sendable {
        public let path: String
        public let items: [Item]
        /// Where each item's object lies in the file, when the writer says so.
        public let spans: [Range<Int>]?

        public init(path: String, items: [Item], spans: [Range<Int>]? = nil) {
            self.path = path
            self.items = items
            self.spans = spans
        }
    }

    struct File: Codable {
        var schemaVersion: Int
        var items: [Item]
    }

    struct Header: Decodable {
        var schemaVersion: Int?
    }

    // MARK: Reading

    /// Every story: the archive and `catalogue.json`, each story once.
    public func load() throws(CatalogueError) -> Catalogue {
        Catalogue(items: try loadAllItems())
    }

    /// Every story, archive months first, then `catalogue.json`; a story stored twice is taken
    /// from the later file.
    public func loadAllItems() throws(CatalogueError) -> [Item] {
        var files: [[Item]] = []
        for month in archiveMonths() { files.append(try loadArchive(month: month)) }
        files.append(try loadActive().items)
        guard files.count > 1 else { return files[0] }
        var seen = Set<String>()
        var items: [Item] = []
        for file in files.reversed() {
            for item in file.reversed() where seen.insert(item.id).inserted { items.append(item) }
        }
        return items.reversed()
    }

    /// The stories of `catalogue.json`: those seen in the last months, which is all a run and a digest need.
    public func loadActive() throws(CatalogueError) -> Catalogue {
        guard FileManager.default.fileExists(atPath: path) else { return Catalogue() }
        return Catalogue(items: try CatalogueStore.read(path: path, backup: backupPath))
    }

    /// The archive's months (`YYYY-MM`), oldest first.
    public func archiveMonths() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: archiveDirectory)) ?? []
        return names.compactMap { name in
            guard name.hasSuffix(".json") else { return nil }
            let month = String(name.dropLast(5))
            return CatalogueStore.monthCode(month) == nil ? nil : month
        }.sorted()
    }

    public func archivePath(month: String) -> String {
        (archiveDirectory as NSString).appendingPathComponent(month + ".json")
    }

    public func loadArchive(month: String) throws(CatalogueError) -> [Item] {
        let path = archivePath(month: month)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try CatalogueStore.read(path: path, backup: nil)
    }

    static func read(path: String, backup: String?) throws(CatalogueError) -> [Item] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CatalogueError("\(path): cannot read the catalogue (\(error.localizedDescription))", kind: .io)
        }
        return try decode(data, path: path, backup: backup)
    }

    /// The items of a catalogue file's bytes (`catalogue.json` or an archive month at `path`).
    public static func items(in data: Data, path: String) throws(CatalogueError) -> [Item] {
        try decode(data, path: path, backup: nil)
    }

    static func decode(_ data: Data, path: String, backup: String?) throws(CatalogueError) -> [Item] {
        func newer(_ version: Int) -> CatalogueError {
            CatalogueError(
                "\(path): schemaVersion \(version) is newer than this horizon understands (\(Catalogue.schemaVersion)); upgrade horizon"
            )
        }
        if let (version, items) = try? CatalogueReader.read(data) {
            guard version <= Catalogue.schemaVersion else { throw newer(version) }
            return items
        }
        // JSONDecoder's errors name the field at fault.
        let decoder = HorizonJSON.decoder()
        let version: Int?
        do {
            version = try decoder.decode(Header.self, from: data).schemaVersion
        } catch {
            let copy = backup.map { " (last good copy: \($0))" } ?? ""
            throw CatalogueError("\(path): the catalogue is not valid JSON; it was left as it is\(copy)")
        }
        guard let version else { throw CatalogueError("\(path): schemaVersion is missing") }
        guard version <= Catalogue.schemaVersion else { throw newer(version) }
        do {
            return try decoder.decode(File.self, from: data).items
        } catch {
            throw CatalogueError("\(path): the catalogue does not match schema \(version): \(describe(error))")
        }
    }

    // MARK: Writing

    /// A run's save: `catalogue.json`, and, once the longest-unseen story is `compactAfter` old,
    /// the moves of every story unseen for `archiveAfter` to the archive. Returns the files written.
    @discardableResult
    public func save(_ catalogue: Catalogue, now: Date = Date()) throws(CatalogueError) -> [WrittenFile] {
        let cutoff = now.addingTimeInterval(-CatalogueStore.archiveAfter)
        let due = now.addingTimeInterval(-CatalogueStore.compactAfter)
        guard catalogue.items.contains(where: { $0.lastSeen < due }) else {
            return [try writeActive(catalogue.items)]
        }
        let kept = catalogue.items.filter { $0.lastSeen >= cutoff }
        let moving = catalogue.items.filter { $0.lastSeen < cutoff }
        let keptIDs = Set(kept.map(\.id))
        let movingIDs = Set(moving.map(\.id))
        // First every story as this run leaves it, in catalogue.json: a story taken back from the
        // archive in this run exists only in memory until then, and its month is about to drop it.
        try writeActive(catalogue.items)
        var written: [WrittenFile] = []
        var newKeys: [ArchiveKeys.Entry] = []
        var counts: [String: Int] = [:]
        for (month, items) in Dictionary(grouping: moving, by: { CatalogueStore.month(of: $0.firstSeen) }).sorted(by: {
            $0.key < $1.key
        }) {
            // Copies of stories now back in catalogue.json, or moving again, are replaced.
            let earlier = try loadArchive(month: month).filter {
                !keptIDs.contains($0.id) && !movingIDs.contains($0.id)
            }
            let all = earlier + items
            written.append(try writeArchive(month: month, items: all))
            newKeys += ArchiveKeys.entries(of: items, month: month)
            counts[month] = all.count
        }
        // A run killed here leaves stories in both places, never in neither.
        try writeKeys(adding: newKeys, counts: counts)
        written.append(try writeActive(kept))
        return written
    }

    /// Rewrites the whole catalogue (after pruning or re-matching), each story where its last
    /// sighting puts it. Returns the files written.
    @discardableResult
    public func saveAll(_ items: [Item], now: Date = Date()) throws(CatalogueError) -> [WrittenFile] {
        let cutoff = now.addingTimeInterval(-CatalogueStore.archiveAfter)
        var written: [WrittenFile] = []
        var keys: [ArchiveKeys.Entry] = []
        let months = Dictionary(
            grouping: items.filter { $0.lastSeen < cutoff }, by: { CatalogueStore.month(of: $0.firstSeen) })
        for (month, items) in months.sorted(by: { $0.key < $1.key }) {
            written.append(try writeArchive(month: month, items: items))
            keys += ArchiveKeys.entries(of: items, month: month)
        }
        for month in archiveMonths() where months[month] == nil {
            unlink(archivePath(month: month))
            unlink(CatalogueStore.indexPath(forCatalogue: archivePath(month: month)))
        }
        try writeKeys(replacing: keys, counts: months.mapValues(\.count))
        written.append(try writeActive(items.filter { $0.lastSeen >= cutoff }))
        return written
    }

    /// Where the search index of a catalogue file lies: `search.idx` beside `catalogue.json`,
    /// `YYYY-MM.idx` beside an archive month.
    public static func indexPath(forCatalogue path: String) -> String { DataDirectory.indexPath(forCatalogue: path) }

    @discardableResult
    private func writeActive(_ items: [Item]) throws(CatalogueError) -> WrittenFile {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CatalogueError(
                "\(directory): cannot create the data directory (\(error.localizedDescription))", kind: .io)
        }
        var spans: [Range<Int>] = []
        var hasher = StreamHash()
        var size = 0
        do {
            // The last good copy stays beside the file (catalogue.json.bak), for `horizon repair`.
            try AtomicFile.write(streamingTo: path, keepingBackup: true) { sink in
                spans = CatalogueWriter.encode(items, schemaVersion: Catalogue.schemaVersion) { bytes in
                    sink.write(bytes)
                    hasher.update(bytes)
                    size += bytes.count
                }
            }
            try FileStamp(size: size, hash: hasher.hex).save(stampPath)
        } catch {
            throw CatalogueError(error.description, kind: error.kind)
        }
        return WrittenFile(path: path, items: items, spans: spans)
    }

    private func writeArchive(month: String, items: [Item]) throws(CatalogueError) -> WrittenFile {
        do {
            try FileManager.default.createDirectory(atPath: archiveDirectory, withIntermediateDirectories: true)
        } catch {
            throw CatalogueError(
                "\(archiveDirectory): cannot create the archive folder (\(error.localizedDescription))", kind: .io)
        }
        var spans: [Range<Int>] = []
        do {
            try AtomicFile.write(streamingTo: archivePath(month: month), keepingBackup: true) { sink in
                spans = CatalogueWriter.encode(items, schemaVersion: Catalogue.schemaVersion) { sink.write($0) }
            }
        } catch {
            throw CatalogueError(error.description, kind: error.kind)
        }
        return WrittenFile(path: archivePath(month: month), items: items, spans: spans)
    }

    // MARK: Archived stories that come back

    /// Takes back into `catalogue` the archived stories that `entries` are sightings of, so that
    /// they are merged as if they had never left. Returns how many came back.
    @discardableResult
    public func restore(into catalogue: inout Catalogue, for entries: some Sequence<IncomingEntry>)
        throws(CatalogueError) -> Int
    {
        let months = archiveMonths()
        guard !months.isEmpty else { return 0 }
        let index = try archiveKeys(months: months)
        var wanted: [String: Set<String>] = [:]
        for entry in entries {
            for key in Catalogue.lookupKeys(of: entry) where !catalogue.knows(key) {
                for month in index.months(for: key) { wanted[month, default: []].insert(key) }
            }
        }
        var restored = 0
        for (month, keys) in wanted.sorted(by: { $0.key < $1.key }) {
            for item in try loadArchive(month: month) where catalogue.item(id: item.id) == nil {
                guard Catalogue.lookupKeys(of: item).contains(where: keys.contains) else { continue }
                catalogue.insert(item)
                restored += 1
            }
        }
        return restored
    }

    var keysPath: String { (archiveDirectory as NSString).appendingPathComponent("keys.idx") }

    /// The archive's key index, rebuilt from the month files when it does not describe them as they are.
    func archiveKeys(months: [String]) throws(CatalogueError) -> ArchiveKeys {
        if let keys = currentKeys(months: months) { return keys }
        var entries: [ArchiveKeys.Entry] = []
        var counts: [String: Int] = [:]
        for month in months {
            let items = try loadArchive(month: month)
            entries += ArchiveKeys.entries(of: items, month: month)
            counts[month] = items.count
        }
        return try writeKeys(replacing: entries, counts: counts)
    }

    /// How many stories the archive holds besides those of `active` (`catalogue.json`'s, whose
    /// archived copies are superseded); nil when the key index does not describe the month files as they are.
    public func archivedCount(besides active: [Item]) -> Int? {
        let months = archiveMonths()
        guard !months.isEmpty else { return 0 }
        guard let keys = currentKeys(months: months) else { return nil }
        let superseded = active.filter { !keys.months(for: "i" + $0.id).isEmpty }.count
        return keys.meta.counts.values.reduce(0, +) - superseded
    }

    /// The key index, when it describes the month files as they are now.
    private func currentKeys(months: [String]) -> ArchiveKeys? {
        guard let keys = ArchiveKeys(path: keysPath), keys.stamps == stamps(months) else { return nil }
        return keys
    }

    /// Each month file's stamp.
    private func stamps(_ months: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: months.map { ($0, CatalogueStore.stamp(archivePath(month: $0))) })
    }

    private func writeKeys(adding entries: [ArchiveKeys.Entry], counts: [String: Int]) throws(CatalogueError) {
        var all = entries
        var allCounts = counts
        if let existing = ArchiveKeys(path: keysPath) {
            all += existing.allEntries()
            allCounts.merge(existing.meta.counts) { new, _ in new }
        }
        try writeKeys(replacing: all, counts: allCounts)
    }

    @discardableResult
    private func writeKeys(replacing entries: [ArchiveKeys.Entry], counts: [String: Int]) throws(CatalogueError)
        -> ArchiveKeys
    {
        let months = archiveMonths()
        let stamps = stamps(months)
        let keys = ArchiveKeys(
            entries: Array(Set(entries)).sorted(),
            meta: ArchiveKeys.Meta(stamps: stamps, counts: counts.filter { stamps[$0.key] != nil }))
        guard !months.isEmpty else {
            unlink(keysPath)
            return keys
        }
        do {
            try AtomicFile.write(keys.encoded(), to: keysPath)
        } catch {
            throw CatalogueError(error.description, kind: error.kind)
        }
        return keys
    }

    /// A file's size and modification time (to the nanosecond): they change whenever the file is
    /// replaced, and survive a copy that keeps times (`cp -a`, a restored backup).
    static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// `YYYY-MM` of a date, in UTC.
    public static func month(of date: Date) -> String { String(ISO8601.string(date).prefix(7)) }

    static func monthCode(_ month: String) -> UInt32? {
        let parts = month.split(separator: "-")
        guard month.utf8.count == 7, parts.count == 2, let year = UInt32(parts[0]), let number = UInt32(parts[1]),
            (1...12).contains(number)
        else { return nil }
        return year * 100 + number
    }

    private static func describe(_ error: any Error) -> String {
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

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }
}
