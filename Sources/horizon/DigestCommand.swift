import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonPipeline

struct DigestCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write each hub's digest of newly matched stories, and send it by email or webhook.",
        discussion: """
            A digest holds the stories first seen (or revised) since the hub's last delivered digest that \
            match its themes: a header with counts per theme, new and updated stories and warnings about \
            failing or silent feeds; then the stories grouped by theme and ranked by score, each once under \
            its best theme with the others named, with its link, source, date, snippet and matched terms. \
            Files go to DIR/<hub>-<date>.<format> (DIR defaults to the data directory's digests/).

            --send emails the hub's recipients (smtp settings in the configuration; the password from the \
            environment or a file) and posts to its webhook. The period moves on only when the digest was \
            delivered, so a failed delivery is retried with the same stories, and a missed day is covered by \
            the next run. --since sets the period by hand and records nothing. Items marked rejected \
            (horizon mark) are left out; --status chooses the statuses to include.

            Examples:
              horizon digest --hub dorset
              horizon digest --send                       # every hub, from cron at 07:00
              horizon digest --hub dorset --since 7d --format md,html,txt --out /srv/digests
              horizon digest --send --dry-run
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The hub to write a digest for (repeatable; default: every hub).", valueName: "id"))
    var hub: [String] = []

    @Option(
        help: ArgumentHelp(
            "The period, by hand: a span (24h, 7d, 2w) or a date (2025-03-01); default: since the last delivered digest.",
            valueName: "span-or-date"))
    var since: String?

    @Option(help: ArgumentHelp("The file formats, comma-separated: md, html, txt.", valueName: "list"))
    var format = "md,html"

    @Option(help: ArgumentHelp("The folder to write the digest files to (default: <data>/digests).", valueName: "dir"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "Only items with these triage statuses, comma-separated (default: all but rejected).", valueName: "list"))
    var status: String?

    @Flag(help: "Email the hubs' recipients and post to their webhooks.")
    var send = false

    @Flag(help: "Show what would be written and sent; write, send and record nothing.")
    var dryRun = false

    @Flag(help: "Print nothing on success (the default when output is not a terminal).")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Seconds to wait for another digest run that is sending (default: exit 75 at once).", valueName: "seconds"))
    var wait: Double = 0

    @Option(
        help: ArgumentHelp(
            "Leave out stories whose priority for the hub is below this, 0 to 1 (default: digest.minPriority, 0.2).",
            valueName: "priority"))
    var minPriority: Double?

    func execute() async throws {
        let config = try global.loadConfig()
        var sinceDate: Date?
        if let since {
            guard let date = TimeSpec.moment(since) else {
                throw CLIFailure.usage(
                    "--since \"\(since)\": expected a span such as 24h or 7d, or a date such as 2025-03-01")
            }
            sinceDate = date
        }
        var formats: [DigestFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let parsed = DigestFormat(rawValue: name == "markdown" ? "md" : name == "text" ? "txt" : name) else {
                throw CLIFailure.usage("--format \"\(name)\": expected md, html or txt")
            }
            if !formats.contains(parsed) { formats.append(parsed) }
        }
        var hubs: [Hub] = []
        for id in hub {
            guard let found = config.hub(id) else {
                throw CLIFailure.usage(
                    "--hub \"\(id)\": no such hub in \(global.configPath) (hubs: \(config.hubs.map(\.id).joined(separator: ", ")))"
                )
            }
            hubs.append(found)
        }
        if hubs.isEmpty { hubs = config.hubs }

        var run = DigestRun(
            config: config, dataDirectory: global.dataDirectory, outputDirectory: out, formats: formats, send: send,
            dryRun: dryRun, since: sinceDate)
        run.lockWait = wait
        if let minPriority {
            guard (0...1).contains(minPriority) else {
                throw CLIFailure.usage("--min-priority \(minPriority): expected a number from 0 to 1")
            }
            run.minPriority = minPriority
        }
        if let status {
            var statuses = Set<TriageStatus>()
            for name in status.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let parsed = TriageStatus.parse(name) else {
                    throw CLIFailure.usage("--status \"\(name)\": expected one of \(TriageStatus.names)")
                }
                statuses.insert(parsed)
            }
            run.statuses = statuses
        }
        let outcomes = try await run.run(hubs: hubs)
        let show = dryRun || !Output.quiet(quiet)
        for outcome in outcomes {
            var parts = outcome.isReport ? [] : ["\(outcome.items) item\(outcome.items == 1 ? "" : "s")"]
            if !outcome.files.isEmpty, !parts.isEmpty { parts[0] += " -> " + outcome.files.joined(separator: ", ") }
            if let email = outcome.email { parts.append("email: \(email)") }
            if let webhook = outcome.webhook { parts.append("webhook: \(webhook)") }
            let line = "\(outcome.hub): " + parts.joined(separator: "; ")
            if outcome.failed {
                FileHandle.standardError.write(Data("error: digest \(line)\n".utf8))
            } else if show {
                print(line)
            }
        }
        if dryRun { print("(dry run: nothing written, sent or recorded)") }
        if outcomes.contains(where: \.failed) { throw ExitCode(FailureKind.network.exitCode) }
    }
}
