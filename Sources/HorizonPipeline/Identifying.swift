public import HorizonCatalogue
import HorizonCore
import HorizonInnovations

/// Sets each story's identifiers (trial registrations, papers, NICE guidance, NIHR awards) from its
/// title, summary and link.
public enum Identifying {
    /// For the items at `indexes` (every item when nil), on every core; returns how many changed.
    @discardableResult
    public static func apply(to catalogue: inout Catalogue, indexes: [Int]? = nil) -> Int {
        let chosen = indexes ?? Array(catalogue.items.indices)
        let items = catalogue.items
        let found = Parallel.map(chosen.count, shares: Parallel.shares(for: chosen.count, minimum: 2_000)) { range in
            chosen[range].map { index -> [Identifier]? in
                let item = items[index]
                let identifiers = IdentifierFinder.find(in: [item.title, item.summary, item.link])
                return identifiers.isEmpty ? nil : identifiers
            }
        }.flatMap { $0 }
        var changed = 0
        for (index, identifiers) in zip(chosen, found) where catalogue.items[index].identifiers != identifiers {
            catalogue.update(at: index) { $0.identifiers = identifiers }
            changed += 1
        }
        return changed
    }
}
