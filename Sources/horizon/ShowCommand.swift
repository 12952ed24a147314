import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch
import HorizonPipeline
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
    var format: TextOrJSON = .text

    @Option(
        help: ArgumentHelp(
            "The status by this hub's decisions (default: the latest decision of any hub).", valueName: "id"),
        completion: Completions.hubs)
    var hub: String?

    func execute() async throws {
        let config = try global.loadConfigIfPresent()
        // The search indexes find the item in whichever file holds it, without reading the others.
        guard let session = try SearchSession.open(directory: global.dataDirectory) else {
            throw CLIFailure.usage("no item with id \"\(id)\" in \(global.dataDirectory)")
        }
        let item = try session.item(id, directory: global.dataDirectory).item
        let triage = session.triage.forHub(hub)
        let history = triage.history(of: item.id)
        // Each hub's status, when hubs have decided apart.
        let hubs = (config?.hubs.map(\.id) ?? []) + session.triage.hubs.filter { id in config?.hub(id) == nil }
        let byHub =
            history.contains { $0.hub != nil } && hub == nil
            ? Dictionary(uniqueKeysWithValues: hubs.map { ($0, session.triage.forHub($0).status(of: item.id)) }) : [:]
        // Each hub's priority, explained as the current themes and decisions see it.
        var explained: [String: Priority] = [:]
        if let config {
            let directory = global.dataDirectory
            let prioritizing = Prioritizing(config: config, triage: session.triage) { id in
                try? session.item(id, directory: directory).item
            }
            explained = prioritizing.explain(item)
        }
        if format == .json {
            struct Shown: Encodable {
                let item: Item
                let status: TriageStatus
                let statusHistory: [TriageEvent]
                let statusByHub: [String: TriageStatus]
                let priorityReasons: [String: [String]]
                func encode(to encoder: any Encoder) throws {
                    try item.encode(to: encoder)
                    var container = encoder.container(keyedBy: Keys.self)
                    try container.encode(status, forKey: .status)
                    try container.encode(statusHistory, forKey: .statusHistory)
                    if !statusByHub.isEmpty { try container.encode(statusByHub, forKey: .statusByHub) }
                    if !priorityReasons.isEmpty { try container.encode(priorityReasons, forKey: .priorityReasons) }
                }
                enum Keys: String, CodingKey { case status, statusHistory, statusByHub, priorityReasons }
            }
            let shown = Shown(
                item: item, status: triage.status(of: item.id), statusHistory: history, statusByHub: byHub,
                priorityReasons: explained.mapValues(\.reasons))
            print(String(decoding: try HorizonJSON.encoder().encode(shown), as: UTF8.self))
            return
        }
        let t = oneLine
        print(t(item.title))
        print(item.link)
        var dates =
            "published \(item.published.map(ISO8601.string) ?? "-"), first seen \(ISO8601.string(item.firstSeen))"
        if let revised = item.revised { dates += ", revised \(ISO8601.string(revised))" }
        print(dates)
        if !item.summary.isEmpty { print("\n" + t(item.summary)) }
        print("\nSources (\(item.sources.count)):")
        for (index, source) in item.sources.enumerated() {
            let title = config?.feed(source.feed)?.title ?? source.feed
            let why = index == 0 ? "primary" : (source.match ?? "joined")
            print("  \(title) [\(source.feed)] \(source.link)  (\(why); seen \(ISO8601.string(source.firstSeen)))")
        }
        if let stage = item.stage { print("\nStage: \(stage.rawValue)") }
        if let innovations = item.innovations, !innovations.isEmpty {
            print("Innovations: \(innovations.map(t).joined(separator: ", ")) (horizon innovations show NAME)")
        }
        if let identifiers = item.identifiers, !identifiers.isEmpty {
            print("Identifiers:")
            for identifier in identifiers {
                print("  \(identifier.type.rawValue) \(identifier.value)  \(identifier.url)")
            }
        }
        print("\nMatches:")
        if item.matches.isEmpty { print("  none") }
        for match in item.matches.sorted(by: { ($0.hub, -$0.score) < ($1.hub, -$1.score) }) {
            let reasons = match.contributions.map { "\($0.term) (\($0.field), +\(formatScore($0.weight)))" }.joined(
                separator: ", ")
            print(
                "  \(match.hub) / \(match.theme) \(formatScore(match.score)): \(reasons.isEmpty ? match.terms.joined(separator: ", ") : reasons)"
            )
        }
        if !explained.isEmpty || item.priorities != nil {
            print("\nPriority:")
            let hubIDs = Set(explained.keys).union(item.priorities?.keys ?? [:].keys).sorted()
            for id in hubIDs {
                let stored = item.priorities?[id]
                let now = explained[id]
                var line = "  \(id) \(stored.map(Priority.format) ?? "-")"
                if let now, let stored, Priority.format(now.value) != Priority.format(stored),
                    !(now.reasons.last?.hasPrefix("decided") ?? false)
                {
                    line += " (now \(Priority.format(now.value)); `horizon themes rematch` stores it)"
                }
                print(line)
                for reason in now?.reasons ?? [] { print("    " + t(reason)) }
            }
        }
        print("\nStatus: \(triage.status(of: item.id).rawValue)\(hub.map { " (\($0))" } ?? "")")
        for id in hubs where byHub[id] != nil { print("  \(id): \(byHub[id]!.rawValue)") }
        for event in history {
            let note = event.note.map { ": \(t($0))" } ?? ""
            let owner = event.hub.map { "  [\($0)]" } ?? ""
            print("  \(ISO8601.string(event.at))  \(event.status.rawValue) by \(t(event.by))\(note)\(owner)")
        }
    }
}
