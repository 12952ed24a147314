public import Foundation
import HorizonXML

/// The syndication format a document was written in, named as feedparser names it.
public enum FeedFormat: String, Sendable, Codable {
    case rss090 = "rss090"
    case rss091 = "rss091u"
    case rss092 = "rss092"
    case rss093 = "rss093"
    case rss094 = "rss094"
    case rss20 = "rss20"
    case rss = "rss"
    case rss10 = "rss10"
    case atom03 = "atom03"
    case atom10 = "atom10"
    case atom = "atom"
    case jsonFeed = "json1"
    case unknown = ""
}

/// What the parser made of one feed document.
public struct ParsedFeed: Sendable, Codable {
    public var format: FeedFormat = .unknown
    public var title = ""
    public var link: String?
    public var subtitle = ""
    public var language: String?
    public var updated: Date?
    public var entries: [ParsedEntry] = []
    /// The feed's `title`, `subtitle`, `rights` and `info` as text constructs (sanitized HTML), when asked for.
    public var details: [String: TextConstruct] = [:]
    /// Why the document needed recovery (empty when it was well-formed).
    public var problems: [String] = []
    /// The character encoding the document was read in.
    public var encoding: String?
    /// The publisher's hints on how often to fetch: RSS `<ttl>` (minutes), the syndication module's
    /// `sy:updatePeriod` × `sy:updateFrequency`, and `skipHours` (0-23, UTC) / `skipDays` (Monday ...).
    public var ttlMinutes: Int?
    public var updatePeriod: String?
    public var updateFrequency: Int?
    public var skipHours: [Int] = []
    public var skipDays: [String] = []

    /// The shortest interval the publisher asks for between fetches, in seconds, if it says.
    public var hintedInterval: Double? {
        var seconds: [Double] = []
        if let ttlMinutes, ttlMinutes > 0 { seconds.append(Double(ttlMinutes) * 60) }
        if let updatePeriod {
            let period: Double? =
                switch updatePeriod.lowercased() {
                case "hourly": 3600
                case "daily": 86_400
                case "weekly": 604_800
                case "monthly": 2_592_000
                case "yearly": 31_536_000
                default: nil
                }
            if let period { seconds.append(period / Double(max(1, updateFrequency ?? 1))) }
        }
        return seconds.max()
    }

    public init() {}

    /// True when the document had to be recovered (feedparser's `bozo`).
    public var isRecovered: Bool { !problems.isEmpty }
}

/// One entry of a feed, with text already made plain.
public struct ParsedEntry: Sendable, Equatable, Codable {
    /// GUID, Atom id or RDF about.
    public var id: String?
    public var title = ""
    /// The entry's link, resolved against the document's base.
    public var link: String?
    /// Plain text of the summary (or of the content when there is no summary).
    public var summary = ""
    /// Plain text of the full content, when the feed gives one.
    public var content: String?
    /// The `title` and `summary` (else the first content) as text constructs, when asked for.
    public var details: [String: TextConstruct] = [:]
    /// Every content element, as text constructs, when asked for.
    public var contents: [TextConstruct] = []

    /// The summary as sanitized HTML for display (nil unless asked for).
    public var summaryHTML: String? { details["summary"].map { $0.type == "text/plain" ? escapeXML($0.value, quotes: false) : $0.value } }
    public var published: Date?
    public var updated: Date?
    public var authors: [String] = []
    public var categories: [String] = []

    public init() {}
}

/// Text as a feed gives it: its media type (`text/plain`, `text/html`, `application/xhtml+xml`), the
/// `xml:lang` and base URL in force, and its value (sanitized HTML unless plain text).
public struct TextConstruct: Sendable, Equatable, Codable {
    public var type: String
    public var language: String?
    public var base: String
    public var value: String

    public init(type: String, language: String?, base: String, value: String) {
        self.type = type
        self.language = language
        self.base = base
        self.value = value
    }
}

/// A document that is not a feed at all.
public struct FeedParseError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
