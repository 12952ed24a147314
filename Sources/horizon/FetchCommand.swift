import ArgumentParser
import CSystem
import Foundation
import HorizonCore
import HorizonPipeline

struct FetchCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch every feed, add new stories to the catalogue and match them to each hub's themes.",
        discussion: """
            Feeds are fetched concurrently. A feed that fails (network, HTTP error, not a feed) is reported \
            on stderr and the run goes on with the others; the run still exits 0. Only feeds that are due are \
            fetched (after failures, feeds back off up to a day; a feed's ttl, sy:updatePeriod, skipHours, \
            Cache-Control max-age or configured interval can space fetches out); --all fetches every feed. On a terminal the run ends \
            with one summary line: feeds fetched and failed, new items, new matched items. When output is not \
            a terminal (cron), or with --quiet, it prints nothing unless a feed failed, and then a short report.

            Example:
              horizon --config feeds.json --data /var/lib/horizon fetch
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp("Seconds to wait for another run holding the data directory's lock.", valueName: "seconds"))
    var wait: Double = 0

    @Flag(help: "Print nothing when every feed was fetched (the default when output is not a terminal).")
    var quiet = false

    @Flag(
        help:
            "Fetch every feed now, due or not (feeds that are gone, and hosts that asked to wait, are still left alone)."
    )
    var all = false

    func execute() async throws {
        let config = try global.loadConfig()
        var run = FetchRun(config: config, dataDirectory: global.dataDirectory, lockWait: wait)
        run.all = all
        run.freesMemory = false
        run.betweenSteps = { horizon_release_free_memory() }
        let progress: (@Sendable (Int, Int) -> Void)? =
            !quiet && Output.stderrIsTerminal ? FetchCommand.showProgress : nil
        let summary = try await run.run(progress: progress)
        // The hubs' sites, when the configuration asks for them, from what this run stored.
        let sites = try SiteRun(config: config, dataDirectory: global.dataDirectory).runConfigured()
        if Output.quiet(quiet) {
            // What cron mails: nothing when all is well, a short report when a feed failed.
            if !summary.failures.isEmpty {
                var report = "horizon fetch: \(summary.failures.count) of \(config.feeds.count) feeds failed\n"
                let grouped = FailureGroups(summary.failures)
                for group in grouped.groups { report += "  \(group.line)\n" }
                for failure in grouped.single { report += "  \(failure.feed): \(failure.message)\n" }
                FileHandle.standardError.write(Data(report.utf8))
            }
            return
        }
        let grouped = FailureGroups(summary.failures)
        for group in grouped.groups { Output.warning(group.line) }
        for failure in grouped.single {
            let title = config.feed(failure.feed)?.title ?? failure.feed
            Output.warning("feed \"\(failure.feed)\" (\(title)): \(failure.message)")
        }
        for redirect in summary.redirected {
            Output.warning(
                "feed \"\(redirect.feed)\" has moved for good to \(redirect.message); it is fetched there from now on (horizon feeds apply-redirects writes it into the configuration)"
            )
        }
        // Feeds that are silent, gone or moved (this run's failures were listed above).
        for warning in summary.warnings where warning.state != .failing { Output.warning(warning.message) }
        print(summary.line)
        for site in sites { print("site " + SiteCommand.line(site)) }
    }

    /// A live progress line on a terminal, erased when the fetch ends.
    @Sendable static func showProgress(done: Int, total: Int) {
        let text = done == total ? "\r\u{1B}[K" : "\rfetching \(done)/\(total)"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
