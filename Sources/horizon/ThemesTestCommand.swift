import ArgumentParser
import Foundation
import HorizonCore
import HorizonMatch

struct ThemesTestCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Show which themes some text would match, and why, without touching the catalogue.",
        discussion: """
            Give the text with --text, or a JSON file of items with --file ({"items": [{"id", "title", \
            "summary"}]}, the shape of dev-items.json). Each item shows the themes it matches with their \
            scores and the terms behind them, themes that fell short of the threshold, themes an exclude \
            term ruled out, and (with matching.context) whether the item is about health or care and the \
            words that say so. --format json prints [{"id", "themes": [ids], "scores": {id: score}, \
            "explanations", "context"}].

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
    var format: TextOrJSON = .text

    func execute() async throws {
        let config = try global.loadConfig()
        let hub = try scope.hub(in: config, configPath: global.configPath)
        var items: [LabelledItems.Item] = []
        if let text { items.append(LabelledItems.Item(id: "text", title: text, summary: "")) }
        if let file {
            items += try LabelledItems.load(path: file).items
        }
        guard !items.isEmpty else { throw CLIFailure.usage("give --text TEXT or --file ITEMS.json") }
        let matcher = ThemeMatcher(config: config)
        var json: [[String: Any]] = []
        for item in items {
            let predicted = matcher.predicted(hub: hub, title: item.title, summary: item.summary)
            let (hits, context) = matcher.assess(title: item.title, summary: item.summary)
            let explained = hits.filter { hit in hub.map { $0.themes.contains(hit.theme) } ?? true }
            // With a hub, its own matches explain each score whole: place boosts included.
            let hubMatches =
                hub.map { hub in
                    matcher.matches(title: item.title, summary: item.summary).filter { $0.hub == hub.id }
                } ?? []
            switch format {
            case .json:
                var entry: [String: Any] = [
                    "id": item.id,
                    "themes": predicted.map(\.theme),
                    "scores": Dictionary(predicted.map { ($0.theme, $0.score) }, uniquingKeysWith: { a, _ in a }),
                    "explanations": explained.map { hit -> [String: Any] in
                        [
                            "theme": hit.theme, "score": hit.score,
                            "matched": predicted.contains { $0.theme == hit.theme },
                            "vetoed": hit.vetoed, "excluded": hit.excluded,
                            "contributions": hit.contributions.map {
                                ["term": $0.term, "kind": $0.kind.rawValue, "field": $0.field, "weight": $0.weight]
                                    as [String: Any]
                            },
                        ]
                    },
                ]
                if let context {
                    entry["context"] = [
                        "score": context.score, "threshold": context.threshold, "health": context.isHealth,
                        "evidence": context.evidence, "against": context.against, "healthFeed": context.healthFeed,
                    ]
                }
                json.append(entry)
            case .text:
                print(item.id == "text" ? "\"\(item.title)\"" : "\(item.id): \(item.title)")
                if let context { print("  " + ThemesTestCommand.describe(context)) }
                if predicted.isEmpty { print("  matches no theme") }
                for (theme, score) in predicted {
                    let contributions =
                        hubMatches.first { $0.theme == theme }?.contributions
                        ?? explained.first { $0.theme == theme }?.contributions ?? []
                    let reasons = contributions.map { contribution in
                        let place = contribution.kind == .place ? "place " : ""
                        return
                            "\(place)\(contribution.term) (\(contribution.field), +\(formatScore(contribution.weight)))"
                    }
                    print("  ✓ \(theme) \(formatScore(score)): \(reasons.joined(separator: ", "))")
                }
                for hit in explained where !predicted.contains(where: { $0.theme == hit.theme }) {
                    if hit.vetoed {
                        print(
                            "  ✗ \(hit.theme): ruled out by \(hit.excluded.map { "\"\($0)\"" }.joined(separator: ", "))"
                        )
                    } else {
                        print(
                            "  · \(hit.theme) \(formatScore(hit.score)) below the threshold: \(hit.terms.joined(separator: ", "))"
                        )
                    }
                }
            }
        }
        if format == .json {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// "context 4 (needs 2): patients, NHS; against: cattle".
    static func describe(_ context: ContextVerdict) -> String {
        var line =
            (context.isHealth ? "about health or care" : "not about health or care: no theme counts")
            + " (context \(formatScore(context.score)), needs \(formatScore(context.threshold)))"
        if !context.evidence.isEmpty { line += ": " + context.evidence.joined(separator: ", ") }
        if !context.against.isEmpty { line += "; against: " + context.against.joined(separator: ", ") }
        return line
    }
}
