import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch
import HorizonPipeline

struct ThemesLearnCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Report what a hub's own decisions add to its priorities, by cross-validation over them.",
        discussion: """
            A hub's decisions (shortlisted, assessing, adopted, watching: wanted; rejected: not wanted; \
            parked: neither) train its model once it has matching.learnAfter of them (default 20). Every \
            fetch and `horizon themes rematch` apply the model to the hub's priorities. This command splits \
            the decisions into five folds, judges each fold with a model trained on the others, and prints \
            precision at 10 and ROC AUC of the priorities with and without the model. Nothing is written.

            Example:
              horizon themes learn --hub dorset
              horizon themes learn --hub dorset --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The hub whose decisions to learn from.", valueName: "id"), completion: Completions.hubs)
    var hub: String

    @Option(help: "text or json.")
    var format: TextOrJSON = .text

    func execute() async throws {
        let config = try global.loadConfig()
        let found = try config.requireHub(hub, path: global.configPath)
        let catalogue = try CatalogueStore(directory: global.dataDirectory).load()
        let triage = try TriageStore(directory: global.dataDirectory).load()
        let (report, decisions, parked) = Prioritizing.evaluate(
            hub: found, config: config, triage: triage, items: catalogue.items)
        let learnAfter = config.matching.learnAfter
        let active = decisions >= learnAfter && report != nil
        if format == .json {
            var object: [String: Any] = [
                "hub": hub, "decisions": decisions, "parked": parked, "learnAfter": learnAfter, "active": active,
            ]
            if let report {
                object["positive"] = report.positives
                object["negative"] = report.negatives
                object["folds"] = report.folds
                for (key, ranking) in [
                    ("withoutLearning", report.withoutLearning), ("withLearning", report.withLearning),
                ] {
                    object[key] = ["precisionAt10": ranking.precisionAt10, "rocAUC": ranking.rocAUC]
                }
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        var line = "\(hub): \(decisions) decision\(decisions == 1 ? "" : "s") to learn from"
        if let report { line += " (\(report.positives) wanted, \(report.negatives) rejected)" }
        if parked > 0 { line += "; \(parked) parked, not counted" }
        print(line)
        print(
            active
                ? "the model takes part in this hub's priorities (it needs \(learnAfter) decisions)"
                : "the model does not take part yet: it needs \(learnAfter) decisions with both kinds")
        guard let report else {
            print("too few decisions to cross-validate: at least 2 wanted and 2 rejected are needed")
            return
        }
        print("\(report.folds)-fold cross-validation over the decisions:")
        print("                     precision@10   ROC AUC")
        for (name, ranking) in [("themes only", report.withoutLearning), ("themes + learned", report.withLearning)] {
            print(
                name.padding(toLength: 21, withPad: " ", startingAt: 0)
                    + String(format: "%12.2f %9.3f", ranking.precisionAt10, ranking.rocAUC))
        }
    }
}
