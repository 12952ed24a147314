import ArgumentParser
import Foundation
import HorizonCore
import HorizonSearch

struct ExportCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export catalogue items with their triage status, for the hub board's spreadsheet.",
        discussion: """
            Takes the same query and filters as `horizon search`, without a limit, newest first. CSV has \
            one row per item: id, date, status, title, link, sources, themes (hub/theme score), best_score, \
            and the latest decision's status_by, status_at and status_note, then the summary. JSON is an \
            array of catalogue items with status and statusHistory added.

            Examples:
              horizon export --status shortlisted,assessing --hub dorset --out board.csv
              horizon export 'theme:digital-transformation' --since 30d --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "A query, as for search (none: every item).")
    var query: [String] = []

    @OptionGroup var filterOptions: SearchFilterOptions

    @Option(help: "csv, json or jsonl.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "path"))
    var out: String?

    @Flag(help: "Begin the CSV with a byte-order mark, so that Excel reads it as UTF-8.")
    var bom = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, jsonl
    }

    func execute() async throws {
        let config = try global.loadConfigIfPresent()
        let filters = try filterOptions.filters(config: config, configPath: global.configPath)
        let text = queryText(query)
        let node = try parseQuery(text)
        let feedTitles = Dictionary(config?.feeds.map { ($0.id, $0.title) } ?? [], uniquingKeysWith: { a, _ in a })
        var data = Data()
        var count = 0
        if let session = try SearchSession.open(directory: global.dataDirectory) {
            var results = try session.results(
                node, text: text, filters: filters, sort: .date, limit: nil, feedTitles: feedTitles)
            // An export for one hub carries only that hub's themes, scores and priority.
            results.onlyHub = filters.hub != nil
            count = results.hits.count
            switch format {
            case .csv: data = Data(((bom ? "\u{FEFF}" : "") + results.csv()).utf8)
            case .json, .jsonl: data = Data(results.json(lines: format == .jsonl))
            }
        } else {
            switch format {
            case .csv:
                data = Data(((bom ? "\u{FEFF}" : "") + SearchResults.csvHeader.joined(separator: ",") + "\r\n").utf8)
            case .json: data = Data("[]\n".utf8)
            case .jsonl: break
            }
        }
        if let out {
            try AtomicFile.write(data, to: out)
            print("\(count) item\(count == 1 ? "" : "s") written to \(out)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
