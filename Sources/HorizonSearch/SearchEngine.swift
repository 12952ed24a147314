public import Foundation
public import HorizonCatalogue
import HorizonText

/// The filters every search and export takes besides its query.
public struct SearchFilters: Sendable {
    public var hub: String?
    public var theme: String?
    /// The story's date (published, else updated, else first seen) is at or after this.
    public var since: Date?
    /// The story's date is at or before this.
    public var until: Date?
    /// Horizon first saw the story at or after this.
    public var seenSince: Date?
    /// Horizon first saw the story at or before this.
    public var seenUntil: Date?
    public var feeds: [String] = []
    public var statuses: Set<TriageStatus> = []
    /// Keep items whose best theme score (for `hub` and `theme` when given) is at least this.
    public var minScore: Double?
    /// Keep items whose priority (for `hub` when given, else their best) is at least this.
    public var minPriority: Double?

    public init() {}
}

public enum SearchSort: String, Sendable, CaseIterable {
    /// BM25 relevance blended with recency and theme score (date order when the query has no words).
    case relevance
    /// Newest first.
    case date
}

/// One result.
public struct SearchHit: Sendable {
    /// The item's position in the index (and the catalogue).
    public let doc: Int
    /// The blended rank score, 0...1 (0 when sorted by date).
    public let score: Double
    /// The BM25 relevance of the query's words.
    public let relevance: Double
    /// The item's best theme score within the filters.
    public let themeScore: Double
}

/// Runs queries against the search indexes of a data directory.
public struct SearchEngine {
    public let index: SearchCorpus
    public let triage: TriageLog
    /// Feed titles from the configuration, so `source:` finds "NHS England" as well as `nhs-england`.
    public var feedTitles: [String: String]

    /// BM25 parameters: title words count three times summary words.
    static let k1 = 1.2
    static let b = 0.75
    static let titleWeight = 3.0
    /// Recency halves every 60 days, counted back from the newest item.
    static let recencyHalfLife = 60.0 * 86_400
    static let weights = (relevance: 0.75, recency: 0.15, theme: 0.10)

    public init(index: SearchCorpus, triage: TriageLog, feedTitles: [String: String] = [:]) {
        self.index = index
        self.triage = triage
        self.feedTitles = feedTitles
    }

    public func search(_ query: QueryNode, filters: SearchFilters, sort: SearchSort, limit: Int?)
        throws(QuerySyntaxError) -> [SearchHit]
    {
        var scores = [Double](repeating: 0, count: index.docCount)
        let stemmer = Stemmer()
        var matched = try evaluate(query, negated: false, scores: &scores, stemmer: stemmer)
        matched.formIntersection(try filterSet(filters))

        var hits: [SearchHit] = []
        var bestRelevance = 0.0
        var bestTheme = 0.0
        let scope = MatchScope(filters, index: index)
        matched.forEachMember { doc in
            let themeScore = bestScore(doc, in: scope) ?? 0
            bestRelevance = max(bestRelevance, scores[doc])
            bestTheme = max(bestTheme, themeScore)
            hits.append(SearchHit(doc: doc, score: 0, relevance: scores[doc], themeScore: themeScore))
        }
        if sort == .relevance && query.hasText {
            let newest = Double(index.newest)
            hits = hits.map { hit in
                let age = max(0, newest - Double(index.date(hit.doc)))
                let recency = pow(0.5, age / SearchEngine.recencyHalfLife)
                let score =
                    SearchEngine.weights.relevance * (bestRelevance > 0 ? hit.relevance / bestRelevance : 0)
                    + SearchEngine.weights.recency * recency
                    + SearchEngine.weights.theme * (bestTheme > 0 ? hit.themeScore / bestTheme : 0)
                return SearchHit(doc: hit.doc, score: score, relevance: hit.relevance, themeScore: hit.themeScore)
            }
            hits = sorted(hits) { a, b in a.score != b.score ? a.score > b.score : nil }
        } else {
            hits = sorted(hits) { _, _ in nil }
        }
        if let limit, hits.count > limit { hits.removeSubrange(limit...) }
        return hits
    }

