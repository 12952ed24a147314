public import Foundation
public import HorizonCore

/// Chooses and orders innovation records for `horizon innovations`.
public struct InnovationListing: Sendable {
    /// Words or quoted phrases that must all be found in a record's name, aliases, identifiers or
    /// stories' titles (case and punctuation ignored); records are then ranked by where they were
    /// found: a name or alias counts most.
    public var query: String?
    public var hub: String?
    public var stage: LifecycleStage?
    /// Records with a story dated on or after it.
    public var since: Date?

    public init(query: String? = nil, hub: String? = nil, stage: LifecycleStage? = nil, since: Date? = nil) {
        self.query = query
        self.hub = hub
        self.stage = stage
        self.since = since
    }

    /// The records that pass, by latest activity, or by how well they match a query.
    public func select(_ records: [Innovation]) -> [Innovation] {
        let terms = InnovationListing.terms(query ?? "")
        var chosen: [(record: Innovation, score: Double)] = []
        for record in records {
            if let hub, record.themes(forHub: hub).isEmpty && !record.watched { continue }
            if let stage, record.stage != stage { continue }
            if let since, record.lastSeen < since { continue }
            guard !terms.isEmpty else {
                chosen.append((record, 0))
                continue
            }
            let names = ([record.name] + record.aliases + record.identifiers.map(\.value)).map(InnovationListing.plain)
            let titles = record.items.map { InnovationListing.plain($0.title) }
            var score = 0.0
            var all = true
            for term in terms {
                let inNames = names.contains { $0.contains(term) }
                let inTitles = titles.count { $0.contains(term) }
                if !inNames && inTitles == 0 {
                    all = false
                    break
                }
                score += (inNames ? 3 : 0) + Double(inTitles) / Double(max(1, titles.count))
            }
            if all { chosen.append((record, score)) }
        }
        return chosen.sorted {
            $0.score > $1.score
                || ($0.score == $1.score
                    && ($0.record.lastSeen > $1.record.lastSeen
                        || ($0.record.lastSeen == $1.record.lastSeen && $0.record.id < $1.record.id)))
        }.map(\.record)
    }

    /// The record whose id is `key` or begins with it, or whose name or alias is `key` (case and
    /// punctuation ignored).
    public static func find(_ key: String, in records: [Innovation]) -> [Innovation] {
        let byID = records.filter { $0.id == key || (key.hasPrefix("inv-") && $0.id.hasPrefix(key)) }
        if !byID.isEmpty { return byID }
        let wanted = Words.key(key)
        return records.filter { record in ([record.name] + record.aliases).contains { Words.key($0) == wanted } }
    }

    /// " text " with words lower-cased and separated by single spaces, so that a term matches whole words.
    static func plain(_ text: String) -> String { " " + Words.plainTokens(text).joined(separator: " ") + " " }

    /// The query's words and quoted phrases, each as `plain` writes them.
    static func terms(_ query: String) -> [String] {
        var terms: [String] = []
        for (n, part) in query.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            if n % 2 == 1 {
                let phrase = plain(String(part))
                if phrase.count > 2 { terms.append(phrase) }
            } else {
                terms += Words.plainTokens(String(part)).map { " \($0) " }
            }
        }
        return terms
    }
}
