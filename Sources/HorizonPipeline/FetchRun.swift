public import Foundation
import HorizonCatalogue
public import HorizonCore
import HorizonFetchPolicy
import HorizonInnovations
import HorizonMatch
import HorizonParse
import HorizonSearch
public import HorizonTransport
import Logging

/// What one run did.
public struct RunSummary: Sendable {
    public var feedsFetched = 0
    public var feedsFailed = 0
    /// Fetched, but the server said 304 Not Modified, or sent the same body again: nothing parsed.
    public var notModified = 0
    public var unchanged = 0
    /// Not fetched on this run: not due yet, their host asked to wait (Retry-After), or gone (410).
    public var notDue = 0
    public var deferred = 0
    public var gone = 0
    /// Feeds that moved for good and are now fetched at their new URL: (feed, new URL).
    public var redirected: [FeedFailure] = []
    /// Each feed that is failing, gone, moved or silent.
    public var warnings: [FeedWarning] = []
    public var newItems = 0
    public var newMatched = 0
    /// Stories that gained a source (the same story from another feed or URL form).
    public var merged = 0
    /// Stories whose text a feed changed.
    public var updated = 0
    public var failures: [FeedFailure] = []
    /// Feeds that were read only after recovering from errors in the document.
    public var recovered: [FeedFailure] = []
    /// Archived stories taken back because a feed carried them again.
    public var restored = 0
    /// Archive month files written (stories unseen for months moved out of catalogue.json).
    public var archived = 0
    /// Stories in the archive after the run, of `catalogueSize`.
    public var archivedItems = 0
    /// Items in the catalogue after the run, archive included; nil when the run did not need to read it.
    public var catalogueSize: Int?

    /// The one line a run ends with.
    public var line: String {
        var feeds = "feeds: \(feedsFetched) fetched, \(feedsFailed) failed"
        if notModified + unchanged > 0 { feeds += " (\(notModified + unchanged) unchanged)" }
        if notDue > 0 { feeds += ", \(notDue) not due" }
        if deferred > 0 { feeds += ", \(deferred) deferred" }
        if gone > 0 { feeds += ", \(gone) gone" }
        return feeds + "; items: \(newItems) new, \(newMatched) new matched"
            + (merged > 0 ? ", \(merged) merged" : "") + (updated > 0 ? ", \(updated) updated" : "")
            + (restored > 0 ? ", \(restored) back from the archive" : "")
            + (catalogueSize.map { "; catalogue: \($0) items" } ?? "; catalogue unchanged")
            + (catalogueSize != nil && archivedItems > 0 ? " (\(archivedItems) in the archive)" : "")
    }
}

/// A run that could not complete (the catalogue could not be read or written, or the lock is held).
public struct RunError: HorizonError {
    public let kind: FailureKind
    public let message: String

    public init(kind: FailureKind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// A stage's error, as the run reports it.
    init(_ error: any Error) {
        if let error = error as? any HorizonError {
            self.init(kind: error.kind, message: error.message)
        } else {
            self.init(kind: .io, message: "\(error)")
        }
    }
}

/// The main job, in five steps that each return a typed result: plan (which feeds, with which
/// validators), transfer (libcurl, parsing changed bodies as they arrive), policy outcome (what each
/// answer means for the feed's state), merge (into the catalogue, then matched), persist (catalogue,
/// states, search indexes).
public struct FetchRun: Sendable {
    public var config: HorizonConfig
    public var dataDirectory: String
    public var fetchOptions: FetchOptions
    /// Seconds to wait for another run's lock.
    public var lockWait: Double
    /// Fetch every feed, due or not (gone feeds and hosts that asked to wait are still left alone).
    public var all = false
    /// Free the run's catalogue and parsed feeds when it returns. A command that exits straight
    /// after sets this to false: the process's exit hands the memory back at once, where freeing
    /// it object by object takes a fifth of a second after a run that adds 50,000 stories.
    public var freesMemory = true
    /// Called between steps, when a step's temporary memory has been let go (the command hands it
    /// back to the system here, to keep the run's peak low).
    public var betweenSteps: (@Sendable () -> Void)?

    /// The configured feeds by id.
    let feedsByID: [String: FeedConfig]

