import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonSearch

struct MarkCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record a triage decision on catalogue items: their status, who decided, and why.",
        discussion: """
            Statuses follow the horizon-scanning pipeline: new (not yet looked at), watching, shortlisted, \
            assessing, adopted, rejected, parked. Every change is kept in triage.json in the data directory \
            with who made it, when and the note; `horizon show ID` prints the history, and search, export and \
            digest filter on the status. An id may be shortened to any unique prefix.

            Examples:
              horizon mark 09e20540bd83c0d3 --status shortlisted --note "fits the frailty priority" --by "A. Analyst"
              horizon mark 09e2 5c1f --status rejected --note "already commissioned locally"
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The ids of the items (or unique prefixes).")
    var ids: [String]

    @Option(help: ArgumentHelp("The new status: \(TriageStatus.names).", valueName: "status"))
    var status: String

    @Option(help: "Why: the decision's reason, for the record.")
    var note: String?

    @Option(help: "Who decided (default: $HORIZON_USER, else $USER).")
    var by: String?

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give the id of at least one item") }
    }

    func execute() async throws {
        guard let newStatus = TriageStatus.parse(status) else {
            throw CLIFailure.usage("--status \"\(status)\": expected one of \(TriageStatus.names)")
        }
        let environment = ProcessInfo.processInfo.environment
        let who = by ?? environment["HORIZON_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["USER"] ?? "unknown"
        guard let session = try openSearch(global) else {
            throw CLIFailure.usage("no catalogue in \(global.dataDirectory): run horizon fetch first")
        }
        var targets: [(id: String, title: String)] = []
        for id in ids {
            let docs = session.docs(idPrefix: id)
            switch docs.count {
            case 0: throw CLIFailure.usage("no item with id \"\(id)\" in \(global.dataDirectory)")
            case 1: targets.append((session.index.id(docs[0]), session.index.title(docs[0])))
            default: throw CLIFailure.usage("id \"\(id)\" is ambiguous: \(docs.count) items begin with it; give more of it")
            }
        }
        let store = TriageStore(directory: global.dataDirectory)
        let lock: DirectoryLock
        do {
            lock = try store.lock()
        } catch {
            throw CLIFailure.locked(error.description)
        }
        defer { withExtendedLifetime(lock) {} }
        var log: TriageLog
        do {
            log = try store.load()
        } catch {
            throw CLIFailure.failed(error.description)
        }
        let now = Date()
        var lines: [String] = []
        for target in targets {
            let previous = log.status(of: target.id)
            log.record(TriageEvent(item: target.id, status: newStatus, at: now, by: who, note: note, title: target.title))
            lines.append("\(target.id) \(newStatus.rawValue) (was \(previous.rawValue)): \(Output.oneLine(target.title))")
        }
        do {
            try store.save(log)
        } catch {
            throw CLIFailure.failed(error.description)
        }
        for line in lines { print(line) }
    }
}

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
        let config = try? ConfigLoader.load(path: global.configPath)
        let filters = try filterOptions.filters(config: config, configPath: global.configPath)
        let text = queryText(query)
        let node = try parseQuery(text)
        let feedTitles = Dictionary(config?.feeds.map { ($0.id, $0.title) } ?? [], uniquingKeysWith: { a, _ in a })
        var data = Data()
        if let session = try openSearch(global) {
            let engine = SearchEngine(index: session.index, triage: session.triage, feedTitles: feedTitles)
            let hits: [SearchHit]
            do {
                hits = try engine.search(node, filters: filters, sort: .date, limit: nil)
            } catch {
                throw CLIFailure.usage("query \"\(text)\": \(error.description)")
            }
            let results = SearchResults(
                hits: hits, index: session.index, triage: session.triage, feedTitles: feedTitles, ranked: false)
            switch format {
            case .csv: data = Data(((bom ? "\u{FEFF}" : "") + results.csv()).utf8)
            case .json, .jsonl: data = Data(results.json(lines: format == .jsonl))
            }
        } else {
            switch format {
            case .csv: data = Data(((bom ? "\u{FEFF}" : "") + SearchResults.csvHeader.joined(separator: ",") + "\r\n").utf8)
            case .json: data = Data("[]\n".utf8)
            case .jsonl: break
            }
        }
        if let out {
            do {
                try AtomicFile.write(data, to: out)
            } catch {
                throw CLIFailure.failed(error.description)
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
