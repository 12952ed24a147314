public import Foundation
public import HorizonCore

/// Where an item stands in the hub's horizon-scanning pipeline: identified (`new`), filtered
/// (`watching`, `parked`, `rejected`), prioritised (`shortlisted`), assessed (`assessing`), adopted.
public enum TriageStatus: String, CaseIterable, Codable, Sendable, Comparable {
    case new, watching, shortlisted, assessing, adopted, rejected, parked

    public static func < (a: TriageStatus, b: TriageStatus) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a status name; the error lists the valid ones.
    public static func parse(_ text: String) -> TriageStatus? {
        TriageStatus(rawValue: text.lowercased())
    }

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One decision on one item: who set which status when, and why.
public struct TriageEvent: Codable, Sendable, Equatable {
    public var item: String
    public var status: TriageStatus
    public var at: Date
    public var by: String
    public var note: String?
    /// The item's title when the decision was taken, so the record reads well even after a prune.
    public var title: String?
    /// The hub whose decision it is; nil for a decision recorded before decisions belonged to a
    /// hub, which counts for every hub.
    public var hub: String?

    public init(
        item: String, status: TriageStatus, at: Date, by: String, note: String? = nil, title: String? = nil,
        hub: String? = nil
    ) {
        self.item = item
        self.status = status
        self.at = at
        self.by = by
        self.note = note
        self.title = title
        self.hub = hub
    }
}

/// Every triage decision ever taken, oldest first. An item's status is its latest decision's,
/// else `new`. Kept in `triage.json` beside the catalogue; fetch runs never write it.
public struct TriageLog: Sendable, Equatable {
    public private(set) var events: [TriageEvent]
    private var latest: [String: Int]
    /// The latest decision on each item that came with a note.
    private var noted: [String: Int]

    public init(events: [TriageEvent] = []) {
        self.events = events
        latest = [:]
        noted = [:]
        for (index, event) in events.enumerated() {
            latest[event.item] = index
            if !(event.note ?? "").isEmpty { noted[event.item] = index }
        }
    }

    /// The latest note given on an item, whatever later decisions without one say.
    public func latestNote(of id: String) -> String? {
        noted[id].flatMap { events[$0].note }
    }

    public func status(of id: String) -> TriageStatus {
        latest[id].map { events[$0].status } ?? .new
    }

    /// The latest decision on an item, if any.
    public func latestEvent(of id: String) -> TriageEvent? {
        latest[id].map { events[$0] }
    }

    public func history(of id: String) -> [TriageEvent] {
        events.filter { $0.item == id }
    }

    /// The ids of every item that has a decision (any hub's).
    public var decidedItems: Set<String> { Set(latest.keys) }

    /// The decisions one hub sees: its own and those that belong to no hub. Every decision when
    /// `hub` is nil. Two hubs share a catalogue but decide apart.
    public func forHub(_ hub: String?) -> TriageLog {
        guard let hub else { return self }
        return TriageLog(events: events.filter { $0.hub == nil || $0.hub == hub })
    }

    /// The hubs that have decided anything, in the order they first did.
    public var hubs: [String] {
        var seen: [String] = []
        for event in events { if let hub = event.hub, !seen.contains(hub) { seen.append(hub) } }
        return seen
    }

    public mutating func record(_ event: TriageEvent) {
        latest[event.item] = events.count
        if !(event.note ?? "").isEmpty { noted[event.item] = events.count }
        events.append(event)
    }
}

/// Reads and writes `triage.json`, atomically, under its own lock (`.triage.lock`), so that
/// marking an item never waits for a long fetch run.
public struct TriageStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var path: String { DataDirectory(directory).triage }

    struct File: Codable {
        var schemaVersion: Int
        var events: [TriageEvent]
    }

    public static let schemaVersion = 1

    public func load() throws(CatalogueError) -> TriageLog {
        guard let data = FileManager.default.contents(atPath: path) else { return TriageLog() }
        return try decode(data)
    }

    /// The decisions in a triage file's bytes.
    public func decode(_ data: Data) throws(CatalogueError) -> TriageLog {
        do {
            let file = try HorizonJSON.decoder().decode(File.self, from: data)
            guard file.schemaVersion <= TriageStore.schemaVersion else {
                throw CatalogueError(
                    "\(path): schemaVersion \(file.schemaVersion) is newer than this horizon understands; upgrade horizon"
                )
            }
            return TriageLog(events: file.events)
        } catch let error as CatalogueError {
            throw error
        } catch {
            throw CatalogueError("\(path): not a valid triage file (\(error)); it was left as it is")
        }
    }

    public func save(_ log: TriageLog) throws(CatalogueError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let data = try HorizonJSON.encoder().encode(
                File(schemaVersion: TriageStore.schemaVersion, events: log.events))
            try AtomicFile.write(parts: [Array(data), [0x0A]], to: path, keepingBackup: true)
        } catch let error as AtomicFile.WriteError {
            throw CatalogueError(error.description, kind: error.kind)
        } catch {
            throw CatalogueError("\(path): cannot write (\(error))", kind: .io)
        }
    }

    /// Takes the triage lock, waiting a few seconds for another `mark`.
    public func lock() throws(DirectoryLock.Busy) -> DirectoryLock {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try DirectoryLock(directory: directory, name: DataDirectory.triageLock, wait: 10)
    }
}
