import Foundation
public import HorizonCore
import HorizonTransport

/// The edits `horizon feeds` makes to the feed list in `feeds.json`; the rest of the file is
/// kept as written, and the previous file as `feeds.json.bak`.
public struct FeedList: Sendable {
    public let config: HorizonConfig
    public let configPath: String

    public init(config: HorizonConfig, configPath: String) {
        self.config = config
        self.configPath = configPath
    }

    /// What `add` found and did.
    public enum AddOutcome: Sendable {
        /// The feed found is in the list already, under this id.
        case known(url: String, existing: String)
        /// The feed added (or, on a dry run, that would be), how it was found, and the other feeds found.
        case added(FeedConfig, found: DiscoveredFeed, others: [DiscoveredFeed])
    }

    /// Adds the first real feed found at `url` (a feed, or a page that links to one).
    public func add(
        _ url: String, id: String?, title: String?, category: String?, dryRun: Bool
    ) async throws(FeedsError) -> AddOutcome {
        var options = FetchOptions()
        options.totalTimeout = 30
        if let contact = config.contact { options.userAgent = "Horizon/0.1 (+\(contact))" }
        let found = try await FeedDiscovery(fetcher: Fetcher(options: options)).discover(url)
        guard let first = found.first else {
            throw FeedsError(
                .network, "\(url): no feed found (no <link rel=\"alternate\"> feed, none at the common paths)")
        }
        if let existing = config.feeds.first(where: { $0.url == first.url }) {
            return .known(url: first.url, existing: existing.id)
        }
        let name = title ?? (first.title.isEmpty ? url : first.title)
        let feedID = id ?? HorizonFeeds.feedID(for: name, url: first.url, taken: Set(config.feeds.map(\.id)))
        if config.feed(feedID) != nil {
            throw FeedsError(.usage, "--id \"\(feedID)\": a feed with this id exists already")
        }
        let feed = FeedConfig(id: feedID, url: first.url, title: name, category: category)
        if !dryRun { try ConfigEditor(path: configPath).append([feed]) }
        return .added(feed, found: first, others: Array(found.dropFirst()))
    }

    /// Adds the feeds of an OPML file that the list does not have yet.
    public func importOPML(_ file: String, dryRun: Bool) throws(FeedsError) -> OPML.ImportReport {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw FeedsError(.io, "\(file): cannot read the file")
        }
        let report = OPML.plan(try OPML.subscriptions(in: data, label: file), into: config)
        if !dryRun { try ConfigEditor(path: configPath).append(report.added) }
        return report
    }
}
