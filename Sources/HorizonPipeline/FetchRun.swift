public import Foundation
public import HorizonCore
import HorizonCatalogue
public import HorizonFetch
import HorizonMatch
import HorizonSearch
import HorizonParse
import Logging

/// A feed that could not be read on this run, and why, in one line.
public struct FeedFailure: Sendable, Equatable {
    public var feed: String
    public var message: String
}

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
    /// One line per feed that is failing, gone, moved or silent.
    public var warnings: [String] = []
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
public struct RunError: Error, CustomStringConvertible {
    public enum Kind: Sendable { case locked, catalogue, usage }
    public let kind: Kind
    public let message: String
    public var description: String { message }
}

/// The main job: fetch every feed, parse, merge into the catalogue, match, save.
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

    public init(config: HorizonConfig, dataDirectory: String, fetchOptions: FetchOptions = FetchOptions(), lockWait: Double = 0) {
        self.config = config
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

    public func run(now: Date = Date(), progress: (@Sendable (Int, Int) -> Void)? = nil) async throws(RunError) -> RunSummary {
        let logger = Logger(label: "horizon.fetch")
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw RunError(kind: .catalogue, message: "\(dataDirectory): cannot create the data directory")
        }
        let lock: DirectoryLock
        do {
            lock = try DirectoryLock(directory: dataDirectory, wait: lockWait)
        } catch {
            throw RunError(kind: .locked, message: error.description)
        }
        defer { withExtendedLifetime(lock) {} }

        let store = CatalogueStore(directory: dataDirectory)

        var summary = RunSummary()
        var states = FeedStates.load(from: dataDirectory)
        var entries: [String: FeedStates.Entry] = [:]
        let feeds = Dictionary(config.feeds.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var requests: [FetchRequest] = []
        for feed in config.feeds {
            let entry = states.entry(for: feed)
            entries[feed.id] = entry
            let url = FetchPolicy.url(for: feed, entry)
            switch FetchPolicy.skipReason(entry, host: FeedStates.host(of: url), states: states, all: all, now: now) {
            case "gone"?: summary.gone += 1
            case "deferred"?: summary.deferred += 1
            case "not due"?: summary.notDue += 1
            default: requests.append(FetchRequest(id: feed.id, url: url, headers: FetchPolicy.headers(for: url, entry)))
            }
        }
        var clock = Date()
        func phase(_ name: String) {
            logger.debug("phase", metadata: ["phase": "\(name)", "seconds": "\(String(format: "%.3f", Date().timeIntervalSince(clock)))"])
            clock = Date()
        }
        // A body that differs from the last one stored is parsed as soon as it arrives, while the
        // other feeds are still downloading; the status policy below decides what is kept.
        let early = EarlyParses(keepHTML: config.keepHTML, known: entries.mapValues { ($0.bodyHash, $0.validatedURL) })
        let responses = await Fetcher(options: fetchOptions).fetch(requests, progress: progress, received: early.start)
        phase("fetch")
        await early.finished()

        // Decide what each answer means before parsing: 304s and unchanged bodies are not parsed.
        var toParse: [FetchResponse] = []
        for response in responses {
            guard let feed = feeds[response.id], var entry = entries[response.id] else { continue }
            let host = FeedStates.host(of: response.requestedURL)
            if let error = response.error {
                entry.nextDue = now.addingTimeInterval(FetchPolicy.backoff(failures: entry.consecutiveFailures + 1))
                fail(&entry, feed: feed.id, status: 0, message: error, summary: &summary, response: response, logger: logger, now: now)
            } else if response.status == 304 {
                summary.notModified += 1
                succeed(&entry, feed: feed, response: response, now: now)
            } else if (200..<300).contains(response.status) {
                if FetchPolicy.trackRedirect(response.redirectChain, into: &entry), let target = entry.permanentRedirect {
                    summary.redirected.append(FeedFailure(feed: feed.id, message: target))
                }
                let hash = early.bodyHash(response)
                let unchanged = hash == entry.bodyHash && entry.validatedURL == response.requestedURL
                entry.bodyHash = hash
                entry.etag = response.headers["etag"]
                entry.lastModified = response.headers["last-modified"]
                entry.validatedURL = response.requestedURL
                if unchanged {
                    summary.unchanged += 1
                    succeed(&entry, feed: feed, response: response, now: now)
                } else {
                    toParse.append(response)
                }
            } else {
                let message = "HTTP \(response.status)\(FetchRun.statusText(response.status)) from \(response.effectiveURL)"
                var wait = FetchPolicy.backoff(failures: entry.consecutiveFailures + 1)
                if response.status == 410 {
                    entry.gone = true
                } else if response.status == 429 || response.status == 503,
                    let until = FetchPolicy.retryAfter(response.headers, now: now)
                {
                    states.hosts[host] = until
                    wait = max(wait, until.timeIntervalSince(now))
                }
                entry.nextDue = now.addingTimeInterval(wait)
                fail(&entry, feed: feed.id, status: response.status, message: message, summary: &summary, response: response, logger: logger, now: now)
            }
            entries[feed.id] = entry
        }
        let parsed = await early.results(for: toParse)
        phase("parse")
        // The catalogue is read (and written) only when some feed brought a document to parse:
        // a run in which every feed answered 304 or the same body never touches it.
        var catalogue = Catalogue()
        if !toParse.isEmpty {
            do {
                catalogue = try store.loadActive()
                catalogue.joinsSimilarStories = config.similarStories
            } catch {
                throw RunError(kind: .catalogue, message: error.description)
            }
            phase("load catalogue")
        }

        // Archived stories that a feed carries again come back first, to be merged as before.
        if !toParse.isEmpty {
            let incoming = parsed.lazy.flatMap { result -> [IncomingEntry] in
                guard case .success(_, let entries) = result else { return [] }
                return entries
            }
            do {
                summary.restored = try store.restore(into: &catalogue, for: incoming)
            } catch {
                throw RunError(kind: .catalogue, message: error.description)
            }
            phase("restore from archive")
        }
        // Stories to match: new ones, and ones whose text a feed changed (matched together at the end).
        var toMatch: [Int] = []
        var isNew = Set<Int>()
        catalogue.reserveCapacity(adding: parsed.reduce(0) { count, result in
            guard case .success(_, let entries) = result else { return count }
            return count + entries.count
        })
        for (response, result) in zip(toParse, parsed) {
            let feed = response.id
            guard let feedConfig = feeds[feed], var entry = entries[feed] else { continue }
            switch result {
            case .failure(let message):
                entry.bodyHash = nil  // try the same body again next time
                entry.nextDue = now.addingTimeInterval(FetchPolicy.backoff(failures: entry.consecutiveFailures + 1))
                fail(&entry, feed: feed, status: response.status, message: message, summary: &summary, response: response, logger: logger, now: now)
            case .success(let document, let feedEntries):
                entry.hintedInterval = document.hintedInterval
                entry.skipHours = document.skipHours.isEmpty ? nil : document.skipHours
                entry.skipDays = document.skipDays.isEmpty ? nil : document.skipDays
                succeed(&entry, feed: feedConfig, response: response, now: now)
                logger.info(
                    "feed fetched",
                    metadata: [
                        "feed": "\(feed)", "url": "\(response.effectiveURL)", "status": "\(response.status)",
                        "bytes": "\(response.body.count)", "entries": "\(document.entries.count)",
                        "seconds": "\(String(format: "%.3f", response.duration))",
                    ])
                if document.isRecovered {
                    summary.recovered.append(FeedFailure(feed: feed, message: document.problems.joined(separator: "; ")))
                    logger.info("feed recovered from errors", metadata: ["feed": "\(feed)", "problems": "\(document.problems.joined(separator: "; "))"])
                }
                for incoming in feedEntries {
                    switch catalogue.add(incoming, at: now) {
                    case .new(let index):
                        summary.newItems += 1
                        entry.lastNewItem = now
                        toMatch.append(index)
                        isNew.insert(index)
                    case .seen(let index, let changed):
                        if changed {
                            summary.updated += 1
                            toMatch.append(index)
                        }
                    case .merged, .similar:
                        summary.merged += 1
                    }
                }
            }
            entries[feed] = entry
        }
        phase("merge")
        // The matcher (which folds and stems every configured term) is made only when there is
        // something to match.
        let matches = toMatch.isEmpty ? [] : ThemeMatcher(config: config).matchAll(toMatch.map { (catalogue.items[$0].title, catalogue.items[$0].summary) })
        for (index, found) in zip(toMatch, matches) {
            catalogue.update(at: index) { $0.matches = found }
        }
        // A story new in this run and changed again later in it is listed twice, but counts once.
        summary.newMatched = isNew.count { !catalogue.items[$0].matches.isEmpty }
        phase("match")
        for (feed, entry) in entries { states.feeds[feed] = entry }
        states.hosts = states.hosts.filter { $0.value > now }
        summary.feedsFetched = responses.count - summary.feedsFailed
        summary.warnings = FeedHealth.all(config: config, items: catalogue.items, states: states, now: now).compactMap(\.warning)
        summary.catalogueSize = toParse.isEmpty ? nil : catalogue.items.count
        var written: [CatalogueStore.WrittenFile] = []
        // The search index reads the stories' words while the catalogue is written.
        let items = catalogue.items
        let preparing = toParse.isEmpty ? nil : Parallel.Background { SearchIndexBuilder.prepare(items: items) }
        do {
            if !toParse.isEmpty { written = try store.save(catalogue, now: now) }
            try states.save(to: dataDirectory)
        } catch {
            throw RunError(kind: .catalogue, message: "\(error)")
        }
        summary.archived = max(0, written.count - 1)
        if let active = written.last?.items, let archived = store.archivedCount(besides: active) {
            summary.archivedItems = archived
            summary.catalogueSize = active.count + archived
        }
        phase("health and save")
        if toParse.isEmpty && SearchIndexFile.openCurrent(directory: dataDirectory) == nil && FileManager.default.fileExists(atPath: store.path),
            let items = try? store.loadActive().items
        {
            written = [CatalogueStore.WrittenFile(path: store.path, items: items)]
        }
        // Each file's index follows it; without one, the next search rebuilds it.
        for file in written {
            do {
                try SearchIndexFile.write(file, prepared: file.path == store.path ? preparing?.value : nil)
            } catch {
                logger.warning("search index not updated", metadata: ["reason": "\(error)"])
            }
        }
        if !written.isEmpty { phase("search index") }
        logger.info(
            "run finished",
            metadata: [
                "fetched": "\(summary.feedsFetched)", "failed": "\(summary.feedsFailed)", "new": "\(summary.newItems)",
                "matched": "\(summary.newMatched)", "catalogue": "\(summary.catalogueSize.map(String.init) ?? "unchanged")",
                "notModified": "\(summary.notModified)", "unchanged": "\(summary.unchanged)",
                "restored": "\(summary.restored)", "archiveFilesWritten": "\(summary.archived)",
            ])
        if !freesMemory {
            _ = Unmanaged.passRetained(Leftovers(values: [catalogue, parsed, responses, early, written]))
        }
        return summary
    }

    /// What a run leaves for the process's exit to free (see `freesMemory`).
    private final class Leftovers {
        let values: [Any]
        init(values: [Any]) { self.values = values }
    }

    /// A feed answered: record it and schedule its next fetch from its interval and hints.
    private func succeed(_ entry: inout FeedStates.Entry, feed: FeedConfig, response: FetchResponse, now: Date) {
        entry.recordSuccess(status: response.status, at: now)
        let maxAge = FetchPolicy.maxAge(response.headers)
        if let maxAge { entry.hintedInterval = max(entry.hintedInterval ?? 0, maxAge) }
        entry.nextDue = FetchPolicy.nextDue(after: now, feed: feed, entry: entry, maxAge: maxAge)
    }

    /// A feed failed: record why; the run goes on.
    private func fail(
        _ entry: inout FeedStates.Entry, feed: String, status: Int, message: String, summary: inout RunSummary,
        response: FetchResponse, logger: Logger, now: Date
    ) {
        entry.recordFailure(status: status, error: message, at: now)
        summary.feedsFailed += 1
        summary.failures.append(FeedFailure(feed: feed, message: message))
        logger.notice(
            "feed failed",
            metadata: ["feed": "\(feed)", "url": "\(response.requestedURL)", "error": "\(message)", "status": "\(status)"])
    }

    /// Parses started while the fetch goes on, one per response whose body changed.
    final class EarlyParses: @unchecked Sendable {
        private let keepHTML: Bool
        /// Per feed: the stored body hash and the URL it was fetched from.
        private let known: [String: (String?, String?)]
        private let lock = NSLock()
        private var done: [String: ParseResult] = [:]
        /// Per feed, the hash of the body it received (worked out here once, on any core).
        private var hashes: [String: String] = [:]
        private let group = DispatchGroup()

        init(keepHTML: Bool, known: [String: (String?, String?)]) {
            self.keepHTML = keepHTML
            self.known = known
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
                let result = FetchRun.parse(response, keepHTML: keepHTML)
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
            let ready = lock.withLock { done }
            let missing = responses.filter { ready[$0.id] == nil }
            var late = await FetchRun.parseAll(missing, keepHTML: keepHTML).makeIterator()
            return responses.map { ready[$0.id] ?? late.next()! }
        }
    }

    enum ParseResult: Sendable {
        /// The document, and its entries as the catalogue takes them (made in the parse task, on any core).
        case success(ParsedFeed, entries: [IncomingEntry])
        case failure(String)
    }

    /// Turns responses into parsed feeds, in parallel; the order of `responses` is kept.
    static func parseAll(_ responses: [FetchResponse], keepHTML: Bool = false) async -> [ParseResult] {
        await withTaskGroup(of: (Int, ParseResult).self) { group in
            for (index, response) in responses.enumerated() {
                group.addTask { (index, parse(response, keepHTML: keepHTML)) }
            }
            var results = [ParseResult](repeating: .failure("not parsed"), count: responses.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    /// Parses a 2xx response (the status policy has dealt with every other answer).
    static func parse(_ response: FetchResponse, keepHTML: Bool = false) -> ParseResult {
        do {
            let feed = try FeedParser.parse(
                response.body, url: response.effectiveURL, contentType: response.headers["content-type"], displayHTML: keepHTML)
            let entries = feed.entries.map { parsedEntry in
                IncomingEntry(
                    feed: response.id, guid: parsedEntry.id, link: parsedEntry.link, title: parsedEntry.title,
                    summary: parsedEntry.summary, summaryHTML: displayHTML(parsedEntry),
                    published: parsedEntry.published, updated: parsedEntry.updated,
                    authors: parsedEntry.authors, categories: parsedEntry.categories)
            }
            return .success(feed, entries: entries)
        } catch {
            return .failure(error.description)
        }
    }

    /// The entry's summary as sanitized HTML, when it was kept and the feed used markup (plain text
    /// is not stored twice).
    static func displayHTML(_ entry: ParsedEntry) -> String? {
        guard let html = entry.summaryHTML, entry.details["summary"]?.type != "text/plain", html.contains("<") else { return nil }
        return html
    }

    static func statusText(_ status: Int) -> String {
        switch status {
        case 304: " Not Modified"
        case 401: " Unauthorized"
        case 403: " Forbidden"
        case 404: " Not Found"
        case 410: " Gone"
        case 429: " Too Many Requests"
        case 500: " Internal Server Error"
        case 502: " Bad Gateway"
        case 503: " Service Unavailable"
        default: ""
        }
    }
}
