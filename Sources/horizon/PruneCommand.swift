import ArgumentParser
import HorizonCore
import HorizonPipeline

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
        let report = try CatalogueMaintenance.prune(dataDirectory: global.dataDirectory, days: days, dryRun: dryRun)
        for problem in report.indexProblems { Output.indexWarning(problem) }
        let what = "unmatched, first seen over \(days) days ago"
        if dryRun {
            print("\(report.removed) of \(report.before) items would be removed (\(what); dry run)")
        } else {
            print("\(report.removed) of \(report.before) items removed (\(what))")
        }
    }
}
