import ArgumentParser
import HorizonCore
import HorizonFeeds

struct FeedsApplyRedirectsCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply-redirects",
        abstract: "Write the new URLs of feeds that moved for good (301/308 on three runs) into the configuration.",
        discussion: """
            Until then such feeds are fetched at their new URL but keep their old one in feeds.json. Only the \
            URLs change; the rest of the file is left as written (the previous file is kept as feeds.json.bak).

            Example:
              horizon feeds apply-redirects --dry-run
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List the changes without making them.")
    var dryRun = false

    func execute() async throws {
        let config = try global.loadConfig()
        let changes = FeedRedirects.pending(config: config, states: FeedStates.load(from: global.dataDirectory))
        for change in changes { print("\(change.feed): \(change.old) -> \(change.new)") }
        guard !changes.isEmpty else {
            print("no feed has moved")
            return
        }
        guard !dryRun else {
            print("(dry run: nothing changed)")
            return
        }
        try FeedRedirects.apply(changes, configPath: global.configPath, dataDirectory: global.dataDirectory)
        print("\(changes.count) feed\(changes.count == 1 ? "" : "s") updated in \(global.configPath)")
    }
}
