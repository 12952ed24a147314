import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore

/// Shell completions for values that come from the configuration: hub, theme and feed ids, read
/// from the configuration the command line names (`--config`, else `$HORIZON_CONFIG`, else
/// ./feeds.json), and triage statuses. A configuration that cannot be read offers nothing.
enum Completions {
    static let hubs = CompletionKind.custom { words, _, prefix in offer(prefix, configured(words) { $0.hubs.map(\.id) })
    }
    static let themes = CompletionKind.custom { words, _, prefix in
        offer(prefix, configured(words) { $0.themes.map(\.id) })
    }
    static let feeds = CompletionKind.custom { words, _, prefix in
        offer(prefix, configured(words) { $0.feeds.map(\.id) })
    }
    /// Statuses, also after a comma in a list (`shortlisted,ass` → `shortlisted,assessing`).
    static let statuses = CompletionKind.custom { _, _, prefix in
        offer(prefix, TriageStatus.allCases.map(\.rawValue), list: true)
    }

    static func offer(_ prefix: String, _ values: [String], list: Bool = false) -> [String] {
        guard list, let comma = prefix.lastIndex(of: ",") else { return values.filter { $0.hasPrefix(prefix) } }
        let done = prefix[...comma]
        let typed = prefix[prefix.index(after: comma)...]
        return values.filter { $0.hasPrefix(typed) }.map { done + $0 }
    }

    /// Values read from the configuration the words name.
    static func configured(_ words: [String], _ values: (HorizonConfig) -> [String]) -> [String] {
        var path =
            ProcessInfo.processInfo.environment["HORIZON_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "feeds.json"
        for (index, word) in words.enumerated() {
            if word == "--config", index + 1 < words.count {
                path = words[index + 1]
            } else if word.hasPrefix("--config=") {
                path = String(word.dropFirst("--config=".count))
            }
        }
        guard let config = try? ConfigLoader.load(path: path) else { return [] }
        return values(config)
    }
}
