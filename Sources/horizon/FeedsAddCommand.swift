import ArgumentParser
import HorizonCore
import HorizonFeeds

struct FeedsAddCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a feed from its URL or from a web page that links to it.",
        discussion: """
            URL may be a feed, or a page: Horizon then looks for the page's <link rel="alternate"> feeds \
            and, failing those, common feed paths (/feed, /rss.xml, ...). Every candidate is fetched and \
            parsed; the first real feed is added with its title, and the others found are listed.

            Examples:
              horizon feeds add https://www.digitalhealth.net/
              horizon feeds add https://www.england.nhs.uk/feed/ --id nhs-england --category "National bodies"
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A feed URL or a web page URL.")
    var url: String

    @Option(help: "The new feed's id (default: made from its title).")
    var id: String?

    @Option(help: "The new feed's title (default: the feed's own).")
    var title: String?

    @Option(help: "A category (folder) for the feed.")
    var category: String?

    @Flag(help: "Report what would be added without changing the configuration.")
    var dryRun = false

    func execute() async throws {
        let config = try global.loadConfig()
        let list = FeedList(config: config, configPath: global.configPath)
        switch try await list.add(url, id: id, title: title, category: category, dryRun: dryRun) {
        case .known(let url, let existing):
            print("\(url) is already feed \"\(existing)\"")
        case .added(let feed, let found, let others):
            print(
                "\(dryRun ? "would add" : "added") \(feed.id): \(feed.url) (\(found.format), \(found.via)): \(feed.title)"
            )
            for other in others { print("also found: \(other.url) (\(other.format)): \(other.title)") }
        }
    }
}
