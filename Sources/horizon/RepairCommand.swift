import ArgumentParser
import HorizonPipeline

struct RepairCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Restore the last good copy of each damaged file in the data directory, losing no story.",
        discussion: """
            Checks catalogue.json, the archive months, feeds-state.json and triage.json. A damaged file is \
            kept beside itself as NAME.damaged-TIME and its last good copy (NAME.bak) takes its place. When \
            the catalogue goes back to an older copy, every feed fetched since then is read in full on the \
            next run, so its stories come back. Prints what it did; --dry-run only reports.

            Examples:
              horizon repair --dry-run
              horizon repair && horizon fetch
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Report what would be done; change nothing.")
    var dryRun = false

    func execute() async throws {
        global.logging.bootstrap()
        let report = try Repair.run(dataDirectory: global.dataDirectory, dryRun: dryRun)
        if report.actions.isEmpty && report.losses.isEmpty {
            print("\(global.dataDirectory): every file is intact; nothing to repair")
            return
        }
        for action in report.actions { print(action) }
        for loss in report.losses { print("lost: \(loss)") }
        if dryRun { print("(dry run: nothing changed)") }
    }
}