    /// `hits` in the order `first` gives, then newest first, then in item order. Each item's date is
    /// read once (reading it goes through the item's segment).
    private func sorted(_ hits: [SearchHit], by first: (SearchHit, SearchHit) -> Bool?) -> [SearchHit] {
        var keyed = hits.map { (hit: $0, date: index.date($0.doc)) }
        keyed.sort { a, b in
            if let decided = first(a.hit, b.hit) { return decided }
            return a.date != b.date ? a.date > b.date : a.hit.doc < b.hit.doc
        }
        return keyed.map(\.hit)
    }

    // MARK: Query terms

    func evaluate(_ node: QueryNode, negated: Bool, scores: inout [Double], stemmer: Stemmer) throws(QuerySyntaxError)
        -> Bitset
    {
        switch node {
        case .all:
            return everything()
        case .word(let word, let prefix, let titleOnly):
            var set = Bitset(count: index.docCount, full: false)
            for term in terms(word, prefix: prefix, stemmer: stemmer) {
                let postings = index.postings(term)
                let idf = idf(postings.docs.count)
                for i in postings.docs.indices {
                    if titleOnly && postings.titleFrequency[i] == 0 { continue }
                    let doc = Int(postings.docs[i])
                    set.insert(doc)
                    if !negated {
                        scores[doc] += bm25(
                            doc, idf: idf, inTitle: Int(postings.titleFrequency[i]),
                            inSummary: titleOnly ? 0 : Int(postings.summaryFrequency[i]))
                    }
                }
            }
            return set
        case .phrase(let words, let titleOnly):
            return phrase(words, titleOnly: titleOnly, negated: negated, scores: &scores, stemmer: stemmer)
        case .field(let name, let value):
            return try field(name, value)
        case .and(let nodes):
            var set = Bitset(count: index.docCount, full: true)
            for node in nodes {
                set.formIntersection(try evaluate(node, negated: negated, scores: &scores, stemmer: stemmer))
            }
            return set
        case .or(let nodes):
            var set = Bitset(count: index.docCount, full: false)
            for node in nodes { set.formUnion(try evaluate(node, negated: negated, scores: &scores, stemmer: stemmer)) }
            return set
        case .not(let inner):
            var set = Bitset(count: index.docCount, full: true)
            set.subtract(try evaluate(inner, negated: !negated, scores: &scores, stemmer: stemmer))
            return set
        }
    }

    /// The index terms a query word stands for: its stem, or every stem that begins with it for `word*`.
    func terms(_ word: String, prefix: Bool, stemmer: Stemmer) -> [String] {
        let stem = stemmer.stem(lowerWord: word)
        guard prefix else { return index.hasTerm(stem) ? [stem] : [] }
        var found = index.terms(prefix: word)
        if stem != word { found += index.terms(prefix: stem).filter { !found.contains($0) } }
        return found
    }

