public import HorizonCore

/// Feeds that moved for good (a 301 or 308 on `FeedStates.Entry.redirectRuns` runs in a row):
/// runs already fetch them at their new URL; `apply` writes it into the configuration and moves
/// each feed's state to it, so its validators stay good.
public enum FeedRedirects {
    public struct Change: Sendable, Equatable {
        public var feed: String
        public var old: String
        public var new: String
    }

    /// The feeds whose new URL is not yet in the configuration.
    public static func pending(config: HorizonConfig, states: FeedStates) -> [Change] {
        config.feeds.compactMap { feed in
            let entry = states.entry(for: feed)
            guard entry.followsRedirect, let target = entry.permanentRedirect else { return nil }
            return Change(feed: feed.id, old: feed.url, new: target)
        }
    }

    /// Rewrites the URLs in the configuration file (keeping the rest as written), then the states.
    public static func apply(_ changes: [Change], configPath: String, dataDirectory: String) throws(FeedsError) {
        // Runs write the feeds' states too: wait for one that is under way.
        let lock: DirectoryLock
        do {
            lock = try DirectoryLock(directory: dataDirectory, wait: 60)
        } catch {
            throw FeedsError(error.kind, error.message)
        }
        defer { withExtendedLifetime(lock) {} }
        try ConfigEditor(path: configPath).replaceURLs(changes.map { ($0.old, $0.new) })
        var states = FeedStates.load(from: dataDirectory)
        for change in changes {
            guard var entry = states.feeds[change.feed] else { continue }
            entry.url = change.new
            entry.permanentRedirect = nil
            entry.permanentRedirectCount = nil
            states.feeds[change.feed] = entry
        }
        do {
            try states.save(to: dataDirectory)
        } catch {
            throw FeedsError(.io, error.message)
        }
    }
}
