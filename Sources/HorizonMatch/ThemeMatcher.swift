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

/// Whether an item is about health or care, and the words that say so.
public struct ContextVerdict: Sendable, Equatable {
    /// The evidence: health and care words found, minus words of other subjects, plus the feed's subject.
    public var score: Double
    /// Health and care words found, strongest first (as written in the lexicon).
    public var evidence: [String]
    /// Words of other subjects found, strongest first.
    public var against: [String]
    /// True when the feed is declared health-specific and that counted.
    public var healthFeed: Bool
    /// The evidence needed.
    public var threshold: Double

    public var isHealth: Bool { score >= threshold }
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
/// - With `matching.context`, a theme hit counts only when the item is about health or care
///   (`ContextVerdict`): weighted health and care words (`HealthLexicon`), minus words of other
///   subjects, plus a little for a health-specific feed, must reach the context threshold.
/// - A phrase does not match where its last word is the first part of a longer noun ("leave
///   hospital" in "leaves hospital car parks full").
/// - A theme matches when its score reaches the threshold (per hub, else `matching.threshold`) and
///   `matching.relativeThreshold` times the item's best theme score.
public struct ThemeMatcher: Sendable {
    enum Kind: Sendable { case include, exclude, boost, place, context, against }

    /// How a term's words are compared: stemmed, lower-cased as written, or exactly as written.
    enum Form: Int, Sendable { case stem, exact, cased }

    struct Term: Sendable {
        let text: String
        /// The words' ids in the term's form.
        let ids: [Int32]
        let form: Form
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
    /// Word ids of each form: stems, lower-cased words, words as written (plural `s` dropped in the last two).
    let stems: [String: Int32]
    let exactWords: [String: Int32]
    let casedWords: [String: Int32]
    /// Terms by the id of their first word, per form (index: word id).
    let byFirstStem: [[Int]]
    let byFirstExact: [[Int]]
    let byFirstCased: [[Int]]
    /// Ids of words that, after a noun, make it part of a longer noun ("hospital car park").
    let compoundHeads: Set<Int32>
    /// Feeds whose `subject` is health.
    let healthFeeds: Set<String>

    /// Words that turn the noun before them into a modifier: a phrase ending just before one of
    /// these is another construction ("leaves hospital car parks", "care home site sold").
    static let compoundHeadWords = [
        "car", "cars", "park", "parks", "parking", "site", "sites", "building", "buildings", "land", "plot",
        "estate", "developer", "development", "conversion",
    ]

    public init(config: HorizonConfig) {
        self.config = config
        var vocabularies: [[String: Int32]] = [[:], [:], [:]]
        var terms: [Term] = []
        var seen = Set<String>()
        func id(_ key: String, _ form: Form) -> Int32 {
            if let id = vocabularies[form.rawValue][key] { return id }
            let id = Int32(vocabularies[form.rawValue].count)
            vocabularies[form.rawValue][key] = id
            return id
        }
        func add(_ term: ThemeTerm, _ kind: Kind, _ owner: Int) {
            let words = TextNormalizer.words(term.text)
            guard !words.isEmpty else { return }
            let form: Form = term.caseSensitive ? .cased : (term.exact ? .exact : .stem)
            let keys = words.map { word -> String in
                switch form {
                case .stem: TextNormalizer.normalize(TextNormalizer.lower(word))
                case .exact: TextNormalizer.singular(TextNormalizer.lower(word))
                case .cased: TextNormalizer.singular(word)
                }
            }
            // Terms that read alike (vaccine, vaccines) are one term: the first one written counts.
            guard seen.insert("\(kind)|\(owner)|\(form)|" + keys.joined(separator: " ")).inserted else { return }
            terms.append(
                Term(
                    text: term.text, ids: keys.map { id($0, form) }, form: form, weight: term.weight, kind: kind,
                    owner: owner))
        }
        for (index, theme) in config.themes.enumerated() {
            for term in theme.include { add(term, .include, index) }
            for term in theme.exclude + config.matching.exclude { add(term, .exclude, index) }
            for term in theme.boost { add(term, .boost, index) }
        }
        for (index, hub) in config.hubs.enumerated() {
            for place in hub.places { add(ThemeTerm(place), .place, index) }
        }
        if let context = config.matching.context {
            for term in (context.standard ? HealthLexicon.terms : []) + context.terms { add(term, .context, 0) }
            for term in (context.standard ? HealthLexicon.against : []) + context.against { add(term, .against, 0) }
        }
        let compoundHeads = Set(
            ThemeMatcher.compoundHeadWords.map { id(TextNormalizer.normalize($0), .stem) })
        var byFirst = vocabularies.map { [[Int]](repeating: [], count: $0.count) }
        for (index, term) in terms.enumerated() { byFirst[term.form.rawValue][Int(term.ids[0])].append(index) }
        self.terms = terms
        stems = vocabularies[0]
        exactWords = vocabularies[1]
        casedWords = vocabularies[2]
        byFirstStem = byFirst[0]
        byFirstExact = byFirst[1]
        byFirstCased = byFirst[2]
        self.compoundHeads = compoundHeads
        self.healthFeeds = Set(config.feeds.filter { $0.subject == .health }.map(\.id))
    }

