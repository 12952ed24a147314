import Foundation
public import HorizonCore
import HorizonText

/// One theme's verdict on one item, with the reasons.
public struct ThemeHit: Sendable, Equatable {
    public var theme: String
    /// The score from the item's own text (no place boost).
    public var score: Double
    /// Include terms that counted, as written in the configuration, strongest first.
    public var terms: [String]
    public var contributions: [Contribution]
    /// Exclude terms that ruled the theme out, or removed the hits they overlapped.
    public var excluded: [String]
    /// True when an exclude term ruled the whole theme out for this item.
    public var vetoed: Bool
}

/// Scores items against every theme of a configuration, and for every hub.
///
/// - A term matches as a whole word or phrase after normalization (`TextNormalizer`); a
///   case-sensitive term (`{"term": "AI", "caseSensitive": true}`) matches only as written.
/// - Each include term that matched adds `weight × specificity × field`: specificity 1 for a word,
///   1.5 for two words, 2 for longer phrases; field 2 in the title, 1 in the summary, 2.5 in both;
///   repeated mentions add up to half as much again.
/// - An exclude term removes the hits of the include terms it overlaps, wherever they occur
///   ("maternity pay" removes the hit on "maternity", not one on "neonatal"); an exclude term that
///   overlaps no hit is context ("horoscope") and rules the theme out for the item.
/// - A hit inside a longer hit of the same theme counts as part of it. Terms weighted below 1
///   support a match but never make one on their own.
/// - `matching.exclude` terms are context excludes shared by every theme.
/// - Boost terms add to a theme that already has a hit; a hub's place names add `placeBoost`.
/// - A theme matches when its score reaches the threshold (per hub, else `matching.threshold`) and
///   `matching.relativeThreshold` times the item's best theme score.
public struct ThemeMatcher: Sendable {
    enum Kind: Sendable { case include, exclude, boost, place }

    struct Term: Sendable {
        let text: String
        let ids: [Int32]
        /// The words as written; lower-cased for an `exact` term.
        let surface: [String]
        /// Compared word by word as written (case-sensitive) or lower-cased (`exact`), never stemmed.
        let literal: Bool
        let caseSensitive: Bool
        let weight: Double
        let kind: Kind
        /// Theme index, or hub index for a place.
        let owner: Int
    }

    struct Occurrence {
        let term: Int
        let inTitle: Bool
        let start: Int
        let end: Int
    }

    public let config: HorizonConfig
    let terms: [Term]
    let vocabulary: [String: Int32]
    /// Terms by the id of their first word (index: word id).
    let byFirstID: [[Int]]
    /// Literal terms by their first word as written (lower-cased for `exact` terms).
    let byFirstSurface: [String: [Int]]
    /// The first words of literal terms, lower-cased: only texts holding one need their words as written.
    let literalFirstWords: Set<String>

