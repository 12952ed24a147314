public import Foundation
public import HorizonCore

/// Chooses and orders innovation records for `horizon innovations`.
public struct InnovationListing: Sendable {
    /// How well a record matches the query (nil: it does not); records are then ranked by it. Without
    /// one, every record passes and they come by latest activity.
    public var match: (@Sendable (Innovation) -> Double?)?
    public var hub: String?
    public var stage: LifecycleStage?
    /// Records with a story dated on or after it.
    public var since: Date?

    public init(
        match: (@Sendable (Innovation) -> Double?)? = nil, hub: String? = nil, stage: LifecycleStage? = nil,
        since: Date? = nil
    ) {
        self.match = match
        self.hub = hub
        self.stage = stage
        self.since = since
    }

    /// The records that pass, by latest activity, or by how well they match a query.
    public func select(_ records: [Innovation]) -> [Innovation] {
        var chosen: [(record: Innovation, score: Double)] = []
        for record in records {
            if let hub, record.themes(forHub: hub).isEmpty && !record.watched { continue }
            if let stage, record.stage != stage { continue }
            if let since, record.lastSeen < since { continue }
            if let match {
                if let score = match(record) { chosen.append((record, score)) }
            } else {
                chosen.append((record, 0))
            }
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
}
