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
