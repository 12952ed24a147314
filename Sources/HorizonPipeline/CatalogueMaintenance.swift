public import Foundation
import HorizonCatalogue
public import HorizonCore
public import HorizonInnovations
public import HorizonMatch

/// The commands that rewrite the whole catalogue: each takes the data directory's lock, reads
/// every file, applies its rule, and saves and indexes through `CatalogueSaving`.
public enum CatalogueMaintenance {
    /// What `prune` removed (or would remove).
    public struct PruneReport: Sendable, Equatable {
        public var before: Int
        public var removed: Int
        /// Search indexes that could not be written; the next search rebuilds them.
        public var indexProblems: [String] = []
    }

    /// Removes stories first seen more than `days` ago that no theme matched and no one decided on.
    public static func prune(
        dataDirectory: String, days: Int, dryRun: Bool, now: Date = Date()
    ) throws(RunError) -> PruneReport {
        let lock = try lockUnlessDry(dataDirectory, dryRun: dryRun)
        defer { withExtendedLifetime(lock) {} }
        let store = CatalogueStore(directory: dataDirectory)
        do {
            let items = try store.load().items
            let retention = Retention(
                days: days, decided: try TriageStore(directory: dataDirectory).load().decidedItems, now: now)
            let kept = items.filter(retention.keeps)
            var report = PruneReport(before: items.count, removed: items.count - kept.count)
            if !dryRun && report.removed > 0 {
                report.indexProblems = try CatalogueSaving.save(.all(kept, now: now), to: store).indexProblems
            }
            return report
        } catch {
            throw RunError(error)
        }
    }

    /// Re-scores every stored story against the configured themes and saves what changed.
    public static func rematch(
        config: HorizonConfig, dataDirectory: String, dryRun: Bool, now: Date = Date()
    ) throws(RunError) -> (rematch: Rematch, total: Int, indexProblems: [String]) {
        let lock = try lockUnlessDry(dataDirectory, dryRun: dryRun)
        defer { withExtendedLifetime(lock) {} }
        let store = CatalogueStore(directory: dataDirectory)
        do {
            var catalogue = try store.load()
            var rematch = Rematch(items: catalogue.items, matcher: ThemeMatcher(config: config))
            for change in rematch.changes {
                catalogue.update(at: change.index) { $0.matches = change.matches }
            }
            let triage = try TriageStore(directory: dataDirectory).load()
            let prioritizing = Prioritizing(config: config, triage: triage, items: catalogue.items)
            rematch.prioritiesChanged = prioritizing.apply(to: &catalogue)
            // Stories stored before identifiers and innovations were looked for get theirs.
            let identified = Identifying.apply(to: &catalogue, finder: InnovationFinder(config: config))
            var problems: [String] = []
            if !dryRun && (!rematch.changes.isEmpty || rematch.prioritiesChanged > 0 || identified > 0) {
                let saved = try CatalogueSaving.save(.all(catalogue.items, now: now), to: store)
                problems = saved.indexProblems
                try Identifying.saveRecords(
                    catalogue.items, config: config, directory: dataDirectory, now: now)
            }
            return (rematch, catalogue.items.count, problems)
        } catch {
            throw RunError(error)
        }
    }

    /// Reads every stored story's identifiers, innovations and stage again, saves the stories that
    /// changed, and writes `innovations.json` afresh (`horizon innovations rebuild`).
    public static func rebuildInnovations(config: HorizonConfig, dataDirectory: String, now: Date = Date())
        throws(RunError) -> (changed: Int, file: InnovationStore.File)
    {
        let lock = try lockUnlessDry(dataDirectory, dryRun: false)
        defer { withExtendedLifetime(lock) {} }
        let store = CatalogueStore(directory: dataDirectory)
        do {
            var catalogue = try store.load()
            let changed = Identifying.apply(to: &catalogue, finder: InnovationFinder(config: config))
            if changed > 0 { _ = try CatalogueSaving.save(.all(catalogue.items, now: now), to: store) }
            // Every story, archive included: the records and counts are made whole again.
            let file = try Identifying.saveRecords(
                catalogue.items, config: config, directory: dataDirectory, now: now)
            return (changed, file)
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError(error)
        }
    }

    /// The data directory's lock, or nil for a dry run (which writes nothing).
    static func lockUnlessDry(_ directory: String, dryRun: Bool) throws(RunError) -> DirectoryLock? {
        guard !dryRun else { return nil }
        do {
            return try DirectoryLock(directory: directory)
        } catch {
            throw RunError(error)
        }
    }
}
