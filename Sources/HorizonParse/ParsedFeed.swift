public import Foundation
public import HorizonCore
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
public struct ParsedFeed: Sendable, Codable, Equatable {
    public var format: FeedFormat = .unknown
    public var title = ""
    public var link: String?
    public var subtitle = ""
    public var language: String?
    public var updated: Date?
    public var entries: [ParsedEntry] = []
    /// The feed's `title`, `subtitle`, `rights` and `info` as text constructs (sanitized HTML), when asked for.
    public var details: [String: TextConstruct] = [:]
    /// People, links, categories and ids, when asked for.
    public var metadata = FeedMetadata()
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
    /// People, links, categories, when asked for.
    public var metadata = FeedMetadata()
    /// Atom: the feed the entry was copied from (`source`), when asked for; at most one.
    public var source: [ParsedFeed] = []

    /// The summary as sanitized HTML for display (nil unless asked for).
    public var summaryHTML: String? {
        details["summary"].map { $0.type == "text/plain" ? escapeXML($0.value, quotes: false) : $0.value }
    }
    public var published: Date?
    public var updated: Date?
    public var authors: [String] = []
    public var categories: [String] = []

    public init() {}
}

/// A person named by a feed: an author or contributor.
public struct FeedPerson: Sendable, Equatable, Codable {
    public var name: String?
    public var email: String?
    public var href: String?

    public init(name: String? = nil, email: String? = nil, href: String? = nil) {
        self.name = name
        self.email = email
        self.href = href
    }

    /// "Name (email)", or whichever is known.
    public var display: String? {
        switch (name, email) {
        case (let name?, let email?): "\(name) (\(email))"
        case (let name?, nil): name
        case (nil, let email?): email
        default: href
        }
    }

    /// An RSS author: "me@example.com (Name)", "Name <me@example.com>", "Name" or "me@example.com".
    public init(rss text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var name: String?
        var email: String?
        for word in trimmed.split(whereSeparator: { " <>()".contains($0) })
        where word.contains("@") && word.contains(".") {
            email = String(word)
            break
        }
        if let email {
            let rest = trimmed.replacingOccurrences(of: email, with: "")
                .trimmingCharacters(in: CharacterSet(charactersIn: " <>()[]\"'\t\n,"))
            name = rest.isEmpty ? nil : rest
        } else {
            name = trimmed.isEmpty ? nil : trimmed
        }
        self.init(name: name, email: email)
    }
}

/// A link element: its relation, media type, address and, for enclosures, size.
public struct FeedLink: Sendable, Equatable, Codable {
    public var rel: String
    public var type: String?
    public var href: String
    public var title: String?
    public var length: String?
    public var hreflang: String?

    public init(
        rel: String, type: String? = nil, href: String, title: String? = nil, length: String? = nil,
        hreflang: String? = nil
    ) {
        self.rel = rel
        self.type = type
        self.href = href
        self.title = title
        self.length = length
        self.hreflang = hreflang
    }
}

/// A category as written: its term, and the scheme (RSS domain) and label when given.
public struct FeedTag: Sendable, Equatable, Codable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

/// What a feed or entry says beyond the text Horizon uses, kept when details are asked for
/// (`sanitizedHTML: true`): people, every link, categories with their schemes, ids.
public struct FeedMetadata: Sendable, Equatable, Codable {
    public var authors: [FeedPerson] = []
    public var contributors: [FeedPerson] = []
    public var links: [FeedLink] = []
    public var tags: [FeedTag] = []
    public var id: String?
    public var generator: String?
    /// RSS: the guid is the entry's permanent link.
    public var guidIsLink: Bool?
    /// Atom `icon` and `logo` URLs.
    public var images: [String: String] = [:]
    /// Dates as written: `published`, `updated`, `created`, `expired`.
    public var dates: [String: String] = [:]
    /// RSS `webMaster` or `dc:publisher`.
    public var publisher: FeedPerson?
    /// Other single values: `docs`, `ttl`, `newlocation`, `comments`, `license`, `href` (of a source).
    public var fields: [String: String] = [:]
    /// RSS `image`, `textinput` and `cloud`, their parts by name (and `generator_detail`, `media_player`).
    public var objects: [String: [String: String]] = [:]
    /// Media RSS thumbnail URLs.
    public var thumbnails: [String] = []

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
public struct FeedParseError: HorizonError, Equatable {
    public let message: String
    public var kind: FailureKind { .data }
    public init(_ message: String) { self.message = message }
}
