import Foundation
import HorizonCore
import HorizonText

extension SearchEngine {
    /// Why a search found nothing, in lines a person acts on: a word no item has (with the nearest
    /// words the index holds), words that each match but never together, or the first filter that
    /// leaves none of the items the words match.
    public func whyEmpty(_ query: QueryNode, filters: SearchFilters, filterNames: [String: String]) -> [String] {
        let stemmer = Stemmer()
        var lines: [String] = []
        var counts: [(String, Int)] = []
        for word in query.positiveWords {
            let found = terms(word, prefix: false, stemmer: stemmer)
            if found.isEmpty {
                let near = nearestWords(to: word, stemmer: stemmer)
                let hint =
                    near.isEmpty ? "" : "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
                lines.append("no item has the word \"\(word)\"\(hint)")
            } else {
                counts.append((word, found.reduce(0) { $0 + index.postings($1).docs.count }))
            }
        }
        guard lines.isEmpty else { return lines }
        var scores = [Double](repeating: 0, count: index.docCount)
        guard let matched = try? evaluate(query, negated: false, scores: &scores, stemmer: stemmer) else { return [] }
        let total = matched.memberCount
        if total == 0 {
            let each = counts.map { "\"\($0.0)\" \($0.1)" }.joined(separator: ", ")
            return ["the query's words never match together" + (each.isEmpty ? "" : " (items with each: \(each))")]
        }
        // One filter at a time, in the order they are read: the first that leaves none is named.
        for (name, only) in SearchEngine.singleFilters(filters) {
            guard var set = try? filterSet(only) else { continue }
            set.formIntersection(matched)
            if set.memberCount == 0 {
                let what = query.hasText ? "the \(total) item\(total == 1 ? "" : "s") the words match" : "the items"
                return ["\(filterNames[name] ?? name) leaves none of \(what)"]
            }
        }
        return ["the filters together leave none of the \(total) item\(total == 1 ? "" : "s") the words match"]
    }

    /// Each filter of `filters` on its own, named by its option.
    static func singleFilters(_ filters: SearchFilters) -> [(String, SearchFilters)] {
        var result: [(String, SearchFilters)] = []
        func add(_ name: String, _ set: Bool, _ change: (inout SearchFilters) -> Void) {
            guard set else { return }
            var only = SearchFilters()
            change(&only)
            result.append((name, only))
        }
        add("hub", filters.hub != nil && filters.theme == nil) { $0.hub = filters.hub }
        add("theme", filters.theme != nil) {
            $0.hub = filters.hub
            $0.theme = filters.theme
        }
        add("feed", !filters.feeds.isEmpty) { $0.feeds = filters.feeds }
        add("status", !filters.statuses.isEmpty) {
            $0.statuses = filters.statuses
            $0.hub = filters.hub
        }
        add("since", filters.since != nil) { $0.since = filters.since }
        add("until", filters.until != nil) { $0.until = filters.until }
        add("seen-since", filters.seenSince != nil) { $0.seenSince = filters.seenSince }
        add("seen-until", filters.seenUntil != nil) { $0.seenUntil = filters.seenUntil }
        add("min-score", filters.minScore != nil) {
            $0.minScore = filters.minScore
            $0.hub = filters.hub
        }
        add("min-priority", filters.minPriority != nil) {
            $0.minPriority = filters.minPriority
            $0.hub = filters.hub
        }
        return result
    }

    /// The indexed words nearest a word no item has (at most three, the most used first), as
    /// written in a title that holds them when one does.
    func nearestWords(to word: String, stemmer: Stemmer) -> [String] {
        let typed = word.lowercased()
        let stem = stemmer.stem(lowerWord: typed)
        let allowed = typed.count >= 12 ? 3 : typed.count >= 5 ? 2 : 1
        var near: [(stem: String, distance: Int, frequency: Int)] = []
        index.forEachTerm { term, frequency in
            guard abs(term.count - stem.count) <= allowed + 1 else { return }
            let distance = min(
                Suggestion.distance(stem, term), Suggestion.distance(typed, term))
            if distance <= allowed { near.append((term, distance, frequency)) }
        }
        near.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.frequency > $1.frequency }
        return near.prefix(3).map { surfaceWord($0.stem, stemmer: stemmer) }
    }

    /// A word as written that reduces to `stem`, from the titles of the first items that hold it.
    func surfaceWord(_ stem: String, stemmer: Stemmer) -> String {
        let postings = index.postings(stem)
        for doc in postings.docs.prefix(20) {
            for word in TextNormalizer.words(index.title(Int(doc)))
            where TextNormalizer.normalize(word.lowercased()) == stem {
                return word.lowercased()
            }
        }
        return stem
    }
}
