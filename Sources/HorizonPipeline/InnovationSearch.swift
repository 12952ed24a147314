public import HorizonCore
import HorizonInnovations
public import HorizonSearch
import HorizonText

/// `horizon innovations QUERY`: the search language (words, "phrases", `word*`, OR, -exclusions,
/// parentheses, and the fields `title:`, `theme:`, `hub:`, `source:`/`feed:` (a site) and `status:`)
/// read against innovation records. Words are compared as search compares them (case, diacritics and
/// spelling folded, stemmed). A word in the record's name, aliases or identifiers counts 3; in its
/// stories' titles, the share of titles that have it.
public struct InnovationSearch: Sendable {
    let query: QueryNode
    /// A record's triage status for `status:` (by id), when the caller has the decisions.
    let status: @Sendable (String) -> String?

    public init(query: QueryNode, status: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.query = query
        self.status = status
    }

    /// How well `record` matches, or nil when it does not.
    public func score(_ record: Innovation) -> Double? {
        let names = ([record.name] + record.aliases + record.identifiers.map(\.value)).map(TextNormalizer.tokens)
        let titles = record.items.map { TextNormalizer.tokens($0.title) }
        return evaluate(query, record: record, names: names, titles: titles)
    }

    private func evaluate(_ node: QueryNode, record: Innovation, names: [[String]], titles: [[String]]) -> Double? {
        func has(_ words: [String], in text: [String], prefix: Bool) -> Bool {
            guard !words.isEmpty, words.count <= text.count else { return false }
            for start in 0...(text.count - words.count) {
                let fits = words.indices.allSatisfy { n in
                    prefix && n == words.count - 1 ? text[start + n].hasPrefix(words[n]) : text[start + n] == words[n]
                }
                if fits { return true }
            }
            return false
        }
        func text(_ words: [String], prefix: Bool, titleOnly: Bool) -> Double? {
            let inNames = !titleOnly && names.contains { has(words, in: $0, prefix: prefix) }
            let inTitles = titles.count { has(words, in: $0, prefix: prefix) }
            guard inNames || inTitles > 0 else { return nil }
            return (inNames ? 3 : 0) + Double(inTitles) / Double(max(1, titles.count))
        }
        switch node {
        case .all:
            return 0
        case .word(let word, let prefix, let titleOnly):
            let folded = prefix ? TextNormalizer.lower(word) : TextNormalizer.normalize(TextNormalizer.lower(word))
            return text([folded], prefix: prefix, titleOnly: titleOnly)
        case .phrase(let words, let titleOnly):
            return text(
                words.map { TextNormalizer.normalize(TextNormalizer.lower($0)) }, prefix: false, titleOnly: titleOnly)
        case .field(let field, let value):
            let value = value.lowercased()
            let found: Bool
            switch field {
            case "theme": found = record.themes.contains { $0 == value || $0.hasSuffix("/" + value) }
            case "hub": found = record.themes.contains { $0.hasPrefix(value + "/") }
            case "source", "feed": found = record.items.contains { $0.sites.contains { $0.contains(value) } }
            case "status": found = status(record.id) == value
            default: found = false
            }
            return found ? 0 : nil
        case .and(let nodes):
            var total = 0.0
            for node in nodes {
                guard let score = evaluate(node, record: record, names: names, titles: titles) else { return nil }
                total += score
            }
            return total
        case .or(let nodes):
            return nodes.compactMap { evaluate($0, record: record, names: names, titles: titles) }.max()
        case .not(let inner):
            return evaluate(inner, record: record, names: names, titles: titles) == nil ? 0 : nil
        }
    }
}
