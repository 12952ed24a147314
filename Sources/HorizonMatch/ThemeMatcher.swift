public import HorizonCore

/// One theme's verdict on one piece of text, with the reasons.
public struct ThemeHit: Sendable, Equatable {
    public var theme: String
    public var score: Double
    /// Include terms that matched, as written in the configuration, strongest first.
    public var terms: [String]
}

/// Scores text against every theme of a configuration.
///
/// A theme fires when at least one include term occurs as a whole word or phrase, and no exclude
/// term of that theme occurs. Each matched term adds its weight: phrases count more than single
/// words (they are more specific), and a term in the title counts twice.
public struct ThemeMatcher: Sendable {
    struct Term: Sendable {
        let text: String
        let tokens: [String]
        let theme: Int
        let exclude: Bool
    }

    let config: HorizonConfig
    let terms: [Term]
    /// Term indexes by their first token, for one pass over the text.
    let index: [String: [Int]]

    public init(config: HorizonConfig) {
        self.config = config
        var terms: [Term] = []
        for (themeIndex, theme) in config.themes.enumerated() {
            for text in theme.include {
                terms.append(Term(text: text, tokens: TextNormalizer.tokens(text), theme: themeIndex, exclude: false))
            }
            for text in theme.exclude {
                terms.append(Term(text: text, tokens: TextNormalizer.tokens(text), theme: themeIndex, exclude: true))
            }
        }
        var index: [String: [Int]] = [:]
        for (termIndex, term) in terms.enumerated() {
            guard let first = term.tokens.first else { continue }
            index[first, default: []].append(termIndex)
        }
        self.terms = terms
        self.index = index
    }

    /// The themes that `title` and `summary` match, best first.
    public func hits(title: String, summary: String) -> [ThemeHit] {
        let titleFound = find(TextNormalizer.tokens(title))
        let summaryFound = find(TextNormalizer.tokens(summary))
        var vetoed = Set<Int>()
        var contributions: [Int: [(term: Int, weight: Double)]] = [:]
        for termIndex in titleFound.union(summaryFound) {
            let term = terms[termIndex]
            if term.exclude {
                vetoed.insert(term.theme)
                continue
            }
            let specificity = term.tokens.count > 1 ? 1.5 : 1.0
            var weight = 0.0
            if titleFound.contains(termIndex) { weight += 2 * specificity }
            if summaryFound.contains(termIndex) { weight += specificity * (weight > 0 ? 0.5 : 1) }
            contributions[term.theme, default: []].append((termIndex, weight))
        }
        var hits: [ThemeHit] = []
        for (theme, found) in contributions where !vetoed.contains(theme) {
            let ordered = found.sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.term < $1.term) }
            let score = (ordered.reduce(0) { $0 + $1.weight } * 100).rounded() / 100
            hits.append(ThemeHit(theme: config.themes[theme].id, score: score, terms: ordered.map { terms[$0.term].text }))
        }
        return hits.sorted { $0.score > $1.score || ($0.score == $1.score && $0.theme < $1.theme) }
    }

    /// The matches of an item for every hub, from the themes each hub follows.
    public func matches(title: String, summary: String) -> [ThemeMatch] {
        let hits = hits(title: title, summary: summary)
        guard !hits.isEmpty else { return [] }
        var result: [ThemeMatch] = []
        for hub in config.hubs {
            for hit in hits where hub.themes.contains(hit.theme) {
                result.append(ThemeMatch(hub: hub.id, theme: hit.theme, score: hit.score, terms: hit.terms))
            }
        }
        return result
    }

    /// Indexes of the terms that occur in `tokens`.
    private func find(_ tokens: [String]) -> Set<Int> {
        var found = Set<Int>()
        for start in tokens.indices {
            guard let candidates = index[tokens[start]] else { continue }
            for termIndex in candidates where !found.contains(termIndex) {
                let termTokens = terms[termIndex].tokens
                guard start + termTokens.count <= tokens.count else { continue }
                var equal = true
                for offset in 1..<termTokens.count where tokens[start + offset] != termTokens[offset] {
                    equal = false
                    break
                }
                if equal { found.insert(termIndex) }
            }
        }
        return found
    }
}
