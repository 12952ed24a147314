public import Foundation
public import HorizonCatalogue
public import HorizonCore
public import HorizonInnovations

/// Reads each story on the way to innovations: its identifiers (trial registrations, papers, NICE
/// guidance, NIHR awards), the innovations it names and its lifecycle stage; then groups the
/// catalogue's stories into `innovations.json`.
public enum Identifying {
    /// Reads the items at `indexes` (every item when nil), on every core; a name already known
    /// (`known`, or found in another of these stories) is looked for where a story uses it bare.
    /// Returns how many items changed.
    @discardableResult
    public static func apply(
        to catalogue: inout Catalogue, indexes: [Int]? = nil, finder: InnovationFinder, known: [String] = []
    ) -> Int {
        let chosen = indexes ?? Array(catalogue.items.indices)
        guard !chosen.isEmpty else { return 0 }
        // The items are shared with the reading only while it lasts, so that the updates below change
        // the catalogue in place instead of copying every item first.
        let (readings, innovations) = read(catalogue.items, chosen: chosen, finder: finder, known: known)
        var changed = 0
        for (n, index) in chosen.enumerated() {
            let identifiers = readings[n].identifiers.isEmpty ? nil : readings[n].identifiers
            let found = innovations[n].isEmpty ? nil : innovations[n]
            guard
                catalogue.items[index].identifiers != identifiers || catalogue.items[index].innovations != found
                    || catalogue.items[index].stage != readings[n].stage
            else { continue }
            catalogue.update(at: index) {
                $0.identifiers = identifiers
                $0.innovations = found
                $0.stage = readings[n].stage
            }
            changed += 1
        }
        return changed
    }

    /// What `apply` finds in the chosen items, on every core: each story's reading, and the
    /// innovations it names once the names known from every reading are looked for too.
    private static func read(_ items: [Item], chosen: [Int], finder: InnovationFinder, known: [String]) -> (
        [StoryReading], [[String]]
    ) {
        let shares = Parallel.shares(for: chosen.count, minimum: 500)
        let readings = Parallel.map(chosen.count, shares: shares) { range in
            // Each story's fields are read in place: a copy of the whole item would retain every field.
            chosen[range].map { index in
                finder.read(title: items[index].title, summary: items[index].summary, link: items[index].link)
            }
        }.flatMap { $0 }
        let names = KnownNames(watchlist: finder.watchlistEntries, known + readings.flatMap(\.innovations))
        let innovations = Parallel.map(chosen.count, shares: shares) { range in
            range.map { n in
                finder.adding(names, to: readings[n], title: items[chosen[n]].title, summary: items[chosen[n]].summary)
            }
        }.flatMap { $0 }
        return (readings, innovations)
    }

    /// The names of the innovations already recorded (names and aliases), for `apply`'s `known`.
    public static func knownNames(_ file: InnovationStore.File?) -> [String] {
        (file?.innovations ?? []).flatMap { [$0.name] + $0.aliases }
    }

    /// The records and weekly counts of some stories, made and ready to write.
    public struct Records: Sendable {
        public var file: InnovationStore.File
        public var counts: TrendCounts
    }

    /// `innovations.json` as a run found it, read at most once, when first asked for: the run reads
    /// it for the names it knows and again, from here, for the records it keeps.
    public final class EarlierRecords: @unchecked Sendable {  // `loaded` is read and written under `lock`
        let store: InnovationStore
        private var loaded: Result<InnovationStore.File?, InnovationStore.Failure>?
        private let lock = NSLock()

        public init(directory: String) { store = InnovationStore(directory: directory) }

        public func file() throws(InnovationStore.Failure) -> InnovationStore.File? {
            lock.lock()
            defer { lock.unlock() }
            if loaded == nil {
                do {
                    loaded = .success(try store.load())
                } catch {
                    loaded = .failure(error)
                }
            }
            return try loaded!.get()
        }
    }

    /// Groups `items` into records and counts their weeks.
    ///
    /// `items` are the stories of `catalogue.json`, with `earlier` the files a run found, or every
    /// story, archive included (`earlier`: nil, for `innovations rebuild`). A run keeps what the files
    /// held of stories gone to the archive since: their place in their innovations' records, and the
    /// counts of weeks that began more than eight weeks ago, which the catalogue no longer holds whole.
    public static func records(
        _ items: [Item], config: HorizonConfig, directory: String, now: Date = Date(), earlier: EarlierRecords?
    ) -> Records {
        let store = InnovationStore(directory: directory)
        var records = InnovationGrouping.group(items, watchlist: config.innovations)
        var counts = TrendCounts(items: items, records: records, now: now)
        if let earlier {
            // Unreadable earlier files are left behind: the records are made afresh from what there is.
            if let previous = try? earlier.file() {
                records = InnovationGrouping.carryOver(
                    previous.innovations, into: records, active: Set(items.map(\.id)))
            }
            if let previous = try? store.loadTrends() {
                counts.keep(previous, before: now.addingTimeInterval(-56 * 86_400))
            }
        }
        return Records(
            file: InnovationStore.File(readWith: InnovationStore.readWith(config), innovations: records), counts: counts
        )
    }

    /// Writes `innovations.json`, then `trends.json`.
    public static func write(_ records: Records, directory: String) throws(RunError) {
        do {
            let store = InnovationStore(directory: directory)
            try store.save(records.file)
            try store.saveTrends(records.counts)
        } catch {
            throw RunError(error)
        }
    }

    /// Whether `innovations.json` is missing or older than the catalogue it was made from (a run
    /// killed between the two writes), while there is a catalogue.
    public static func recordsBehind(directory: String) -> Bool {
        let paths = DataDirectory(directory)
        let files = FileManager.default
        guard let stamp = (try? files.attributesOfItem(atPath: paths.catalogueStamp))?[.modificationDate] as? Date
        else { return false }
        guard let records = (try? files.attributesOfItem(atPath: paths.innovations))?[.modificationDate] as? Date
        else { return true }
        return records < stamp
    }

    /// `records` of every story, archive included, then `write`.
    @discardableResult
    public static func saveRecords(_ items: [Item], config: HorizonConfig, directory: String, now: Date = Date())
        throws(RunError) -> InnovationStore.File
    {
        let made = records(items, config: config, directory: directory, now: now, earlier: nil)
        try write(made, directory: directory)
        return made.file
    }
}
