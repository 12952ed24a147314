public import Foundation
public import HorizonCatalogue
import HorizonCore
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
            let targets = try ids.map { id throws(SearchSession.OpenError) in
                try session.item(id, directory: dataDirectory)
            }
            let store = TriageStore(directory: dataDirectory)
            let lock = try store.lock()
            defer { withExtendedLifetime(lock) {} }
            var log = try store.load()
            var marked: [Marked] = []
            for target in targets {
                marked.append(
                    Marked(
                        id: target.item.id, title: target.item.title,
                        previous: log.forHub(hub).status(of: target.item.id)))
                log.record(
                    TriageEvent(
                        item: target.item.id, status: status, at: now, by: who, note: note, title: target.item.title,
                        hub: hub))
            }
            try store.save(log)
            return marked
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError(error)
        }
    }
}