    public init(
        config: HorizonConfig, dataDirectory: String, fetchOptions: FetchOptions = FetchOptions(), lockWait: Double = 0
    ) {
        self.config = config
        self.feedsByID = Dictionary(config.feeds.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.dataDirectory = dataDirectory
        self.fetchOptions = fetchOptions
        self.lockWait = lockWait
        if let contact = config.contact, !contact.isEmpty {
            self.fetchOptions.userAgent = "Horizon/0.1 (+\(contact))"
        }
        let limits = config.fetchLimits
        if let value = limits.maxConcurrent { self.fetchOptions.maxConcurrent = value }
        if let value = limits.maxPerHost { self.fetchOptions.maxPerHost = value }
        if let value = limits.timeoutSeconds { self.fetchOptions.totalTimeout = value }
        if let value = limits.maxBodyMB { self.fetchOptions.maxBodyBytes = Int(value * 1_048_576) }
    }

    /// Runs the five steps: plan, transfer, policy outcome, merge, persist.
    public func run(now: Date = Date(), progress: (@Sendable (Int, Int) -> Void)? = nil) async throws(RunError)
        -> RunSummary
    {
        let logger = Logger(label: "horizon.fetch")
        var clock = PhaseClock(logger: logger)
        let lock = try takeLock()
        defer { withExtendedLifetime(lock) {} }
        let store = CatalogueStore(directory: dataDirectory)
        // A damaged catalogue stops the run even when no feed changed, before anything is written.
        do {
            try store.requireIntact()
        } catch {
            throw RunError(error)
        }
        clock.phase("verify catalogue")
        var states = FeedStates.load(from: dataDirectory)
        var summary = RunSummary()

        let plan = FetchPlan(config: config, states: states, all: all, now: now)
        summary.gone = plan.count(.gone)
        summary.deferred = plan.count(.deferred)
        summary.notDue = plan.count(.notDue)
        var entries = plan.entries

        let catalogue = CatalogueLoad(store: store)
        let transfer = await self.transfer(plan, catalogue: catalogue, progress: progress)
        betweenSteps?()
        clock.phase("fetch")
        let toParse = applyPolicy(
            transfer, to: &entries, hosts: &states.hosts, summary: &summary, now: now, logger: logger)
        var parsed = await transfer.parses.results(for: toParse)
        clock.phase("parse")

        var merge = try await self.merge(
            toParse, parsed, store: store, catalogue: catalogue, entries: &entries, summary: &summary, now: now,
            logger: logger)
        clock.phase("merge")
        // The entries are in the catalogue now: their copies are let go before the save needs the room.
        Parallel.release(parsed)
        parsed = []
        clock.phase("release")
        // The stories are final: their innovations are read while the last entries are still being
        // matched on the other core (the reading needs no match).
        let earlier = Identifying.EarlierRecords(directory: dataDirectory)
        readInnovations(&merge, earlier: earlier, store: store, logger: logger)
        // Matched while the entries joined (with layer 3; this thread helps with the rest): each
        // story takes the matches of the entry it shows; the others are matched now.
        let early = merge.early?.finish()
        merge.early = nil
        var matches: [[ThemeMatch]?] = merge.toMatch.map { index in
            merge.shownEntry(index).flatMap { early?($0) }
        }
        let missing = matches.indices.filter { matches[$0] == nil }
        if !missing.isEmpty {
            let found = ThemeMatcher(config: config).matchAll(
                missing.map {
                    let item = merge.catalogue.items[merge.toMatch[$0]]
                    return (item.title, item.summary, item.sources.first?.feed)
                })
            for (position, value) in zip(missing, found) { matches[position] = value }
        }
        for (index, found) in zip(merge.toMatch, matches.map { $0 ?? [] }) {
            merge.catalogue.update(at: index) { $0.matches = found }
        }
        clock.phase("match")
        if merge.changed {
            prioritize(&merge.catalogue, matched: merge.toMatch, triage: readTriage(logger: logger))
        } else {
            try reprioritizeAfterDecisions(&merge, store: store, logger: logger)
        }
        // A story new in this run and changed again later in it is listed twice, but counts once.
        summary.newMatched = merge.isNew.count { !merge.catalogue.items[$0].matches.isEmpty }
        clock.phase("priorities")
        merge.catalogue.releaseLookups()  // nothing more is added: the save needs the room
        betweenSteps?()
        clock.phase("release lookups")

        for (feed, entry) in entries { states.feeds[feed] = entry }
        states.hosts = states.hosts.filter { $0.value > now }
        summary.feedsFetched = transfer.responses.count - summary.feedsFailed
        summary.warnings = FeedHealth.all(config: config, items: merge.catalogue.items, states: states, now: now)
            .compactMap(\.feedWarning)
        let written = try persist(
            merge.changed ? merge.catalogue : nil, states: states, store: store, earlier: earlier, summary: &summary,
            now: now, logger: logger)
        clock.phase("save and index")
        logger.info(
            "run finished",
            metadata: [
                "fetched": "\(summary.feedsFetched)", "failed": "\(summary.feedsFailed)", "new": "\(summary.newItems)",
                "matched": "\(summary.newMatched)",
                "catalogue": "\(summary.catalogueSize.map(String.init) ?? "unchanged")",
                "notModified": "\(summary.notModified)", "unchanged": "\(summary.unchanged)",
                "restored": "\(summary.restored)", "archiveFilesWritten": "\(summary.archived)",
            ])
        if !freesMemory {
            _ = Unmanaged.passRetained(Leftovers(values: [merge, transfer, written]))
        }
        return summary
    }

    /// Reads identifiers, innovations and stages of the stories new or changed in this run (of every
    /// story when the watchlist or the places changed since the records were written, or there are none).
    private func readInnovations(
        _ merge: inout Merge, earlier: Identifying.EarlierRecords, store catalogueStore: CatalogueStore, logger: Logger
    ) {
        let started = Date()
        // Stale when the watchlist or places changed (or there are no records): every story is read again.
        let stale = InnovationStore(directory: dataDirectory).peekReadWith() != InnovationStore.readWith(config)
        var previous: InnovationStore.File?
        if !stale && !merge.toMatch.isEmpty {
            do {
                previous = try earlier.file()
            } catch {
                logger.warning("innovations: \(error); names known from earlier stories are not looked for this run")
            }
        }
        let finder = InnovationFinder(config: config)
        // A run that brought nothing new has not read the catalogue.
        if stale && !merge.changed && merge.catalogue.items.isEmpty, let stored = try? catalogueStore.loadActive() {
            merge.catalogue = stored
        }
        if stale && !merge.catalogue.items.isEmpty {
            Identifying.apply(to: &merge.catalogue, finder: finder)
            merge.changed = true
        } else if !merge.toMatch.isEmpty {
            Identifying.apply(
                to: &merge.catalogue, indexes: merge.toMatch, finder: finder,
                known: Identifying.knownNames(previous))
        }
        logger.debug(
            "innovations read",
            metadata: [
                "stories": "\(stale ? merge.catalogue.items.count : merge.toMatch.count)",
                "seconds": "\(String(format: "%.3f", Date().timeIntervalSince(started)))",
            ])
    }

    /// The triage log, or nil (with a warning) when it cannot be read.
    private func readTriage(logger: Logger) -> TriageLog? {
        do {
            return try TriageStore(directory: dataDirectory).load()
        } catch {
            logger.warning("priorities: the triage log cannot be read; only new stories get a priority: \(error)")
            return nil
        }
    }

    /// Sets priorities: for the stories just matched and any matched story without them, or for
    /// every matched story once a hub has a model (its decisions may have changed since the last run).
    /// Without a readable triage log (`nil`) no model takes part and no other story moves. Returns
    /// how many stories' priorities moved.
    @discardableResult
    private func prioritize(_ catalogue: inout Catalogue, matched: [Int], triage: TriageLog?) -> Int {
        let prioritizing = Prioritizing(config: config, triage: triage ?? TriageLog(), items: catalogue.items)
        // Stories are chosen in index order, each read in place (a copy would retain every field).
        var chosen = [Bool](repeating: false, count: catalogue.items.count)
        for index in matched { chosen[index] = true }
        let everyMatched = triage != nil && prioritizing.learns
        for index in catalogue.items.indices where !chosen[index] && !catalogue.items[index].matches.isEmpty {
            chosen[index] = everyMatched || catalogue.items[index].priorities == nil
        }
        return prioritizing.apply(to: &catalogue, indexes: chosen.indices.filter { chosen[$0] })
    }

    /// A run that brought nothing new still applies decisions made since the catalogue was last
    /// written, once a hub has enough of them for its model: the catalogue is read, every matched
    /// story's priority set again, and the catalogue saved when one moved.
    private func reprioritizeAfterDecisions(_ merge: inout Merge, store: CatalogueStore, logger: Logger)
        throws(RunError)
    {
        let directory = DataDirectory(dataDirectory)
        let files = FileManager.default
        guard let decided = (try? files.attributesOfItem(atPath: directory.triage))?[.modificationDate] as? Date,
            let written = (try? files.attributesOfItem(atPath: directory.catalogueStamp))?[.modificationDate] as? Date,
            decided > written, let triage = try? TriageStore(directory: dataDirectory).load(),
            config.hubs.contains(where: { triage.forHub($0.id).decidedItems.count >= config.matching.learnAfter })
        else { return }
        var catalogue: Catalogue
        do {
            catalogue = try store.loadActive()
        } catch {
            throw RunError(error)
        }
        let moved = prioritize(&catalogue, matched: [], triage: triage)
        logger.info("decisions applied to priorities", metadata: ["moved": "\(moved)"])
        if moved > 0 {
            merge.catalogue = catalogue
            merge.changed = true
        } else {
            // Nothing moved: the stamp's time records that these decisions were applied (its content,
            // which the integrity check reads, is unchanged).
            try? files.setAttributes([.modificationDate: Date()], ofItemAtPath: directory.catalogueStamp)
        }
    }

    /// Creates the data directory when needed and takes its lock, waiting up to `lockWait`.
    private func takeLock() throws(RunError) -> DirectoryLock {
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw RunError(
                kind: .io, message: "\(dataDirectory): cannot create the data directory (\(error.localizedDescription))"
            )
        }
        do {
            return try DirectoryLock(directory: dataDirectory, wait: lockWait)
        } catch {
            throw RunError(error)
        }
    }

