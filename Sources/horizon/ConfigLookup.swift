import HorizonCatalogue
import HorizonCore

/// Hubs, themes and feeds named on the command line: found, or a usage error that names the
/// option and the configuration, says what was most likely meant, and lists what there is.
extension HorizonConfig {
    func requireHub(_ id: String, option: String = "--hub", path: String) throws -> Hub {
        if let hub = hub(id) { return hub }
        throw CLIFailure.usage(
            unknown("hub", id, option: option, path: path, among: hubs.map { ($0.id, $0.name) }))
    }

    func requireTheme(_ id: String, option: String = "--theme", path: String) throws -> Theme {
        if let theme = theme(id) { return theme }
        throw CLIFailure.usage(
            unknown("theme", id, option: option, path: path, among: themes.map { ($0.id, $0.name) }))
    }

    /// A warning's text for a feed id that is not configured, with what was most likely meant.
    func unknownFeed(_ id: String, option: String = "--feed", path: String) -> String {
        "\(option) \"\(id)\": not in \(path)" + Suggestion.advice(id, among: feeds.map { ($0.id, $0.title) })
    }

    private func unknown(
        _ kind: String, _ id: String, option: String, path: String, among candidates: [(id: String, name: String)]
    ) -> String {
        var message = "\(option) \"\(id)\": no such \(kind) in \(path)" + Suggestion.advice(id, among: candidates)
        if candidates.count <= 12 { message += " (\(kind)s: \(candidates.map(\.id).joined(separator: ", ")))" }
        return message
    }
}

extension TriageStatus {
    /// The usage error for a status that is not one, with the one most likely meant.
    static func unknown(_ typed: String, option: String = "--status") -> CLIFailure {
        let advice = Suggestion.advice(typed, among: allCases.map { ($0.rawValue, $0.rawValue) })
        return CLIFailure.usage("\(option) \"\(typed)\": not a status\(advice) (statuses: \(names))")
    }
}
