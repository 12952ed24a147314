import Foundation
public import HorizonCore

/// Groups stories into one record per innovation, across feeds, sites and months:
///
/// 1. Every name a story gives (`Item.innovations`) is a key: its letters and digits, lower-cased, so
///    `C the Signs` and `C-the-Signs` are one. A watchlist entry's name and aliases are one record,
///    and so are a name and the brand or short form in brackets after it ("tirzepatide (Mounjaro)").
/// 2. A story joins the record of every name it gives.
/// 3. A story that names nothing joins a record through an identifier that record's stories (or its
///    watchlist entry) carry: a trial registration, a paper, an NIHR award, a NICE technology
///    appraisal or briefing. NICE's broad guidelines (NG, CG, QS, PH) cover many innovations and join nothing.
/// 4. Stories that share such an identifier but no named record become a record of their own, named
///    by the identifier, when there are two of them or more.
///
/// A record's id comes from its watchlist name, or from the first name it was seen under, so it
/// stays the same from run to run and through `innovations rebuild`.
public enum InnovationGrouping {
    public static func group(_ items: [Item], watchlist: [WatchedInnovation] = []) -> [Innovation] {
        let watch = Watchlist(watchlist)
        var keys = KeyTable()
        // Watchlist entries first: their names and aliases are one key set each.
        var watchRoot: [Int] = []
        for entry in watchlist {
            let names = ([entry.name] + entry.aliases).map(Words.key).filter { !$0.isEmpty }
            let first = keys.number(Words.key(entry.name))
            for name in names { keys.union(first, keys.number(name)) }
            watchRoot.append(first)
        }
        // Each item's names, and the aliases in brackets.
        var itemKeys = [[Int]](repeating: [], count: items.count)
        var surface: [Int: [String: Int]] = [:]
        var aliasSurface: [Int: Set<String>] = [:]
        var firstSeen: [Int: (Date, String)] = [:]
        // Each story is read in place: a copy would retain every field of it.
        for n in items.indices {
            let date = items[n].date
            for written in items[n].innovations ?? [] {
                let (name, alias) = split(written)
                let key = Words.key(name)
                guard !key.isEmpty else { continue }
                let number = keys.number(key)
                if let alias, !Words.key(alias).isEmpty { keys.union(number, keys.number(Words.key(alias))) }
                itemKeys[n].append(number)
                surface[number, default: [:]][name, default: 0] += 1
                if let alias { aliasSurface[keys.number(Words.key(alias)), default: []].insert(alias) }
                let seen = (date, key)
                if let earlier = firstSeen[number], earlier <= seen { continue }
                firstSeen[number] = seen
            }
        }
        // Identifiers: which record each one belongs to.
        var owner: [Identifier: [Int: Int]] = [:]
        for (identifier, entry) in watch.byIdentifier {
            owner[identifier, default: [:]][watchRoot[entry]] = Int.max / 2
        }
        for n in items.indices where !itemKeys[n].isEmpty {
            for identifier in (items[n].identifiers ?? []) where joins(identifier) {
                for key in Set(itemKeys[n].map { keys.root($0) }) {
                    owner[identifier, default: [:]][key, default: 0] += 1
                }
            }
        }
        var members: [Int: [Int]] = [:]
        var byIdentifierOnly: [Identifier: [Int]] = [:]
        for n in items.indices {
            // Most stories name no innovation and hold no identifier: they make no set.
            guard !itemKeys[n].isEmpty || !(items[n].identifiers ?? []).isEmpty else { continue }
            var roots = Set(itemKeys[n].map { keys.root($0) })
            if roots.isEmpty {
                for identifier in (items[n].identifiers ?? []) where joins(identifier) {
                    if let counts = owner[identifier],
                        let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })
                    {
                        roots.insert(keys.root(best.key))
                    }
                }
            }
            if roots.isEmpty, let identifier = (items[n].identifiers ?? []).first(where: joins) {
                byIdentifierOnly[identifier, default: []].append(n)
            }
            for root in roots { members[root, default: []].append(n) }
        }
        // Records.
        var records: [Innovation] = []
        var groups: [Int: [Int]] = [:]
        for key in 0..<keys.keys.count { groups[keys.root(key), default: []].append(key) }
        let watchedRoots = Dictionary(watchRoot.enumerated().map { (keys.root($0.element), $0.offset) }) { a, _ in a }
        for (root, indexes) in members {
            let group = groups[root] ?? [root]
            var names: [String: Int] = [:]
            for key in group { for (name, count) in surface[key] ?? [:] { names[name, default: 0] += count } }
            let watched = watchedRoots[root].map { watchlist[$0] }
            let earliest = group.compactMap { firstSeen[$0] }.min { $0 < $1 }
            let idKey = watched.map { Words.key($0.name) } ?? earliest?.1 ?? keys.key(root)
            let byUse = names.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map(\.key)
            let name =
                watched?.name ?? byUse.first ?? group.compactMap({ aliasSurface[$0]?.min() }).first ?? keys.key(root)
            var aliases = byUse.filter { $0 != name }
            for alias in group.flatMap({ aliasSurface[$0] ?? [] }).sorted()
            where alias != name && !aliases.contains(alias) {
                aliases.append(alias)
            }
            for alias in watched?.aliases ?? [] where alias != name && !aliases.contains(alias) {
                aliases.append(alias)
            }
            var identifiers = (watched?.identifiers ?? []).compactMap(Watchlist.identifier)
            records.append(
                record(
                    id: id(idKey), name: name, aliases: aliases, identifiers: &identifiers, watched: watched != nil,
                    items: items, indexes: indexes))
        }
        for (identifier, indexes) in byIdentifierOnly where indexes.count >= 2 {
            var identifiers: [Identifier] = []
            records.append(
                record(
                    id: id("id:" + identifier.value), name: identifier.value, aliases: [], identifiers: &identifiers,
                    watched: false, items: items, indexes: indexes))
        }
        // Watchlist entries with no story yet are not records: there is nothing to show.
        return records.sorted { $0.lastSeen > $1.lastSeen || ($0.lastSeen == $1.lastSeen && $0.id < $1.id) }
    }

    /// The record of the stories at `indexes` in `items` (read in place, not copied).
    static func record(
        id: String, name: String, aliases: [String], identifiers: inout [Identifier], watched: Bool, items: [Item],
        indexes: [Int]
    ) -> Innovation {
        let sorted = indexes.sorted {
            items[$0].date < items[$1].date || (items[$0].date == items[$1].date && items[$0].id < items[$1].id)
        }
        var sites = Set<String>()
        var themes: [String: Int] = [:]
        var stories: [Innovation.Story] = []
        for index in sorted {
            let item = items[index]
            let itemSites = Array(Set(item.sources.map { site($0.link) } + [site(item.link)]).filter { !$0.isEmpty })
                .sorted()
            sites.formUnion(itemSites)
            for match in item.matches { themes["\(match.hub)/\(match.theme)", default: 0] += 1 }
            for identifier in item.identifiers ?? [] where !identifiers.contains(identifier) {
                identifiers.append(identifier)
            }
            stories.append(
                Innovation.Story(
                    id: item.id, title: item.title, link: item.link, date: item.date, stage: item.stage ?? .other,
                    sites: itemSites))
        }
        let stage = stories.last { $0.stage != .other }?.stage ?? .other
        return Innovation(
            id: id, name: name, aliases: aliases, identifiers: identifiers, stage: stage,
            firstSeen: stories.first?.date ?? Date(timeIntervalSince1970: 0),
            lastSeen: stories.last?.date ?? Date(timeIntervalSince1970: 0), publishers: sites.count,
            themes: themes.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map(\.key),
            watched: watched, items: stories)
    }

    /// `records` with the stories of `previous` records that are no longer among the `active` stories
    /// (gone to the archive): each joins the record with the same id, or keeps its old record when no
    /// active story is left in it.
    public static func carryOver(_ previous: [Innovation], into records: [Innovation], active: Set<String>)
        -> [Innovation]
    {
        var byID = Dictionary(records.map { ($0.id, $0) }) { a, _ in a }
        for old in previous {
            let archived = old.items.filter { !active.contains($0.id) }
            guard !archived.isEmpty else { continue }
            var record = byID[old.id] ?? old
            if byID[old.id] == nil {
                record.items = []
            }
            let present = Set(record.items.map(\.id))
            record.items += archived.filter { !present.contains($0.id) }
            record.items.sort { $0.date < $1.date || ($0.date == $1.date && $0.id < $1.id) }
            for identifier in old.identifiers where !record.identifiers.contains(identifier) {
                record.identifiers.append(identifier)
            }
            for theme in old.themes where !record.themes.contains(theme) { record.themes.append(theme) }
            for alias in old.aliases where alias != record.name && !record.aliases.contains(alias) {
                record.aliases.append(alias)
            }
            record.firstSeen = record.items.first?.date ?? record.firstSeen
            record.lastSeen = record.items.last?.date ?? record.lastSeen
            record.publishers = Set(record.items.flatMap(\.sites)).count
            record.stage = record.items.last { $0.stage != .other }?.stage ?? .other
            byID[old.id] = record
        }
        return byID.values.sorted { $0.lastSeen > $1.lastSeen || ($0.lastSeen == $1.lastSeen && $0.id < $1.id) }
    }

    /// "tirzepatide (Mounjaro)" → ("tirzepatide", "Mounjaro").
    static func split(_ written: String) -> (String, String?) {
        guard written.hasSuffix(")"), let open = written.lastIndex(of: "("), open > written.startIndex else {
            return (written, nil)
        }
        let name = written[..<open].trimmingCharacters(in: .whitespaces)
        let alias = written[written.index(after: open)..<written.index(before: written.endIndex)]
        return (name, String(alias))
    }

    /// Whether stories that share `identifier` are about one innovation.
    static func joins(_ identifier: Identifier) -> Bool {
        guard identifier.type == .nice else { return true }
        return !["NG", "CG", "QS", "PH"].contains { identifier.value.hasPrefix($0) }
    }

    /// A site: the host of a link, without `www.`.
    static func site(_ link: String) -> String {
        guard let host = URLComponents(string: link)?.host?.lowercased() else { return "" }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// `inv-` and 8 hex digits of the key's hash.
    public static func id(_ key: String) -> String {
        let hex = String(FNV1a.hash(key.utf8) >> 32, radix: 16)
        return "inv-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Name keys with a union-find over them.
    struct KeyTable {
        var numbers: [String: Int] = [:]
        var keys: [String] = []
        var parent: [Int] = []

        mutating func number(_ key: String) -> Int {
            if let number = numbers[key] { return number }
            numbers[key] = keys.count
            keys.append(key)
            parent.append(keys.count - 1)
            return keys.count - 1
        }

        mutating func root(_ n: Int) -> Int {
            var n = n
            while parent[n] != n {
                parent[n] = parent[parent[n]]
                n = parent[n]
            }
            return n
        }

        /// Joins two sets; the older key's root stays the root.
        mutating func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }

        func key(_ n: Int) -> String { keys[n] }
    }
}
