import ArgumentParser
import Foundation
import HorizonCore
import HorizonPipeline

struct SiteCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a hub's static horizon site: home, a page per theme and innovation, the board, search.",
        discussion: """
            The site is a folder of pages that any web server or file share can serve, and that works \
            from file:// too: nothing is loaded from outside it. Home leads with the top stories of the \
            last 7 days by priority, what is rising, followed innovations with news and the feeds' health; \
            each theme has its weekly counts as a chart, its stories and innovations; each innovation its \
            timeline by stage, sources, identifiers and triage history; the board lists the decisions by \
            status and prints cleanly; search runs in the browser over the hub's stories and innovations. \
            A rebuild rewrites only the files that changed, each atomically.

            A "site" block in the configuration ({"out": "/srv/horizon", "hubs": [...]}) makes fetch and \
            digest regenerate one folder per hub after each run.

            Examples:
              horizon site --hub dorset --out /srv/horizon/dorset
              horizon site --all --out /srv/horizon
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp("The hub whose site to write.", valueName: "id"), completion: Completions.hubs)
    var hub: String?

    @Flag(help: "Write every hub's site, one folder each inside --out.")
    var all = false

    @Option(help: ArgumentHelp("The site's folder (with --all: the folder of the hubs' folders).", valueName: "dir"))
    var out: String

    @Flag(help: "Print nothing on success.")
    var quiet = false

    func execute() async throws {
        let config = try global.loadConfig()
        guard all != (hub != nil) else { throw CLIFailure.usage("give --hub HUB or --all") }
        let hubs = all ? config.hubs : [try config.requireHub(hub ?? "", path: global.configPath)]
        let started = Date()
        let outcomes = try SiteRun(config: config, dataDirectory: global.dataDirectory).run(
            hubs: hubs, folder: { all ? (out as NSString).appendingPathComponent($0.id) : out })
        guard !quiet else { return }
        for outcome in outcomes {
            print(SiteCommand.line(outcome) + String(format: " in %.2f s", Date().timeIntervalSince(started)))
        }
    }

    static func line(_ outcome: SiteRun.Outcome) -> String {
        "\(outcome.hub): \(outcome.pages) files in \(outcome.folder) (\(outcome.written) written, "
            + "\(outcome.unchanged) unchanged, \(outcome.removed) removed)"
    }
}