    /// The answers of one run, and the parses started as they arrived.
    struct Transfer: Sendable {
        let responses: [FetchResponse]
        let parses: EarlyParses
    }

    /// Step 2: every planned request through libcurl. A body that differs from the last one stored
    /// is parsed as soon as it arrives, while other feeds are still downloading; the policy then
    /// decides which parses are kept.
    private func transfer(_ plan: FetchPlan, catalogue: CatalogueLoad, progress: (@Sendable (Int, Int) -> Void)?)
        async -> Transfer
    {
        let parses = EarlyParses(
            keepHTML: config.keepHTML, fingerprints: config.similarStories,
            known: plan.entries.mapValues { ($0.bodyHash, $0.validatedURL) }, catalogue: catalogue)
        var options = fetchOptions
        options.keepsBodies = false  // each body is hashed and parsed as it arrives, then let go
        let responses = await Fetcher(options: options).fetch(plan.requests, progress: progress, received: parses.start)
        await parses.finished()
        return Transfer(responses: responses, parses: parses)
    }

    /// Step 3: what each answer means for its feed (`FetchPolicy`). Returns the responses whose new
    /// bodies are to be parsed; 304s and unchanged bodies are not.
    private func applyPolicy(
        _ transfer: Transfer, to entries: inout [String: FeedStates.Entry], hosts: inout [String: Date],
        summary: inout RunSummary, now: Date, logger: Logger
    ) -> [FetchResponse] {
        var toParse: [FetchResponse] = []
        for response in transfer.responses {
            guard let feed = feedsByID[response.id], var entry = entries[response.id] else { continue }
            let hash = response.isSuccess ? transfer.parses.bodyHash(response) : ""
            let (outcome, movedTo) = FetchPolicy.apply(
                response, bodyHash: hash, feed: feed, to: &entry, hosts: &hosts, now: now)
            if let movedTo { summary.redirected.append(FeedFailure(feed: feed.id, message: movedTo)) }
            switch outcome {
            case .failed(let status, let message):
                reportFailure(
                    feed.id, status: status, message: message, response: response, summary: &summary, logger: logger)
            case .notModified: summary.notModified += 1
            case .unchanged: summary.unchanged += 1
            case .changed: toParse.append(response)
            }
            entries[feed.id] = entry
        }
        return toParse
    }

