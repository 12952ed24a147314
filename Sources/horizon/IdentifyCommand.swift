import ArgumentParser
import Foundation
import HorizonCore
import HorizonInnovations
import HorizonMatch

struct IdentifyCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Show the identifiers, innovations and lifecycle stage that Horizon finds in text.",
        discussion: """
            Nothing is read from or written to the catalogue. Give the text with --text, or a JSON file of \
            items with --file (the shape of dev-items.json: {"items": [{"id", "title", "summary", "link"}]}). \
            Types: nct, isrctn, euct (EudraCT and EU CT), doi, pmid, pmcid, nice (only in text about NICE) \
            and nihr. Innovations are the records the stories group into (with the watchlist of the \
            configuration, when there is one); stages: research, evidence, regulatory, guidance, funding, \
            adoption, spread, other. --format json prints [{"id", "identifiers": [{"type", "value", "url"}], \
            "innovations": [names], "stage"}].

            Examples:
              horizon identify --text "Results of the trial (NCT04368728) were published (doi:10.1136/bmj.n71)."
              horizon identify --file items.json --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Text to search.")
    var text: String?

    @Option(help: ArgumentHelp("A JSON file of items to search.", valueName: "path"))
    var file: String?

    @Option(help: "text or json.")
    var format: TextOrJSON = .text

    func execute() async throws {
        var stories: [LooseStory] = []
        if let text { stories.append(LooseStory(id: "text", title: "", summary: text, link: "", date: nil)) }
        if let file {
            stories += try LabelledItems.load(path: file).items.map {
                LooseStory(
                    id: $0.id, title: $0.title, summary: $0.summary, link: $0.link ?? "",
                    date: $0.published.flatMap(ISO8601.date))
            }
        }
        guard !stories.isEmpty else { throw CLIFailure.usage("give --text TEXT or --file ITEMS.json") }
        let finder = try global.loadConfigIfPresent().map(InnovationFinder.init(config:)) ?? InnovationFinder()
        let found = finder.identify(stories)
        switch format {
        case .json:
            let objects: [[String: Any]] = found.map { story in
                [
                    "id": story.id,
                    "identifiers": story.identifiers.map {
                        ["type": $0.type.rawValue, "value": $0.value, "url": $0.url]
                    },
                    "innovations": story.innovations,
                    "stage": story.stage.rawValue,
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            for story in found {
                if found.count > 1 || story.id != "text" { print("\(story.id):") }
                print("  stage: \(story.stage.rawValue)")
                if !story.innovations.isEmpty { print("  innovations: \(story.innovations.joined(separator: ", "))") }
                if story.identifiers.isEmpty { print("  no identifiers") }
                for identifier in story.identifiers {
                    print("  \(identifier.type.rawValue) \(identifier.value)  \(identifier.url)")
                }
            }
        }
    }
}
