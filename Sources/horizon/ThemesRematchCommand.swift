import ArgumentParser
import Foundation
import HorizonMatch
import HorizonPipeline

struct ThemesRematchCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "rematch",
        abstract:
            "Re-score every stored item after a change to the themes or decisions; report what each hub gained and lost.",
        discussion: """
            Example:
              horizon themes rematch --dry-run     # report only
              horizon themes rematch               # report and save
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Report the changes without saving them.")
    var dryRun = false

    func execute() async throws {
        let config = try global.loadConfig()
        let (rematch, total, problems) = try CatalogueMaintenance.rematch(
            config: config, dataDirectory: global.dataDirectory, dryRun: dryRun)
        for problem in problems { Output.indexWarning(problem) }
        if rematch.keys.isEmpty {
            print("no hub or theme gained or lost an item")
        } else {
            print("HUB/THEME".padding(toLength: 48, withPad: " ", startingAt: 0) + "GAINED   LOST")
            for key in rematch.keys {
                let counts = String(format: "%6d %6d", rematch.gained[key] ?? 0, rematch.lost[key] ?? 0)
                print(key.padding(toLength: 48, withPad: " ", startingAt: 0) + counts)
            }
        }
        let changed = rematch.changes.count
        print("\(changed) of \(total) items " + (dryRun ? "would change (dry run: nothing saved)" : "changed"))
        if rematch.prioritiesChanged > 0 {
            print("\(rematch.prioritiesChanged) items' priorities " + (dryRun ? "would change" : "changed"))
        }
    }
}
