import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonInnovations
import HorizonPipeline
import HorizonSearch

struct InnovationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "innovations",
        abstract: "List, show and rebuild the innovation records: one per innovation, across sites and months.",
        discussion: """
            Every run groups the catalogue's stories into innovations.json: by shared identifiers, by the \
            innovation's name and its spellings, and by the watchlist in feeds.json ("innovations"). Each \
            record has a lifecycle stage (research, evidence, regulatory, guidance, funding, adoption, \
            spread, other): that of its latest story that has one.

            Examples:
              horizon innovations
              horizon innovations "remote monitoring" --hub dorset --format json
              horizon innovations --stage adoption --since 30d
              horizon innovations show "Brain in Hand"
              horizon innovations rebuild
            """,
        subcommands: [InnovationsListCommand.self, InnovationsShowCommand.self, InnovationsRebuildCommand.self],
        defaultSubcommand: InnovationsListCommand.self)

    /// The records in the data directory, or a clear error when there are none yet.
    static func load(_ global: GlobalOptions) throws -> [Innovation] {
        guard let file = try InnovationStore(directory: global.dataDirectory).load() else {
            throw CLIFailure.usage(
                "no \(DataDirectory(global.dataDirectory).innovations): run horizon fetch or horizon innovations rebuild"
            )
        }
        return file.innovations
    }
}

