public import HorizonCore

/// What Horizon reads in one story on the way to innovations: its identifiers, the innovations it
/// names (the watchlist's, under their own names, and names found in the text), and its stage.
public struct StoryReading: Sendable, Equatable {
    public var identifiers: [Identifier]
    /// Names, with a brand or short form in brackets when the story gave one ("tirzepatide (Mounjaro)").
    public var innovations: [String]
    public var stage: LifecycleStage
}

/// Reads stories with one watchlist and one set of place names.
public struct InnovationFinder: Sendable {
    let names: InnovationNames
    let watchlist: Watchlist

    public init(watchlist: [WatchedInnovation] = [], places: [String] = []) {
        names = InnovationNames(places: places)
        self.watchlist = Watchlist(watchlist)
    }

    public init(config: HorizonConfig) {
        self.init(watchlist: config.innovations, places: config.hubs.flatMap(\.places))
    }

    public func read(title: String, summary: String, link: String) -> StoryReading {
        let identifiers = IdentifierFinder.find(in: [title, summary, link])
        return StoryReading(
            identifiers: identifiers, innovations: innovations(title: title, summary: summary),
            stage: StageReader.stage(title: title, summary: summary, identifiers: identifiers))
    }

    /// The innovations a story names, watchlist names first.
    public func innovations(title: String, summary: String) -> [String] {
        var result = watchlist.names(in: title + "\n" + summary)
        var keys = Set(result.map(Words.key))
        let found = names.find(title: title, summary: summary)
        var aliasOf: [String: String] = [:]
        for pair in found.aliases { aliasOf[Words.key(pair.name)] = pair.alias }
        var aliases = Set(found.aliases.map { Words.key($0.alias) })
        for name in found.names {
            let key = Words.key(name)
            // A watchlist name found as written stands for its entry.
            if let entry = watchlist.entry(forKey: key) {
                if keys.insert(Words.key(watchlist.entries[entry].name)).inserted {
                    result.append(watchlist.entries[entry].name)
                }
                continue
            }
            guard !aliases.contains(key), keys.insert(key).inserted else { continue }
            if let alias = aliasOf[key], watchlist.entry(forKey: Words.key(alias)) == nil {
                result.append("\(name) (\(alias))")
                aliases.insert(Words.key(alias))
            } else {
                result.append(name)
            }
        }
        return result
    }
}

/// The watchlist, ready to find its names in text and its identifiers on stories.
struct Watchlist: Sendable {
    let entries: [WatchedInnovation]
    /// Each name and alias as plain tokens, by its first token: (tokens, entry).
    let byFirstToken: [String: [([String], Int)]]
    let byKey: [String: Int]
    let byIdentifier: [Identifier: Int]

    init(_ entries: [WatchedInnovation]) {
        self.entries = entries
        var byFirstToken: [String: [([String], Int)]] = [:]
        var byKey: [String: Int] = [:]
        var byIdentifier: [Identifier: Int] = [:]
        for (n, entry) in entries.enumerated() {
            for name in [entry.name] + entry.aliases {
                let tokens = Words.plainTokens(name)
                guard let first = tokens.first else { continue }
                byFirstToken[first, default: []].append((tokens, n))
                if byKey[tokens.joined()] == nil { byKey[tokens.joined()] = n }
            }
            for identifier in entry.identifiers.compactMap(Watchlist.identifier) where byIdentifier[identifier] == nil {
                byIdentifier[identifier] = n
            }
        }
        self.byFirstToken = byFirstToken
        self.byKey = byKey
        self.byIdentifier = byIdentifier
    }

    func entry(forKey key: String) -> Int? { byKey[key] }

    /// The watchlist's names that `text` mentions, in watchlist order, each once.
    func names(in text: String) -> [String] {
        guard !entries.isEmpty else { return [] }
        let tokens = Words.plainTokens(text)
        var hit = Set<Int>()
        for i in tokens.indices {
            for (name, entry) in byFirstToken[tokens[i]] ?? [] where !hit.contains(entry) {
                if i + name.count <= tokens.count, zip(name.indices, name).allSatisfy({ tokens[i + $0.0] == $0.1 }) {
                    hit.insert(entry)
                }
            }
        }
        return hit.sorted().map { entries[$0].name }
    }

    /// An identifier as the configuration writes it ("NCT04368728", "doi:10.1136/bmj.n71", "TA943").
    static func identifier(_ text: String) -> Identifier? {
        IdentifierFinder.find(in: text).first ?? IdentifierFinder.find(in: "NICE " + text).first
    }
}

extension WatchedInnovation {
    /// The identifiers the configuration gives that Horizon cannot read, for `config check`.
    public var unreadableIdentifiers: [String] { identifiers.filter { Watchlist.identifier($0) == nil } }
}