    func idf(_ documentFrequency: Int) -> Double {
        let n = Double(index.docCount)
        let df = Double(documentFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    func bm25(_ doc: Int, idf: Double, inTitle: Int, inSummary: Int) -> Double {
        let titleNorm =
            1 - SearchEngine.b + SearchEngine.b * Double(index.titleLength(doc)) / max(1, index.averageTitle)
        let summaryNorm =
            1 - SearchEngine.b + SearchEngine.b * Double(index.summaryLength(doc)) / max(1, index.averageSummary)
        let tf = SearchEngine.titleWeight * Double(inTitle) / titleNorm + Double(inSummary) / summaryNorm
        return idf * tf * (SearchEngine.k1 + 1) / (tf + SearchEngine.k1)
    }

    func phrase(_ words: [String], titleOnly: Bool, negated: Bool, scores: inout [Double], stemmer: Stemmer) -> Bitset {
        var set = Bitset(count: index.docCount, full: false)
        var lists: [Postings] = []
        for word in words {
            let stem = stemmer.stem(lowerWord: word)
            guard index.hasTerm(stem) else { return set }
            lists.append(index.postings(stem))
        }
        // Walk the rarest list; find each of its items in the others.
        let rarest = lists.indices.min { lists[$0].docs.count < lists[$1].docs.count }!
        let idfs = lists.map { idf($0.docs.count) }
        for i in lists[rarest].docs.indices {
            let doc = lists[rarest].docs[i]
            var rows: [Int] = []
            for list in lists {
                guard let row = find(doc, in: list.docs) else { break }
                rows.append(row)
            }
            guard rows.count == lists.count else { continue }
            let inTitle = follows(lists, rows) { $0.titlePositions($1) }
            let inSummary = !titleOnly && follows(lists, rows) { $0.summaryPositions($1) }
            guard inTitle || inSummary else { continue }
            set.insert(Int(doc))
            if !negated {
                for (k, list) in lists.enumerated() {
                    scores[Int(doc)] += bm25(
                        Int(doc), idf: idfs[k], inTitle: Int(list.titleFrequency[rows[k]]),
                        inSummary: titleOnly ? 0 : Int(list.summaryFrequency[rows[k]]))
                }
            }
        }
        return set
    }

    /// Whether the words appear one after another in one field.
    private func follows(_ lists: [Postings], _ rows: [Int], positions: (Postings, Int) -> ArraySlice<UInt16>) -> Bool {
        let first = positions(lists[0], rows[0])
        for start in first {
            var all = true
            for k in 1..<lists.count where !positions(lists[k], rows[k]).contains(start &+ UInt16(k)) {
                all = false
                break
            }
            if all { return true }
        }
        return false
    }

    private func find(_ doc: UInt32, in docs: [UInt32]) -> Int? {
        var low = 0
        var high = docs.count
        while low < high {
            let mid = (low + high) / 2
            if docs[mid] < doc { low = mid + 1 } else { high = mid }
        }
        return low < docs.count && docs[low] == doc ? low : nil
    }

    // MARK: Fields and filters

    func field(_ name: String, _ value: String) throws(QuerySyntaxError) -> Bitset {
        let lower = value.lowercased()
        switch name {
        case "source", "feed":
            let feeds = Set(
                index.feeds.indices.filter { i in
                    let id = index.feeds[i].lowercased()
                    if name == "feed" { return id == lower }
                    return id.contains(lower) || (feedTitles[index.feeds[i]]?.lowercased().contains(lower) ?? false)
                })
            return docs { doc in index.feedIndexes(doc).contains { feeds.contains($0) } }
        case "theme", "hub":
            let names = name == "theme" ? index.themes : index.hubs
            guard let wanted = names.firstIndex(where: { $0.lowercased() == lower }) else {
                return Bitset(count: index.docCount, full: false)
            }
            return docs { doc in
                var found = false
                index.forEachMatch(doc) { hub, theme, _ in if (name == "theme" ? theme : hub) == wanted { found = true }
                }
                return found
            }
        case "status":
            guard let status = TriageStatus.parse(value) else {
                throw QuerySyntaxError(message: "status:\(value): expected one of \(TriageStatus.names)")
            }
            return statusSet([status])
        default:
            throw QuerySyntaxError(
                message: "\(name): is not a field (fields: \(QueryParser.fields.sorted().joined(separator: ", ")))")
        }
    }

    func docs(where predicate: (Int) -> Bool) -> Bitset {
        var set = Bitset(count: index.docCount, full: false)
        for doc in 0..<index.docCount where predicate(doc) { set.insert(doc) }
        return set
    }

    /// The items whose triage status is one of `statuses`.
    func statusSet(_ statuses: Set<TriageStatus>) -> Bitset {
        let decided = triage.decidedItems
        var set = Bitset(count: index.docCount, full: statuses.contains(.new))
        guard !decided.isEmpty else { return set }
        for doc in 0..<index.docCount {
            let id = index.id(doc)
            guard decided.contains(id) else { continue }
            if statuses.contains(triage.status(of: id)) { set.insert(doc) } else { set.remove(doc) }
        }
        return set
    }

    /// The matches a search's filters count: a hub and a theme, as indexes into `hubs` and `themes`
    /// (-1 for a name the index does not know, which nothing matches).
    struct MatchScope {
        let hub: Int?
        let theme: Int?

        init(_ filters: SearchFilters, index: SearchCorpus) {
            hub = filters.hub.map { index.hubs.firstIndex(of: $0) ?? -1 }
            theme = filters.theme.map { index.themes.firstIndex(of: $0) ?? -1 }
        }

        var isEverything: Bool { hub == nil && theme == nil }
    }

    /// The item's best theme score among the matches in scope; nil when none is.
    func bestScore(_ doc: Int, in scope: MatchScope) -> Double? {
        var best: Double?
        index.forEachMatch(doc) { hub, theme, score in
            if let wanted = scope.hub, hub != wanted { return }
            if let wanted = scope.theme, theme != wanted { return }
            best = max(best ?? score, score)
        }
        return best
    }

    /// Every item, less those superseded by a later copy.
    func everything() -> Bitset {
        var set = Bitset(count: index.docCount, full: true)
        set.subtract(index.superseded)
        return set
    }

    func filterSet(_ filters: SearchFilters) throws(QuerySyntaxError) -> Bitset {
        var set = everything()
        if !filters.statuses.isEmpty { set.formIntersection(statusSet(filters.statuses)) }
        let since = filters.since.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        let until = filters.until.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        let seenSince = filters.seenSince.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        let seenUntil = filters.seenUntil.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        let feeds = Set(filters.feeds.compactMap { index.feeds.firstIndex(of: $0) })
        let scope = MatchScope(filters, index: index)
        let needsMatches = !scope.isEverything || filters.minScore != nil || filters.minPriority != nil
        // Nothing more to check: no pass over the items.
        let dated = since != nil || until != nil || seenSince != nil || seenUntil != nil
        guard dated || !filters.feeds.isEmpty || needsMatches else { return set }
        for doc in 0..<index.docCount where set.contains(doc) {
            var keep = true
            if let since, index.date(doc) < since { keep = false }
            if keep, let until, index.date(doc) > until { keep = false }
            if keep, let seenSince, index.firstSeen(doc) < seenSince { keep = false }
            if keep, let seenUntil, index.firstSeen(doc) > seenUntil { keep = false }
            if keep, !filters.feeds.isEmpty, !index.feedIndexes(doc).contains(where: { feeds.contains($0) }) {
                keep = false
            }
            if keep, needsMatches {
                guard let best = bestScore(doc, in: scope), best >= (filters.minScore ?? 0) else {
                    set.remove(doc)
                    continue
                }
                if let floor = filters.minPriority, (index.priority(doc, hub: scope.hub) ?? 0) < floor {
                    set.remove(doc)
                    continue
                }
            }
            if !keep { set.remove(doc) }
        }
        return set
    }
}

/// A set of item positions.
struct Bitset {
    var words: [UInt64]
    let count: Int

    init(count: Int, full: Bool) {
        self.count = count
        words = [UInt64](repeating: full ? ~0 : 0, count: (count + 63) / 64)
        if full, count % 64 != 0 { words[words.count - 1] = (1 << UInt64(count % 64)) - 1 }
    }

    @inline(__always) func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    var memberCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
    @inline(__always) mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    @inline(__always) mutating func remove(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }

    mutating func formIntersection(_ other: Bitset) {
        for i in words.indices { words[i] &= other.words[i] }
    }

    mutating func formUnion(_ other: Bitset) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    mutating func subtract(_ other: Bitset) {
        for i in words.indices { words[i] &= ~other.words[i] }
    }

    func forEachMember(_ body: (Int) -> Void) {
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                body(w << 6 + bit)
                bits &= bits - 1
            }
        }
    }
}

extension SearchEngine {
    /// `search`, with an error that quotes the query as the user typed it.
    public func search(
        _ query: QueryNode, filters: SearchFilters, sort: SearchSort, limit: Int?, query text: String
    ) throws(QuerySyntaxError) -> [SearchHit] {
        do {
            return try search(query, filters: filters, sort: sort, limit: limit)
        } catch {
            throw QuerySyntaxError(message: "query \"\(text)\": \(error.message)")
        }
    }
}
