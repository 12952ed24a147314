import ArgumentParser
import Foundation
import HorizonCore
import HorizonFeeds

struct FeedsImportCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the feeds of an OPML file (from another reader) to the configuration.",
        discussion: """
            Feeds whose URL the configuration already has are reported and not added again, so importing \
            the same file twice changes nothing. New feeds get ids made from their titles; existing ids never \
            change; ids that a Horizon export wrote (horizon:id) are kept, so a list survives a round trip. \
            Folders become the feeds' categories. Web (http, https) and local file: feeds are taken. The \
            rest of feeds.json is left exactly as written (the previous file is kept as feeds.json.bak).

            --init starts a new configuration at --config from the file's feeds, with empty themes and \
            hubs to fill in (docs/configuration.md); it never overwrites a configuration that exists.

            Examples:
              horizon feeds import newsboat.opml --dry-run
              horizon --config new/feeds.json feeds import horizon.opml --init
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The OPML file.")
    var file: String

    @Flag(help: "Report what would be added without changing the configuration.")
    var dryRun = false

    @Flag(help: "Start a new configuration at --config from the file's feeds (never overwrites one).")
    var `init` = false

    func execute() async throws {
        if `init` { try start() }
        let config =
            `init` && dryRun ? HorizonConfig(feeds: [], themes: [], hubs: []) : try global.loadConfig()
        let report = try FeedList(config: config, configPath: global.configPath).importOPML(file, dryRun: dryRun)
        for feed in report.added { print("added \(feed.id): \(feed.url)") }
        for duplicate in report.duplicates {
            print("duplicate: \(duplicate.url) is already feed \"\(duplicate.existing)\"")
        }
        for skipped in report.skipped { print("skipped \(skipped.title): \(skipped.reason)") }
        let duplicates = "\(report.duplicates.count) duplicate\(report.duplicates.count == 1 ? "" : "s")"
        print(
            "\(report.added.count) added, \(duplicates), \(report.skipped.count) skipped"
                + (dryRun ? " (dry run: nothing changed)" : ""))
        if `init` && !dryRun {
            print("started \(global.configPath): add themes and hubs to it (see docs/configuration.md)")
        }
    }

    /// Writes an empty configuration at `--config` for the import to fill: it must not exist yet.
    func start() throws {
        let path = global.configPath
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure.usage("--init: \(path) exists already; import into it without --init")
        }
        let starter = """
            {
              "feeds": [
              ],
              "themes": [],
              "hubs": []
            }

            """
        guard !dryRun else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try AtomicFile.write(Data(starter.utf8), to: path)
    }
}
