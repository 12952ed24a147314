public import Foundation

/// What Horizon knows about each feed from its runs (`feeds-state.json` in the data directory):
/// validators for conditional requests, failures and backoff, permanent redirects, when the feed
/// is next due, and per host, when a server asked not to be asked again before (Retry-After).
public struct FeedStates: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        /// The configured URL this state belongs to; a different URL in the config starts afresh.
        public var url: String?
        public var lastAttempt: Date?
        public var lastSuccess: Date?
        public var firstSuccess: Date?
        /// The last failure, in one line.
        public var lastError: String?
        public var lastErrorAt: Date?
        public var consecutiveFailures: Int = 0
        public var lastStatus: Int?
        /// Validators of the last full response, and the URL they belong to.
        public var etag: String?
        public var lastModified: String?
        public var validatedURL: String?
        /// A hash of the last body, for servers that give no validators.
        public var bodyHash: String?
        /// Where a 301/308 sends the feed, and on how many runs in a row it did.
        public var permanentRedirect: String?
        public var permanentRedirectCount: Int?
        /// The server answered 410 Gone: the feed is no longer fetched.
        public var gone: Bool?
        /// No fetch before this time (backoff after failures, or the feed's own interval).
        public var nextDue: Date?
        /// The interval the feed's hints ask for (ttl, sy:updatePeriod, Cache-Control max-age), in seconds.
        public var hintedInterval: Double?
        public var skipHours: [Int]?
        public var skipDays: [String]?
        /// When the feed last brought a story not seen before.
        public var lastNewItem: Date?

        public init(url: String? = nil) { self.url = url }

        public var isFailing: Bool { consecutiveFailures > 0 }
        public var isGone: Bool { gone == true }
        /// A permanent redirect seen on this many runs in a row is followed from then on.
        public static let redirectRuns = 3
        public var followsRedirect: Bool {
            (permanentRedirectCount ?? 0) >= Entry.redirectRuns && permanentRedirect != nil
        }

        public mutating func recordSuccess(status: Int, at now: Date) {
            lastAttempt = now
            lastSuccess = now
            if firstSuccess == nil { firstSuccess = now }
            lastStatus = status
            consecutiveFailures = 0
        }

        public mutating func recordFailure(status: Int, error: String, at now: Date) {
            lastAttempt = now
            lastStatus = status
            lastError = error
            lastErrorAt = now
            consecutiveFailures += 1
        }
    }

    public var feeds: [String: Entry] = [:]
    /// Per host (lower-cased `host[:port]`): no request before this time.
    public var hosts: [String: Date] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey { case feeds, hosts }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        feeds = try container.decodeIfPresent([String: Entry].self, forKey: .feeds) ?? [:]
        hosts = try container.decodeIfPresent([String: Date].self, forKey: .hosts) ?? [:]
    }

    public static func path(in directory: String) -> String {
        DataDirectory(directory).feedStates
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
        try AtomicFile.write(parts: [Array(data)], to: FeedStates.path(in: directory), keepingBackup: true)
    }

    /// The state of `feed`, started afresh when its configured URL changed.
    public func entry(for feed: FeedConfig) -> Entry {
        guard let entry = feeds[feed.id], entry.url == nil || entry.url == feed.url else { return Entry(url: feed.url) }
        var current = entry
        current.url = feed.url
        return current
    }

    public mutating func recordSuccess(_ feed: String, status: Int, at now: Date) {
        feeds[feed, default: Entry()].recordSuccess(status: status, at: now)
    }

    public mutating func recordFailure(_ feed: String, status: Int, error: String, at now: Date) {
        feeds[feed, default: Entry()].recordFailure(status: status, error: error, at: now)
    }

    /// `host[:port]`, lower-cased, of a URL.
    public static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let rest = url[schemeEnd.upperBound...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return authority.lowercased()
    }
}
