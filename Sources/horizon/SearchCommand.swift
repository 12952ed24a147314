import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonSearch

/// The filters `search` and `export` share.
struct SearchFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only items matched to this hub.", valueName: "id"))
    var hub: String?

    @Option(help: ArgumentHelp("Only items matched to this theme (for --hub when given).", valueName: "id"))
    var theme: String?

    @Option(help: ArgumentHelp("Only items dated at or after this: a date (2026-03-01), a span back from now (7d, 24h), today, yesterday or a month (march).", valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Only items dated at or before this (same forms as --since).", valueName: "when"))
    var until: String?

    @Option(help: ArgumentHelp("Only items carried by this feed id (repeat for several).", valueName: "id"))
    var feed: [String] = []

    @Option(help: ArgumentHelp("Only items with this triage status (repeat or comma-separate: \(TriageStatus.names)).", valueName: "status"))
    var status: [String] = []

    @Option(help: ArgumentHelp("Only items whose best theme score (within --hub and --theme) is at least this.", valueName: "score"))
    var minScore: Double?

    func filters(config: HorizonConfig?, configPath: String) throws -> SearchFilters {
        var filters = SearchFilters()
        if let config {
            if let hub, config.hub(hub) == nil { throw CLIFailure.usage("--hub \"\(hub)\": no such hub in \(configPath)") }
            if let theme, config.theme(theme) == nil { throw CLIFailure.usage("--theme \"\(theme)\": no such theme in \(configPath)") }
            for id in feed where config.feed(id) == nil {
                Output.warning("--feed \"\(id)\": not in \(configPath); searching the catalogue for it anyway")
            }
        }
        filters.hub = hub
        filters.theme = theme
        filters.feeds = feed
        filters.minScore = minScore
        if let since {
            guard let date = TimeSpec.moment(since) else { throw CLIFailure.usage("--since \"\(since)\": expected a date (2026-03-01) or a span (7d)") }
            filters.since = date
        }
        if let until {
            guard let date = TimeSpec.moment(until) else { throw CLIFailure.usage("--until \"\(until)\": expected a date (2026-03-01) or a span (7d)") }
            // A bare date means the whole of that day.
            filters.until = until.count == 10 && until.contains("-") ? date.addingTimeInterval(86_399) : date
        }
        for name in status.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let parsed = TriageStatus.parse(name) else { throw CLIFailure.usage("--status \"\(name)\": expected one of \(TriageStatus.names)") }
            filters.statuses.insert(parsed)
        }
        return filters
    }
}

/// Opens the search index of the data directory, or says why not.
func openSearch(_ global: GlobalOptions) throws -> SearchSession? {
    do {
        return try SearchSession.open(directory: global.dataDirectory)
    } catch {
        throw CLIFailure.failed(error.description)
    }
}

/// The query typed as arguments. A single argument is the whole query; among several, one that
/// holds spaces and no query syntax was quoted in the shell, and is read as a phrase.
func queryText(_ arguments: [String]) -> String {
    guard arguments.count > 1 else { return arguments.first ?? "" }
    return arguments.map { argument in
        let syntax = argument.contains { "\"():“”".contains($0) } || argument.hasPrefix("-") || argument.contains(" OR ")
        return argument.contains(" ") && !syntax ? "\"\(argument)\"" : argument
    }.joined(separator: " ")
}

func parseQuery(_ text: String) throws -> QueryNode {
    do {
        return try QueryParser.parse(text)
    } catch {
        throw CLIFailure.usage("query \"\(text)\": \(error.description)")
    }
}

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
        let config = try? ConfigLoader.load(path: global.configPath)
        let filters = try filterOptions.filters(config: config, configPath: global.configPath)
        let text = queryText(query)
        let node = try parseQuery(text)
        guard let session = try openSearch(global) else {
            if format == .table { print("no items found (the catalogue is empty)") } else if format == .json { print("[]") }
            return
        }
        let feedTitles = Dictionary(config?.feeds.map { ($0.id, $0.title) } ?? [], uniquingKeysWith: { a, _ in a })
        let engine = SearchEngine(index: session.index, triage: session.triage, feedTitles: feedTitles)
        let hits: [SearchHit]
        do {
            hits = try engine.search(node, filters: filters, sort: sort == .date ? .date : .relevance, limit: limit)
        } catch {
            throw CLIFailure.usage("query \"\(text)\": \(error.description)")
        }
        let results = SearchResults(
            hits: hits, index: session.index, triage: session.triage, feedTitles: feedTitles,
            ranked: sort == .relevance && node.hasText)
        switch format {
        case .json, .jsonl:
            FileHandle.standardOutput.write(Data(results.json(lines: format == .jsonl)))
        case .csv:
            FileHandle.standardOutput.write(Data(results.csv().utf8))
        case .table:
            let useColor = color == .always || (color == .auto && Output.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)
            for line in SearchTable(results: results, highlight: node.positiveWords, color: useColor, width: Output.width).lines() { print(line) }
        }
    }
}
