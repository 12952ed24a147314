import Foundation
public import HorizonCore

/// A search over the catalogue: every word must begin a word of the title or summary
/// (case- and accent-insensitive; `ward` finds "wards", not "awards"), optionally limited to
/// a theme or hub; newest first.
public struct SearchQuery: Sendable {
    public var text: String
    public var theme: String?
    public var hub: String?
    public var limit: Int?

    public init(text: String, theme: String? = nil, hub: String? = nil, limit: Int? = nil) {
        self.text = text
        self.theme = theme
        self.hub = hub
        self.limit = limit
    }

    public func run(on items: [Item]) -> [Item] {
        let words = SearchQuery.fold(text).split(separator: " ").map(String.init).filter { !$0.isEmpty }
        var results = items.filter { item in
            if let theme, !item.matches.contains(where: { $0.theme == theme && (hub == nil || $0.hub == hub) }) {
                return false
            }
            if let hub, !item.matches.contains(where: { $0.hub == hub }) { return false }
            guard !words.isEmpty else { return true }
            let haystack = SearchQuery.fold(item.title + " " + item.summary).split(separator: " ")
            return words.allSatisfy { word in haystack.contains { $0.hasPrefix(word) } }
        }
        results.sort { $0.date != $1.date ? $0.date > $1.date : $0.id < $1.id }
        if let limit, results.count > limit { results.removeSubrange(limit...) }
        return results
    }

    /// Lower-cased, accents removed, punctuation made space.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.map {
            $0.properties.isAlphabetic || $0.properties.numericType != nil ? $0 : " "
        }))
    }
}
