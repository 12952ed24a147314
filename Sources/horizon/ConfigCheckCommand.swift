import ArgumentParser
import HorizonCore
import HorizonPipeline

struct ConfigCheckCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and the data directory; print every problem on its own line.",
        discussion: """
            Checks the configuration's structure and values (ids, URLs, theme ids, terms, thresholds), \
            duplicate feed ids and URLs, hubs with no themes, and SMTP settings when a hub has recipients; \
            then that the data directory can be written and its catalogue read. Each problem is one line \
            naming the file and the place. Exits 0 when there is none, 64 otherwise.

            Example:
              horizon config check
            """)

    @OptionGroup var global: GlobalOptions

    func execute() async throws {
        global.logging.bootstrap()
        let checkup = Checkup(configPath: global.configPath, dataDirectory: global.dataDirectory)
        guard checkup.problems.isEmpty else {
            for problem in checkup.problems { print(problem) }
            throw ExitCode(FailureKind.configuration.exitCode)
        }
        if let config = checkup.config {
            print(
                "\(global.configPath): ok: \(config.feeds.count) feeds, \(config.themes.count) themes, \(config.hubs.count) hubs"
            )
        }
        print("\(global.dataDirectory): ok: \(checkup.dataSummary)")
    }
}
