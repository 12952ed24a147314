import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonSearch

struct SearchCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the catalogue's titles and summaries, newest first.",
        discussion: """
            Every word must begin a word of the title or summary (case and accents do not matter). \
            --theme and --hub keep only stories matched to that theme or hub. The default output is a \
            table; --format json prints a JSON array of catalogue items.

            Examples:
              horizon search virtual ward
              horizon search frailty --hub dorset --limit 20
              horizon search --theme digital-transformation --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Words to search for (none: every item).")
    var words: [String] = []

    @Option(help: ArgumentHelp("Only items matched to this theme.", valueName: "id"))
    var theme: String?

    @Option(help: ArgumentHelp("Only items matched to this hub.", valueName: "id"))
    var hub: String?

    @Option(help: "The most results to show.")
    var limit: Int = 50

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func execute() async throws {
        let config = try? ConfigLoader.load(path: global.configPath)
        if let config {
            if let hub, config.hub(hub) == nil { throw CLIFailure.usage("--hub \"\(hub)\": no such hub in \(global.configPath)") }
            if let theme, config.theme(theme) == nil { throw CLIFailure.usage("--theme \"\(theme)\": no such theme in \(global.configPath)") }
        }
        let catalogue = try global.loadCatalogue()
        let query = SearchQuery(text: words.joined(separator: " "), theme: theme, hub: hub, limit: limit)
        let results = query.run(on: catalogue.items)
        switch format {
        case .json:
            let data = try HorizonJSON.encoder().encode(results)
            print(String(decoding: data, as: UTF8.self))
        case .table:
            printTable(results, config: config)
        }
    }

    private func printTable(_ items: [Item], config: HorizonConfig?) {
        guard !items.isEmpty else {
            print("no items found")
            return
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let rows = items.map { item -> [String] in
            let feed = item.sources.first?.feed ?? ""
            let source = config?.feed(feed)?.title ?? feed
            let themes = Array(Set(item.matches.map(\.theme))).sorted().joined(separator: ",")
            return [item.id, formatter.string(from: item.date), source, themes, item.title]
        }
        Output.table(["ID", "DATE", "SOURCE", "THEMES", "TITLE"], rows, caps: [16, 10, 24, 32, Int.max])
        print("\(items.count) item\(items.count == 1 ? "" : "s")")
    }
}
