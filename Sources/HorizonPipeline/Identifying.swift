public import HorizonCatalogue
import HorizonCore
import HorizonInnovations

/// Sets each story's identifiers (trial registrations, papers, NICE guidance, NIHR awards) from its
/// title, summary and link.
public enum Identifying {
    /// For the items at `indexes` (every item when nil), on every core; returns how many changed.
    @discardableResult
    public static func apply(to catalogue: inout Catalogue, indexes: [Int]? = nil) -> Int {
        catalogue.setInParallel(\.identifiers, indexes: indexes) { item in
            let identifiers = IdentifierFinder.find(in: [item.title, item.summary, item.link])
            return identifiers.isEmpty ? nil : identifiers
        }
    }
}