    func makeAnalyzer() -> TextAnalyzer { TextAnalyzer(stems: stems, exact: exactWords, cased: casedWords) }

    /// Every theme the item's text touches (matched, below threshold, or vetoed), best first.
    public func explain(title: String, summary: String, feed: String? = nil) -> [ThemeHit] {
        assess(title: title, summary: summary, feed: feed).hits
    }

    /// Every theme the item's text touches, and whether it is about health or care (nil without
    /// `matching.context`).
    public func assess(title: String, summary: String, feed: String? = nil) -> (
        hits: [ThemeHit], context: ContextVerdict?
    ) {
        let evaluation = evaluate(title: title, summary: summary, feed: feed, analyzer: makeAnalyzer())
        return (evaluation.hits, evaluation.context)
    }

    /// The themes the item matches at the configuration's threshold, best first: none when the
    /// context layer finds the item is not about health or care.
    public func hits(title: String, summary: String, feed: String? = nil) -> [ThemeHit] {
        let (explained, context) = assess(title: title, summary: summary, feed: feed)
        if let context, !context.isHealth { return [] }
        let floor = (explained.first { !$0.vetoed }?.score ?? 0) * config.matching.relativeThreshold
        return explained.filter { !$0.vetoed && $0.score >= config.matching.threshold && $0.score >= floor }
    }

    /// The item's matches for every hub, from the themes each hub follows.
    public func matches(title: String, summary: String, feed: String? = nil) -> [ThemeMatch] {
        let analyzer = makeAnalyzer()
        return matches(title: title, summary: summary, feed: feed, analyzer: analyzer)
    }

    /// Matches for many items, spread over the machine's cores; the order of `items` is kept.
    public func matchAll(_ items: [(title: String, summary: String)]) -> [[ThemeMatch]] {
        matchAll(items.map { ($0.title, $0.summary, nil) })
    }

    /// Matches for many items with the feed each came from (its `subject` may count as context),
    /// spread over the machine's cores; the order of `items` is kept.
    public func matchAll(_ items: [(title: String, summary: String, feed: String?)]) -> [[ThemeMatch]] {
        // Each share has its own analyzer (its word cache is not shared).
        Parallel.map(items.count, shares: Parallel.shares(for: items.count, minimum: 1_000)) { range in
            let analyzer = makeAnalyzer()
            return items[range].map {
                matches(title: $0.title, summary: $0.summary, feed: $0.feed, analyzer: analyzer)
            }
        }.flatMap { $0 }
    }

    /// One thread's matcher of `items` by index, with an analyzer of its own: for `SharedWork`,
    /// whose threads each make one.
    public func worker(for items: [(title: String, summary: String, feed: String?)])
        -> @Sendable () -> (Int) -> [ThemeMatch]
    {
        {
            let analyzer = makeAnalyzer()
            return { index in
                matches(
                    title: items[index].title, summary: items[index].summary, feed: items[index].feed,
                    analyzer: analyzer)
            }
        }
    }

