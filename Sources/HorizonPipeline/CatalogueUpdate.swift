import HorizonCatalogue
import HorizonCore

extension Catalogue {
    /// Works out one field of the items at `indexes` (every item when nil) on every core, then sets
    /// it where it changed; returns how many items changed.
    mutating func setInParallel<Value: Equatable & Sendable>(
        _ field: WritableKeyPath<Item, Value>, indexes: [Int]?, _ value: (Item) -> Value
    ) -> Int {
        let chosen = indexes ?? Array(items.indices)
        // The items are shared with the workers only while they work, so that the updates below
        // change the catalogue in place instead of copying every item first.
        func work(_ items: [Item]) -> [Value] {
            Parallel.map(chosen.count, shares: Parallel.shares(for: chosen.count, minimum: 2_000)) { range in
                chosen[range].map { value(items[$0]) }
            }.flatMap { $0 }
        }
        let fresh = work(items)
        var changed = 0
        for (index, new) in zip(chosen, fresh) where self.items[index][keyPath: field] != new {
            update(at: index) { $0[keyPath: field] = new }
            changed += 1
        }
        return changed
    }
}
