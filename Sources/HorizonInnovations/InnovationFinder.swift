public import Foundation
public import HorizonCore

/// What Horizon reads in one story on the way to innovations: its identifiers, the innovations it
/// names (the watchlist's, under their own names, and names found in the text), and its stage.
public struct StoryReading: Sendable, Equatable {
    public var identifiers: [Identifier]
    /// Names, with a brand or short form in brackets when the story gave one ("tirzepatide (Mounjaro)").
    public var innovations: [String]
    public var stage: LifecycleStage
    /// The words a known name could begin with: the hash of their first token (as `KnownNames`
    /// reads it) and where they are. A second reading looks for known names only there.
    var starts: [NameStart] = []
}

/// A word a known name could begin with.
struct NameStart: Sendable, Equatable {
    var hash: UInt64
    /// Its first byte in the title or the summary.
    var offset: Int32
    var inTitle: Bool
}

/// Reads stories with one watchlist and one set of place names.
public struct InnovationFinder: Sendable {
    let names: InnovationNames
    let watchlist: Watchlist
    /// The first tokens of the watchlist's names and aliases.
    let watchFirstTokens: Set<String>
    /// Their FNV-1a hashes, which each word carries.
    let watchFirstHashes: WordHashes

    public init(watchlist: [WatchedInnovation] = [], places: [String] = []) {
        names = InnovationNames(places: places)
        self.watchlist = Watchlist(watchlist)
        watchFirstTokens = Set(watchlist.flatMap { [$0.name] + $0.aliases }.compactMap { Words.plainTokens($0).first })
        watchFirstHashes = WordHashes(watchFirstTokens)
    }

    /// The watchlist it reads with.
    public var watchlistEntries: [WatchedInnovation] { watchlist.entries }

    public init(config: HorizonConfig) {
        self.init(watchlist: config.innovations, places: config.hubs.flatMap(\.places))
    }

    public func read(title: String, summary: String, link: String) -> StoryReading {
        let identifiers = IdentifierFinder.find(in: [title, summary, link])
        let (titleWords, summaryWords) = (Words(title), Words(summary, limit: 1_000))
        return StoryReading(
            identifiers: identifiers,
            innovations: innovations(title: title, summary: summary, words: (titleWords, summaryWords)),
            stage: StageReader.stage(title: titleWords, summary: summaryWords, identifiers: identifiers),
            starts: nameStarts(title: titleWords, summary: summaryWords))
    }

    /// The words of a story a known name could begin with.
    func nameStarts(title: Words, summary: Words) -> [NameStart] {
        var starts: [NameStart] = []
        for (words, inTitle) in [(title, true), (summary, false)] {
            for word in words.words {
                // Known names begin with a capital or are medicines; the watchlist's may be in any case.
                var hash: UInt64?
                if word.capitalized || word.innerCapital || InnovationNames.isMedicine(word) {
                    hash = word.firstTokenHash
                } else if watchFirstHashes.contains(hash: word.hash) {
                    hash = word.hash
                } else if !watchFirstHashes.isEmpty && word.hasHyphen {
                    let first = word.firstTokenHash
                    if watchFirstHashes.contains(hash: first) { hash = first }
                }
                if let hash { starts.append(NameStart(hash: hash, offset: word.start, inTitle: inTitle)) }
            }
        }
        return starts
    }

    /// `reading`'s innovations with the watchlist's and the known names its story uses (read again
    /// only when a word it has could begin one).
    public func adding(_ known: KnownNames, to reading: StoryReading, title: String, summary: String) -> [String] {
        adding(known, to: reading.innovations, starts: reading.starts, title: title, summary: summary)
    }

    /// `innovations` with the watchlist's and the known names the story uses, read afresh.
    public func adding(_ known: KnownNames, to innovations: [String], title: String, summary: String) -> [String] {
        let starts = nameStarts(title: Words(title), summary: Words(summary, limit: 1_000))
        return adding(known, to: innovations, starts: starts, title: title, summary: summary)
    }

    /// The known names that begin at `starts`, in the few words from each (a name is at most a few words long).
    private func adding(
        _ known: KnownNames, to innovations: [String], starts: [NameStart], title: String, summary: String
    ) -> [String] {
        var result = innovations
        var keys: Set<String>?
        for start in starts where known.firstTokenHashes.contains(hash: start.hash) {
            let text = (start.inTitle ? title : summary).utf8
            let from = text.index(text.startIndex, offsetBy: Int(start.offset))
            let window = String(decoding: text[from...].prefix(120), as: UTF8.self)
            if keys == nil {
                keys = Set(
                    result.flatMap { written -> [String] in
                        let (name, alias) = InnovationGrouping.split(written)
                        return [name, alias].compactMap { $0 }.map(Words.key)
                    })
            }
            if let name = known.name(startingAt: window), keys!.insert(Words.key(name)).inserted { result.append(name) }
        }
        return result
    }