    public init(config: HorizonConfig) {
        self.config = config
        var vocabulary: [String: Int32] = [:]
        var terms: [Term] = []
        var seen = Set<String>()
        func add(_ term: ThemeTerm, _ kind: Kind, _ owner: Int) {
            let words = TextNormalizer.words(term.text)
            guard !words.isEmpty else { return }
            // Terms that normalize alike (vaccine, vaccines) are one term: the first one written counts.
            let form =
                term.caseSensitive
                ? words.joined(separator: " ")
                : (term.exact ? "=" : "")
                    + words.map { TextNormalizer.normalize(TextNormalizer.lower($0)) }.joined(separator: " ")
            guard seen.insert("\(kind)|\(owner)|\(form)").inserted else { return }
            let ids = words.map { word -> Int32 in
                let key = TextNormalizer.normalize(TextNormalizer.lower(word))
                if let id = vocabulary[key] { return id }
                let id = Int32(vocabulary.count)
                vocabulary[key] = id
                return id
            }
            let literal = term.caseSensitive || term.exact
            terms.append(
                Term(
                    text: term.text, ids: ids,
                    surface: term.caseSensitive ? words : words.map { TextNormalizer.lower($0) },
                    literal: literal, caseSensitive: term.caseSensitive, weight: term.weight, kind: kind, owner: owner))
        }
        for (index, theme) in config.themes.enumerated() {
            for term in theme.include { add(term, .include, index) }
            for term in theme.exclude + config.matching.exclude { add(term, .exclude, index) }
            for term in theme.boost { add(term, .boost, index) }
        }
        for (index, hub) in config.hubs.enumerated() {
            for place in hub.places { add(ThemeTerm(place), .place, index) }
        }
        var byFirstID = [[Int]](repeating: [], count: vocabulary.count)
        var byFirstSurface: [String: [Int]] = [:]
        var literalFirstWords = Set<String>()
        for (index, term) in terms.enumerated() {
            if term.literal {
                byFirstSurface[term.surface[0], default: []].append(index)
                literalFirstWords.insert(TextNormalizer.lower(term.surface[0]))
            } else {
                byFirstID[Int(term.ids[0])].append(index)
            }
        }
        self.terms = terms
        self.vocabulary = vocabulary
        self.byFirstID = byFirstID
        self.byFirstSurface = byFirstSurface
        self.literalFirstWords = literalFirstWords
    }

    func makeAnalyzer() -> TextAnalyzer { TextAnalyzer(vocabulary: vocabulary, literalFirstWords: literalFirstWords) }

    /// Every theme the item's text touches (matched, below threshold, or vetoed), best first.
    public func explain(title: String, summary: String) -> [ThemeHit] {
        let analyzer = makeAnalyzer()
        return evaluate(title: title, summary: summary, analyzer: analyzer).hits
    }

    /// The themes the item matches at the configuration's threshold, best first.
    public func hits(title: String, summary: String) -> [ThemeHit] {
        let explained = explain(title: title, summary: summary)
        let floor = (explained.first { !$0.vetoed }?.score ?? 0) * config.matching.relativeThreshold
        return explained.filter { !$0.vetoed && $0.score >= config.matching.threshold && $0.score >= floor }
    }

    /// The item's matches for every hub, from the themes each hub follows.
    public func matches(title: String, summary: String) -> [ThemeMatch] {
        let analyzer = makeAnalyzer()
        return matches(title: title, summary: summary, analyzer: analyzer)
    }

    /// Matches for many items, spread over the machine's cores; the order of `items` is kept.
    public func matchAll(_ items: [(title: String, summary: String)]) -> [[ThemeMatch]] {
        // Each share has its own analyzer (its word cache is not shared).
        Parallel.map(items.count, shares: Parallel.shares(for: items.count, minimum: 1_000)) { range in
            let analyzer = makeAnalyzer()
            return items[range].map { matches(title: $0.title, summary: $0.summary, analyzer: analyzer) }
        }.flatMap { $0 }
    }

    func matches(title: String, summary: String, analyzer: TextAnalyzer) -> [ThemeMatch] {
        let evaluation = evaluate(title: title, summary: summary, analyzer: analyzer)
        var result: [ThemeMatch] = []
        let floor = (evaluation.hits.first { !$0.vetoed }?.score ?? 0) * config.matching.relativeThreshold
        for (hubIndex, hub) in config.hubs.enumerated() {
            let threshold = hub.threshold ?? config.matching.threshold
            let place = evaluation.places[hubIndex]
            for hit in evaluation.hits
            where !hit.vetoed && hit.score > 0 && hit.score >= floor && hub.themes.contains(hit.theme) {
                var score = hit.score
                var contributions = hit.contributions
                if let place {
                    let boost = hub.placeBoost ?? config.matching.placeBoost
                    score += boost
                    contributions.append(
                        Contribution(term: place.term, kind: .place, field: place.field, weight: boost))
                }
                score = (score * 100).rounded() / 100
                if score >= threshold {
                    result.append(
                        ThemeMatch(
                            hub: hub.id, theme: hit.theme, score: score, terms: hit.terms, contributions: contributions)
                    )
                }
            }
        }
        return result
    }

