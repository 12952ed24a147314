import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonPipeline

struct MarkCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record a triage decision on catalogue items: their status, who decided, and why.",
        discussion: """
            Statuses follow the horizon-scanning pipeline: new (not yet looked at), watching, shortlisted, \
            assessing, adopted, rejected, parked. Every change is kept in triage.json in the data directory \
            with who made it, when and the note; `horizon show ID` prints the history, and search, export and \
            digest filter on the status. An id may be shortened to any unique prefix. Decisions belong to a \
            hub (--hub, else $HORIZON_HUB; required when the configuration has several hubs): each hub's \
            digest, search and export read its own.

            Examples:
              horizon mark 09e20540bd83c0d3 --hub dorset --status shortlisted --note "fits the frailty priority" --by "A. Analyst"
              HORIZON_HUB=dorset horizon mark 09e2 5c1f --status rejected --note "already commissioned locally"
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The ids of the items (or unique prefixes).")
    var ids: [String]

    @Option(
        help: ArgumentHelp("The new status: \(TriageStatus.names).", valueName: "status"),
        completion: Completions.statuses)
    var status: String

    @Option(help: "Why: the decision's reason, for the record.")
    var note: String?

    @Option(help: "Who decided (default: $HORIZON_USER, else $USER; one of them is needed).")
    var by: String?

    @Option(
        help: ArgumentHelp(
            "The hub whose decision it is (default: $HORIZON_HUB; required when the configuration has several hubs).",
            valueName: "id"), completion: Completions.hubs)
    var hub: String?

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give the id of at least one item") }
    }

    func execute() async throws {
        guard let newStatus = TriageStatus.parse(status) else { throw TriageStatus.unknown(status) }
        let environment = ProcessInfo.processInfo.environment
        func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        // A decision names who made it: never "unknown".
        guard let who = by.flatMap({ $0.isEmpty ? nil : $0 }) ?? set("HORIZON_USER") ?? set("USER") else {
            throw CLIFailure.usage("who decided? give --by NAME (or set $HORIZON_USER)")
        }
        let hubID = try deciding(hub: hub ?? environment["HORIZON_HUB"].flatMap { $0.isEmpty ? nil : $0 })
        let marked = try Marking.mark(
            ids, status: newStatus, by: who, note: note, hub: hubID, dataDirectory: global.dataDirectory)
        for item in marked {
            print("\(item.id) \(newStatus.rawValue) (was \(item.previous.rawValue)): \(Output.oneLine(item.title))")
        }
    }

    /// The hub a decision belongs to: the one given, the only one configured, or an error that
    /// names the hubs when there are several and none was given.
    func deciding(hub given: String?) throws -> String? {
        guard let config = try global.loadConfigIfPresent() else { return given }
        let ids = config.hubs.map(\.id)
        if let given {
            return try config.requireHub(given, path: global.configPath).id
        }
        guard ids.count > 1 else { return ids.first }
        throw CLIFailure.usage(
            "decisions belong to a hub: give --hub (or set HORIZON_HUB) to one of \(ids.joined(separator: ", "))")
    }
}
