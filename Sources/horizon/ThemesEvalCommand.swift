import ArgumentParser
import Foundation
import HorizonCore
import HorizonMatch

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
    var format: TextOrJSON = .text

    func execute() async throws {
        let config = try global.loadConfig()
        let hub = try scope.hub(in: config, configPath: global.configPath)
        let items = try LabelledItems.load(path: labelled).items
        let matcher = ThemeMatcher(config: config)
        let predicted = items.map { matcher.predicted(hub: hub, title: $0.title, summary: $0.summary).map(\.theme) }
        let themes = hub?.themes ?? config.themes.map(\.id)
        let report = EvaluationReport(themes: themes, labelled: items, predicted: predicted)
        switch format {
        case .json:
            func prf(_ score: PRF) -> [String: Any] {
                [
                    "precision": score.precision, "recall": score.recall, "f1": score.f1, "tp": score.truePositives,
                    "fp": score.falsePositives, "fn": score.falseNegatives,
                ]
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
                    + String(
                        format: "%9.3f %7.3f %7.3f %8d %4d %4d", score.precision, score.recall, score.f1, score.support,
                        score.falsePositives, score.falseNegatives)
            }
            print("\(items.count) items, \(themes.count) themes\(hub.map { " (hub \($0.id))" } ?? "")")
            print(
                "".padding(toLength: 30, withPad: " ", startingAt: 0) + "precision  recall      F1  support   fp   fn")
            print(row("items (relevant or not)", report.items))
            print(row("labels (micro)", report.labelsMicro))
            print(
                "labels (macro F1)".padding(toLength: 30, withPad: " ", startingAt: 0)
                    + String(format: "%25.3f", report.labelsMacroF1))
            print("")
            for (theme, score) in report.themes { print(row(theme, score)) }
            if !report.differences.isEmpty {
                print("\nDifferences (missed / extra):")
                for difference in report.differences {
                    print(
                        "  \(difference.id): -[\(difference.missed.joined(separator: ", "))] +[\(difference.extra.joined(separator: ", "))]"
                    )
                }
            }
        }
    }
}
