import ArgumentParser
import Foundation
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
        subcommands: [
            ThemesTestCommand.self, ThemesEvalCommand.self, ThemesRematchCommand.self, ThemesLearnCommand.self,
        ])
}

/// Options shared by the themes subcommands that score text.
struct ThemeScope: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Score for this hub (its themes, places and threshold); default: every theme.", valueName: "id"),
        completion: Completions.hubs)
    var hub: String?

    func hub(in config: HorizonConfig, configPath: String) throws -> Hub? {
        guard let hub else { return nil }
        return try config.requireHub(hub, path: configPath)
    }
}

/// The two output formats of commands that print one thing.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable { case text, json }
