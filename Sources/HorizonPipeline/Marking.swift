public import Foundation
public import HorizonCatalogue
import HorizonCore
import HorizonInnovations
import HorizonSearch

/// Records triage decisions (`horizon mark`): finds each item by its id or the start of it, then
/// appends the decision to `triage.json` under its own lock.
public enum Marking {
    /// One item marked: its id and title, and its status before.
    public struct Marked: Sendable, Equatable {
        public var id: String
        public var title: String
        public var previous: TriageStatus
    }

    public static func mark(
        _ ids: [String], status: TriageStatus, by who: String, note: String?, hub: String? = nil, dataDirectory: String,
        now: Date = Date()
    ) throws(RunError) -> [Marked] {
        do {
            guard let session = try SearchSession.open(directory: dataDirectory) else {
                throw RunError(kind: .usage, message: "no catalogue in \(dataDirectory): run horizon fetch first")
            }
            // An innovation's id (`inv-...`) marks the innovation; any other id, an item.
            let innovations =
                ids.contains { $0.hasPrefix("inv-") } ? try InnovationStore(directory: dataDirectory).load() : nil
            let targets = try ids.map { id throws(RunError) -> (id: String, title: String) in
                if id.hasPrefix("inv-") { return try innovation(id, in: innovations?.innovations ?? [], dataDirectory) }
                do {
                    let item = try session.item(id, directory: dataDirectory).item
                    return (item.id, item.title)
                } catch {
                    throw RunError(error)
                }
            }
            let store = TriageStore(directory: dataDirectory)
            let lock = try store.lock()
            defer { withExtendedLifetime(lock) {} }
            var log = try store.load()
            var marked: [Marked] = []
            for target in targets {
                marked.append(
                    Marked(id: target.id, title: target.title, previous: log.forHub(hub).status(of: target.id)))
                log.record(
                    TriageEvent(
                        item: target.id, status: status, at: now, by: who, note: note, title: target.title, hub: hub))
            }
            try store.save(log)
            return marked
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError(error)
        }
    }

    /// The innovation whose id is `id` or begins with it.
    static func innovation(_ id: String, in records: [Innovation], _ directory: String) throws(RunError)
        -> (id: String, title: String)
    {
        let found = InnovationListing.find(id, in: records)
        guard found.count == 1, let record = found.first else {
            throw RunError(
                kind: .usage,
                message: found.isEmpty
                    ? "no innovation \(id) in \(DataDirectory(directory).innovations) (see horizon innovations)"
                    : "\(id) is the start of \(found.count) innovation ids; give more of it")
        }
        return (record.id, record.name)
    }
}
