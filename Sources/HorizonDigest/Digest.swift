public import Foundation
public import HorizonCore

/// The items one hub should see: matched since a moment, each once, under its best theme.
public struct Digest: Sendable {
    public struct Entry: Sendable {
        public var item: Item
        /// The hub's best-scoring match for the item.
        public var best: ThemeMatch
        /// The hub's other themes that matched the item.
        public var alsoMatched: [String]
    }

    public struct Section: Sendable {
        public var theme: Theme
        public var entries: [Entry]
    }

    public var hub: Hub
    public var since: Date
    public var generated: Date
    public var sections: [Section]
    /// Feed titles by feed id, to name sources.
    public var feedTitles: [String: String]

    public var itemCount: Int { sections.reduce(0) { $0 + $1.entries.count } }

    /// Builds the digest of `hub` from `items` first seen at or after `since`.
    public init(hub: Hub, config: HorizonConfig, items: [Item], since: Date, generated: Date = Date()) {
        self.hub = hub
        self.since = since
        self.generated = generated
        self.feedTitles = Dictionary(config.feeds.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var byTheme: [String: [Entry]] = [:]
        for item in items where item.firstSeen >= since {
            let matches = item.matches(forHub: hub.id)
            guard let best = matches.first else { continue }
            byTheme[best.theme, default: []].append(
                Entry(item: item, best: best, alsoMatched: matches.dropFirst().map(\.theme)))
        }
        sections = hub.themes.compactMap { themeID in
            guard let entries = byTheme[themeID], let theme = config.theme(themeID) else { return nil }
            let ranked = entries.sorted {
                $0.best.score != $1.best.score ? $0.best.score > $1.best.score : $0.item.date > $1.item.date
            }
            return Section(theme: theme, entries: ranked)
        }
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
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? link : nil
    }

    func sourceName(_ item: Item) -> String {
        guard let first = item.sources.first else { return "" }
        return feedTitles[first.feed] ?? first.feed
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy"
        return formatter.string(from: date)
    }
}
