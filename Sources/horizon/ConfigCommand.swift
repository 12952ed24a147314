import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration and the data directory.",
        discussion: """
            Example:
              horizon config check --config /etc/horizon/feeds.json --data /var/lib/horizon
            """,
        subcommands: [ConfigCheckCommand.self])
}

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
        var problems: [String] = []
        let (config, configProblems) = ConfigLoader.check(path: global.configPath)
        problems += configProblems
        let data = global.dataDirectory
        var dataSummary = ""
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: data, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                problems.append("\(data): the data directory is not a directory")
            } else if !manager.isWritableFile(atPath: data) {
                problems.append("\(data): the data directory is not writable")
            } else {
                do {
                    let catalogue = try CatalogueStore(directory: data).load()
                    dataSummary = "\(catalogue.items.count) items in the catalogue"
                } catch {
                    problems.append(error.description)
                }
            }
        } else {
            let parent = (data as NSString).deletingLastPathComponent
            let existing = parent.isEmpty ? "." : parent
            var parentIsDirectory: ObjCBool = false
            if !manager.fileExists(atPath: existing, isDirectory: &parentIsDirectory) || !parentIsDirectory.boolValue {
                problems.append("\(data): the data directory does not exist and \(existing) is not a directory")
            } else if !manager.isWritableFile(atPath: existing) {
                problems.append("\(data): the data directory does not exist and \(existing) is not writable")
            } else {
                dataSummary = "not created yet (the first fetch creates it)"
            }
        }
        if !problems.isEmpty {
            for problem in problems { print(problem) }
            throw ExitCode(64)
        }
        if let config {
            print("\(global.configPath): ok: \(config.feeds.count) feeds, \(config.themes.count) themes, \(config.hubs.count) hubs")
        }
        print("\(data): ok: \(dataSummary)")
    }
}
