public import Foundation
public import HorizonCore
public import HorizonTransport

/// What one answer means, once the policy has applied it to the feed's state.
public enum ResponseOutcome: Sendable, Equatable {
    /// The transfer failed, or the server answered with an error status: the feed backs off.
    case failed(status: Int, message: String)
    /// 304 Not Modified.
    case notModified
    /// A 2xx body identical to the last one from the same URL: nothing to parse.
    case unchanged
    /// A new body, to parse.
    case changed
}

extension FetchPolicy {
    /// Applies one answer to the feed's state: validators, backoff, 410, Retry-After (which defers
    /// the whole host in `hosts`), permanent redirects and the next due time. `bodyHash` is the
    /// hash of the body as it arrived. Returns what the answer means and, when the feed has now
    /// moved for good, its new URL.
    public static func apply(
        _ response: FetchResponse, bodyHash: String, feed: FeedConfig, to entry: inout FeedStates.Entry,
        hosts: inout [String: Date], now: Date
    ) -> (outcome: ResponseOutcome, movedTo: String?) {
        if let error = response.error {
            recordFailure(
                &entry, status: 0, message: error, wait: backoff(failures: entry.consecutiveFailures + 1), now: now)
            return (.failed(status: 0, message: error), nil)
        }
        if response.status == 304 {
            recordSuccess(&entry, feed: feed, headers: response.headers, status: response.status, now: now)
            return (.notModified, nil)
        }
        guard (200..<300).contains(response.status) else {
            let message = "HTTP \(response.status)\(statusText(response.status)) from \(response.effectiveURL)"
            var wait = backoff(failures: entry.consecutiveFailures + 1)
            if response.status == 410 {
                entry.gone = true
            } else if response.status == 429 || response.status == 503,
                let until = retryAfter(response.headers, now: now)
            {
                hosts[FeedStates.host(of: response.requestedURL)] = until
                wait = max(wait, until.timeIntervalSince(now))
            }
            recordFailure(&entry, status: response.status, message: message, wait: wait, now: now)
            return (.failed(status: response.status, message: message), nil)
        }
        let movedTo = trackRedirect(response.redirectChain, into: &entry) ? entry.permanentRedirect : nil
        let unchanged = bodyHash == entry.bodyHash && entry.validatedURL == response.requestedURL
        entry.bodyHash = bodyHash
        entry.etag = response.headers["etag"]
        entry.lastModified = response.headers["last-modified"]
        entry.validatedURL = response.requestedURL
        guard unchanged else { return (.changed, movedTo) }
        recordSuccess(&entry, feed: feed, headers: response.headers, status: response.status, now: now)
        return (.unchanged, movedTo)
    }

    /// A changed body was parsed: the feed's own hints (ttl, sy:updatePeriod, skipHours, skipDays)
    /// join its state, and it is scheduled from them.
    public static func parsed(
        _ response: FetchResponse, hints: FeedHints, feed: FeedConfig, into entry: inout FeedStates.Entry, now: Date
    ) {
        entry.hintedInterval = hints.interval
        entry.skipHours = hints.skipHours.isEmpty ? nil : hints.skipHours
        entry.skipDays = hints.skipDays.isEmpty ? nil : hints.skipDays
        recordSuccess(&entry, feed: feed, headers: response.headers, status: response.status, now: now)
    }

    /// A changed body was not a feed: the same body is tried again next time, after a backoff.
    public static func parseFailed(_ status: Int, message: String, into entry: inout FeedStates.Entry, now: Date) {
        entry.bodyHash = nil
        recordFailure(
            &entry, status: status, message: message, wait: backoff(failures: entry.consecutiveFailures + 1), now: now)
    }

    /// A feed answered: record it and schedule its next fetch from its interval and hints.
    static func recordSuccess(
        _ entry: inout FeedStates.Entry, feed: FeedConfig, headers: [String: String], status: Int, now: Date
    ) {
        entry.recordSuccess(status: status, at: now)
        let maxAge = maxAge(headers)
        if let maxAge { entry.hintedInterval = max(entry.hintedInterval ?? 0, maxAge) }
        entry.nextDue = nextDue(after: now, feed: feed, entry: entry, maxAge: maxAge)
    }

    static func recordFailure(
        _ entry: inout FeedStates.Entry, status: Int, message: String, wait: TimeInterval, now: Date
    ) {
        entry.nextDue = now.addingTimeInterval(wait)
        entry.recordFailure(status: status, error: message, at: now)
    }

    /// The reason phrase of the statuses feeds commonly answer with, with a leading space.
    public static func statusText(_ status: Int) -> String {
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

/// What a feed document says about how often to read it.
public struct FeedHints: Sendable, Equatable {
    /// Seconds (ttl, sy:updatePeriod and sy:updateFrequency).
    public var interval: Double?
    public var skipHours: [Int]
    public var skipDays: [String]

    public init(interval: Double?, skipHours: [Int] = [], skipDays: [String] = []) {
        self.interval = interval
        self.skipHours = skipHours
        self.skipDays = skipDays
    }
}
