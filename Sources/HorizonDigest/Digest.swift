public import Foundation
public import HorizonCore

/// What one hub should see for a period: the stories matched to its themes that were first seen
/// (new) or revised (updated) in the period, each once, under its best theme; and warnings about
/// feeds that are failing or have gone silent.
public struct Digest: Sendable {
    public struct Entry: Sendable {
        public var item: Item
        /// The hub's best-scoring match for the item.
        public var best: ThemeMatch
        /// The hub's other themes that matched the item.
        public var alsoMatched: [String]
        /// True when the story is new in the period; false when it was seen before and revised.
        public var isNew: Bool
        /// The hub's priority for the story (nil for a story stored before priorities were kept).
        public var priority: Double?
    }

    public struct Section: Sendable {
        public var theme: Theme
        public var entries: [Entry]
    }

    public var hub: Hub
    public var since: Date
    public var generated: Date
    public var sections: [Section]
    /// One line per feed that is failing or silent.
    public var warnings: [String]
    /// Feed titles by feed id, to name sources.
    public var feedTitles: [String: String]
    /// Theme names by id.
    public var themeNames: [String: String]

    /// An item or innovation the hub follows (`watching`, `shortlisted`, `assessing`) that new
    /// stories joined in the period: shown under its own heading, whatever it matched.
    public struct Followed: Sendable {
        /// The innovation's name, or the item's title.
        public var name: String
        /// `inv-...` or the item's id: what `horizon show`, `innovations show` and `mark` take.
        public var id: String
        /// The hub's decision: `watching`, `shortlisted` or `assessing`.
        public var status: String
        /// The stories that joined it in the period, newest first.
        public var stories: [Item]

        public init(name: String, id: String, status: String, stories: [Item]) {
            self.name = name
            self.id = id
            self.status = status
            self.stories = stories
        }
    }

    /// Followed items and innovations with news (set by the digest run).
    public var followed: [Followed] = []
    /// Short notes on what is rising: surging themes and innovations gaining publishers.
    public var rising: [String] = []

    public var entries: [Entry] { sections.flatMap(\.entries) }
    public var itemCount: Int { sections.reduce(0) { $0 + $1.entries.count } }
    public var newCount: Int { entries.filter(\.isNew).count }
    public var updatedCount: Int { itemCount - newCount }
    public var isEmpty: Bool { itemCount == 0 && followed.isEmpty }

    /// Builds the digest of `hub` from `items` for the period after `since` up to `generated`:
    /// stories whose priority for the hub is below `minPriority` (default `digest.minPriority`) are
    /// left out, and each theme's stories are ordered by priority.
    public init(
        hub: Hub, config: HorizonConfig, items: [Item], since: Date, generated: Date = Date(),
        feedStates: FeedStates = FeedStates(), minPriority: Double? = nil
    ) {
        let floor = minPriority ?? config.digest.minPriority
        self.hub = hub
        self.since = since
        self.generated = generated
        self.feedTitles = Dictionary(config.feeds.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        self.themeNames = Dictionary(config.themes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var byTheme: [String: [Entry]] = [:]
        for item in items {
            let isNew = item.firstSeen > since && item.firstSeen <= generated
            let isUpdated = !isNew && (item.revised.map { $0 > since && $0 <= generated } ?? false)
            guard isNew || isUpdated else { continue }
            let matches = item.matches(forHub: hub.id)
            guard let best = matches.first else { continue }
            let priority = item.priorities?[hub.id]
            if let priority, priority < floor { continue }
            byTheme[best.theme, default: []].append(
                Entry(
                    item: item, best: best, alsoMatched: matches.dropFirst().map(\.theme), isNew: isNew,
                    priority: priority))
        }
        sections = hub.themes.compactMap { themeID in
            guard let entries = byTheme[themeID], let theme = config.theme(themeID) else { return nil }
            let ranked = entries.sorted {
                let (a, b) = ($0.priority ?? -1, $1.priority ?? -1)
                if a != b { return a > b }
                return $0.best.score != $1.best.score ? $0.best.score > $1.best.score : $0.item.date > $1.item.date
            }
            return Section(theme: theme, entries: ranked)
        }
        warnings = Digest.feedWarnings(config: config, items: items, states: feedStates, now: generated)
    }

    static func feedWarnings(config: HorizonConfig, items: [Item], states: FeedStates, now: Date) -> [String] {
        FeedHealth.all(config: config, items: items, states: states, now: now).compactMap(\.warning)
    }

    /// At most two sentences of `text`, cut at a word near `limit` characters.
    public static func snippet(_ text: String, limit: Int = 280) -> String {
        var sentences = 0
        var end = text.endIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if ".!?".contains(character), next == text.endIndex || text[next] == " " {
                sentences += 1
                if sentences == 2 {
                    end = next
                    break
                }
            }
            index = next
        }
        var result = String(text[..<end])
        if result.count > limit {
            let cut = result.prefix(limit)
            result = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
        }
        return result
    }

    /// The link if it is a web link; nothing else may become clickable.
    public static func safeLink(_ link: String) -> String? {
        let lower = link.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        return link.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) ? nil : link
    }

    func sourceName(_ item: Item) -> String {
        guard let first = item.sources.first else { return "" }
        return feedTitles[first.feed] ?? first.feed
    }

    public func themeName(_ id: String) -> String { themeNames[id] ?? id }

    /// "3 new and 1 updated stories" or "nothing new".
    public var countLine: String {
        if itemCount == 0 {
            return followed.isEmpty
                ? "Nothing new matched this hub's themes."
                : "Nothing new matched this hub's themes; \(followed.count) followed \(followed.count == 1 ? "one has" : "ones have") news."
        }
        var parts: [String] = []
        if newCount > 0 { parts.append("\(newCount) new") }
        if updatedCount > 0 { parts.append("\(updatedCount) updated") }
        return parts.joined(separator: " and ") + " stor\(itemCount == 1 ? "y" : "ies") since \(Digest.day(since))"
    }

    /// "Frailty: 2 · Digital: 1" (themes with stories, in the hub's order).
    public var themeCounts: String {
        sections.map { "\($0.theme.name): \($0.entries.count)" }.joined(separator: " · ")
    }

    /// The subject line of the email (plain text; encoded for the header by the email builder).
    public var subject: String {
        "Horizon digest for \(hub.name): "
            + (isEmpty ? "nothing new" : "\(itemCount) stor\(itemCount == 1 ? "y" : "ies")")
            + " (\(Digest.day(generated)))"
    }

    static func day(_ date: Date) -> String { HumanDate.day(date) }
}
