public import Foundation
public import HorizonCore

/// What one hub should see for a period: the stories matched to its themes that were first seen
/// (new) or revised (updated) in the period, each once. The hub's highest-priority new stories lead
/// ("Top stories"); the rest follow under their best theme. Feed problems are one line for the hub,
/// with the detail kept for administrators.
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

    /// An innovation a story is about: its name and the id `innovations show` and `mark` take.
    public struct Mention: Sendable, Equatable {
        public var name: String
        public var id: String

        public init(name: String, id: String) {
            self.name = name
            self.id = id
        }
    }

    public var hub: Hub
    /// The period's start, by when Horizon first saw the stories.
    public var since: Date
    /// Instead, the stories dated (by their sources) in this span, whenever first seen (`--since`/`--until`).
    public var dated: DateSpan?

    /// A span of stories' own dates; either end may be open.
    public struct DateSpan: Sendable, Equatable {
        public var since: Date?
        public var until: Date?

        public init(since: Date?, until: Date?) {
            self.since = since
            self.until = until
        }

        public func contains(_ date: Date) -> Bool {
            since.map { date >= $0 } ?? true && until.map { date <= $0 } ?? true
        }
    }
    public var generated: Date
    /// The hub's highest-priority new stories, at most `digest.top`: shown first, in full.
    public var top: [Entry]
    /// The other stories under their best theme, compact.
    public var sections: [Section]
    /// The feeds that need a look: one line for the hub (`problems.summary`), the detail for administrators.
    public var problems: FeedProblems
    /// Feed titles by feed id, to name sources.
    public var feedTitles: [String: String]
    /// Theme names by id.
    public var themeNames: [String: String]
    /// The short form of each shown story's id: the shortest start of it, from 8 characters, that no
    /// other story in the catalogue shares (what `horizon show` and `mark` take).
    public var shortIDs: [String: String] = [:]
    /// The innovation each story is about, by item id (set by the digest run from `innovations.json`).
    public var innovations: [String: Mention] = [:]

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
    public var followed: [Followed] = [] {
        didSet { addShortIDs(followed.flatMap(\.stories).map(\.id)) }
    }
    /// Short notes on what is rising: surging themes and innovations gaining publishers.
    public var rising: [String] = []

    public var entries: [Entry] { top + sections.flatMap(\.entries) }
    public var itemCount: Int { top.count + sections.reduce(0) { $0 + $1.entries.count } }
    public var newCount: Int { entries.filter(\.isNew).count }
    public var updatedCount: Int { itemCount - newCount }
    public var isEmpty: Bool { itemCount == 0 && followed.isEmpty }

    /// Every stored story's id, to shorten ids without ambiguity.
    private var storedIDs: [String]

    /// Builds the digest of `hub` from `items` for the period after `since` up to `generated`:
    /// stories whose priority for the hub is below `minPriority` (default `digest.minPriority`) are
    /// left out; the `top` (default `digest.top`) new stories of highest priority lead, and each
    /// theme's other stories are ordered by priority. `storedIDs`: every stored story's id, so that
    /// short ids are unique among them all (default: the ids of `items`). `problems`: the feeds'
    /// problems when the caller has worked them out (default: from `items` and `feedStates`).
    public init(
        hub: Hub, config: HorizonConfig, items: [Item], since: Date, generated: Date = Date(),
        feedStates: FeedStates = FeedStates(), minPriority: Double? = nil, top: Int? = nil,
        dated: (since: Date?, until: Date?)? = nil, storedIDs: [String]? = nil, problems: FeedProblems? = nil
    ) {
        self.dated = dated.map { DateSpan(since: $0.since, until: $0.until) }
        let floor = minPriority ?? config.digest.minPriority
        self.hub = hub
        self.since = since
        self.generated = generated
        self.feedTitles = Dictionary(config.feeds.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        self.themeNames = Dictionary(config.themes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var chosen: [Entry] = []
        for item in items {
            let isNew = item.firstSeen > since && item.firstSeen <= generated
            let isUpdated = !isNew && (item.revised.map { $0 > since && $0 <= generated } ?? false)
            guard isNew || isUpdated else { continue }
            if let span = self.dated, !span.contains(item.date) { continue }
            let matches = item.matches(forHub: hub.id)
            guard let best = matches.first else { continue }
            let priority = item.priorities?[hub.id]
            if let priority, priority < floor { continue }
            chosen.append(
                Entry(
                    item: item, best: best, alsoMatched: matches.dropFirst().map(\.theme), isNew: isNew,
                    priority: priority))
        }
        chosen.sort {
            let (a, b) = ($0.priority ?? -1, $1.priority ?? -1)
            if a != b { return a > b }
            if $0.best.score != $1.best.score { return $0.best.score > $1.best.score }
            return $0.item.date != $1.item.date ? $0.item.date > $1.item.date : $0.item.id < $1.item.id
        }
        let leading = Array(chosen.filter(\.isNew).prefix(max(0, top ?? config.digest.top)))
        self.top = leading
        let leadingIDs = Set(leading.map(\.item.id))
        var byTheme: [String: [Entry]] = [:]
        for entry in chosen where !leadingIDs.contains(entry.item.id) {
            byTheme[entry.best.theme, default: []].append(entry)
        }
        sections = hub.themes.compactMap { themeID in
            guard let entries = byTheme[themeID], let theme = config.theme(themeID) else { return nil }
            return Section(theme: theme, entries: entries)
        }
        self.problems =
            problems ?? FeedProblems(FeedHealth.all(config: config, items: items, states: feedStates, now: generated))
        // Short ids must be unique among every stored story (the archive's too) when the caller knows them.
        self.storedIDs = storedIDs ?? items.map(\.id)
        addShortIDs(chosen.map(\.item.id))
    }

    /// The id as the digest shows it: short when it was shortened, else whole.
    public func shortID(_ id: String) -> String { shortIDs[id] ?? id }

    private mutating func addShortIDs(_ ids: [String]) {
        let new = Array(Set(ids.filter { shortIDs[$0] == nil }))
        guard !new.isEmpty else { return }
        shortIDs.merge(ShortID.shortest(new, among: storedIDs)) { a, _ in a }
    }

    /// At most two sentences of `text`, cut at a word near `limit` characters (`HTMLText.snippet`).
    public static func snippet(_ text: String, limit: Int = 280) -> String { HTMLText.snippet(text, limit: limit) }

    /// The link if it is a web link; nothing else may become clickable (`HTMLText.clickable`).
    public static func safeLink(_ link: String) -> String? { HTMLText.clickable(link) }

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
        let stories = parts.joined(separator: " and ") + " stor\(itemCount == 1 ? "y" : "ies")"
        if let dated {
            return stories
                + (dated.since.map { " dated since \(Digest.day($0))" }
                    ?? " dated until \(Digest.day(dated.until ?? generated))")
        }
        return stories + " since \(Digest.day(since))"
    }

    /// What "new" means, in plain words, and the dates the stories carry (which are their sources').
    public var meaningLine: String {
        if let dated {
            let from = dated.since.map { " from \(Digest.day($0))" } ?? ""
            let to = dated.until.map { " to \(Digest.day($0))" } ?? ""
            return "These are the stories dated\(from)\(to) by their sources, whenever Horizon first saw them."
        }
        var line =
            "New means first seen by Horizon since \(Digest.day(since)), whatever date the source gave the story"
        let dates = entries.map(\.item.date)
        if let first = dates.min(), let last = dates.max() {
            let (from, to) = (Digest.day(first), Digest.day(last))
            line += from == to ? "; these were published on \(from)" : "; these were published \(from) to \(to)"
        }
        return line + "."
    }

    /// "Frailty: 2 · Digital: 1": every story by its best theme, top stories included, in the hub's order.
    public var themeCounts: String {
        var counts: [String: Int] = [:]
        for entry in entries { counts[entry.best.theme, default: 0] += 1 }
        return hub.themes.compactMap { id in counts[id].map { "\(themeName(id)): \($0)" } }.joined(separator: " · ")
    }

    /// The subject line of the email (plain text; encoded for the header by the email builder).
    public var subject: String {
        "Horizon digest for \(hub.name): "
            + (isEmpty ? "nothing new" : "\(itemCount) stor\(itemCount == 1 ? "y" : "ies")")
            + " (\(Digest.day(generated)))"
    }

    static func day(_ date: Date) -> String { HumanDate.day(date) }
}