    /// The catalogue after step 4, and what in it is to be matched.
    struct Merge: Sendable {
        var catalogue = Catalogue()
        /// Stories to match: new ones, and ones whose text a feed changed.
        var toMatch: [Int] = []
        var isNew = Set<Int>()
        /// False when no feed brought a document: the catalogue was not read and is not written.
        var changed = false
        /// With layer 3 on, the entries are matched on the other cores while they join the catalogue
        /// one by one (`early`); `primaryEntry` says which entry's text each story now shows.
        var early: EarlyMatches?
        /// By catalogue index; -1 for stories no entry of this run shows.
        private(set) var primaryEntry: [Int] = []
        var position = 0

        /// The entry of this run whose text the story at `index` shows, if any.
        func shownEntry(_ index: Int) -> Int? {
            index < primaryEntry.count && primaryEntry[index] >= 0 ? primaryEntry[index] : nil
        }

        /// Records that the entry at `position` joined a story without giving it its text: it is
        /// not shown now, nor later (a story only ever comes to show the entry being added).
        func hide(entry position: Int) {
            early?.skip(entry: position)
        }

        /// Records that the story at `index` shows the entry at `position`.
        mutating func show(_ index: Int, entry position: Int) {
            if index >= primaryEntry.count {
                primaryEntry += repeatElement(-1, count: index + 1 - primaryEntry.count)
            }
            primaryEntry[index] = position
        }
    }

