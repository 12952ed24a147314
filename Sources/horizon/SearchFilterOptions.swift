import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonSearch

/// The filters `search` and `export` share.
struct SearchFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only items matched to this hub.", valueName: "id"), completion: Completions.hubs)
    var hub: String?

    @Option(
        help: ArgumentHelp("Only items matched to this theme (for --hub when given).", valueName: "id"),
        completion: Completions.themes)
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "Only stories dated at or after this, by the date their source gave them (published, else updated): a date (2026-03-01), a span back from now (7d, 24h), today, yesterday or a month (march). As in every command.",
            valueName: "when"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Only stories dated at or before this (same date, same forms as --since).", valueName: "when"))
    var until: String?

    @Option(
        help: ArgumentHelp(
            "Only stories Horizon first saw at or after this, whatever their own date (same forms as --since).",
            valueName: "when"))
    var seenSince: String?

    @Option(
        help: ArgumentHelp("Only stories Horizon first saw at or before this (same forms).", valueName: "when"))
    var seenUntil: String?

    @Option(
        help: ArgumentHelp("Only items carried by this feed id (repeat for several).", valueName: "id"),
        completion: Completions.feeds)
    var feed: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only items with this triage status (repeat or comma-separate: \(TriageStatus.names)).", valueName: "status"
        ), completion: Completions.statuses)
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

    /// Each filter given, as typed, by the name `SearchEngine.whyEmpty` gives it.
    var typed: [String: String] {
        var names: [String: String] = [:]
        func add(_ key: String, _ option: String, _ value: String?) {
            if let value { names[key] = "--\(option) \(value)" }
        }
        add("hub", "hub", hub)
        add("theme", "theme", theme)
        add("feed", "feed", feed.isEmpty ? nil : feed.joined(separator: ","))
        add("status", "status", status.isEmpty ? nil : status.joined(separator: ","))
        add("since", "since", since)
        add("until", "until", until)
        add("seen-since", "seen-since", seenSince)
        add("seen-until", "seen-until", seenUntil)
        add("min-score", "min-score", minScore.map { "\($0)" })
        add("min-priority", "min-priority", minPriority.map { "\($0)" })
        return names
    }

    func filters(config: HorizonConfig?, configPath: String) throws -> SearchFilters {
        var filters = SearchFilters()
        if let config {
            if let hub { _ = try config.requireHub(hub, path: configPath) }
            if let theme { _ = try config.requireTheme(theme, path: configPath) }
            for id in feed where config.feed(id) == nil {
                Output.warning(config.unknownFeed(id, path: configPath) + " (searching the catalogue for it anyway)")
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
        filters.since = try TimeSpec.option("--since", since)
        filters.until = try TimeSpec.option("--until", until, endOfDay: true)
        filters.seenSince = try TimeSpec.option("--seen-since", seenSince)
        filters.seenUntil = try TimeSpec.option("--seen-until", seenUntil, endOfDay: true)
        for name in status.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let parsed = TriageStatus.parse(name) else { throw TriageStatus.unknown(name) }
            filters.statuses.insert(parsed)
        }
        return filters
    }
}

extension TimeSpec {
    /// The moment an option names, or a usage error naming the option; a bare date given as an end
    /// (`endOfDay`) means the whole of that day.
    static func option(_ name: String, _ value: String?, endOfDay: Bool = false) throws -> Date? {
        guard let value else { return nil }
        guard let date = TimeSpec.moment(value) else {
            throw CLIFailure.usage(
                "\(name) \"\(value)\": expected a date (2026-03-01), a span (7d, 24h), today, yesterday or a month")
        }
        return endOfDay && value.count == 10 && value.contains("-") ? date.addingTimeInterval(86_399) : date
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
