/// A feed that could not be read, and why, in one line.
public struct FeedFailure: Sendable, Equatable {
    public var feed: String
    public var message: String

    public init(feed: String, message: String) {
        self.feed = feed
        self.message = message
    }
}

/// Why a feed could not be read, in the few kinds an administrator acts on.
public enum FailureCause: String, Sendable, CaseIterable {
    case nameResolution = "could not resolve the host name (is the network or DNS down?)"
    case connection = "could not connect"
    case timeout = "timed out"
    case tls = "failed TLS (certificate or handshake)"
    case httpStatus = "answered with an HTTP error"
    case notAFeed = "did not send a feed"
    case file = "could not read the file"
    case other = "failed"

    /// The cause of a failure, from its one-line message (libcurl's words, or Horizon's own).
    public init(message: String) {
        let text = message.lowercased()
        if text.hasPrefix("couldn't resolve") || text.contains("could not resolve") {
            self = .nameResolution
        } else if text.hasPrefix("couldn't connect") || text.contains("connection refused")
            || text.contains("connection reset")
            || text.hasPrefix("failure when receiving") || text.hasPrefix("server returned nothing")
        {
            self = .connection
        } else if text.hasPrefix("timeout") || text.contains("timed out") {
            self = .timeout
        } else if text.hasPrefix("ssl") || text.contains("certificate") || text.contains("tls") {
            self = .tls
        } else if text.hasPrefix("http ") {
            self = .httpStatus
        } else if text.hasPrefix("couldn't read a file") || text.hasPrefix("couldn't open file") {
            self = .file
        } else if text.contains("not a feed") || text.contains("no feed") || text.contains("not xml")
            || text.contains("empty document")
        {
            self = .notAFeed
        } else {
            self = .other
        }
    }
}

/// A run's failures, grouped so that an outage reads as one problem: a cause shared by several
/// feeds is one line, with the count and an example; the others stay one line per feed.
public struct FailureGroups: Sendable {
    /// Causes shared by at least this many feeds are grouped.
    public static let groupFrom = 3

    public struct Group: Sendable, Equatable {
        public var cause: FailureCause
        public var failures: [FeedFailure]

        /// `34 feeds could not resolve the host name (...); e.g. nhs-england: Couldn't resolve ...`
        public var line: String {
            "\(failures.count) feeds \(cause.rawValue); e.g. \(failures[0].feed): \(failures[0].message)"
        }
    }

    public private(set) var groups: [Group] = []
    /// Failures whose cause no other feed shares often enough to group.
    public private(set) var single: [FeedFailure] = []

    public init(_ failures: [FeedFailure]) {
        var byCause: [FailureCause: [FeedFailure]] = [:]
        for failure in failures { byCause[FailureCause(message: failure.message), default: []].append(failure) }
        for cause in FailureCause.allCases {
            guard let list = byCause[cause] else { continue }
            if list.count >= FailureGroups.groupFrom {
                groups.append(Group(cause: cause, failures: list))
            } else {
                single += list
            }
        }
        groups.sort { $0.failures.count > $1.failures.count }
        single.sort { $0.feed < $1.feed }
    }
}

/// The feeds that need a look, said twice: one line for a hub's readers ("3 of 36 feeds could not
/// be read"), and the detail for administrators, with failures grouped by cause so that an outage
/// is one line, not one per feed.
public struct FeedProblems: Sendable {
    public var feedCount: Int
    public var failing: [FeedHealth]
    /// Gone, silent or moved feeds.
    public var other: [FeedHealth]

    public init(_ health: [FeedHealth]) {
        feedCount = health.count
        failing = health.filter { $0.state == .failing }
        other = health.filter { $0.warning != nil && $0.state != .failing }
    }

    public var isEmpty: Bool { failing.isEmpty && other.isEmpty }

    /// "3 of 36 feeds could not be read; 1 has gone quiet" for hub readers, or nil when all is well.
    public var summary: String? {
        func count(_ state: FeedHealth.State) -> Int { other.filter { $0.state == state }.count }
        let parts: [(Int, String, String)] = [
            (failing.count, "could not be read", "could not be read"),
            (count(.silent), "has gone quiet", "have gone quiet"),
            (count(.gone), "has closed", "have closed"),
            (count(.redirected), "has moved", "have moved"),
        ].filter { $0.0 > 0 }
        guard let first = parts.first else { return nil }
        let feeds = "\(first.0) of \(feedCount) feed\(feedCount == 1 ? "" : "s") \(first.0 == 1 ? first.1 : first.2)"
        return ([feeds] + parts.dropFirst().map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }).joined(separator: "; ")
    }

    /// The detail for administrators: failures grouped by cause (a cause shared by several feeds
    /// is one line), then each feed that is gone, silent or moved.
    public var detail: [String] {
        let grouped = FailureGroups(
            failing.map { FeedFailure(feed: $0.feed, message: $0.lastError ?? "unknown error") })
        var lines = grouped.groups.map(\.line)
        let byID = Dictionary(failing.map { ($0.feed, $0) }) { a, _ in a }
        lines += grouped.single.compactMap { byID[$0.feed]?.warning }
        lines += other.compactMap(\.warning)
        return lines
    }

    /// What the problems are, without what changes from run to run (counts, dates): a report with
    /// the same key says nothing new.
    public var key: [String] {
        failing.map { "\($0.feed) failing \(FailureCause(message: $0.lastError ?? ""))" }
            + other.map { "\($0.feed) \($0.state.rawValue)" }
    }

    /// The administrators' report: the summary, then the detail, one problem per line.
    public var report: String {
        var text = (summary ?? "Every feed is well") + ".\n\n"
        text += detail.map { "- \($0)\n" }.joined()
        return text + "\nhorizon feeds status lists every feed; horizon fetch reports each run's failures.\n"
    }
}
