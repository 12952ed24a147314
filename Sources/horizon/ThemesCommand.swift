import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch

struct ThemesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "Preview, evaluate and re-apply the priority themes.",
        discussion: """
            Examples:
              horizon themes test --text "Virtual ward for older people with frailty"
              horizon themes test --file items.json --hub dorset --format json
              horizon themes eval --labelled ../shared/data/dev-items.json
              horizon themes rematch --dry-run
            """,
        subcommands: [ThemesTestCommand.self, ThemesEvalCommand.self, ThemesRematchCommand.self])
}

/// Options shared by the themes subcommands that score text.
struct ThemeScope: ParsableArguments {
    @Option(help: ArgumentHelp("Score for this hub (its themes, places and threshold); default: every theme.", valueName: "id"))
    var hub: String?

    func hub(in config: HorizonConfig, configPath: String) throws -> Hub? {
        guard let hub else { return nil }
        guard let found = config.hub(hub) else {
            throw CLIFailure.usage("--hub \"\(hub)\": no such hub in \(configPath) (hubs: \(config.hubs.map(\.id).joined(separator: ", ")))")
        }
        return found
    }
}

/// The theme ids that an item's text matches, for a hub or for every theme.
func predictedThemes(_ matcher: ThemeMatcher, hub: Hub?, title: String, summary: String) -> [(theme: String, score: Double)] {
    if let hub {
        return matcher.matches(title: title, summary: summary).filter { $0.hub == hub.id }.map { ($0.theme, $0.score) }
    }
    return matcher.hits(title: title, summary: summary).map { ($0.theme, $0.score) }
}

