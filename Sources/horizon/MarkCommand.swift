import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonPipeline

struct MarkCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record a triage decision on catalogue items: their status, who decided, and why.",
        discussion: """
            Statuses follow the horizon-scanning pipeline: new (not yet looked at), watching, shortlisted, \
            assessing, adopted, rejected, parked. Every change is kept in triage.json in the data directory \
            with who made it, when and the note; `horizon show ID` prints the history, and search, export and \
            digest filter on the status. An id may be shortened to any unique prefix.

            Examples:
              horizon mark 09e20540bd83c0d3 --status shortlisted --note "fits the frailty priority" --by "A. Analyst"
              horizon mark 09e2 5c1f --status rejected --note "already commissioned locally"
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The ids of the items (or unique prefixes).")
    var ids: [String]

    @Option(help: ArgumentHelp("The new status: \(TriageStatus.names).", valueName: "status"))
    var status: String

    @Option(help: "Why: the decision's reason, for the record.")
    var note: String?

    @Option(help: "Who decided (default: $HORIZON_USER, else $USER).")
    var by: String?

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give the id of at least one item") }
    }

    func execute() async throws {
        guard let newStatus = TriageStatus.parse(status) else {
            throw CLIFailure.usage("--status \"\(status)\": expected one of \(TriageStatus.names)")
        }
        let environment = ProcessInfo.processInfo.environment
        let who =
            by ?? environment["HORIZON_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["USER"] ?? "unknown"
        let marked = try Marking.mark(ids, status: newStatus, by: who, note: note, dataDirectory: global.dataDirectory)
        for item in marked {
            print("\(item.id) \(newStatus.rawValue) (was \(item.previous.rawValue)): \(Output.oneLine(item.title))")
        }
    }
}
