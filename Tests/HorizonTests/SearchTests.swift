import Foundation
import HorizonCore
import HorizonSearch
import Testing

@Suite("Search")
struct SearchTests {
    let items: [Item] = {
        func make(_ id: String, _ title: String, _ summary: String, day: Double, matches: [(String, String)]) -> Item {
            let date = Date(timeIntervalSince1970: 1_750_000_000 + day * 86_400)
            return Item(
                id: id, title: title, link: "https://x.org/\(id)", summary: summary, published: date, firstSeen: date,
                lastSeen: date, sources: [],
                matches: matches.map { ThemeMatch(hub: $0.0, theme: $0.1, score: 1, terms: []) })
        }
        return [
            make("a", "Virtual wards in care homes", "Frailty service", day: 1, matches: [("dorset", "frailty")]),
            make("b", "Café opens", "Résumé of the virtual tour", day: 3, matches: []),
            make("c", "Awards night", "No wards here", day: 2, matches: [("cm", "digital")]),
            make("d", "Virtual WARD expands", "Digital", day: 4, matches: [("cm", "digital"), ("dorset", "digital")]),
        ]
    }()

    func ids(_ query: SearchQuery) -> [String] { query.run(on: items).map(\.id) }

    @Test("every word must begin a word of the title or summary; newest first")
    func words() {
        #expect(ids(SearchQuery(text: "virtual ward")) == ["d", "a"])
        #expect(ids(SearchQuery(text: "wards")) == ["c", "a"])
        #expect(ids(SearchQuery(text: "ward")) == ["d", "c", "a"])
    }

    @Test("case and accents do not matter")
    func folding() {
        #expect(ids(SearchQuery(text: "CAFE resume")) == ["b"])
    }

    @Test("theme and hub filters, limit")
    func filters() {
        #expect(ids(SearchQuery(text: "", theme: "digital")) == ["d", "c"])
        #expect(ids(SearchQuery(text: "", hub: "dorset")) == ["d", "a"])
        #expect(ids(SearchQuery(text: "", theme: "digital", hub: "dorset")) == ["d"])
        #expect(ids(SearchQuery(text: "", limit: 2)) == ["d", "b"])
    }
}