    struct Evaluation {
        var hits: [ThemeHit]
        /// The first place name found for each hub (by hub index).
        var places: [Int: (term: String, field: String)]
    }

    func evaluate(title: String, summary: String, analyzer: TextAnalyzer) -> Evaluation {
        let titleWords = analyzer.analyze(title)
        let summaryWords = analyzer.analyze(summary)
        var occurrences: [Occurrence] = []
        find(titleWords, inTitle: true, into: &occurrences)
        find(summaryWords, inTitle: false, into: &occurrences)

        var byTheme: [Int: [Occurrence]] = [:]
        var places: [Int: (term: String, field: String)] = [:]
        for occurrence in occurrences {
            let term = terms[occurrence.term]
            if term.kind == .place {
                if places[term.owner] == nil {
                    places[term.owner] = (term.text, occurrence.inTitle ? "title" : "summary")
                }
            } else {
                byTheme[term.owner, default: []].append(occurrence)
            }
        }
        var hits: [ThemeHit] = []
        for (themeIndex, found) in byTheme {
            if let hit = score(theme: themeIndex, found) { hits.append(hit) }
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.theme < $1.theme }
        return Evaluation(hits: hits, places: places)
    }

    /// Scores one theme from its terms' occurrences; nil when no include term occurred.
    func score(theme themeIndex: Int, _ found: [Occurrence]) -> ThemeHit? {
        let includes = found.filter { terms[$0.term].kind == .include }
        guard !includes.isEmpty else { return nil }
        let excludes = found.filter { terms[$0.term].kind == .exclude }
        func overlaps(_ a: Occurrence, _ b: Occurrence) -> Bool {
            a.inTitle == b.inTitle && a.start < b.end && b.start < a.end
        }
        var excluded: [String] = []
        var vetoed = false
        for exclude in excludes {
            let text = terms[exclude.term].text
            if !excluded.contains(text) { excluded.append(text) }
            if !includes.contains(where: { overlaps($0, exclude) }) { vetoed = true }
        }
        // An exclude term explains away the include terms it overlaps, wherever else they occur.
        var explained = Set<Int>()
        for include in includes where excludes.contains(where: { overlaps(include, $0) }) {
            explained.insert(include.term)
        }
        // A hit inside a longer hit of the same theme ("cancer" in "urgent suspected cancer") is
        // part of that one, not a second piece of evidence.
        let kept = includes.filter { include in
            !explained.contains(include.term)
                && !includes.contains { other in
                    other.inTitle == include.inTitle && other.start <= include.start && include.end <= other.end
                        && other.end - other.start > include.end - include.start
                }
        }
        let themeID = config.themes[themeIndex].id
        if vetoed || kept.isEmpty {
            return ThemeHit(theme: themeID, score: 0, terms: [], contributions: [], excluded: excluded, vetoed: true)
        }
        // Terms weighted below 1 support a match but never make one on their own (setting words
        // such as "primary care").
        guard kept.contains(where: { terms[$0.term].weight >= 1 }) else {
            return ThemeHit(
                theme: themeID, score: 0, terms: kept.map { terms[$0.term].text }, contributions: [],
                excluded: excluded, vetoed: false)
        }
        var contributions: [Contribution] = []
        var termOrder: [(String, Double)] = []
        for (termIndex, occurrences) in Dictionary(grouping: kept, by: \.term).sorted(by: { $0.key < $1.key }) {
            let term = terms[termIndex]
            let base = term.weight * ThemeMatcher.specificity(term.ids.count)
            let inTitle = occurrences.contains { $0.inTitle }
            let inSummary = occurrences.contains { !$0.inTitle }
            var weight = inTitle ? 2 * base : base
            if inTitle && inSummary { weight += 0.5 * base }
            let fields = (inTitle ? 1 : 0) + (inSummary ? 1 : 0)
            weight += base * min(0.5, 0.25 * Double(occurrences.count - fields))
            let field = inTitle && inSummary ? "title+summary" : (inTitle ? "title" : "summary")
            contributions.append(Contribution(term: term.text, kind: .include, field: field, weight: weight))
            termOrder.append((term.text, weight))
        }
        let boosts = found.filter { boost in
            terms[boost.term].kind == .boost && !excludes.contains { overlaps(boost, $0) }
        }
        for (termIndex, occurrences) in Dictionary(grouping: boosts, by: \.term).sorted(by: { $0.key < $1.key }) {
            let term = terms[termIndex]
            let inTitle = occurrences.contains { $0.inTitle }
            contributions.append(
                Contribution(
                    term: term.text, kind: .boost, field: inTitle ? "title" : "summary",
                    weight: term.weight * (inTitle ? 1 : 0.5)))
        }
        let total = contributions.reduce(0) { $0 + $1.weight }
        termOrder.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return ThemeHit(
            theme: themeID, score: (total * 100).rounded() / 100, terms: termOrder.map(\.0),
            contributions: contributions.sorted { $0.weight > $1.weight }, excluded: excluded, vetoed: false)
    }

