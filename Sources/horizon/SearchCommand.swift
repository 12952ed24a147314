import ArgumentParser
import Foundation
import HorizonCore
import HorizonSearch

struct SearchCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the catalogue: words, \"phrases\", OR, -exclusions and fields, ranked by relevance.",
        discussion: """
            Words must all match (stemmed as the matcher reads them: "wards" finds "ward"; case, accents \
            and British/American spellings do not matter). Common words (the, of, in, …) are ignored \
            outside phrases. "Exact phrases" must match word for word. OR joins alternatives and binds \
            tighter than the implicit AND: frailty falls OR fractures. A leading - excludes a word, phrase \
            or field. word* matches every word that begins so. Parentheses group.

            Fields: title:WORD or title:"phrase" (title only), source:TEXT (feed id or title contains \
            it), feed:ID, theme:ID, hub:ID, status:STATUS.

            Results are ranked by relevance (BM25 over titles and summaries, titles weighing more) blended \
            with recency and theme score; with no words, or with --sort date, newest first. The table \
            fits the terminal and highlights the words found (no colour off a terminal or with NO_COLOR).

            Examples:
              horizon search '"virtual ward" "care home"' --since 2026-03-01
              horizon search frailty falls OR fracture --hub dorset
              horizon search 'status:shortlisted theme:winter-uec'
              horizon search 'title:"remote monitoring" -children' --format csv > monitoring.csv
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "The query (none: every item, newest first).")
    var query: [String] = []

    @OptionGroup var filterOptions: SearchFilterOptions

    @Option(help: "relevance or date.")
    var sort: SortOrder = .relevance

    @Option(help: "The most results to show.")
    var limit: Int = 50

    @Option(help: "table, json, jsonl or csv.")
    var format: OutputFormat = .table

    @Option(help: "Highlight with colour: auto (on a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, jsonl, csv
    }

    enum SortOrder: String, ExpressibleByArgument, CaseIterable {
        case relevance, date
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    func execute() async throws {
        guard limit >= 1 else { throw CLIFailure.usage("--limit \(limit): expected at least 1") }
        let config = try global.loadConfigIfPresent()
        let filters = try filterOptions.filters(config: config, configPath: global.configPath)
        let text = queryText(query)
        let node = try parseQuery(text)
        guard let session = try SearchSession.open(directory: global.dataDirectory) else {
            if format == .table {
                print("no items found (the catalogue is empty)")
            } else if format == .json {
                print("[]")
            }
            return
        }
        let feedTitles = Dictionary(config?.feeds.map { ($0.id, $0.title) } ?? [], uniquingKeysWith: { a, _ in a })
        let results = try session.results(
            node, text: text, filters: filters, sort: sort == .date ? .date : .relevance, limit: limit,
            feedTitles: feedTitles)
        if results.hits.isEmpty && format == .table {
            let reasons = session.whyEmpty(node, filters: filters, filterNames: filterOptions.typed)
            print("no items found" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")))
            return
        }
        switch format {
        case .json, .jsonl:
            FileHandle.standardOutput.write(Data(results.json(lines: format == .jsonl)))
        case .csv:
            FileHandle.standardOutput.write(Data(results.csv().utf8))
        case .table:
            let useColor =
                color == .always
                || (color == .auto && Output.isTerminal
                    && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)
            for line in SearchTable(
                results: results, highlight: node.positiveWords, color: useColor, width: Output.width
            ).lines() { print(line) }
        }
    }
}
