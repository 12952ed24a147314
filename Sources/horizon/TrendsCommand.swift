import ArgumentParser
import Foundation
import HorizonCore
import HorizonInnovations

struct TrendsCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract:
            "What is rising: each theme's weekly stories and publishers, surges, and innovations gaining publishers.",
        discussion: """
            Weeks start on Monday (UTC) and count stories by their published date (first seen where there \
            is none); every run updates the counts (trends.json). The latest complete week is a surge when \
            its stories pass the upper limit of a quasi-Poisson model of the 26 weeks before it (Farrington's \
            method for weekly surveillance counts, which suits small, bursty counts; around the last 4 \
            weeks' level when that is higher), with at least 4 stories; \
            score is stories over that limit. Drivers are the week's innovations and terms. Innovations \
            gaining publishers reached two or more new sites in the last 14 days.

            JSON: [{"theme", "weeks": [{"start": "YYYY-MM-DD", "stories", "publishers"}], "baseline", \
            "threshold", "surge", "score", "drivers": [...]}], oldest week first; with --innovations, \
            [{"id", "name", "newPublishers": [...], "publishers", "themes"}].

            Examples:
              horizon trends --hub dorset
              horizon trends --weeks 26 --format json
              horizon trends --innovations --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("This hub's themes and matches only.", valueName: "id"), completion: Completions.hubs)
    var hub: String?

    @Option(help: ArgumentHelp("How many complete weeks to show (default 12).", valueName: "n"))
    var weeks: Int = 12

    @Flag(help: "List the innovations gaining publishers instead of the themes.")
    var innovations = false

    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func execute() async throws {
        guard (1...92).contains(weeks) else {
            throw CLIFailure.usage("--weeks \(weeks): give 1 to 92 (runs keep two years of weekly counts)")
        }
        let config = try global.loadConfigIfPresent()
        guard let counts = try InnovationStore(directory: global.dataDirectory).loadTrends() else {
            throw CLIFailure.usage(
                "no \(DataDirectory(global.dataDirectory).trends): run horizon fetch or horizon innovations rebuild")
        }
        var themes: [String]
        if let hub {
            guard let config else {
                throw CLIFailure.usage("--hub \"\(hub)\": no configuration at \(global.configPath) to find it in")
            }
            themes = try config.requireHub(hub, path: global.configPath).themes
        } else if let config {
            themes = config.themes.map(\.id)
        } else {
            themes = Set(counts.weeks.flatMap(\.themes.keys)).filter { !$0.contains("/") }.sorted()
        }
        if innovations {
            let gaining = counts.gaining.filter { record in
                hub.map { hub in record.themes.contains { $0.hasPrefix(hub + "/") } } ?? true
            }
            if format == .json {
                let objects: [[String: Any]] = gaining.map {
                    [
                        "id": $0.id, "name": $0.name, "newPublishers": $0.newPublishers, "publishers": $0.publishers,
                        "themes": $0.themes,
                    ]
                }
                print(try Self.json(objects))
            } else if gaining.isEmpty {
                print("no innovation gained two or more publishers in the last 14 days")
            } else {
                for record in gaining {
                    print(
                        "\(record.id)  \(record.name): +\(record.newPublishers.count) sites (\(record.newPublishers.joined(separator: ", ")))"
                    )
                }
            }
            return
        }
        let trends = TrendReading.trends(counts, hub: hub, themes: themes, weeks: weeks, now: Date())
        if format == .json {
            let objects: [[String: Any]] = trends.map { trend in
                [
                    "theme": trend.theme,
                    "weeks": trend.weeks.map {
                        [
                            "start": String(ISO8601.string($0.start).prefix(10)), "stories": $0.stories,
                            "publishers": $0.publishers,
                        ]
                    },
                    "baseline": (trend.baseline * 100).rounded() / 100,
                    "threshold": (trend.threshold * 100).rounded() / 100,
                    "surge": trend.surge, "score": (trend.score * 100).rounded() / 100, "drivers": trend.drivers,
                ]
            }
            print(try Self.json(objects))
            return
        }
        let width = max(5, trends.map(\.theme.count).max() ?? 5)
        print(
            "\("theme".padding(toLength: width, withPad: " ", startingAt: 0))  weekly stories, oldest first (latest: week of \(trends.first?.weeks.last.map { String(ISO8601.string($0.start).prefix(10)) } ?? "-"))"
        )
        for trend in trends {
            let counts = trend.weeks.map { String($0.stories) }.joined(separator: " ")
            let flag =
                trend.surge
                ? "  SURGE (baseline \(String(format: "%.1f", trend.baseline)), limit \(String(format: "%.1f", trend.threshold)))"
                : ""
            print("\(trend.theme.padding(toLength: width, withPad: " ", startingAt: 0))  \(counts)\(flag)")
            if trend.surge && !trend.drivers.isEmpty { print("  driven by: \(trend.drivers.joined(separator: "; "))") }
        }
        let gaining = counts.gaining.prefix(5)
        if !gaining.isEmpty {
            print(
                "innovations gaining publishers (14 days): "
                    + gaining.map { "\($0.name) +\($0.newPublishers.count)" }.joined(separator: ", "))
        }
    }

    static func json(_ objects: [[String: Any]]) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]),
            as: UTF8.self)
    }
}
