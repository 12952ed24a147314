import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonDigest

struct DigestCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write each hub's digest of newly matched stories, as Markdown and HTML files.",
        discussion: """
            The digest holds the stories first seen in the chosen period that match the hub's themes, \
            grouped by theme and ranked by score; each story appears once, under its best theme, with its \
            link, source, date, a short snippet and the terms that matched. Files are written to \
            DIR/<hub>-<date>.md and .html (DIR defaults to the data directory's digests/ folder).

            Examples:
              horizon digest --hub dorset
              horizon digest --hub cheshire-merseyside --since 7d --out /srv/www/digests
              horizon digest                  # every hub in the configuration
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The hub to write a digest for (repeatable; default: every hub).", valueName: "id"))
    var hub: [String] = []

    @Option(help: ArgumentHelp("How far back to look: a span (24h, 7d, 2w) or a date (2025-03-01).", valueName: "span-or-date"))
    var since = "24h"

    @Option(help: ArgumentHelp("The folder to write the digest files to (default: <data>/digests).", valueName: "dir"))
    var out: String?

    @Flag(help: "Print nothing on success (the default when output is not a terminal).")
    var quiet = false

    func execute() async throws {
        let config = try global.loadConfig()
        guard let sinceDate = TimeSpec.moment(since) else {
            throw CLIFailure.usage("--since \"\(since)\": expected a span such as 24h or 7d, or a date such as 2025-03-01")
        }
        var hubs: [Hub] = []
        for id in hub {
            guard let found = config.hub(id) else {
                throw CLIFailure.usage("--hub \"\(id)\": no such hub in \(global.configPath) (hubs: \(config.hubs.map(\.id).joined(separator: ", ")))")
            }
            hubs.append(found)
        }
        if hubs.isEmpty { hubs = config.hubs }

        let catalogue: Catalogue
        do {
            catalogue = try CatalogueStore(directory: global.dataDirectory).load()
        } catch {
            throw CLIFailure.failed("\(error)")
        }
        let folder = out ?? (global.dataDirectory as NSString).appendingPathComponent("digests")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure.failed("\(folder): cannot create the digest folder")
        }
        let now = Date()
        let day = ISO8601DateFormatter.string(from: now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        for hub in hubs {
            let digest = Digest(hub: hub, config: config, items: catalogue.items, since: sinceDate, generated: now)
            let base = (folder as NSString).appendingPathComponent("\(hub.id)-\(day)")
            do {
                try AtomicFile.write(Data(digest.markdown().utf8), to: base + ".md")
                try AtomicFile.write(Data(digest.html().utf8), to: base + ".html")
            } catch {
                throw CLIFailure.failed("\(error)")
            }
            if !Output.quiet(quiet) {
                print("\(hub.id): \(digest.itemCount) item\(digest.itemCount == 1 ? "" : "s") -> \(base).md, \(base).html")
            }
        }
    }
}
