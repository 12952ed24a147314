public import Foundation

/// The health of one feed, from its state and the stories the catalogue holds from it.
public struct FeedHealth: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        /// Fetched and publishing as usual.
        case ok
        /// The last fetch failed.
        case failing
        /// The server answered 410 Gone: no longer fetched.
        case gone
        /// Moved for good (301/308 on three runs): fetched at its new URL; `horizon feeds apply-redirects`.
        case redirected
        /// Answers, but has published nothing for much longer than its usual cadence.
        case silent
        /// Not fetched yet.
        case new
    }

    public var feed: String
    public var title: String
    public var state: State
    public var lastSuccess: Date?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var itemsLast30Days: Int
    public var lastNewItem: Date?
    public var nextDue: Date?
    /// The URL fetched now, when it differs from the configured one.
    public var redirectedTo: String?

    /// No new story for this long (or four times the feed's usual gap, if longer) is silence.
    public static let silentAfter: TimeInterval = 14 * 86_400

    public static func all(config: HorizonConfig, items: [Item], states: FeedStates, now: Date = Date()) -> [FeedHealth]
    {
        var seen: [String: [Date]] = [:]
        for item in items {
            for source in item.sources { seen[source.feed, default: []].append(source.firstSeen) }
        }
        var published: [String: [Date]] = [:]
        for item in items {
            guard let date = item.published ?? item.updated, let feed = item.sources.first?.feed else { continue }
            published[feed, default: []].append(date)
        }
        return config.feeds.map { feed in
            let entry = states.entry(for: feed)
            let firstSeen = seen[feed.id] ?? []
            let recent = firstSeen.filter { now.timeIntervalSince($0) <= 30 * 86_400 }.count
            let lastNew = [firstSeen.max(), entry.lastNewItem].compactMap { $0 }.max()
            var state: State = .ok
            if entry.isGone {
                state = .gone
            } else if entry.isFailing {
                state = .failing
            } else if entry.lastSuccess == nil {
                state = .new
            } else if entry.followsRedirect {
                state = .redirected
            } else if let since = lastNew ?? entry.firstSuccess {
                let gap = typicalGap(published[feed.id] ?? [])
                if now.timeIntervalSince(since) > max(silentAfter, 4 * gap) { state = .silent }
            }
            return FeedHealth(
                feed: feed.id, title: feed.title, state: state, lastSuccess: entry.lastSuccess,
                lastError: entry.lastError,
                consecutiveFailures: entry.consecutiveFailures, itemsLast30Days: recent, lastNewItem: lastNew,
                nextDue: entry.nextDue, redirectedTo: entry.followsRedirect ? entry.permanentRedirect : nil)
        }
    }

    /// The median gap between a feed's stories (newest twenty), in seconds; a week when too few.
    static func typicalGap(_ dates: [Date]) -> TimeInterval {
        let sorted = dates.sorted(by: >).prefix(20)
        guard sorted.count >= 3 else { return 7 * 86_400 }
        let gaps = zip(sorted, sorted.dropFirst()).map { $0.timeIntervalSince($1) }.sorted()
        return gaps[gaps.count / 2]
    }

    /// The feed's state and its one line, for feeds that need a look.
    public var feedWarning: FeedWarning? {
        warning.map { FeedWarning(feed: feed, state: state, message: $0) }
    }

    /// One line for a digest or a run summary, for feeds that need a look.
    public var warning: String? {
        switch state {
        case .failing:
            let since = lastSuccess.map { "last fetched \(FeedHealth.day($0))" } ?? "never fetched"
            return
                "\(title) is failing (\(consecutiveFailures) run\(consecutiveFailures == 1 ? "" : "s"); \(since)): \(lastError ?? "unknown error")"
        case .gone:
            return "\(title) is gone (HTTP 410): it is no longer fetched; remove it from feeds.json"
        case .silent:
            return "\(title) has published nothing new since \(lastNewItem.map(FeedHealth.day) ?? "it was added")"
        case .redirected:
            return "\(title) has moved to \(redirectedTo ?? "a new URL"); run horizon feeds apply-redirects"
        case .ok, .new:
            return nil
        }
    }

    static func day(_ date: Date) -> String { HumanDate.day(date) }
}

/// A feed that needs a look: failing, gone, moved or silent.
public struct FeedWarning: Sendable, Equatable, CustomStringConvertible {
    public var feed: String
    public var state: FeedHealth.State
    public var message: String
    public var description: String { message }
}

/// Dates as people read them in digests, reports and the site (UTC).
public enum HumanDate {
    /// "20 November 2026".
    public static func longDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(parts.day ?? 1) \(months[max(0, (parts.month ?? 1) - 1)]) \(parts.year ?? 1970)"
    }

    /// "22 Nov 2026".
    public static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy"
        return formatter.string(from: date)
    }
}