    /// Step 4: the parsed entries join the catalogue (archived stories a feed carries again come
    /// back first, to be merged as before).
    private func merge(
        _ toParse: [FetchResponse], _ parsed: [ParseResult], store: CatalogueStore, catalogue: CatalogueLoad,
        entries: inout [String: FeedStates.Entry], summary: inout RunSummary, now: Date, logger: Logger
    ) async throws(RunError) -> Merge {
        var merge = Merge()
        // A run in which every feed answered 304 or the same body never touches the catalogue.
        guard !toParse.isEmpty else { return merge }
        merge.changed = true
        let incoming = parsed.lazy.flatMap { result -> [IncomingEntry] in
            guard case .success(_, let entries) = result else { return [] }
            return entries
        }
        do {
            merge.catalogue = try catalogue.take()
            merge.catalogue.joinsSimilarStories = config.similarStories
            summary.restored = try store.restore(into: &merge.catalogue, for: incoming)
        } catch {
            throw RunError(error)
        }
        merge.catalogue.reserveCapacity(
            adding: parsed.reduce(0) { count, result in
                guard case .success(_, let entries) = result else { return count }
                return count + entries.count
            })
        if config.similarStories {
            merge.early = EarlyMatches(parsed, config: config)
        }
        for (response, result) in zip(toParse, parsed) {
            let count = if case .success(_, let entries) = result { entries.count } else { 0 }
            defer { merge.position += count }
            guard let feed = feedsByID[response.id], var entry = entries[response.id] else { continue }
            switch result {
            case .failure(let message):
                FetchPolicy.parseFailed(response.status, message: message, into: &entry, now: now)
                reportFailure(
                    feed.id, status: response.status, message: message, response: response, summary: &summary,
                    logger: logger)
            case .success(let document, let feedEntries):
                FetchPolicy.parsed(response, hints: document.hints, feed: feed, into: &entry, now: now)
                logParsed(response, document, logger: logger, summary: &summary)
                add(feedEntries, to: &merge, entry: &entry, summary: &summary, now: now)
            }
            entries[feed.id] = entry
        }
        return merge
    }

    /// One feed's entries into the catalogue: new stories, changed ones, and ones merged into others.
    private func add(
        _ feedEntries: [IncomingEntry], to merge: inout Merge, entry: inout FeedStates.Entry, summary: inout RunSummary,
        now: Date
    ) {
        for (offset, incoming) in feedEntries.enumerated() {
            let position = merge.position + offset
            switch merge.catalogue.add(incoming, at: now) {
            case .new(let index):
                summary.newItems += 1
                entry.lastNewItem = now
                merge.toMatch.append(index)
                merge.isNew.insert(index)
                merge.show(index, entry: position)
            case .seen(let index, let changed):
                if changed {
                    summary.updated += 1
                    merge.toMatch.append(index)
                    merge.show(index, entry: position)
                } else {
                    merge.hide(entry: position)
                }
            case .similar(let index, _):
                summary.merged += 1
                // The newcomer published first: the story now shows its text.
                if merge.shownEntry(index) != nil, merge.catalogue.items[index].sources.first?.feed == incoming.feed {
                    merge.show(index, entry: position)
                } else {
                    merge.hide(entry: position)
                }
            case .merged:
                summary.merged += 1
                merge.hide(entry: position)
            }
        }
    }

