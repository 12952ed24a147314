public import Foundation

/// What Horizon knows about each feed from its runs (`feeds-state.json` in the data directory).
public struct FeedStates: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var lastAttempt: Date?
        public var lastSuccess: Date?
        /// The last failure, in one line.
        public var lastError: String?
        public var lastErrorAt: Date?
        public var consecutiveFailures: Int = 0
        public var lastStatus: Int?

        public init() {}

        public var isFailing: Bool { consecutiveFailures > 0 }
    }

    public var feeds: [String: Entry] = [:]

    public init() {}

    public static func path(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("feeds-state.json")
    }

    /// The saved states, or none when the file is missing or unreadable (it is only a record).
    public static func load(from directory: String) -> FeedStates {
        guard let data = FileManager.default.contents(atPath: path(in: directory)),
            let states = try? HorizonJSON.decoder().decode(FeedStates.self, from: data)
        else { return FeedStates() }
        return states
    }

    public func save(to directory: String) throws(AtomicFile.WriteError) {
        let data = (try? HorizonJSON.encoder().encode(self)) ?? Data()
        try AtomicFile.write(data, to: FeedStates.path(in: directory))
    }

    public mutating func recordSuccess(_ feed: String, status: Int, at now: Date) {
        var entry = feeds[feed] ?? Entry()
        entry.lastAttempt = now
        entry.lastSuccess = now
        entry.lastStatus = status
        entry.consecutiveFailures = 0
        feeds[feed] = entry
    }

    public mutating func recordFailure(_ feed: String, status: Int, error: String, at now: Date) {
        var entry = feeds[feed] ?? Entry()
        entry.lastAttempt = now
        entry.lastStatus = status
        entry.lastError = error
        entry.lastErrorAt = now
        entry.consecutiveFailures += 1
        feeds[feed] = entry
    }
}
