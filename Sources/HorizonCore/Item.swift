public import Foundation

/// One story in the catalogue, however many feeds carried it.
public struct Item: Codable, Sendable, Equatable, Identifiable {
    /// Stable id, derived from the first canonical URL (or GUID) the story was seen under.
    public var id: String
    public var title: String
    /// The story's canonical URL (tracking parameters and fragments removed).
    public var link: String
    /// Plain text: markup stripped, entities decoded, whitespace collapsed.
    public var summary: String
    /// The summary as the feed marked it up, sanitized for display (only with `catalogue.keepHTML`,
    /// and only when the feed used markup).
    public var summaryHTML: String?
    public var published: Date?
    public var updated: Date?
    public var firstSeen: Date
    public var lastSeen: Date
    /// When a feed last changed the story's title or summary (nil: never since first seen).
    public var revised: Date?
    /// Every place the story was seen, the first (primary) publisher first.
    public var sources: [ItemSource]
    public var authors: [String]
    public var categories: [String]
    /// Theme matches for every hub whose themes the item matched.
    public var matches: [ThemeMatch]
    /// Each matched hub's priority for the item, 0 to 1 (`Priority`); absent for hubs it did not match.
    public var priorities: [String: Double]?
    /// Trial registrations, papers, NICE guidance and NIHR awards found in the title, summary and link.
    public var identifiers: [Identifier]?
    /// The innovations the story names (watchlist names, and names found in its text).
    public var innovations: [String]?
    /// Where the innovations it is about stand (`research` ... `spread`, or `other`).
    public var stage: LifecycleStage?

    public init(
        id: String, title: String, link: String, summary: String, published: Date? = nil, updated: Date? = nil,
        firstSeen: Date, lastSeen: Date, sources: [ItemSource], authors: [String] = [], categories: [String] = [],
        matches: [ThemeMatch] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.summary = summary
        self.published = published
        self.updated = updated
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sources = sources
        self.authors = authors
        self.categories = categories
        self.matches = matches
    }

    /// The date to sort and show: published, else updated, else first seen.
    public var date: Date { published ?? updated ?? firstSeen }

    /// The ids of the hub's themes the item matched, in theme order.
    public func themes(forHub hub: String) -> [String] {
        matches.filter { $0.hub == hub }.map(\.theme).sorted()
    }

    /// The matches for one hub, best first.
    public func matches(forHub hub: String) -> [ThemeMatch] {
        matches.filter { $0.hub == hub }.sorted { $0.score > $1.score || ($0.score == $1.score && $0.theme < $1.theme) }
    }
}

/// Where an item was seen.
public struct ItemSource: Codable, Sendable, Equatable {
    /// The feed id from the configuration.
    public var feed: String
    /// The link exactly as the feed gave it.
    public var link: String
    public var guid: String?
    public var firstSeen: Date
    /// Why this source joined the story (nil for the one it was first seen in): "same URL" (the link
    /// in another form), or "same story (0.52)" (another outlet's text, and how alike it was).
    public var match: String?
    /// When this source says it published the story.
    public var published: Date?

    public init(
        feed: String, link: String, guid: String?, firstSeen: Date, match: String? = nil, published: Date? = nil
    ) {
        self.feed = feed
        self.link = link
        self.guid = guid
        self.firstSeen = firstSeen
        self.match = match
        self.published = published
    }
}

/// Why an item matched one theme for one hub.
public struct ThemeMatch: Codable, Sendable, Equatable {
    public var hub: String
    public var theme: String
    public var score: Double
    /// The include terms that matched, as written in the configuration, strongest first.
    public var terms: [String]
    /// What each term (and place name or boost) added to the score, and where it was found.
    public var contributions: [Contribution]
    /// The health and care words that made the item count as about health or care (with
    /// `matching.context`), strongest first.
    public var context: [String]

    public init(
        hub: String, theme: String, score: Double, terms: [String], contributions: [Contribution] = [],
        context: [String] = []
    ) {
        self.hub = hub
        self.theme = theme
        self.score = score
        self.terms = terms
        self.contributions = contributions
        self.context = context
    }

    enum CodingKeys: String, CodingKey { case hub, theme, score, terms, contributions, context }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hub = try container.decode(String.self, forKey: .hub)
        theme = try container.decode(String.self, forKey: .theme)
        score = try container.decode(Double.self, forKey: .score)
        terms = try container.decode([String].self, forKey: .terms)
        contributions = try container.decodeIfPresent([Contribution].self, forKey: .contributions) ?? []
        context = try container.decodeIfPresent([String].self, forKey: .context) ?? []
    }
}

/// One reason for a score: a term, where it was found, and what it added.
public struct Contribution: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case include, boost, place }

    public var term: String
    public var kind: Kind
    /// `title`, `summary`, or `title+summary`.
    public var field: String
    public var weight: Double

    public init(term: String, kind: Kind, field: String, weight: Double) {
        self.term = term
        self.kind = kind
        self.field = field
        self.weight = weight
    }
}
