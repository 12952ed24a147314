public import Foundation
public import HorizonCore

/// Which stories `prune` keeps: every story a hub's themes matched, every story with a triage
/// decision, and every story first seen within the retention period.
public struct Retention: Sendable {
    /// Stories first seen before this are removed unless matched or decided.
    public let cutoff: Date
    /// The ids of stories with a triage decision.
    public let decided: Set<String>

    public init(days: Int, decided: Set<String>, now: Date = Date()) {
        self.cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        self.decided = decided
    }

    public func keeps(_ item: Item) -> Bool {
        !item.matches.isEmpty || item.firstSeen >= cutoff || decided.contains(item.id)
    }
}