    /// The innovations one story names: names found in it, then the watchlist's.
    public func innovations(title: String, summary: String) -> [String] {
        let (titleWords, summaryWords) = (Words(title), Words(summary, limit: 1_000))
        return adding(
            KnownNames(watchlist: watchlist.entries, []),
            to: innovations(title: title, summary: summary, words: (titleWords, summaryWords)),
            starts: nameStarts(title: titleWords, summary: summaryWords), title: title, summary: summary)
    }

    /// The names found in a story (the watchlist's names and names known from other stories are
    /// added by `adding`, which reads every story again).
    func innovations(title: String, summary: String, words: (Words, Words)) -> [String] {
        var result: [String] = []
        var keys = Set<String>()
        let found = names.find(title: words.0, summary: words.1)
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
    let byKey: [String: Int]
    let byIdentifier: [Identifier: Int]

    init(_ entries: [WatchedInnovation]) {
        self.entries = entries
        var byKey: [String: Int] = [:]
        var byIdentifier: [Identifier: Int] = [:]
        for (n, entry) in entries.enumerated() {
            for name in [entry.name] + entry.aliases {
                let key = Words.key(name)
                if !key.isEmpty && byKey[key] == nil { byKey[key] = n }
            }
            for identifier in entry.identifiers.compactMap(Watchlist.identifier) where byIdentifier[identifier] == nil {
                byIdentifier[identifier] = n
            }
        }
        self.byKey = byKey
        self.byIdentifier = byIdentifier
    }

    func entry(forKey key: String) -> Int? { byKey[key] }

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
        let known = KnownNames(watchlist: watchlist.entries, readings.flatMap(\.innovations))
        let items = zip(stories, readings).map { story, reading -> Item in
            var item = Item(
                id: story.id, title: story.title, link: story.link, summary: story.summary, published: story.date,
                firstSeen: story.date ?? epoch, lastSeen: story.date ?? epoch,
                sources: [ItemSource(feed: "file", link: story.link, guid: nil, firstSeen: story.date ?? epoch)])
            item.identifiers = reading.identifiers
            item.innovations = adding(known, to: reading, title: story.title, summary: story.summary)
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
    /// Each name's tokens, whether it begins with a capital (nil: any case, for the watchlist's names),
    /// and the name it stands for, by its first token.
    var byFirstToken: [String: [(tokens: [String], capital: Bool?, name: String)]] = [:]

    /// The watchlist's names and aliases (in any case, each standing for its entry's name), then `names`.
    public init(watchlist: [WatchedInnovation] = [], _ names: some Sequence<String>) {
        var seen = Set<String>()
        for entry in watchlist {
            for part in [entry.name] + entry.aliases {
                let tokens = Words.plainTokens(part)
                guard let first = tokens.first, seen.insert(tokens.joined(separator: " ")).inserted else { continue }
                byFirstToken[first, default: []].append((tokens, nil, entry.name))
            }
        }
        for written in names {
            let (name, alias) = InnovationGrouping.split(written)
            for part in [name, alias].compactMap({ $0 }) {
                let tokens = Words.plainTokens(part)
                guard let first = tokens.first, seen.insert(tokens.joined(separator: " ")).inserted else { continue }
                byFirstToken[first, default: []].append(
                    (tokens, part.first?.isUppercase ?? false, part))
            }
        }
        firstTokenHashes = WordHashes(byFirstToken.keys)
        longestName = byFirstToken.values.lazy.flatMap { $0 }.map(\.tokens.count).max() ?? 0
    }

    /// The most tokens a known name has: a story's text is read that far, and one token more.
    private var longestName = 0

    /// The hashes of the tokens a known name begins with.
    private(set) var firstTokenHashes = WordHashes([String]())

    /// The longest known name `text` begins with: "DERM Pathway Manager" is not "DERM", and "Cera
    /// Care" (a capitalised word right after) is another name than "Cera" (the watchlist's names
    /// stand as they are).
    func name(startingAt text: String) -> String? {
        let tokens = Words.PlainToken.read(text, limit: 240, tokens: longestName + 1)
        guard let first = tokens.first else { return nil }
        var longest: (tokens: [String], capital: Bool?, name: String)?
        // A medicine's name (in small letters) is the same name at the start of a sentence.
        for entry in byFirstToken[first.text] ?? [] where entry.capital.map({ $0 == first.capital || !$0 }) ?? true {
            guard entry.tokens.count <= tokens.count,
                zip(entry.tokens.indices, entry.tokens).allSatisfy({ tokens[$0.0].text == $0.1 }),
                entry.tokens.count > longest?.tokens.count ?? 0
            else { continue }
            longest = entry
        }
        guard let longest else { return nil }
        let end = longest.tokens.count
        let longer = longest.capital != nil && end < tokens.count && tokens[end].capital && tokens[end].afterSpace
        return longer ? nil : longest.name
    }
}
