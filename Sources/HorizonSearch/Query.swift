public import HorizonCore
import HorizonText

/// A parsed search query.
///
/// Grammar (`OR` binds tighter than the implicit AND between terms, as web search engines read it):
///
///     query   := clause*
///     clause  := ["-"] group ("OR" ["-"] group)*
///     group   := "(" query ")" | field ":" value | "\"" words "\"" | word ["*"]
///     field   := title | source | feed | theme | hub | status
///
/// `frailty falls OR fracture` finds items about frailty and about falls or fractures;
/// `"virtual ward" -paediatric theme:digital` finds the phrase, without the word, in a theme.
public indirect enum QueryNode: Equatable, Sendable {
    /// Every item.
    case all
    /// A word (as typed; stemmed when evaluated); `prefix` for `word*`; `titleOnly` for `title:word`.
    case word(String, prefix: Bool, titleOnly: Bool)
    /// Words that must follow one another.
    case phrase([String], titleOnly: Bool)
    /// A field filter: `source:`, `feed:`, `theme:`, `hub:`, `status:`.
    case field(String, String)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode)
}

public struct QuerySyntaxError: HorizonError, Equatable {
    public let message: String
    public var kind: FailureKind { .usage }
    public init(message: String) { self.message = message }
}

public enum QueryParser {
    public static let fields: Set<String> = ["title", "source", "feed", "theme", "hub", "status"]

    /// Words too common to narrow a search; ignored outside phrases.
    static let stopwords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or",
        "since", "that", "the", "their", "this", "to", "was", "were", "with", "about", "all", "any",
    ]

    enum Token: Equatable {
        case text(String)
        case quoted(String)
        case open, close, minus, or
    }

    public static func parse(_ text: String) throws(QuerySyntaxError) -> QueryNode {
        var tokens = tokenize(text)
        var position = 0
        let node = try parseSequence(&tokens, &position, nested: false)
        return node
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        let chars = Array(text)
        var i = 0
        func flush() {
            if !current.isEmpty {
                tokens.append(current == "OR" || current == "|" ? .or : .text(current))
                current = ""
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" || c == "“" || c == "”" {
                // A quote: a phrase, or a field's quoted value (`title:"care home"`).
                var j = i + 1
                var phrase = ""
                while j < chars.count, chars[j] != "\"", chars[j] != "”", chars[j] != "“" {
                    phrase.append(chars[j])
                    j += 1
                }
                if current.hasSuffix(":") {
                    tokens.append(.text(current + "\"" + phrase + "\""))
                    current = ""
                } else {
                    flush()
                    tokens.append(.quoted(phrase))
                }
                i = j + 1
                continue
            }
            if c.isWhitespace {
                flush()
            } else if c == "(" && current.isEmpty {
                tokens.append(.open)
            } else if c == ")" {
                flush()
                tokens.append(.close)
            } else if c == "-" && current.isEmpty && i + 1 < chars.count && !chars[i + 1].isWhitespace {
                tokens.append(.minus)
            } else {
                current.append(c)
            }
            i += 1
        }
        flush()
        return tokens
    }

    static func parseSequence(_ tokens: inout [Token], _ position: inout Int, nested: Bool) throws(QuerySyntaxError)
        -> QueryNode
    {
        var clauses: [QueryNode] = []
        while position < tokens.count {
            if tokens[position] == .close {
                guard nested else { throw QuerySyntaxError(message: "unbalanced ')' in the query") }
                break
            }
            if tokens[position] == .or {
                throw QuerySyntaxError(message: "OR needs a term on each side")
            }
            var alternatives = [try parseUnary(&tokens, &position)]
            while position < tokens.count, tokens[position] == .or {
                position += 1
                guard position < tokens.count, tokens[position] != .close, tokens[position] != .or else {
                    throw QuerySyntaxError(message: "OR needs a term on each side")
                }
                alternatives.append(try parseUnary(&tokens, &position))
            }
            let usable = alternatives.filter { $0 != .all }
            if usable.count == 1 {
                clauses.append(usable[0])
            } else if usable.count > 1 {
                clauses.append(.or(usable))
            }
        }
        if clauses.isEmpty { return .all }
        return clauses.count == 1 ? clauses[0] : .and(clauses)
    }

    static func parseUnary(_ tokens: inout [Token], _ position: inout Int) throws(QuerySyntaxError) -> QueryNode {
        if tokens[position] == .minus {
            position += 1
            guard position < tokens.count, tokens[position] != .close, tokens[position] != .or else {
                throw QuerySyntaxError(message: "'-' must be followed by a term to exclude")
            }
            let excluded = try parseUnary(&tokens, &position)
            return excluded == .all ? .all : .not(excluded)
        }
        let token = tokens[position]
        position += 1
        switch token {
        case .open:
            let inner = try parseSequence(&tokens, &position, nested: true)
            guard position < tokens.count, tokens[position] == .close else {
                throw QuerySyntaxError(message: "unbalanced '(' in the query")
            }
            position += 1
            return inner
        case .quoted(let phrase):
            return phraseNode(phrase, titleOnly: false)
        case .text(let text):
            return try textNode(text)
        case .close, .minus, .or:
            throw QuerySyntaxError(message: "unexpected \(token) in the query")
        }
    }

    static func textNode(_ text: String) throws(QuerySyntaxError) -> QueryNode {
        if let colon = text.firstIndex(of: ":") {
            let name = text[..<colon].lowercased()
            if fields.contains(name) {
                var value = String(text[text.index(after: colon)...])
                let quoted = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
                if quoted { value = String(value.dropFirst().dropLast()) }
                guard !value.isEmpty else { throw QuerySyntaxError(message: "\(name): needs a value") }
                if name == "title" {
                    return quoted || value.contains(" ")
                        ? phraseNode(value, titleOnly: true) : wordNode(value, titleOnly: true, keepStopword: true)
                }
                return .field(name, value)
            }
        }
        return wordNode(text, titleOnly: false, keepStopword: false)
    }

    static func wordNode(_ text: String, titleOnly: Bool, keepStopword: Bool) -> QueryNode {
        let prefix = text.hasSuffix("*")
        let body = prefix ? String(text.dropLast()) : text
        let words = splitWords(body)
        if words.isEmpty { return .all }
        if words.count > 1 {
            // `covid-19` or `hospital-at-home`: the words as a phrase, as the index reads them.
            return .phrase(words, titleOnly: titleOnly)
        }
        if !keepStopword, !prefix, stopwords.contains(words[0]) { return .all }
        return .word(words[0], prefix: prefix, titleOnly: titleOnly)
    }

    static func phraseNode(_ text: String, titleOnly: Bool) -> QueryNode {
        let words = splitWords(text)
        switch words.count {
        case 0: return .all
        case 1: return .word(words[0], prefix: false, titleOnly: titleOnly)
        default: return .phrase(words, titleOnly: titleOnly)
        }
    }

    /// Lower-cased, accent-free words, split where the index splits them.
    static func splitWords(_ text: String) -> [String] {
        var words: [String] = []
        TextNormalizer.forEachLowerWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }
}

extension QueryNode {
    /// The words the query looks for (not those it excludes), for highlighting.
    public var positiveWords: [String] {
        switch self {
        case .all, .field, .not: []
        case .word(let word, _, _): [word]
        case .phrase(let words, _): words
        case .and(let nodes), .or(let nodes): nodes.flatMap(\.positiveWords)
        }
    }

    /// Whether the query has words to rank by.
    public var hasText: Bool { !positiveWords.isEmpty }
}
