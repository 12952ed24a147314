import ArgumentParser
import HorizonCore
import HorizonFeeds

struct FeedsImportCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the feeds of an OPML file (from another reader) to the configuration.",
        discussion: """
            Feeds whose URL the configuration already has are reported and not added again, so importing \
            the same file twice changes nothing. New feeds get ids made from their titles; existing ids never \
            change. Folders become the feeds' categories. The rest of feeds.json is left exactly as written \
            (the previous file is kept as feeds.json.bak).

            Example:
              horizon feeds import newsboat.opml --dry-run
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The OPML file.")
    var file: String

    @Flag(help: "Report what would be added without changing the configuration.")
    var dryRun = false

    func execute() async throws {
        let config = try global.loadConfig()
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
    }
}
