public import Foundation
import HorizonCatalogue
import HorizonCore

/// `horizon repair`: puts back the newest intact copy of each damaged file of the data directory,
/// and makes sure the next run reads again every story that the restored copy lacks.
///
/// Every file Horizon writes keeps the copy it replaced (`catalogue.json.bak`, `feeds-state.json.bak`,
/// `triage.json.bak`, `archive/YYYY-MM.json.bak`). A damaged file is moved aside as
/// `NAME.damaged-TIME` (never deleted) and its backup, when intact, takes its place. After the
/// catalogue goes back to an older copy, every feed fetched since that copy was written has its
/// validators and body hash forgotten, so the next `fetch` reads it whole and merges its stories
/// again: nothing a feed still carries is lost.
public enum Repair {
    public struct Report: Sendable, Equatable {
        /// What was done (or, on a dry run, would be), one line each.
        public var actions: [String] = []
        /// What could not be brought back.
        public var losses: [String] = []
        /// The feeds whose fetch state was reset.
        public var resetFeeds: [String] = []
    }

    public static func run(dataDirectory: String, dryRun: Bool, now: Date = Date()) throws(RunError) -> Report {
        let lock: DirectoryLock
        let triageLock: DirectoryLock
        do {
            lock = try DirectoryLock(directory: dataDirectory)
            triageLock = try TriageStore(directory: dataDirectory).lock()
        } catch {
            throw RunError(error)
        }
        defer { withExtendedLifetime((lock, triageLock)) {} }
        var repair = Session(directory: DataDirectory(dataDirectory), dryRun: dryRun, now: now)
        do {
            try repair.feedStates()
            try repair.catalogue()
            try repair.archive()
            try repair.triage()
        } catch {
            throw RunError(error)
        }
        return repair.report
    }

    /// One repair: what it found and did so far.
    struct Session {
        let directory: DataDirectory
        let dryRun: Bool
        let now: Date
        var report = Report()

        var suffix: String {
            ".damaged-" + ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
        }

        /// `feeds-state.json`: its backup, or no state (every feed is read again).
        mutating func feedStates() throws(AtomicFile.WriteError) {
            let path = directory.feedStates
            guard let data = FileManager.default.contents(atPath: path), decodeStates(data) == nil else { return }
            if let backup = FileManager.default.contents(atPath: path + ".bak"), decodeStates(backup) != nil {
                try restore(path, from: backup, what: "the feeds' fetch state")
            } else {
                try moveAside(path)
                report.losses.append("\(path): no intact copy; every feed is read in full on the next run")
            }
        }

        /// `catalogue.json`: its backup, then every feed fetched since the backup was written is reset.
        mutating func catalogue() throws(AtomicFile.WriteError) {
            let store = CatalogueStore(directory: directory.path)
            switch store.verify() {
            case .intact:
                return
            case .damaged(let reason):
                report.actions.append("\(store.path) is damaged: \(reason)")
            case .missing:
                // Lost while the feeds' states remember their stories as read: they would never come back.
                guard FeedStates.load(from: directory.path).feeds.values.contains(where: { $0.lastSuccess != nil })
                else {
                    return
                }
                report.actions.append("\(store.path) is missing, though feeds have been read into it")
            }
            var since = Date.distantPast
            if let backup = FileManager.default.contents(atPath: store.backupPath),
                let items = try? CatalogueStore.items(in: backup, path: store.backupPath)
            {
                since = modified(store.backupPath) ?? .distantPast
                try restore(store.path, from: backup, what: "\(items.count) stories as of \(ISO8601.string(since))")
                if !dryRun { FileStamp(file: store.path).map { try? $0.save(store.stampPath) } }
            } else {
                try moveAside(store.path)
                if !dryRun { unlink(store.stampPath) }
                report.losses.append(
                    "\(store.path): no intact copy; the catalogue starts again from what the feeds carry now")
            }
            if !dryRun { unlink(directory.searchIndex) }  // the next search or run rebuilds it
            try resetFeeds(fetchedAfter: since)
        }

        /// Archive months: each from its backup, else moved aside.
        mutating func archive() throws(AtomicFile.WriteError) {
            let store = CatalogueStore(directory: directory.path)
            for month in store.archiveMonths() {
                let path = store.archivePath(month: month)
                guard (try? store.loadArchive(month: month)) == nil else { continue }
                if let backup = FileManager.default.contents(atPath: path + ".bak"),
                    (try? CatalogueStore.items(in: backup, path: path)) != nil
                {
                    try restore(path, from: backup, what: "the archive of \(month)")
                } else {
                    try moveAside(path)
                    report.losses.append(
                        "\(path): no intact copy; the stories first seen in \(month) and archived are lost")
                }
                if !dryRun { unlink(DataDirectory.indexPath(forCatalogue: path)) }
            }
        }

        /// `triage.json`: its backup; decisions made after it cannot be recovered.
        mutating func triage() throws(AtomicFile.WriteError) {
            let store = TriageStore(directory: directory.path)
            guard FileManager.default.fileExists(atPath: store.path), (try? store.load()) == nil else { return }
            let backupPath = store.path + ".bak"
            if let backup = FileManager.default.contents(atPath: backupPath),
                (try? TriageStore(directory: directory.path).decode(backup)) != nil
            {
                try restore(
                    store.path, from: backup,
                    what: "the triage decisions as of \(ISO8601.string(modified(backupPath) ?? now))")
                report.losses.append(
                    "\(store.path): decisions recorded after the restored copy are lost; record them again")
            } else {
                try moveAside(store.path)
                report.losses.append("\(store.path): no intact copy; every triage decision is lost")
            }
        }

        /// Forgets the validators and body hash of every feed fetched after `date`, and makes it due.
        mutating func resetFeeds(fetchedAfter date: Date) throws(AtomicFile.WriteError) {
            var states = FeedStates.load(from: directory.path)
            // The state file keeps whole seconds: a fetch in the same second as the copy counts as after it.
            let cutoff = date.addingTimeInterval(-1)
            for (feed, entry) in states.feeds.sorted(by: { $0.key < $1.key }) {
                guard let last = entry.lastAttempt ?? entry.lastSuccess, last >= cutoff else { continue }
                var reset = entry
                reset.etag = nil
                reset.lastModified = nil
                reset.bodyHash = nil
                reset.validatedURL = nil
                reset.nextDue = nil
                states.feeds[feed] = reset
                report.resetFeeds.append(feed)
            }
            guard !report.resetFeeds.isEmpty else { return }
            let count = report.resetFeeds.count
            report.actions.append(
                "\(count) feed\(count == 1 ? "" : "s") fetched since then will be read in full on the next run")
            if !dryRun { try states.save(to: directory.path) }
        }

        mutating func restore(_ path: String, from backup: Data, what: String) throws(AtomicFile.WriteError) {
            report.actions.append("\(path): restored from \(path).bak (\(what))")
            guard !dryRun else { return }
            if FileManager.default.fileExists(atPath: path) { try moveAside(path) }
            try AtomicFile.write(backup, to: path)
        }

        mutating func moveAside(_ path: String) throws(AtomicFile.WriteError) {
            guard FileManager.default.fileExists(atPath: path) else { return }
            let aside = path + suffix
            report.actions.append("\(path): the damaged file is kept as \(aside)")
            guard !dryRun else { return }
            guard rename(path, aside) == 0 else {
                throw AtomicFile.WriteError(path: aside, reason: SystemError.describe(errno))
            }
        }

        func decodeStates(_ data: Data) -> FeedStates? {
            try? HorizonJSON.decoder().decode(FeedStates.self, from: data)
        }

        func modified(_ path: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
    }
}
