import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore

struct FeedsStatusCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every feed's health: state, last success and error, failures, items in 30 days, next fetch.",
        discussion: """
            States: ok; failing (the last fetch failed; it backs off up to a day); gone (HTTP 410: no longer \
            fetched); redirected (moved for good, fetched at its new URL; see apply-redirects); silent (answers \
            but has published nothing for much longer than its usual cadence); new (not fetched yet).

            Examples:
              horizon feeds status
              horizon feeds status --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func execute() async throws {
        let config = try global.loadConfig()
        // Stories seen in the last 60 days, all in catalogue.json, are what health is judged on (as a run does).
        let catalogue = try CatalogueStore(directory: global.dataDirectory).loadActive()
        let health = FeedHealth.all(
            config: config, items: catalogue.items, states: FeedStates.load(from: global.dataDirectory))
        switch format {
        case .json:
            print(String(decoding: try HorizonJSON.encoder().encode(health), as: UTF8.self))
        case .table:
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let rows = health.map { feed -> [String] in
                [
                    feed.feed, feed.state.rawValue, feed.lastSuccess.map(formatter.string) ?? "-",
                    "\(feed.consecutiveFailures)",
                    "\(feed.itemsLast30Days)", feed.nextDue.map(formatter.string) ?? "next run",
                    feed.lastError.map(Output.oneLine) ?? "",
                ]
            }
            Output.table(
                ["FEED", "STATE", "LAST SUCCESS (UTC)", "FAILURES", "ITEMS 30D", "NEXT FETCH", "LAST ERROR"], rows)
            // The problems by cause: an outage is one line, not one per feed.
            let problems = FeedProblems(health)
            if let summary = problems.summary {
                print("\n\(summary):")
                for line in problems.detail { print("  \(Output.oneLine(line))") }
            }
        }
    }
}
