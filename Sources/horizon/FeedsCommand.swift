import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonFeeds
import HorizonTransport

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
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIFailure.usage("\(file): cannot read the file") }
        let report: OPML.ImportReport
        do {
            report = OPML.plan(try OPML.subscriptions(in: data, label: file), into: config)
            if !dryRun { try ConfigEditor(path: global.configPath).append(report.added) }
        } catch {
            throw CLIFailure.usage(error.message)
        }
        for feed in report.added { print("added \(feed.id): \(feed.url)") }
        for duplicate in report.duplicates { print("duplicate: \(duplicate.url) is already feed \"\(duplicate.existing)\"") }
        for skipped in report.skipped { print("skipped \(skipped.title): \(skipped.reason)") }
        print("\(report.added.count) added, \(report.duplicates.count) duplicate\(report.duplicates.count == 1 ? "" : "s"), \(report.skipped.count) skipped" + (dryRun ? " (dry run: nothing changed)" : ""))
    }
}

struct FeedsExportCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the configuration's feeds as OPML 2.0, in folders by category.",
        discussion: """
            Example:
              horizon feeds export --out horizon.opml && newsboat -i horizon.opml
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
    var out: String?

    func execute() async throws {
        let config = try global.loadConfig()
        let opml = OPML.export(config)
        if let out {
            do {
                try AtomicFile.write(Data(opml.utf8), to: out)
            } catch {
                throw CLIFailure.failed(error.description)
            }
        } else {
            print(opml, terminator: "")
        }
    }
}

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
        var options = FetchOptions()
        options.totalTimeout = 30
        if let contact = config.contact { options.userAgent = "Horizon/0.1 (+\(contact))" }
        let found: [DiscoveredFeed]
        do {
            found = try await FeedDiscovery(fetcher: Fetcher(options: options)).discover(url)
        } catch {
            throw CLIFailure.failed(error.message)
        }
        guard let first = found.first else {
            throw CLIFailure.failed("\(url): no feed found (no <link rel=\"alternate\"> feed, none at the common paths)")
        }
        if let existing = config.feeds.first(where: { $0.url == first.url }) {
            print("\(first.url) is already feed \"\(existing.id)\"")
            return
        }
        let name = title ?? (first.title.isEmpty ? url : first.title)
        let feedID = id ?? HorizonFeeds.feedID(for: name, url: first.url, taken: Set(config.feeds.map(\.id)))
        if config.feed(feedID) != nil { throw CLIFailure.usage("--id \"\(feedID)\": a feed with this id exists already") }
        let feed = FeedConfig(id: feedID, url: first.url, title: name, category: category)
        if !dryRun {
            do {
                try ConfigEditor(path: global.configPath).append([feed])
            } catch {
                throw CLIFailure.usage(error.message)
            }
        }
        print("\(dryRun ? "would add" : "added") \(feed.id): \(feed.url) (\(first.format), \(first.via)): \(feed.title)")
        for other in found.dropFirst() { print("also found: \(other.url) (\(other.format)): \(other.title)") }
    }
}

struct FeedsStatusCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every feed's health: state, last success and error, failures, items in 30 days, next fetch.",
        discussion: """
            States: ok; failing (the last fetch failed; it backs off up to a day); gone (HTTP 410: no longer \
            fetched); redirected (moved for good, fetched at its new URL; see apply-redirects); silent (answers \
            but has published nothing for much longer than its usual cadence); new (not fetched yet).

            Examples:
              horizon feeds status
              horizon feeds status --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func execute() async throws {
        let config = try global.loadConfig()
        // Stories seen in the last 60 days, all in catalogue.json, are what health is judged on (as a run does).
        let catalogue: Catalogue
        do {
            catalogue = try CatalogueStore(directory: global.dataDirectory).loadActive()
        } catch {
            throw CLIFailure.failed(error.description)
        }
        let health = FeedHealth.all(config: config, items: catalogue.items, states: FeedStates.load(from: global.dataDirectory))
        switch format {
        case .json:
            print(String(decoding: try HorizonJSON.encoder().encode(health), as: UTF8.self))
        case .table:
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let rows = health.map { feed -> [String] in
                [
                    feed.feed, feed.state.rawValue, feed.lastSuccess.map(formatter.string) ?? "-", "\(feed.consecutiveFailures)",
                    "\(feed.itemsLast30Days)", feed.nextDue.map(formatter.string) ?? "next run", feed.lastError.map { Output.oneLine($0) } ?? "",
                ]
            }
            Output.table(["FEED", "STATE", "LAST SUCCESS (UTC)", "FAILURES", "ITEMS 30D", "NEXT FETCH", "LAST ERROR"], rows)
        }
    }
}

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
        var states = FeedStates.load(from: global.dataDirectory)
        var changes: [(feed: String, old: String, new: String)] = []
        for feed in config.feeds {
            let entry = states.entry(for: feed)
            if entry.followsRedirect, let target = entry.permanentRedirect { changes.append((feed.id, feed.url, target)) }
        }
        for change in changes { print("\(change.feed): \(change.old) -> \(change.new)") }
        guard !changes.isEmpty else {
            print("no feed has moved")
            return
        }
        guard !dryRun else {
            print("(dry run: nothing changed)")
            return
        }
        do {
            try ConfigEditor(path: global.configPath).replaceURLs(changes.map { ($0.old, $0.new) })
        } catch {
            throw CLIFailure.usage(error.message)
        }
        // The state follows the feed to its new URL; its validators stay good there.
        for change in changes {
            guard var entry = states.feeds[change.feed] else { continue }
            entry.url = change.new
            entry.permanentRedirect = nil
            entry.permanentRedirectCount = nil
            states.feeds[change.feed] = entry
        }
        do {
            try states.save(to: global.dataDirectory)
        } catch {
            throw CLIFailure.failed(error.description)
        }
        print("\(changes.count) feed\(changes.count == 1 ? "" : "s") updated in \(global.configPath)")
    }
}
