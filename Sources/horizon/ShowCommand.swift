import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonSearch

struct ShowCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one catalogue item: its text, every source it was seen in and why it joined, and its matches.",
        discussion: """
            Example:
              horizon show 09e20540bd83c0d3
              horizon show 09e20540bd83c0d3 --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The item's id (from search, or a digest).")
    var id: String

    @Option(help: "text or json.")
    var format: ThemesTestCommand.Format = .text

    func execute() async throws {
        let config = try? ConfigLoader.load(path: global.configPath)
        // The search indexes find the item in whichever file holds it, without reading the others.
        let session = try openSearch(global)
        let docs = session.map { $0.docs(idPrefix: id) } ?? []
        let exact = docs.filter { session?.index.id($0) == id }
        let matching = exact.isEmpty ? docs : exact
        guard let doc = matching.first, let session else { throw CLIFailure.usage("no item with id \"\(id)\" in \(global.dataDirectory)") }
        guard matching.count == 1 else {
            throw CLIFailure.usage("id \"\(id)\" is ambiguous: \(matching.count) items begin with it; give more of it")
        }
        let item: Item
        do {
            item = try HorizonJSON.decoder().decode(Item.self, from: Data(session.index.itemJSON(doc)))
        } catch {
            throw CLIFailure.failed("item \(id): its JSON cannot be read (\(error))")
        }
        let triage = session.triage
        let history = triage.history(of: item.id)
        if format == .json {
            struct Shown: Encodable {
                let item: Item
                let status: TriageStatus
                let statusHistory: [TriageEvent]
                func encode(to encoder: any Encoder) throws {
                    try item.encode(to: encoder)
                    var container = encoder.container(keyedBy: Keys.self)
                    try container.encode(status, forKey: .status)
                    try container.encode(statusHistory, forKey: .statusHistory)
                }
                enum Keys: String, CodingKey { case status, statusHistory }
            }
            let shown = Shown(item: item, status: triage.status(of: item.id), statusHistory: history)
            print(String(decoding: try HorizonJSON.encoder().encode(shown), as: UTF8.self))
            return
        }
        let t = Output.oneLine
        print(t(item.title))
        print(item.link)
        var dates = "published \(item.published.map(ISO8601.string) ?? "-"), first seen \(ISO8601.string(item.firstSeen))"
        if let revised = item.revised { dates += ", revised \(ISO8601.string(revised))" }
        print(dates)
        if !item.summary.isEmpty { print("\n" + t(item.summary)) }
        print("\nSources (\(item.sources.count)):")
        for (index, source) in item.sources.enumerated() {
            let title = config?.feed(source.feed)?.title ?? source.feed
            let why = index == 0 ? "primary" : (source.match ?? "joined")
            print("  \(title) [\(source.feed)] \(source.link)  (\(why); seen \(ISO8601.string(source.firstSeen)))")
        }
        print("\nMatches:")
        if item.matches.isEmpty { print("  none") }
        for match in item.matches.sorted(by: { ($0.hub, -$0.score) < ($1.hub, -$1.score) }) {
            let reasons = match.contributions.map { "\($0.term) (\($0.field), +\(formatScore($0.weight)))" }.joined(separator: ", ")
            print("  \(match.hub) / \(match.theme) \(formatScore(match.score)): \(reasons.isEmpty ? match.terms.joined(separator: ", ") : reasons)")
        }
        print("\nStatus: \(triage.status(of: item.id).rawValue)")
        for event in history {
            let note = event.note.map { ": \(t($0))" } ?? ""
            print("  \(ISO8601.string(event.at))  \(event.status.rawValue) by \(t(event.by))\(note)")
        }
    }
}

struct PruneCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove old items that matched no hub's themes (matched and triaged items are kept).",
        discussion: """
            Items first seen more than DAYS days ago that match nothing are removed; the default is the \\
            configuration's catalogue.pruneAfterDays, else 180. The catalogue is rewritten atomically.

            Example:
              horizon prune --older-than 90 --dry-run
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Remove unmatched items first seen more than this many days ago.")
    var olderThan: Int?

    @Flag(help: "Count what would be removed; change nothing.")
    var dryRun = false

    func execute() async throws {
        let config = try global.loadConfig()
        let days = olderThan ?? config.pruneAfterDays ?? 180
        guard days >= 1 else { throw CLIFailure.usage("--older-than \(days): expected at least 1 day") }
        let lock = try global.lockDataDirectory()
        defer { withExtendedLifetime(lock) {} }
        let store = CatalogueStore(directory: global.dataDirectory)
        let catalogue = try global.loadCatalogue()
        let cutoff = Date().addingTimeInterval(-Double(days) * 86_400)
        let before = catalogue.items.count
        let decided: Set<String>
        do {
            decided = try TriageStore(directory: global.dataDirectory).load().decidedItems
        } catch {
            throw CLIFailure.failed(error.description)
        }
        let kept = catalogue.items.filter { !$0.matches.isEmpty || $0.firstSeen >= cutoff || decided.contains($0.id) }
        let removed = before - kept.count
        if dryRun {
            print("\(removed) of \(before) items would be removed (unmatched, first seen over \(days) days ago; dry run)")
            return
        }
        if removed > 0 {
            do {
                updateSearchIndexes(try store.saveAll(kept))
            } catch {
                throw CLIFailure.failed(error.description)
            }
        }
        print("\(removed) of \(before) items removed (unmatched, first seen over \(days) days ago)")
    }
}

/// Brings the search indexes in step with the catalogue files just saved; a failure only costs
/// the next search a rebuild, so it is a warning.
func updateSearchIndexes(_ files: [CatalogueStore.WrittenFile]) {
    for file in files {
        do {
            try SearchIndexFile.write(file)
        } catch {
            Output.warning("the search index was not updated (\(error.description)); the next search rebuilds it")
        }
    }
}
