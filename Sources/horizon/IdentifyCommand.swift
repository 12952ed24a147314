import ArgumentParser
import Foundation
import HorizonCore
import HorizonInnovations
import HorizonMatch

struct IdentifyCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Show the identifiers (trials, DOIs, PubMed, NICE, NIHR) that Horizon finds in text.",
        discussion: """
            Nothing is read from or written to the catalogue. Give the text with --text, or a JSON file of \
            items with --file (the shape of dev-items.json: {"items": [{"id", "title", "summary", "link"}]}). \
            Types: nct, isrctn, euct (EudraCT and EU CT), doi, pmid, pmcid, nice (only in text about NICE) \
            and nihr. --format json prints [{"id", "identifiers": [{"type", "value", "url"}]}].

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
        var items: [(id: String, texts: [String])] = []
        if let text { items.append(("text", [text])) }
        if let file {
            items += try LabelledItems.load(path: file).items.map { ($0.id, [$0.title, $0.summary, $0.link ?? ""]) }
        }
        guard !items.isEmpty else { throw CLIFailure.usage("give --text TEXT or --file ITEMS.json") }
        let found = items.map { (id: $0.id, identifiers: IdentifierFinder.find(in: $0.texts)) }
        switch format {
        case .json:
            let objects: [[String: Any]] = found.map { item in
                [
                    "id": item.id,
                    "identifiers": item.identifiers.map {
                        ["type": $0.type.rawValue, "value": $0.value, "url": $0.url]
                    },
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            for item in found {
                if items.count > 1 || item.id != "text" { print("\(item.id):") }
                if item.identifiers.isEmpty { print("  no identifiers") }
                for identifier in item.identifiers {
                    print("  \(identifier.type.rawValue) \(identifier.value)  \(identifier.url)")
                }
            }
        }
    }
}
