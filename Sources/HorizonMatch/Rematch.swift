public import HorizonCore

/// What re-scoring stored stories against the current themes changes: per hub and theme, the
/// stories gained and lost, and the new matches of each story that changed.
public struct Rematch: Sendable {
    /// `hub/theme` → stories that now match it and did not before.
    public private(set) var gained: [String: Int] = [:]
    /// `hub/theme` → stories that matched it before and no longer do.
    public private(set) var lost: [String: Int] = [:]
    /// The index of each story whose matches changed, with its new matches.
    public private(set) var changes: [(index: Int, matches: [ThemeMatch])] = []
    /// Stories whose priority for some hub changed (set by whoever applies the priorities).
    public var prioritiesChanged = 0

    /// Scores `items` with `matcher` (on every core) and compares with what they hold.
    public init(items: [Item], matcher: ThemeMatcher) {
        let fresh = matcher.matchAll(items.map { ($0.title, $0.summary, $0.sources.first?.feed) })
        for (index, matches) in fresh.enumerated() {
            let before = Set(items[index].matches.map { "\($0.hub)/\($0.theme)" })
            let after = Set(matches.map { "\($0.hub)/\($0.theme)" })
            for key in after.subtracting(before) { gained[key, default: 0] += 1 }
            for key in before.subtracting(after) { lost[key, default: 0] += 1 }
            if items[index].matches != matches { changes.append((index, matches)) }
        }
    }

    /// Every `hub/theme` that gained or lost a story, sorted.
    public var keys: [String] { Set(gained.keys).union(lost.keys).sorted() }
}
