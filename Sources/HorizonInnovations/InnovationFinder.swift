public import Foundation
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

/// A story as `horizon identify --file` reads it.
public struct LooseStory: Sendable {
    public var id: String
    public var title: String
    public var summary: String
    public var link: String
    public var date: Date?

    public init(id: String, title: String, summary: String, link: String, date: Date?) {
        self.id = id
        self.title = title
        self.summary = summary
        self.link = link
        self.date = date
    }
}

/// What `identify` reports for one story: its identifiers, the innovation records it belongs to
/// (grouped with the other stories given), and its stage.
public struct IdentifiedStory: Sendable, Equatable {
    public var id: String
    public var identifiers: [Identifier]
    public var innovations: [String]
    public var stage: LifecycleStage
}

extension InnovationFinder {
    /// Reads each story, then groups them all as a run groups the catalogue's.
    public func identify(_ stories: [LooseStory]) -> [IdentifiedStory] {
        let epoch = Date(timeIntervalSince1970: 0)
        let readings = stories.map { read(title: $0.title, summary: $0.summary, link: $0.link) }
        let known = KnownNames(readings.flatMap(\.innovations))
        let items = zip(stories, readings).map { story, reading -> Item in
            var item = Item(
                id: story.id, title: story.title, link: story.link, summary: story.summary, published: story.date,
                firstSeen: story.date ?? epoch, lastSeen: story.date ?? epoch,
                sources: [ItemSource(feed: "file", link: story.link, guid: nil, firstSeen: story.date ?? epoch)])
            item.identifiers = reading.identifiers
            item.innovations = adding(known, to: reading.innovations, title: story.title, summary: story.summary)
            item.stage = reading.stage
            return item
        }
        var records: [String: [String]] = [:]
        for record in InnovationGrouping.group(items, watchlist: watchlist.entries) {
            for story in record.items { records[story.id, default: []].append(record.name) }
        }
        return items.map { item in
            // The story's own names first, in its order; records it joined by an identifier after.
            let own = (item.innovations ?? []).map { Words.key(InnovationGrouping.split($0).0) }
            let names = (records[item.id] ?? []).sorted { a, b in
                let (ia, ib) = (
                    own.firstIndex(of: Words.key(a)) ?? Int.max, own.firstIndex(of: Words.key(b)) ?? Int.max
                )
                return ia < ib || (ia == ib && a < b)
            }
            return IdentifiedStory(
                id: item.id, identifiers: item.identifiers ?? [], innovations: names, stage: item.stage ?? .other)
        }
    }
}

/// Names already known from other stories (found there by how they were introduced), looked for in
/// stories that use them bare ("Brain in Hand rolled out in Wirral"): written with the same tokens
/// and the same case of first letter.
public struct KnownNames: Sendable {
    /// Each name's tokens and whether it begins with a capital, by its first token.
    var byFirstToken: [String: [(tokens: [String], capital: Bool, name: String)]] = [:]

    public init(_ names: some Sequence<String>) {
        var seen = Set<String>()
        for written in names {
            let (name, alias) = InnovationGrouping.split(written)
            for part in [name, alias].compactMap({ $0 }) {
                let tokens = Words.plainTokens(part)
                guard let first = tokens.first, seen.insert(tokens.joined(separator: " ")).inserted else { continue }
                byFirstToken[first, default: []].append(
                    (tokens, part.first?.isUppercase ?? false, part))
            }
        }
    }

    public var isEmpty: Bool { byFirstToken.isEmpty }

    /// The known names `text` uses.
    func names(in text: String) -> [String] {
        guard !byFirstToken.isEmpty else { return [] }
        var found: [String] = []
        // Each token, whether it begins with a capital, and whether only a space parts it from the one before.
        var tokens: [(String, Bool, Bool)] = []
        var current = ""
        var capital = false
        var gap = ""
        for character in text {
            if character.isLetter || character.isNumber {
                if current.isEmpty { capital = character.isUppercase }
                current.append(character)
            } else if character == "'" || character == "\u{2019}" {
                continue
            } else {
                if !current.isEmpty {
                    tokens.append((current.lowercased(), capital, gap == " "))
                    current = ""
                    gap = ""
                }
                gap.append(character)
            }
        }
        if !current.isEmpty { tokens.append((current.lowercased(), capital, gap == " ")) }
        // The longest known name at each place: "DERM Pathway Manager" is not "DERM".
        var i = 0
        while i < tokens.count {
            var longest: (tokens: [String], capital: Bool, name: String)?
            // A medicine's name (in small letters) is the same name at the start of a sentence.
            for entry in byFirstToken[tokens[i].0] ?? [] where entry.capital == tokens[i].1 || !entry.capital {
                guard i + entry.tokens.count <= tokens.count,
                    zip(entry.tokens.indices, entry.tokens).allSatisfy({ tokens[i + $0.0].0 == $0.1 }),
                    entry.tokens.count > longest?.tokens.count ?? 0
                else { continue }
                longest = entry
            }
            guard let longest else {
                i += 1
                continue
            }
            let end = i + longest.tokens.count
            // "Cera Care" is another name than "Cera".
            let longer = end < tokens.count && tokens[end].1 && tokens[end].2
            if !longer && !found.contains(longest.name) { found.append(longest.name) }
            i = end
        }
        return found
    }
}

extension InnovationFinder {
    /// `reading`'s innovations with the known names its story uses bare.
    public func adding(_ known: KnownNames, to innovations: [String], title: String, summary: String) -> [String] {
        var result = innovations
        var keys = Set(
            innovations.flatMap { written -> [String] in
                let (name, alias) = InnovationGrouping.split(written)
                return [name, alias].compactMap { $0 }.map(Words.key)
            })
        for name in known.names(in: title + "\n" + summary) where keys.insert(Words.key(name)).inserted {
            result.append(name)
        }
        return result
    }
}
