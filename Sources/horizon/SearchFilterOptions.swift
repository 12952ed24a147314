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

    @Option(
        help: ArgumentHelp(
            "Only items dated at or after this: a date (2026-03-01), a span back from now (7d, 24h), today, yesterday or a month (march).",
            valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Only items dated at or before this (same forms as --since).", valueName: "when"))
    var until: String?

    @Option(help: ArgumentHelp("Only items carried by this feed id (repeat for several).", valueName: "id"))
    var feed: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only items with this triage status (repeat or comma-separate: \(TriageStatus.names)).", valueName: "status"
        ))
    var status: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only items whose best theme score (within --hub and --theme) is at least this.", valueName: "score"))
    var minScore: Double?

    @Option(
        help: ArgumentHelp(
            "Only items whose priority (for --hub, else their best over every hub) is at least this, 0 to 1.",
            valueName: "priority"))
    var minPriority: Double?

    func filters(config: HorizonConfig?, configPath: String) throws -> SearchFilters {
        var filters = SearchFilters()
        if let config {
            if let hub, config.hub(hub) == nil {
                throw CLIFailure.usage("--hub \"\(hub)\": no such hub in \(configPath)")
            }
            if let theme, config.theme(theme) == nil {
                throw CLIFailure.usage("--theme \"\(theme)\": no such theme in \(configPath)")
            }
            for id in feed where config.feed(id) == nil {
                Output.warning("--feed \"\(id)\": not in \(configPath); searching the catalogue for it anyway")
            }
        }
        filters.hub = hub
        filters.theme = theme
        filters.feeds = feed
        filters.minScore = minScore
        if let minPriority {
            guard (0...1).contains(minPriority) else {
                throw CLIFailure.usage("--min-priority \(minPriority): expected a number from 0 to 1")
            }
            filters.minPriority = minPriority
        }
        if let since {
            guard let date = TimeSpec.moment(since) else {
                throw CLIFailure.usage("--since \"\(since)\": expected a date (2026-03-01) or a span (7d)")
            }
            filters.since = date
        }
        if let until {
            guard let date = TimeSpec.moment(until) else {
                throw CLIFailure.usage("--until \"\(until)\": expected a date (2026-03-01) or a span (7d)")
            }
            // A bare date means the whole of that day.
            filters.until = until.count == 10 && until.contains("-") ? date.addingTimeInterval(86_399) : date
        }
        for name in status.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let parsed = TriageStatus.parse(name) else {
                throw CLIFailure.usage("--status \"\(name)\": expected one of \(TriageStatus.names)")
            }
            filters.statuses.insert(parsed)
        }
        return filters
    }
}

/// The query typed as arguments. A single argument is the whole query; among several, one that
/// holds spaces and no query syntax was quoted in the shell, and is read as a phrase.
func queryText(_ arguments: [String]) -> String {
    guard arguments.count > 1 else { return arguments.first ?? "" }
    return arguments.map { argument in
        let syntax =
            argument.contains { "\"():“”".contains($0) } || argument.hasPrefix("-") || argument.contains(" OR ")
        return argument.contains(" ") && !syntax ? "\"\(argument)\"" : argument
    }.joined(separator: " ")
}

func parseQuery(_ text: String) throws -> QueryNode {
    do {
        return try QueryParser.parse(text)
    } catch {
        throw QuerySyntaxError(message: "query \"\(text)\": \(error.message)")
    }
}
