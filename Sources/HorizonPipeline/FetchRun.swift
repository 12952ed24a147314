public import Foundation
public import HorizonCore
import HorizonCatalogue
public import HorizonFetch
import HorizonMatch
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
    public var newItems = 0
    public var newMatched = 0
    /// Stories that gained a source (the same story from another feed or URL form).
    public var merged = 0
    /// Stories whose text a feed changed.
    public var updated = 0
    public var failures: [FeedFailure] = []
    /// Feeds that were read only after recovering from errors in the document.
    public var recovered: [FeedFailure] = []
    public var catalogueSize = 0

    /// The one line a run ends with.
    public var line: String {
        "feeds: \(feedsFetched) fetched, \(feedsFailed) failed; items: \(newItems) new, \(newMatched) new matched"
            + (merged > 0 ? ", \(merged) merged" : "") + (updated > 0 ? ", \(updated) updated" : "")
            + "; catalogue: \(catalogueSize) items"
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

    public init(config: HorizonConfig, dataDirectory: String, fetchOptions: FetchOptions = FetchOptions(), lockWait: Double = 0) {
        self.config = config
        self.dataDirectory = dataDirectory
        self.fetchOptions = fetchOptions
        self.lockWait = lockWait
        if let contact = config.contact, !contact.isEmpty {
            self.fetchOptions.userAgent = "Horizon/0.1 (+\(contact))"
        }
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
        var catalogue: Catalogue
        do {
            catalogue = try store.load()
        } catch {
            throw RunError(kind: .catalogue, message: error.description)
        }

        let requests = config.feeds.map { FetchRequest(id: $0.id, url: $0.url) }
        let responses = await Fetcher(options: fetchOptions).fetch(requests, progress: progress)
        let parsed = await FetchRun.parseAll(responses)

        var summary = RunSummary()
        var states = FeedStates.load(from: dataDirectory)
        let matcher = ThemeMatcher(config: config)
        for (response, result) in zip(responses, parsed) {
            let feed = response.id
            switch result {
            case .failure(let message):
                states.recordFailure(feed, status: response.status, error: message, at: now)
                summary.feedsFailed += 1
                summary.failures.append(FeedFailure(feed: feed, message: message))
                logger.notice(
                    "feed failed",
                    metadata: ["feed": "\(feed)", "url": "\(response.requestedURL)", "error": "\(message)", "status": "\(response.status)"])
            case .success(let document):
                states.recordSuccess(feed, status: response.status, at: now)
                summary.feedsFetched += 1
                logger.info(
                    "feed fetched",
                    metadata: [
                        "feed": "\(feed)", "url": "\(response.effectiveURL)", "status": "\(response.status)",
                        "bytes": "\(response.body.count)", "entries": "\(document.entries.count)",
                        "seconds": "\(String(format: "%.3f", response.duration))",
                    ])
                if document.isRecovered {
                    logger.info("feed recovered from errors", metadata: ["feed": "\(feed)", "problems": "\(document.problems.joined(separator: "; "))"])
                }
                if document.isRecovered {
                    summary.recovered.append(FeedFailure(feed: feed, message: document.problems.joined(separator: "; ")))
                }
                for entry in document.entries {
                    let incoming = IncomingEntry(
                        feed: feed, guid: entry.id, link: entry.link, title: entry.title, summary: entry.summary,
                        published: entry.published, updated: entry.updated, authors: entry.authors,
                        categories: entry.categories)
                    switch catalogue.add(incoming, at: now) {
                    case .new(let index):
                        summary.newItems += 1
                        catalogue.update(at: index) { item in
                            item.matches = matcher.matches(title: item.title, summary: item.summary)
                        }
                        if !catalogue.items[index].matches.isEmpty { summary.newMatched += 1 }
                    case .seen(let index, let changed):
                        if changed {
                            summary.updated += 1
                            catalogue.update(at: index) { item in
                                item.matches = matcher.matches(title: item.title, summary: item.summary)
                            }
                        }
                    case .merged:
                        summary.merged += 1
                    }
                }
            }
        }
        summary.catalogueSize = catalogue.items.count
        do {
            try store.save(catalogue)
            try states.save(to: dataDirectory)
        } catch {
            throw RunError(kind: .catalogue, message: "\(error)")
        }
        logger.info(
            "run finished",
            metadata: [
                "fetched": "\(summary.feedsFetched)", "failed": "\(summary.feedsFailed)", "new": "\(summary.newItems)",
                "matched": "\(summary.newMatched)", "catalogue": "\(summary.catalogueSize)",
            ])
        return summary
    }

    enum ParseResult: Sendable {
        case success(ParsedFeed)
        case failure(String)
    }

    /// Turns responses into parsed feeds, in parallel; the order of `responses` is kept.
    static func parseAll(_ responses: [FetchResponse]) async -> [ParseResult] {
        await withTaskGroup(of: (Int, ParseResult).self) { group in
            for (index, response) in responses.enumerated() {
                group.addTask { (index, parse(response)) }
            }
            var results = [ParseResult](repeating: .failure("not parsed"), count: responses.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    static func parse(_ response: FetchResponse) -> ParseResult {
        if let error = response.error { return .failure(error) }
        guard (200..<300).contains(response.status) else {
            return .failure("HTTP \(response.status)\(statusText(response.status)) from \(response.effectiveURL)")
        }
        do {
            let feed = try FeedParser.parse(
                response.body, url: response.effectiveURL, contentType: response.headers["content-type"])
            return .success(feed)
        } catch {
            return .failure(error.description)
        }
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
