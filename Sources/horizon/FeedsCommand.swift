import ArgumentParser

struct FeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Manage the feed list: add a site's feed, import and export OPML.",
        discussion: """
            Examples:
              horizon feeds status
              horizon feeds add https://www.england.nhs.uk/
              horizon feeds import subscriptions.opml
              horizon feeds export > horizon.opml
            """,
        subcommands: [
            FeedsStatusCommand.self, FeedsAddCommand.self, FeedsImportCommand.self, FeedsExportCommand.self,
            FeedsApplyRedirectsCommand.self,
        ])
}