    /// Step 5: the catalogue (when it changed), the feeds' states, then the search indexes. The
    /// index reads the stories' words while the catalogue is written.
    private func persist(
        _ catalogue: Catalogue?, states: FeedStates, store: CatalogueStore, earlier: Identifying.EarlierRecords,
        summary: inout RunSummary, now: Date, logger: Logger
    ) throws(RunError) -> [CatalogueStore.WrittenFile] {
        var written: [CatalogueStore.WrittenFile] = []
        var problems: [String] = []
        do {
            if let catalogue {
                let items = catalogue.items
                let preparing = Parallel.Background { SearchIndexBuilder.prepare(items: items) }
                // The innovation records are made while the catalogue is written, and written after it.
                let (config, directory) = (self.config, dataDirectory)
                let records = Parallel.Background {
                    Identifying.records(items, config: config, directory: directory, now: now, earlier: earlier)
                }
                // Once the catalogue is written, the search index, the feeds' state and the innovation
                // records are three files apart, each mended by the next run if a crash leaves it behind:
                // the last two are written while the index is.
                let (saved, after) = try CatalogueSaving.save(
                    .run(catalogue, now: now), to: store, prepared: { preparing.value },
                    whileIndexing: {
                        Result { () throws(RunError) in
                            do {
                                try states.save(to: directory)
                            } catch {
                                throw RunError(error)
                            }
                            try Identifying.write(records.value, directory: directory)
                        }
                    })
                (written, problems) = (saved.files, saved.indexProblems)
                try after.get()
            } else {
                try states.save(to: dataDirectory)
                // A run killed between the catalogue and its index leaves the index stale: mend it.
                if let stale = CatalogueSaving.missingIndex(store) {
                    written = [stale]
                    problems = CatalogueSaving.index(written, store: store)
                }
                // Likewise the innovation records, when they are older than the catalogue.
                if Identifying.recordsBehind(directory: dataDirectory), let items = try? store.loadActive().items {
                    try Identifying.write(
                        Identifying.records(
                            items, config: config, directory: dataDirectory, now: now, earlier: earlier),
                        directory: dataDirectory)
                }
            }
        } catch {
            throw RunError(error)
        }
        for problem in problems { logger.warning("search index not updated", metadata: ["reason": "\(problem)"]) }
        guard let catalogue else { return written }
        summary.catalogueSize = catalogue.items.count
        summary.archived = max(0, written.count - 1)
        if let active = written.last?.items, let archived = store.archivedCount(besides: active) {
            summary.archivedItems = archived
            summary.catalogueSize = active.count + archived
        }
        return written
    }

    private func logParsed(
        _ response: FetchResponse, _ document: ParsedDocument, logger: Logger, summary: inout RunSummary
    ) {
        logger.info(
            "feed fetched",
            metadata: [
                "feed": "\(response.id)", "url": "\(response.effectiveURL)", "status": "\(response.status)",
                "bytes": "\(document.bytes)", "entries": "\(document.entryCount)",
                "seconds": "\(String(format: "%.3f", response.duration))",
            ])
        guard document.isRecovered else { return }
        let problems = document.problems.joined(separator: "; ")
        summary.recovered.append(FeedFailure(feed: response.id, message: problems))
        logger.info("feed recovered from errors", metadata: ["feed": "\(response.id)", "problems": "\(problems)"])
    }

    /// A feed failed: the run reports it and goes on.
    private func reportFailure(
        _ feed: String, status: Int, message: String, response: FetchResponse, summary: inout RunSummary, logger: Logger
    ) {
        summary.feedsFailed += 1
        summary.failures.append(FeedFailure(feed: feed, message: message))
        logger.notice(
            "feed failed",
            metadata: [
                "feed": "\(feed)", "url": "\(response.requestedURL)", "error": "\(message)", "status": "\(status)",
            ])
    }

    /// What a run leaves for the process's exit to free (see `freesMemory`).
    private final class Leftovers {
        let values: [Any]
        init(values: [Any]) { self.values = values }
    }

