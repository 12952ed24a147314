import ArgumentParser
import Foundation
import HorizonCore
import HorizonFeeds

struct FeedsExportCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the configuration's feeds as OPML 2.0, in folders by category.",
        discussion: """
            Example:
              horizon feeds export --out horizon.opml && newsboat -i horizon.opml
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
    var out: String?

    func execute() async throws {
        let config = try global.loadConfig()
        let opml = OPML.export(config)
        if let out {
            try AtomicFile.write(Data(opml.utf8), to: out)
        } else {
            print(opml, terminator: "")
        }
    }
}
