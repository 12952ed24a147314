public import Foundation
public import HorizonCore
public import HorizonTransport

/// Why a feed is left alone on a run.
public enum SkipReason: Sendable, Equatable, CaseIterable {
    /// The server answered 410 Gone on an earlier run.
    case gone
    /// Its host asked not to be asked again yet (Retry-After).
    case deferred
    /// Its interval, hints or backoff put its next fetch later.
    case notDue
}

/// The first step of a run: every configured feed's state, and what to ask for.
public struct FetchPlan: Sendable {
    /// Each configured feed's state as the run starts (reset when its URL changed).
    public var entries: [String: FeedStates.Entry] = [:]
    /// What to fetch, in configuration order, with conditional headers.
    public var requests: [FetchRequest] = []
    /// The feeds left alone, and why.
    public var skipped: [(feed: String, reason: SkipReason)] = []

    /// Plans a run: `all` fetches feeds that are not due too (gone feeds and deferred hosts stay alone).
    public init(config: HorizonConfig, states: FeedStates, all: Bool, now: Date) {
        for feed in config.feeds {
            let entry = states.entry(for: feed)
            entries[feed.id] = entry
            let url = FetchPolicy.url(for: feed, entry)
            if let reason = FetchPlan.skipReason(
                entry, host: FeedStates.host(of: url), states: states, all: all, now: now)
            {
                skipped.append((feed.id, reason))
            } else {
                requests.append(FetchRequest(id: feed.id, url: url, headers: FetchPolicy.headers(for: url, entry)))
            }
        }
    }

    /// How many feeds were left alone for `reason`.
    public func count(_ reason: SkipReason) -> Int { skipped.count { $0.reason == reason } }

    /// Why a feed is not fetched on this run, or nil when it is.
    public static func skipReason(
        _ entry: FeedStates.Entry, host: String, states: FeedStates, all: Bool, now: Date
    ) -> SkipReason? {
        if entry.isGone { return .gone }
        if let until = states.hosts[host], until > now { return .deferred }
        if !all, let due = entry.nextDue, due > now { return .notDue }
        return nil
    }
}