    /// Parses started while the fetch goes on, one per response whose body changed.
    final class EarlyParses: @unchecked Sendable {  // every mutable field is behind `lock`
        private let keepHTML: Bool
        /// Make each entry's layer-3 fingerprint as its feed is parsed.
        private let fingerprints: Bool
        /// Per feed: the stored body hash and the URL it was fetched from.
        private let known: [String: (String?, String?)]
        private let lock = NSLock()
        private var done: [String: ParseResult] = [:]
        /// Per feed, the hash of the body it received (worked out here once, on any core).
        private var hashes: [String: String] = [:]
        private let group = DispatchGroup()
        /// Read once the first changed body arrives, while the other feeds still download.
        private let catalogue: CatalogueLoad

        init(keepHTML: Bool, fingerprints: Bool, known: [String: (String?, String?)], catalogue: CatalogueLoad) {
            self.keepHTML = keepHTML
            self.fingerprints = fingerprints
            self.known = known
            self.catalogue = catalogue
        }

        /// Called on the fetch thread with each complete response.
        func start(_ response: FetchResponse) {
            guard response.error == nil, (200..<300).contains(response.status) else { return }
            group.enter()
            DispatchQueue.global().async { [self] in
                defer { group.leave() }
                let hash = FetchPolicy.hash(response.body)
                lock.withLock { hashes[response.id] = hash }
                if let (stored, url) = known[response.id], stored == hash, url == response.requestedURL { return }
                catalogue.start()
                let result = FetchRun.parse(response, keepHTML: keepHTML, fingerprints: fingerprints)
                lock.withLock { done[response.id] = result }
            }
        }

        /// Returns when every parse started so far has finished.
        func finished() async {
            await withCheckedContinuation { continuation in group.notify(queue: .global()) { continuation.resume() } }
        }

        /// The hash of a response's body, as worked out when it arrived.
        func bodyHash(_ response: FetchResponse) -> String {
            lock.withLock { hashes[response.id] } ?? FetchPolicy.hash(response.body)
        }

        /// The parse of each response, in order: those started early once they finish, the others now.
        func results(for responses: [FetchResponse]) async -> [ParseResult] {
            await finished()
            // Handed over, not copied: the caller holds the only reference to the entries.
            let ready = lock.withLock {
                defer { done = [:] }
                return done
            }
            let missing = responses.filter { ready[$0.id] == nil }
            var late = await FetchRun.parseAll(missing, keepHTML: keepHTML, fingerprints: fingerprints).makeIterator()
            return responses.map { ready[$0.id] ?? late.next()! }
        }
    }

    /// The active catalogue, read on another thread from the moment the first feed brings a body
    /// that changed, so that the reading overlaps the rest of the fetch. A run in which every feed
    /// answers 304 or the same body never reads it.
    final class CatalogueLoad: @unchecked Sendable {  // `loading` is read and written under `lock`
        private let store: CatalogueStore
        private let lock = NSLock()
        private var loading: Parallel.Background<Result<Catalogue, CatalogueError>>?

        init(store: CatalogueStore) { self.store = store }

        /// Starts reading, once.
        func start() {
            lock.withLock {
                guard loading == nil else { return }
                let store = self.store
                loading = Parallel.Background { Result { () throws(CatalogueError) in try store.loadActive() } }
            }
        }

        /// The catalogue (read now if it was not started), handed over: nothing else keeps it.
        func take() throws(CatalogueError) -> Catalogue {
            start()
            let background = lock.withLock { loading! }
            return try background.take().get()
        }
    }

    enum ParseResult: Sendable {
        /// What the run needs of the document, and its entries as the catalogue takes them (made
        /// in the parse task, on any core; the parsed document itself is let go there).
        case success(ParsedDocument, entries: [IncomingEntry])
        case failure(String)
    }

    /// What a run keeps of a parsed feed document.
    struct ParsedDocument: Sendable {
        var hints: FeedHints
        var isRecovered: Bool
        var problems: [String]
        var entryCount: Int
        /// The body's size in bytes.
        var bytes: Int
    }

    /// The run's entries, matched on other threads while they join the catalogue (layer 3 joins
    /// them on this one). An entry whose link an earlier entry of the run had joins that story by
    /// its URL: it is not matched, nor is one the merge has passed over (`skip`) by the time a
    /// thread reaches it. The rare one shown after all is matched with the stories that have none.
    struct EarlyMatches {
        private let work: SharedWork<[ThemeMatch]>
        /// The work's item of each entry, by the entry's position in the run; -1 for none.
        private let itemOfEntry: [Int32]

