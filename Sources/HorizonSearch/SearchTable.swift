import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonText

/// The search results as an aligned table that fits the terminal, with the query's words highlighted.
public struct SearchTable {
    public let results: SearchResults
    /// The query's words, highlighted in titles.
    public let highlight: [String]
    public let color: Bool
    /// The terminal's width; nil when lines are never cut.
    public let width: Int?

    public init(results: SearchResults, highlight: [String], color: Bool, width: Int?) {
        self.results = results
        self.highlight = highlight
        self.color = color
        self.width = width
    }

    /// The table's lines: a header, a row per hit, and a count. On a terminal no line is wider than
    /// it: the title keeps the room, ids shorten to the shortest start that is still unique (at least
    /// 8 characters), and the themes and then the source column give way when the title would have
    /// fewer than 40 columns.
    public func lines() -> [String] {
        let index = results.index
        guard !results.hits.isEmpty else {
            return ["no items found"]
        }
        let showStatus = !results.triage.events.isEmpty
        let narrow = width.map { $0 < 120 } ?? false
        let shortIDs =
            narrow
            ? ShortID.shortest(results.hits.map { index.id($0.doc) }, among: (0..<index.docCount).lazy.map(index.id))
            : [:]
        var rows: [[String]] = []
        for hit in results.hits {
            let id = index.id(hit.doc)
            let feeds = index.feedIndexes(hit.doc)
            var source = feeds.first.map { results.feedTitles[index.feeds[$0]] ?? index.feeds[$0] } ?? ""
            if feeds.count > 1 { source += " +\(feeds.count - 1)" }
            var themes: [(String, Double)] = []
            index.forEachMatch(hit.doc) { _, theme, score in
                if let at = themes.firstIndex(where: { $0.0 == index.themes[theme] }) {
                    themes[at].1 = max(themes[at].1, score)
                } else {
                    themes.append((index.themes[theme], score))
                }
            }
            themes.sort { $0.1 > $1.1 }
            let date = String(ISO8601.string(Date(timeIntervalSince1970: Double(index.date(hit.doc)))).prefix(10))
            var row = [shortIDs[id] ?? id, date]
            if showStatus { row.append(results.triage.status(of: id).rawValue) }
            row += [source, themes.map(\.0).joined(separator: ","), oneLine(index.title(hit.doc))]
            rows.append(row)
        }
        var headers = ["ID", "DATE"]
        if showStatus { headers.append("STATUS") }
        headers += ["SOURCE", "THEMES", "TITLE"]
        var widths = headers.indices.map { column in
            max(headers[column].count, rows.map { $0[column].count }.max() ?? 0)
        }
        var sourceColumn: Int? = headers.count - 3
        var themesColumn: Int? = headers.count - 2
        widths[headers.count - 3] = min(widths[headers.count - 3], 24)
        widths[headers.count - 2] = min(widths[headers.count - 2], 30)
        var titleWidth = Int.max
        if let width {
            let optional = [headers.count - 3, headers.count - 2]
            func fixed() -> Int {
                let kept = [sourceColumn, themesColumn].compactMap { $0 }
                let shown = widths.indices.dropLast().filter { !optional.contains($0) || kept.contains($0) }
                return shown.map { widths[$0] + 2 }.reduce(0, +)
            }
            // The title should keep 50 columns: narrow the themes and source columns first, down to 12;
            // below 40, drop them.
            let wanted = min(50, widths[widths.count - 1])
            for column in [themesColumn, sourceColumn].compactMap({ $0 }) {
                while width - fixed() < wanted, widths[column] > 12 { widths[column] -= 1 }
            }
            if width - fixed() < min(40, wanted) { themesColumn = nil }
            if width - fixed() < min(40, wanted) { sourceColumn = nil }
            titleWidth = max(10, width - fixed())
        }
        widths[widths.count - 1] = min(widths[widths.count - 1], titleWidth)
        let dropped = Set([headers.count - 3, headers.count - 2]).subtracting(
            [sourceColumn, themesColumn].compactMap { $0 })
        func cut(_ text: String, _ width: Int) -> String {
            text.count > width ? String(text.prefix(max(0, width - 1))) + "…" : text
        }
        func line(_ cells: [String], highlightTitle: Bool) -> String {
            cells.enumerated().filter { !dropped.contains($0.offset) }.map { column, cell in
                let text = cut(cell, widths[column])
                if column == cells.count - 1 { return highlightTitle ? highlighted(text) : text }
                return text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return [line(headers, highlightTitle: false)] + rows.map { line($0, highlightTitle: true) }
            + ["\(rows.count) item\(rows.count == 1 ? "" : "s")"]
    }

    /// The text with each word that matches a query word in bold yellow (ANSI); plain without colour.
    func highlighted(_ text: String) -> String {
        guard color, !highlight.isEmpty else { return text }
        let wanted = Set(highlight.map { TextNormalizer.normalize($0) })
        var bytes = Array(text.utf8)
        for (word, range) in TextNormalizer.wordRanges(text).reversed() {
            guard wanted.contains(TextNormalizer.tokens(word).first ?? "") else { continue }
            bytes.replaceSubrange(range, with: Array(("\u{1B}[1;33m" + word + "\u{1B}[0m").utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Text on one line: line breaks and tabs become spaces.
public func oneLine(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
}