    static func specificity(_ words: Int) -> Double {
        switch words {
        case 1: 1
        case 2: 1.5
        default: 2
        }
    }

    /// Finds every term occurrence in one field.
    func find(_ words: TextAnalyzer.Words, inTitle: Bool, into occurrences: inout [Occurrence]) {
        let ids = words.ids
        for start in ids.indices {
            let id = ids[start]
            if id >= 0 {
                for termIndex in byFirstID[Int(id)] {
                    let termIDs = terms[termIndex].ids
                    guard start + termIDs.count <= ids.count else { continue }
                    var equal = true
                    var offset = 1
                    while offset < termIDs.count {
                        if ids[start + offset] != termIDs[offset] {
                            equal = false
                            break
                        }
                        offset += 1
                    }
                    if equal {
                        occurrences.append(
                            Occurrence(term: termIndex, inTitle: inTitle, start: start, end: start + termIDs.count))
                    }
                }
            }
        }
        // Literal terms, only where a word may begin one.
        guard let surfaces = words.surface else { return }
        for start in words.literalStarts where start < surfaces.count {
            let surface = surfaces[start]
            let lower = TextNormalizer.lower(surface)
            var keys = Set([surface, lower])
            for key in keys where key.hasSuffix("s") { keys.insert(String(key.dropLast())) }
            for key in keys {
                for termIndex in byFirstSurface[key] ?? [] where matchesSurface(termIndex, surfaces, at: start) {
                    let count = terms[termIndex].surface.count
                    occurrences.append(Occurrence(term: termIndex, inTitle: inTitle, start: start, end: start + count))
                }
            }
        }
    }

    /// A literal term at `start`: every word as written (lower-cased unless case-sensitive), the last
    /// one also with a plural `s`.
    func matchesSurface(_ termIndex: Int, _ surface: [String], at start: Int) -> Bool {
        let term = terms[termIndex]
        let expected = term.surface
        guard start + expected.count <= surface.count else { return false }
        for (offset, word) in expected.enumerated() {
            let actual = term.caseSensitive ? surface[start + offset] : TextNormalizer.lower(surface[start + offset])
            let last = offset == expected.count - 1
            if actual != word && !(last && actual == word + "s") { return false }
        }
        return true
    }
}

extension ThemeMatcher {
    /// The themes that an item's text matches, with their scores: the hub's (by its threshold and
    /// places), or every theme's when no hub is given.
    public func predicted(hub: Hub?, title: String, summary: String) -> [(theme: String, score: Double)] {
        if let hub {
            return matches(title: title, summary: summary).filter { $0.hub == hub.id }.map { ($0.theme, $0.score) }
        }
        return hits(title: title, summary: summary).map { ($0.theme, $0.score) }
    }
}

/// A score as explanations print it: whole numbers bare, others with two decimals.
public func formatScore(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
}
