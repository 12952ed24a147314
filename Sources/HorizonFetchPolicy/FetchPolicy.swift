public import Foundation
public import HorizonCore
import HorizonParse
public import HorizonTransport

/// The rules of a good citizen: which feeds to fetch now, what to send, and what each answer means
/// for the feed's state (validators, backoff, redirects, gone, Retry-After, hints).
public enum FetchPolicy {
    /// The least time between fetches of a feed that asked for an interval is trimmed by this
    /// much, so that an hourly cron still fetches a feed whose ttl is 60 minutes every hour.
    public static let slack: TimeInterval = 5 * 60
    /// No hint may push a feed further than this.
    public static let longestInterval: TimeInterval = 7 * 86_400
    /// Backoff after failures: 15 minutes, doubling, at most a day.
    public static func backoff(failures: Int) -> TimeInterval {
        min(86_400, 900 * pow(2, Double(max(0, failures - 1))))
    }

    /// The URL to fetch: the configured one, or where a confirmed permanent redirect points.
    public static func url(for feed: FeedConfig, _ entry: FeedStates.Entry) -> String {
        entry.followsRedirect ? entry.permanentRedirect! : feed.url
    }

    /// Conditional request headers for the validators of the last full response from `url`.
    public static func headers(for url: String, _ entry: FeedStates.Entry) -> [String: String] {
        guard entry.validatedURL == url else { return [:] }
        var headers: [String: String] = [:]
        if let etag = entry.etag { headers["If-None-Match"] = etag }
        if let lastModified = entry.lastModified { headers["If-Modified-Since"] = lastModified }
        return headers
    }

    /// When to fetch again after a success: the feed's interval and hints, outside its skip hours/days.
    public static func nextDue(after now: Date, feed: FeedConfig, entry: FeedStates.Entry, maxAge: Double?) -> Date? {
        let interval = min(longestInterval, [feed.interval ?? 0, entry.hintedInterval ?? 0, maxAge ?? 0].max()!)
        var due = now.addingTimeInterval(max(0, interval - slack))
        let skipHours = Set(entry.skipHours ?? [])
        let skipDays = Set((entry.skipDays ?? []).map { $0.lowercased() })
        if !skipHours.isEmpty || !skipDays.isEmpty {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
            for _ in 0..<(7 * 24) {
                let hour = calendar.component(.hour, from: due)
                let day = names[calendar.component(.weekday, from: due) - 1]
                guard skipHours.contains(hour) || skipDays.contains(day) else { break }
                let startOfHour = calendar.date(
                    from: calendar.dateComponents([.year, .month, .day, .hour], from: due))!
                due = startOfHour.addingTimeInterval(3600)
            }
        }
        return interval == 0 && skipHours.isEmpty && skipDays.isEmpty ? nil : due
    }

    /// `Cache-Control: max-age=N`, in seconds.
    public static func maxAge(_ headers: [String: String]) -> Double? {
        guard let value = headers["cache-control"] else { return nil }
        for part in value.split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "max-age",
                let seconds = Double(pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\" ")))
            {
                return seconds
            }
        }
        return nil
    }

    /// `Retry-After`: seconds, or an HTTP date.
    public static func retryAfter(_ headers: [String: String], now: Date) -> Date? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return now.addingTimeInterval(max(0, min(seconds, 7 * 86_400))) }
        return FeedDate.parse(value)
    }

    /// A short, stable hash of a body, with its length: whether a feed sent the same bytes as last
    /// time. Eight bytes a step (`BlockHash`: a run hashes every body it receives, about 75 MB for
    /// 1,000 feeds, where FNV-1a's byte a step cost 1.5 % of a cold run). Bodies hashed by an older
    /// build differ from it by their form ("b" first): each is parsed once more, and nothing else changes.
    public static func hash(_ data: Data) -> String {
        "b" + String(data.withUnsafeBytes { BlockHash.hash($0) }, radix: 16) + "-\(data.count)"
    }

    /// Records a permanent redirect seen at the start of the chain; others reset the count.
    public static func trackRedirect(_ chain: [RedirectHop], into entry: inout FeedStates.Entry) -> Bool {
        guard !entry.followsRedirect else { return false }
        guard let first = chain.first, first.isPermanent else {
            entry.permanentRedirect = nil
            entry.permanentRedirectCount = nil
            return false
        }
        // Where the permanent part of the chain ends.
        var target = first.to
        for hop in chain.dropFirst() where hop.isPermanent { target = hop.to }
        if entry.permanentRedirect == target {
            entry.permanentRedirectCount = (entry.permanentRedirectCount ?? 0) + 1
        } else {
            entry.permanentRedirect = target
            entry.permanentRedirectCount = 1
        }
        return entry.followsRedirect
    }
}