    func matches(title: String, summary: String, feed: String?, analyzer: TextAnalyzer) -> [ThemeMatch] {
        let evaluation = evaluate(title: title, summary: summary, feed: feed, analyzer: analyzer, explaining: false)
        if let context = evaluation.context, !context.isHealth { return [] }
        let evidence = Array((evaluation.context?.evidence ?? []).prefix(4))
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
                            hub: hub.id, theme: hit.theme, score: score, terms: hit.terms, contributions: contributions,
                            context: evidence))
                }
            }
        }
        return result
    }

    struct Evaluation {
        var hits: [ThemeHit]
        /// The first place name found for each hub (by hub index).
        var places: [Int: (term: String, field: String)]
        /// Nil without `matching.context`.
        var context: ContextVerdict?
    }

    /// `explaining`: score every theme even when the item is not about health or care (for
    /// explanations); otherwise such an item stops at the context verdict.
    func evaluate(title: String, summary: String, feed: String?, analyzer: TextAnalyzer, explaining: Bool = true)
        -> Evaluation
    {
        let titleWords = analyzer.analyze(title)
        let summaryWords = analyzer.analyze(summary)
        var occurrences: [Occurrence] = []
        occurrences.reserveCapacity(16)
        find(titleWords, inTitle: true, into: &occurrences)
        find(summaryWords, inTitle: false, into: &occurrences)

        var places: [Int: (term: String, field: String)] = [:]
        // A story with no include term matches no theme, whatever its context: a match stops here.
        if !explaining && !occurrences.contains(where: { terms[$0.term].kind == .include }) {
            return Evaluation(hits: [], places: places, context: nil)
        }
        var byTheme: [Int: [Occurrence]] = [:]
        var contextFound: [Occurrence] = []
        for occurrence in occurrences {
            let term = terms[occurrence.term]
            if term.kind == .context || term.kind == .against {
                contextFound.append(occurrence)
            } else if term.kind == .place {
                if places[term.owner] == nil {
                    places[term.owner] = (term.text, occurrence.inTitle ? "title" : "summary")
                }
            } else {
                byTheme[term.owner, default: []].append(occurrence)
            }
        }
        var context: ContextVerdict?
        if let settings = config.matching.context {
            context = verdict(contextFound, settings: settings, feed: feed)
            if !explaining && context?.isHealth == false {
                return Evaluation(hits: [], places: places, context: context)
            }
        }
        var hits: [ThemeHit] = []
        for (themeIndex, found) in byTheme {
            if let hit = score(theme: themeIndex, found) { hits.append(hit) }
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.theme < $1.theme }
        return Evaluation(hits: hits, places: places, context: context)
    }

    /// Weighs the context words found: each word or phrase once, and a word inside a longer one
    /// found at the same place ("flu" in "bird flu", "health" in "mental health") only as part of it.
    func verdict(_ found: [Occurrence], settings: ContextSettings, feed: String?) -> ContextVerdict {
        // Longest first at each place, then a sweep: an occurrence ending within the last kept one is inside it.
        let ordered = found.sorted {
            ($0.inTitle ? 0 : 1, $0.start, $1.end) < ($1.inTitle ? 0 : 1, $1.start, $0.end)
        }
        var weights: [Int: Double] = [:]
        var reach = (inTitle: true, start: -1, end: -1)
        for occurrence in ordered {
            let inside =
                occurrence.inTitle == reach.inTitle && occurrence.end <= reach.end
                && (occurrence.start > reach.start || occurrence.end < reach.end)
            if inside { continue }
            if !(occurrence.inTitle == reach.inTitle && occurrence.end <= reach.end) {
                reach = (occurrence.inTitle, occurrence.start, occurrence.end)
            }
            weights[occurrence.term] = terms[occurrence.term].weight
        }
        var score = 0.0
        var evidence: [(String, Double)] = []
        var against: [(String, Double)] = []
        for (termIndex, weight) in weights {
            let term = terms[termIndex]
            if term.kind == .context {
                score += weight
                evidence.append((term.text, weight))
            } else {
                score -= weight
                against.append((term.text, weight))
            }
        }
        let healthFeed = feed.map { healthFeeds.contains($0) } ?? false
        if healthFeed { score += settings.healthFeed }
        func strongestFirst(_ list: [(String, Double)]) -> [String] {
            list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        }
        return ContextVerdict(
            score: (score * 100).rounded() / 100, evidence: strongestFirst(evidence), against: strongestFirst(against),
            healthFeed: healthFeed, threshold: settings.threshold)
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
        for (termIndex, count, inTitle, inSummary) in ThemeMatcher.byTerm(kept) {
            let term = terms[termIndex]
            let base = term.weight * ThemeMatcher.specificity(term.ids.count)
            var weight = inTitle ? 2 * base : base
            if inTitle && inSummary { weight += 0.5 * base }
            let fields = (inTitle ? 1 : 0) + (inSummary ? 1 : 0)
            weight += base * min(0.5, 0.25 * Double(count - fields))
            let field = inTitle && inSummary ? "title+summary" : (inTitle ? "title" : "summary")
            contributions.append(Contribution(term: term.text, kind: .include, field: field, weight: weight))
            termOrder.append((term.text, weight))
        }
        let boosts = found.filter { boost in
            terms[boost.term].kind == .boost && !excludes.contains { overlaps(boost, $0) }
        }
        for (termIndex, _, inTitle, _) in ThemeMatcher.byTerm(boosts) {
            let term = terms[termIndex]
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

    /// Occurrences by term, in the order of the terms' numbers: how often each occurs, and whether
    /// in the title and in the summary (a few occurrences: sorted in place, no dictionary made).
    static func byTerm(_ occurrences: [Occurrence]) -> [(term: Int, count: Int, inTitle: Bool, inSummary: Bool)] {
        var groups: [(term: Int, count: Int, inTitle: Bool, inSummary: Bool)] = []
        for occurrence in occurrences {
            if let at = groups.firstIndex(where: { $0.term == occurrence.term }) {
                groups[at].count += 1
                groups[at].inTitle = groups[at].inTitle || occurrence.inTitle
                groups[at].inSummary = groups[at].inSummary || !occurrence.inTitle
            } else {
                groups.append((occurrence.term, 1, occurrence.inTitle, !occurrence.inTitle))
            }
        }
        groups.sort { $0.term < $1.term }
        return groups
    }

    static func specificity(_ words: Int) -> Double {
        switch words {
        case 1: 1
        case 2: 1.5
        default: 2
        }
    }

    /// Finds every term occurrence in one field, in each form's ids.
    func find(_ words: TextAnalyzer.Words, inTitle: Bool, into occurrences: inout [Occurrence]) {
        find(words.ids, byFirstStem, stems: words.ids, inTitle: inTitle, into: &occurrences)
        if !words.exact.isEmpty {
            find(words.exact, byFirstExact, stems: words.ids, inTitle: inTitle, into: &occurrences)
        }
        if !words.cased.isEmpty {
            find(words.cased, byFirstCased, stems: words.ids, inTitle: inTitle, into: &occurrences)
        }
    }

    func find(
        _ ids: [Int32], _ byFirst: [[Int]], stems: [Int32], inTitle: Bool, into occurrences: inout [Occurrence]
    ) {
        for start in ids.indices {
            let id = ids[start]
            guard id >= 0 else { continue }
            for termIndex in byFirst[Int(id)] {
                let termIDs = terms[termIndex].ids
                let end = start + termIDs.count
                guard end <= ids.count else { continue }
                var equal = true
                var offset = 1
                while offset < termIDs.count {
                    if ids[start + offset] != termIDs[offset] {
                        equal = false
                        break
                    }
                    offset += 1
                }
                // A phrase whose last word begins a longer noun is another construction.
                if equal && termIDs.count > 1 && end < stems.count && compoundHeads.contains(stems[end]) {
                    equal = false
                }
                if equal { occurrences.append(Occurrence(term: termIndex, inTitle: inTitle, start: start, end: end)) }
            }
        }
    }
}

extension ThemeMatcher {
    /// The themes that an item's text matches, with their scores: the hub's (by its threshold and
    /// places), or every theme's when no hub is given.
    public func predicted(hub: Hub?, title: String, summary: String, feed: String? = nil) -> [(
        theme: String, score: Double
    )] {
        if let hub {
            return matches(title: title, summary: summary, feed: feed).filter { $0.hub == hub.id }.map {
                ($0.theme, $0.score)
            }
        }
        return hits(title: title, summary: summary, feed: feed).map { ($0.theme, $0.score) }
    }
}

/// A score as explanations print it: whole numbers bare, others with two decimals.
public func formatScore(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
}