        init(_ parsed: [ParseResult], config: HorizonConfig) {
            var seenLinks = Set<String>()
            var itemOfEntry: [Int32] = []
            var texts: [(title: String, summary: String, feed: String?)] = []
            for result in parsed {
                guard case .success(_, let entries) = result else { continue }
                for entry in entries {
                    if entry.linkKey.map({ seenLinks.insert($0).inserted }) ?? true {
                        itemOfEntry.append(Int32(texts.count))
                        texts.append((entry.title, entry.summary, entry.feed))
                    } else {
                        itemOfEntry.append(-1)
                    }
                }
            }
            self.itemOfEntry = itemOfEntry
            // One core fewer than the machine has: the merge keeps its own, and helps at the end.
            work = SharedWork(
                count: texts.count, threads: max(1, Parallel.cores - 1),
                makeWorker: ThemeMatcher(config: config).worker(for: texts))
        }

        /// The work's item for the entry at `position`, if it has one.
        private func item(ofEntry position: Int) -> Int? {
            position < itemOfEntry.count && itemOfEntry[position] >= 0 ? Int(itemOfEntry[position]) : nil
        }

        func skip(entry position: Int) {
            if let item = item(ofEntry: position) { work.skip(item) }
        }

        /// Waits for the matching (helping with what is left): then each entry's matches, by
        /// position, or nil when it was not matched.
        func finish() -> (Int) -> [ThemeMatch]? {
            let found = work.finish()
            return { position in item(ofEntry: position).flatMap { found[$0] } }
        }
    }

    /// Turns responses into parsed feeds, in parallel; the order of `responses` is kept.
    static func parseAll(_ responses: [FetchResponse], keepHTML: Bool = false, fingerprints: Bool = false) async
        -> [ParseResult]
    {
        await withTaskGroup(of: (Int, ParseResult).self) { group in
            for (index, response) in responses.enumerated() {
                group.addTask { (index, parse(response, keepHTML: keepHTML, fingerprints: fingerprints)) }
            }
            var results = [ParseResult](repeating: .failure("not parsed"), count: responses.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    /// Parses a 2xx response (the status policy has dealt with every other answer).
    static func parse(_ response: FetchResponse, keepHTML: Bool = false, fingerprints: Bool = false) -> ParseResult {
        do {
            let feed = try FeedParser.parse(
                response.body, url: response.effectiveURL, contentType: response.headers["content-type"],
                displayHTML: keepHTML)
            let entries = feed.entries.map { parsedEntry in
                var entry = IncomingEntry(
                    feed: response.id, guid: parsedEntry.id, link: parsedEntry.link, title: parsedEntry.title,
                    summary: parsedEntry.summary, summaryHTML: displayHTML(parsedEntry),
                    published: parsedEntry.published, updated: parsedEntry.updated,
                    authors: parsedEntry.authors, categories: parsedEntry.categories)
                if fingerprints { entry.fingerprint = StoryFingerprint(title: entry.title, summary: entry.summary) }
                return entry
            }
            let document = ParsedDocument(
                hints: FeedHints(interval: feed.hintedInterval, skipHours: feed.skipHours, skipDays: feed.skipDays),
                isRecovered: feed.isRecovered, problems: feed.problems, entryCount: feed.entries.count,
                bytes: response.body.count)
            return .success(document, entries: entries)
        } catch {
            return .failure(error.description)
        }
    }

    /// The entry's summary as sanitized HTML, when it was kept and the feed used markup (plain text
    /// is not stored twice).
    static func displayHTML(_ entry: ParsedEntry) -> String? {
        guard let html = entry.summaryHTML, entry.details["summary"]?.type != "text/plain", html.contains("<") else {
            return nil
        }
        return html
    }
}

/// Logs how long each step took, at debug level.
struct PhaseClock {
    let logger: Logger
    var start = Date()

    mutating func phase(_ name: String) {
        guard logger.logLevel <= .debug else { return }
        logger.debug(
            "phase",
            metadata: [
                "phase": "\(name)", "seconds": "\(String(format: "%.3f", Date().timeIntervalSince(start)))",
                "rssMB": "\(PhaseClock.residentMB())",
            ])
        start = Date()
    }

    /// The process's resident memory, from /proc.
    static func residentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes >> 10
    }
}