struct ThemesTestCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Show which themes some text would match, and why, without touching the catalogue.",
        discussion: """
            Give the text with --text, or a JSON file of items with --file ({"items": [{"id", "title", \
            "summary"}]}, the shape of dev-items.json). Each item shows the themes it matches with their \
            scores and the terms behind them, themes that fell short of the threshold, and themes an exclude \
            term ruled out. --format json prints [{"id", "themes": [ids], "scores": {id: score}, "explanations"}].

            Examples:
              horizon themes test --text "Community pharmacies to offer blood pressure checks"
              horizon themes test --file items.json --hub cheshire-merseyside --format json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: ThemeScope

    @Option(help: "Text to test (read as the title).")
    var text: String?

    @Option(help: ArgumentHelp("A JSON file of items to test.", valueName: "path"))
    var file: String?

    @Option(help: "text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func execute() async throws {
        let config = try global.loadConfig()
        let hub = try scope.hub(in: config, configPath: global.configPath)
        var items: [LabelledItems.Item] = []
        if let text { items.append(LabelledItems.Item(id: "text", title: text, summary: "")) }
        if let file {
            do {
                items += try LabelledItems.load(path: file).items
            } catch {
                throw CLIFailure.usage(error.message)
            }
        }
        guard !items.isEmpty else { throw CLIFailure.usage("give --text TEXT or --file ITEMS.json") }
        let matcher = ThemeMatcher(config: config)
        var json: [[String: Any]] = []
        for item in items {
            let predicted = predictedThemes(matcher, hub: hub, title: item.title, summary: item.summary)
            let explained = matcher.explain(title: item.title, summary: item.summary)
                .filter { hit in hub.map { $0.themes.contains(hit.theme) } ?? true }
            switch format {
            case .json:
                json.append([
                    "id": item.id,
                    "themes": predicted.map(\.theme),
                    "scores": Dictionary(predicted.map { ($0.theme, $0.score) }, uniquingKeysWith: { a, _ in a }),
                    "explanations": explained.map { hit -> [String: Any] in
                        [
                            "theme": hit.theme, "score": hit.score, "matched": predicted.contains { $0.theme == hit.theme },
                            "vetoed": hit.vetoed, "excluded": hit.excluded,
                            "contributions": hit.contributions.map {
                                ["term": $0.term, "kind": $0.kind.rawValue, "field": $0.field, "weight": $0.weight] as [String: Any]
                            },
                        ]
                    },
                ])
            case .text:
                print(item.id == "text" ? "\"\(item.title)\"" : "\(item.id): \(item.title)")
                if predicted.isEmpty { print("  matches no theme") }
                for (theme, score) in predicted {
                    let reasons = explained.first { $0.theme == theme }?.contributions.map {
                        "\($0.term) (\($0.field), +\(formatScore($0.weight)))"
                    } ?? []
                    print("  ✓ \(theme) \(formatScore(score)): \(reasons.joined(separator: ", "))")
                }
                for hit in explained where !predicted.contains(where: { $0.theme == hit.theme }) {
                    if hit.vetoed {
                        print("  ✗ \(hit.theme): ruled out by \(hit.excluded.map { "\"\($0)\"" }.joined(separator: ", "))")
                    } else {
                        print("  · \(hit.theme) \(formatScore(hit.score)) below the threshold: \(hit.terms.joined(separator: ", "))")
                    }
                }
            }
        }
        if format == .json {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

func formatScore(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
}

struct ThemesEvalCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the themes against items an analyst labelled: precision, recall and F1.",
        discussion: """
            FILE has the shape of dev-items.json: {"items": [{"id", "title", "summary", "labels": [theme ids]}]}. \
            Reports item-level figures (relevant or not), label-level figures (every item and theme pair, \
            micro-averaged, and the macro mean), and each theme's, then lists the items the themes got wrong.

            Example:
              horizon themes eval --labelled ../shared/data/dev-items.json --hub dorset
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: ThemeScope

    @Option(help: ArgumentHelp("The labelled items file.", valueName: "path"))
    var labelled: String

    @Option(help: "text or json.")
    var format: ThemesTestCommand.Format = .text

    func execute() async throws {
        let config = try global.loadConfig()
        let hub = try scope.hub(in: config, configPath: global.configPath)
        let items: [LabelledItems.Item]
        do {
            items = try LabelledItems.load(path: labelled).items
        } catch {
            throw CLIFailure.usage(error.message)
        }
        let matcher = ThemeMatcher(config: config)
        let predicted = items.map { predictedThemes(matcher, hub: hub, title: $0.title, summary: $0.summary).map(\.theme) }
        let themes = hub?.themes ?? config.themes.map(\.id)
        let report = EvaluationReport(themes: themes, labelled: items, predicted: predicted)
        switch format {
        case .json:
            func prf(_ score: PRF) -> [String: Any] {
                ["precision": score.precision, "recall": score.recall, "f1": score.f1, "tp": score.truePositives,
                 "fp": score.falsePositives, "fn": score.falseNegatives]
            }
            let object: [String: Any] = [
                "items": prf(report.items), "labels": prf(report.labelsMicro), "labelsMacroF1": report.labelsMacroF1,
                "themes": Dictionary(uniqueKeysWithValues: report.themes.map { ($0.theme, prf($0.score)) }),
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            func row(_ name: String, _ score: PRF) -> String {
                name.padding(toLength: 30, withPad: " ", startingAt: 0)
                    + String(format: "%9.3f %7.3f %7.3f %8d %4d %4d", score.precision, score.recall, score.f1, score.support, score.falsePositives, score.falseNegatives)
            }
            print("\(items.count) items, \(themes.count) themes\(hub.map { " (hub \($0.id))" } ?? "")")
            print("".padding(toLength: 30, withPad: " ", startingAt: 0) + "precision  recall      F1  support   fp   fn")
            print(row("items (relevant or not)", report.items))
            print(row("labels (micro)", report.labelsMicro))
            print("labels (macro F1)".padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%25.3f", report.labelsMacroF1))
            print("")
            for (theme, score) in report.themes { print(row(theme, score)) }
            if !report.differences.isEmpty {
                print("\nDifferences (missed / extra):")
                for difference in report.differences {
                    print("  \(difference.id): -[\(difference.missed.joined(separator: ", "))] +[\(difference.extra.joined(separator: ", "))]")
                }
            }
        }
    }
}

struct ThemesRematchCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "rematch",
        abstract: "Re-score every stored item after a change to the themes; report what each hub gained and lost.",
        discussion: """
            Example:
              horizon themes rematch --dry-run     # report only
              horizon themes rematch               # report and save
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Report the changes without saving them.")
    var dryRun = false

    func execute() async throws {
        let config = try global.loadConfig()
        let lock = dryRun ? nil : try global.lockDataDirectory()
        defer { withExtendedLifetime(lock) {} }
        let store = CatalogueStore(directory: global.dataDirectory)
        var catalogue = try global.loadCatalogue()
        let matcher = ThemeMatcher(config: config)
        let fresh = matcher.matchAll(catalogue.items.map { ($0.title, $0.summary) })
        var gained: [String: Int] = [:]
        var lost: [String: Int] = [:]
        var changedItems = 0
        for (index, matches) in fresh.enumerated() {
            let before = Set(catalogue.items[index].matches.map { "\($0.hub)/\($0.theme)" })
            let after = Set(matches.map { "\($0.hub)/\($0.theme)" })
            for key in after.subtracting(before) { gained[key, default: 0] += 1 }
            for key in before.subtracting(after) { lost[key, default: 0] += 1 }
            if catalogue.items[index].matches != matches {
                changedItems += 1
                catalogue.update(at: index) { $0.matches = matches }
            }
        }
        let keys = Set(gained.keys).union(lost.keys).sorted()
        if keys.isEmpty {
            print("no hub or theme gained or lost an item")
        } else {
            print("HUB/THEME".padding(toLength: 48, withPad: " ", startingAt: 0) + "GAINED   LOST")
            for key in keys {
                print(key.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%6d %6d", gained[key] ?? 0, lost[key] ?? 0))
            }
        }
        if dryRun {
            print("\(changedItems) of \(catalogue.items.count) items would change (dry run: nothing saved)")
        } else {
            do {
                if changedItems > 0 {
                    updateSearchIndexes(try store.saveAll(catalogue.items))
                }
            } catch {
                throw CLIFailure.failed(error.description)
            }
            print("\(changedItems) of \(catalogue.items.count) items changed")
        }
    }
}
