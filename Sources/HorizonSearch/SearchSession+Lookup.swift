import Foundation
import HorizonCatalogue
public import HorizonCore

extension SearchSession {
    /// What an id, or the start of one, finds.
    public enum Lookup: Sendable, Equatable {
        case found(doc: Int)
        case none
        /// More than one item begins with it.
        case ambiguous(count: Int)
    }

    /// Finds the item an id names: the item with exactly that id, else the one item whose id
    /// begins with it.
    public func lookup(_ id: String) -> Lookup {
        let docs = docs(idPrefix: id)
        let exact = docs.filter { index.id($0) == id }
        let matching = exact.isEmpty ? docs : exact
        switch matching.count {
        case 0: return .none
        case 1: return .found(doc: matching[0])
        default: return .ambiguous(count: matching.count)
        }
    }

    /// The item an id names, or an error that says why there is none.
    public func item(_ id: String, directory: String) throws(SearchSession.OpenError) -> (doc: Int, item: Item) {
        switch lookup(id) {
        case .none:
            throw OpenError(message: "no item with id \"\(id)\" in \(directory)", kind: .usage)
        case .ambiguous(let count):
            throw OpenError(
                message: "id \"\(id)\" is ambiguous: \(count) items begin with it; give more of it", kind: .usage)
        case .found(let doc):
            do {
                return (doc, try HorizonJSON.decoder().decode(Item.self, from: Data(index.itemJSON(doc))))
            } catch {
                throw OpenError(message: "item \(id): its JSON cannot be read (\(error))", kind: .data)
            }
        }
    }
}

extension SearchSession {
    /// Runs a query with its filters, as `search` and `export` do: statuses are read from the
    /// decisions of `filters.hub` (every decision without one), and results are marked ranked
    /// when relevance ordered them.
    public func results(
        _ query: QueryNode, text: String, filters: SearchFilters, sort: SearchSort, limit: Int?,
        feedTitles: [String: String]
    ) throws(QuerySyntaxError) -> SearchResults {
        let decisions = triage.forHub(filters.hub)
        let engine = SearchEngine(index: index, triage: decisions, feedTitles: feedTitles)
        let hits = try engine.search(query, filters: filters, sort: sort, limit: limit, query: text)
        var results = SearchResults(
            hits: hits, index: index, triage: decisions, feedTitles: feedTitles,
            ranked: sort == .relevance && query.hasText)
        results.hub = filters.hub
        return results
    }

    /// Why `query` with `filters` found nothing (see `SearchEngine.whyEmpty`).
    public func whyEmpty(_ query: QueryNode, filters: SearchFilters, filterNames: [String: String]) -> [String] {
        SearchEngine(index: index, triage: triage.forHub(filters.hub)).whyEmpty(
            query, filters: filters, filterNames: filterNames)
    }
}
