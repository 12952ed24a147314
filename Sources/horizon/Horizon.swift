import ArgumentParser
import Foundation
import Logging

@main
struct Horizon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "horizon",
        abstract:
            "Horizon scanning for health and care innovation: fetch feeds, match hub priorities, digest, search, site.",
        discussion: """
            Horizon reads the RSS and Atom feeds listed in feeds.json, keeps every story once in a JSON \
            catalogue, matches each story to every hub's priority themes, follows innovations across \
            stories, and writes daily digests and a static site per hub.

            Examples:
              horizon fetch                               # fetch, match and store (run it from cron)
              horizon digest --hub dorset                 # Markdown and HTML digest of the last 24 hours
              horizon search '"virtual ward" frailty' --hub dorset   # search the catalogue
              horizon mark 09e20540bd83c0d3 --hub dorset --status shortlisted --note "for the March board"
              horizon site --hub dorset --out /srv/horizon/dorset   # the hub's static site
              horizon --config demo/feeds.json --data demo-data fetch

            Exit codes: 0 the run completed (feed errors are reported, not fatal); 1 the run could not \
            complete; 64 bad usage or invalid configuration; 75 another run holds the data directory's lock.
            """,
        version: "0.1.0",
        subcommands: [
            FetchCommand.self, DigestCommand.self, SearchCommand.self, MarkCommand.self, ShowCommand.self,
            ExportCommand.self,
            ThemesCommand.self, FeedsCommand.self, ConfigCommand.self, PruneCommand.self, RepairCommand.self,
            ParseCommand.self, IdentifyCommand.self, InnovationsCommand.self, TrendsCommand.self, SiteCommand.self,
        ]
    )

    /// Accepted before the subcommand too (`horizon --config x fetch`); each subcommand reads them.
    @OptionGroup var global: GlobalOptions
}