struct InnovationsListCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Innovations by latest activity, or ranked by how well they match a query.",
        discussion: """
            A query is in the search language (words, "phrases", word*, OR, -exclusions, and the fields \
            title:, theme:, hub:, source: and status:), read against a record's name, aliases, identifiers \
            and stories' titles; a word in its name or aliases counts most. JSON: [{"id", "name", "aliases", \
            "identifiers", "stage", "firstSeen", "lastSeen", "publishers", "themes", "items": [{"id", \
            "title", "link", "date", "stage"}]}], where publishers counts distinct sites and the dates are \
            those of the earliest and latest stories; each story also lists its sites.

            Examples:
              horizon innovations list "remote monitoring" --hub dorset
              horizon innovations list --stage guidance --format csv
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Words or \"phrases\" to look for.")
    var query: [String] = []

    @Option(
        help: ArgumentHelp("Only innovations whose stories matched this hub's themes (or watched).", valueName: "id"),
        completion: Completions.hubs)
    var hub: String?

    @Option(help: ArgumentHelp("Only innovations at this stage.", valueName: "stage"))
    var stage: String?

    @Option(
        help: ArgumentHelp("Only innovations with a story dated since (2026-03-01, or a span: 30d).", valueName: "when")
    )
    var since: String?

    @Option(help: "table, json or csv.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    func execute() async throws {
        var listing = InnovationListing()
        if !query.isEmpty {
            let parsed = try QueryParser.parse(query.joined(separator: " "))
            let decisions = try TriageStore(directory: global.dataDirectory).load()
            let search = InnovationSearch(query: parsed) { id in decisions.status(of: id).rawValue }
            listing.match = { search.score($0) }
        }
        if let hub {
            let config = try global.loadConfig()
            _ = try config.requireHub(hub, path: global.configPath)
            listing.hub = hub
        }
        if let stage {
            guard let value = LifecycleStage(rawValue: stage) else {
                let names = LifecycleStage.allCases.map(\.rawValue)
                let advice = Suggestion.closest(stage, among: names).map { "; did you mean \"\($0)\"?" } ?? ""
                throw CLIFailure.usage(
                    "--stage \"\(stage)\": not a stage\(advice) (stages: \(names.joined(separator: ", ")))")
            }
            listing.stage = value
        }
        if let since {
            guard let date = TimeSpec.moment(since) else {
                throw CLIFailure.usage("--since \"\(since)\": expected a date (2026-03-01) or a span (30d)")
            }
            listing.since = date
        }
        let records = listing.select(try InnovationsCommand.load(global))
        switch format {
        case .json:
            FileHandle.standardOutput.write(try HorizonJSON.encoder(pretty: true).encode(records) + Data("\n".utf8))
        case .csv:
            print("id,name,stage,first_seen,last_seen,publishers,stories,themes,identifiers", terminator: "\r\n")
            for record in records {
                let fields = [
                    record.id, record.name, record.stage.rawValue, ISO8601.string(record.firstSeen),
                    ISO8601.string(record.lastSeen), String(record.publishers), String(record.items.count),
                    record.themes.joined(separator: ";"), record.identifiers.map(\.value).joined(separator: ";"),
                ]
                print(fields.map(InnovationsListCommand.csvField).joined(separator: ","), terminator: "\r\n")
            }
        case .table:
            guard !records.isEmpty else {
                print(query.isEmpty ? "no innovations" : "no innovations match \"\(query.joined(separator: " "))\"")
                return
            }
            for record in records {
                let stories = record.items.count == 1 ? "1 story" : "\(record.items.count) stories"
                let sites = record.publishers == 1 ? "1 site" : "\(record.publishers) sites"
                let day = String(ISO8601.string(record.lastSeen).prefix(10))
                print(
                    "\(record.id)  \(record.stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(day)  \(record.name)  (\(stories), \(sites))"
                )
            }
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

struct InnovationsShowCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One innovation: its timeline by stage, every source, identifiers as links, triage history.",
        discussion: """
            A name is matched whatever its case and punctuation; an id may be shortened while it stays unique.

            Examples:
              horizon innovations show "C the Signs"
              horizon innovations show inv-8b44
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An innovation id (or its start), or a name or alias.")
    var key: String

    func execute() async throws {
        let records = try InnovationsCommand.load(global)
        let found = InnovationListing.find(key, in: records)
        guard found.count == 1, let record = found.first else {
            if found.isEmpty {
                let names = records.map(\.name)
                let advice = Suggestion.closest(key, among: names).map { "; did you mean \"\($0)\"?" } ?? ""
                throw CLIFailure.usage("no innovation \"\(key)\"\(advice) (see horizon innovations)")
            }
            throw CLIFailure.usage(
                "\"\(key)\" fits \(found.count) innovations: \(found.map(\.id).joined(separator: ", "))")
        }
        print("\(record.name)  [\(record.id)]\(record.watched ? "  (watchlist)" : "")")
        if !record.aliases.isEmpty { print("also: \(record.aliases.joined(separator: ", "))") }
        print("stage: \(record.stage.rawValue)")
        print(
            "seen: \(ISO8601.string(record.firstSeen).prefix(10)) to \(ISO8601.string(record.lastSeen).prefix(10)), \(record.items.count == 1 ? "1 story" : "\(record.items.count) stories") from \(record.publishers == 1 ? "1 site" : "\(record.publishers) sites")"
        )
        if !record.themes.isEmpty { print("themes: \(record.themes.joined(separator: ", "))") }
        if !record.identifiers.isEmpty {
            print("identifiers:")
            for identifier in record.identifiers {
                print("  \(identifier.type.rawValue) \(identifier.value)  \(identifier.url)")
            }
        }
        print("timeline:")
        for stage in LifecycleStage.allCases {
            let stories = record.items.filter { $0.stage == stage }
            guard !stories.isEmpty else { continue }
            print("  \(stage.rawValue):")
            for story in stories {
                print("    \(ISO8601.string(story.date).prefix(10))  \(story.id)  \(story.title)")
                print("      \(story.link)\(story.sites.isEmpty ? "" : "  (\(story.sites.joined(separator: ", ")))")")
            }
        }
        let log = try TriageStore(directory: global.dataDirectory).load()
        let ids = [record.id] + record.items.map(\.id)
        let events = ids.flatMap { log.history(of: $0) }.sorted { $0.at < $1.at }
        if !events.isEmpty {
            print("triage:")
            for event in events {
                let target = event.item == record.id ? "innovation" : event.item
                let hub = event.hub.map { " for \($0)" } ?? ""
                let note = event.note.map { ": \($0)" } ?? ""
                print(
                    "  \(ISO8601.string(event.at).prefix(10))  \(event.status.rawValue)\(hub) by \(event.by) (\(target))\(note)"
                )
            }
        }
    }
}

struct InnovationsRebuildCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract:
            "Read every stored story's identifiers, innovations and stage again, and write innovations.json afresh.",
        discussion: """
            Runs take care of this when the watchlist changes; rebuild after a change of horizon itself, \
            or when innovations.json was lost. It takes the data directory's lock, as a run does.
            """)

    @OptionGroup var global: GlobalOptions

    func execute() async throws {
        let config = try global.loadConfig()
        let (changed, file) = try CatalogueMaintenance.rebuildInnovations(
            config: config, dataDirectory: global.dataDirectory)
        print("\(file.innovations.count) innovations from the catalogue (\(changed) stories read differently)")
    }
}
