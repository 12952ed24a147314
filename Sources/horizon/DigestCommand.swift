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
            match its themes. It opens with what "new" means, counts per theme and, when feeds failed, one \
            line about them (the detail goes to digest.adminEmail, feeds status and the fetch report). Then: \
            the top stories (the hub's highest priority, at most digest.top, default 5) in full, with link, \
            source, date, snippet, matched terms and ids; updates on the items and innovations the hub \
            follows; what is rising; and the other stories by theme, one line each. Every story shows its \
            short id (and its innovation's) for horizon show, innovations show and mark. \
            Files go to DIR/<hub>-<date>.<format> (DIR defaults to the data directory's digests/).

            --send emails the hub's recipients (smtp settings in the configuration; the password from the \
            environment or a file) and posts to its webhook. The period moves on only when the digest was \
            delivered, so a failed delivery is retried with the same stories, and a missed day is covered by \
            the next run. --since and --until choose stories by their own date (published), as in every \
            command; --seen-since sets the period by when Horizon first saw them. Each records nothing. \
            Items marked rejected \
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
        help: ArgumentHelp("The hub to write a digest for (repeatable; default: every hub).", valueName: "id"),
        completion: Completions.hubs)
    var hub: [String] = []

    @Option(
        help: ArgumentHelp(
            "Stories dated at or after this, by the date their source gave them, whenever Horizon first saw them: a span (24h, 7d, 2w) or a date (2025-03-01). Default: the stories first seen since the last delivered digest.",
            valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Stories dated at or before this (same date and forms as --since).", valueName: "when"))
    var until: String?

    @Option(
        help: ArgumentHelp(
            "The period by when Horizon first saw the stories, whatever their own date (same forms).",
            valueName: "when"))
    var seenSince: String?

    @Option(help: ArgumentHelp("The file formats, comma-separated: md, html, txt.", valueName: "list"))
    var format = "md,html"

    @Option(help: ArgumentHelp("The folder to write the digest files to (default: <data>/digests).", valueName: "dir"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "Only items with these triage statuses, comma-separated (default: all but rejected).", valueName: "list"),
        completion: Completions.statuses)
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
        let dated = try TimeSpec.option("--since", since)
        let datedUntil = try TimeSpec.option("--until", until, endOfDay: true)
        let seen = try TimeSpec.option("--seen-since", seenSince)
        var formats: [DigestFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let parsed = DigestFormat(rawValue: name == "markdown" ? "md" : name == "text" ? "txt" : name) else {
                throw CLIFailure.usage("--format \"\(name)\": expected md, html or txt")
            }
            if !formats.contains(parsed) { formats.append(parsed) }
        }
        var hubs: [Hub] = []
        for id in hub {
            hubs.append(try config.requireHub(id, path: global.configPath))
        }
        if hubs.isEmpty { hubs = config.hubs }

        var run = DigestRun(
            config: config, dataDirectory: global.dataDirectory, outputDirectory: out, formats: formats, send: send,
            dryRun: dryRun, since: seen)
        if dated != nil || datedUntil != nil { run.dated = (dated, datedUntil) }
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
                guard let parsed = TriageStatus.parse(name) else { throw TriageStatus.unknown(name) }
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
        // The hubs' sites, when the configuration asks for them (not on a dry run).
        if !dryRun {
            for site in try SiteRun(config: config, dataDirectory: global.dataDirectory).runConfigured() where show {
                print("site " + SiteCommand.line(site))
            }
        }
        if outcomes.contains(where: \.failed) { throw ExitCode(FailureKind.network.exitCode) }
    }
}
