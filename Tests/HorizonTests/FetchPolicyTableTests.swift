import Foundation
import HorizonCore
import HorizonFetchPolicy
import HorizonTransport
import Testing

/// The fetch policy reached directly, without a server: each rule as a table.
@Suite("Fetch policy rules")
struct FetchPolicyTableTests {
    /// Tuesday 1 December 2026, 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_119_200)
    static let feed = FeedConfig(id: "f", url: "https://example.org/feed", title: "F")

    static func response(
        _ status: Int, headers: [String: String] = [:], error: String? = nil, hops: [RedirectHop] = []
    ) -> FetchResponse {
        FetchResponse(
            id: "f", requestedURL: feed.url, effectiveURL: feed.url, status: status, headers: headers,
            body: Data("x".utf8),
            error: error, redirectChain: hops, duration: 0.1)
    }

    @Test("a body's hash: the same bytes give the same hash; a byte changed anywhere, or one more, a different one")
    func bodyHash() {
        // 8-byte steps and a tail: each of 27 places, in the words and after them, changed in turn.
        let body = Data((0..<27).map { UInt8(0x41 + $0) })
        let hash = FetchPolicy.hash(body)
        #expect(FetchPolicy.hash(Data(body)) == hash)
        #expect(hash.hasPrefix("b") && hash.hasSuffix("-27"))
        var seen: Set<String> = [hash]
        for place in body.indices {
            var changed = body
            changed[place] ^= 0x01
            #expect(seen.insert(FetchPolicy.hash(changed)).inserted, "byte \(place)")
        }
        // Trailing zero bytes are bytes: a body and the same with a NUL more differ.
        #expect(FetchPolicy.hash(body + Data([0])) != hash)
        #expect(FetchPolicy.hash(Data()) != FetchPolicy.hash(Data([0])))
    }

    @Test(
        "backoff doubles from 15 minutes and stops at a day",
        arguments: [
            (1, 900.0), (2, 1_800), (3, 3_600), (6, 28_800), (7, 57_600), (8, 86_400), (12, 86_400), (60, 86_400),
        ])
    func backoff(failures: Int, seconds: Double) {
        #expect(FetchPolicy.backoff(failures: failures) == seconds)
    }

    @Test(
        "Retry-After as seconds (capped at a week) or as an HTTP date",
        arguments: [
            ("120", 120.0), ("0", 0), ("-5", 0), ("9999999", 7 * 86_400.0),
            ("Tue, 01 Dec 2026 12:30:00 GMT", 9_000), ("Wed, 02 Dec 2026 10:00:00 GMT", 86_400),
        ])
    func retryAfter(value: String, wait: Double) throws {
        let until = try #require(FetchPolicy.retryAfter(["retry-after": value], now: Self.now))
        #expect(until.timeIntervalSince(Self.now) == wait)
    }

    @Test("Retry-After that is neither seconds nor a date is ignored")
    func retryAfterGarbage() {
        #expect(FetchPolicy.retryAfter(["retry-after": "soon"], now: Self.now) == nil)
        #expect(FetchPolicy.retryAfter([:], now: Self.now) == nil)
    }

    @Test(
        "the next fetch steps out of skipHours and skipDays (UTC)",
        arguments: [
            // (skip hours, skip days, interval in seconds, hours from now to the next fetch)
            ([10, 11], [String](), 0.0, 2.0),  // 10:00 and 11:00 are skipped
            ([10], [], 3_600, 1),  // an hour's interval, less the slack, lands at 10:55, in a skipped hour
            ([], ["Tuesday"], 0, 14),  // to midnight, Wednesday
            ([0, 1, 2], ["Wednesday"], 86_400, 24 + 17),  // Wednesday is skipped whole, then 0-2 on Thursday
        ] as [([Int], [String], Double, Double)])
    func skipHours(hours: [Int], days: [String], interval: Double, expected: Double) throws {
        var entry = FeedStates.Entry(url: Self.feed.url)
        entry.skipHours = hours
        entry.skipDays = days
        entry.hintedInterval = interval
        let due = try #require(FetchPolicy.nextDue(after: Self.now, feed: Self.feed, entry: entry, maxAge: nil))
        #expect(due.timeIntervalSince(Self.now) == expected * 3_600, "\(due)")
    }

    @Test("no interval and no skips: due on the next run")
    func dueNow() {
        #expect(FetchPolicy.nextDue(after: Self.now, feed: Self.feed, entry: FeedStates.Entry(), maxAge: nil) == nil)
    }

    @Test(
        "hints never push a feed past a week",
        arguments: [(3_600, 3_300), (86_400, 86_100), (30 * 86_400, 7 * 86_400 - 300)] as [(Double, Double)])
    func longestInterval(hint: Double, wait: Double) throws {
        var entry = FeedStates.Entry()
        entry.hintedInterval = hint
        let due = try #require(FetchPolicy.nextDue(after: Self.now, feed: Self.feed, entry: entry, maxAge: nil))
        #expect(due.timeIntervalSince(Self.now) == wait)
    }

    @Test(
        "what each answer means",
        arguments: [
            (
                response(0, error: "Couldn't resolve host name"),
                ResponseOutcome.failed(status: 0, message: "Couldn't resolve host name")
            ),
            (response(304), .notModified),
            (response(200), .changed),
            (response(404), .failed(status: 404, message: "HTTP 404 Not Found from https://example.org/feed")),
            (response(410), .failed(status: 410, message: "HTTP 410 Gone from https://example.org/feed")),
            (
                response(503),
                .failed(status: 503, message: "HTTP 503 Service Unavailable from https://example.org/feed")
            ),
        ])
    func outcomes(answer: FetchResponse, outcome: ResponseOutcome) {
        var entry = FeedStates.Entry(url: Self.feed.url)
        var hosts: [String: Date] = [:]
        let result = FetchPolicy.apply(
            answer, bodyHash: "h1", feed: Self.feed, to: &entry, hosts: &hosts, now: Self.now)
        #expect(result.outcome == outcome)
        if case .failed = outcome {
            #expect(entry.consecutiveFailures == 1)
            #expect(entry.nextDue == Self.now.addingTimeInterval(900))
        } else {
            #expect(entry.consecutiveFailures == 0)
        }
        #expect(entry.isGone == (answer.status == 410))
    }

    @Test("the same body from the same URL is unchanged; from another URL it is parsed again")
    func unchangedBody() {
        var entry = FeedStates.Entry(url: Self.feed.url)
        var hosts: [String: Date] = [:]
        #expect(
            FetchPolicy.apply(
                Self.response(200), bodyHash: "h1", feed: Self.feed, to: &entry, hosts: &hosts, now: Self.now
            ).outcome == .changed)
        #expect(
            FetchPolicy.apply(
                Self.response(200), bodyHash: "h1", feed: Self.feed, to: &entry, hosts: &hosts, now: Self.now
            ).outcome == .unchanged)
        #expect(
            FetchPolicy.apply(
                Self.response(200), bodyHash: "h2", feed: Self.feed, to: &entry, hosts: &hosts, now: Self.now
            ).outcome == .changed)
        entry.validatedURL = "https://example.org/old"
        #expect(
            FetchPolicy.apply(
                Self.response(200), bodyHash: "h2", feed: Self.feed, to: &entry, hosts: &hosts, now: Self.now
            ).outcome == .changed)
    }

    @Test("429 and 503 with Retry-After defer the whole host, and the feed waits at least as long")
    func retryAfterDefersHost() {
        for status in [429, 503] {
            var entry = FeedStates.Entry(url: Self.feed.url)
            var hosts: [String: Date] = [:]
            let answer = Self.response(status, headers: ["retry-after": "Tue, 01 Dec 2026 16:00:00 GMT"])
            _ = FetchPolicy.apply(answer, bodyHash: "", feed: Self.feed, to: &entry, hosts: &hosts, now: Self.now)
            let until = Self.now.addingTimeInterval(6 * 3_600)
            #expect(hosts["example.org"] == until)
            #expect(entry.nextDue == until)
            var states = FeedStates()
            states.hosts = hosts
            #expect(
                FetchPlan.skipReason(entry, host: "example.org", states: states, all: true, now: Self.now) == .deferred)
        }
    }

    @Test(
        "the plan skips gone feeds and deferred hosts always, feeds not due unless --all",
        arguments: [
            (true, false, nil, false, SkipReason?.some(.gone)), (true, false, nil, true, .gone),
            (false, true, nil, true, .deferred), (false, false, 3_600.0, false, .notDue),
            (false, false, 3_600, true, nil), (false, false, -60, false, nil), (false, false, nil, false, nil),
        ])
    func plan(gone: Bool, deferred: Bool, dueIn: Double?, all: Bool, reason: SkipReason?) {
        var entry = FeedStates.Entry(url: Self.feed.url)
        entry.gone = gone ? true : nil
        entry.nextDue = dueIn.map { Self.now.addingTimeInterval($0) }
        var states = FeedStates()
        states.feeds["f"] = entry
        if deferred { states.hosts["example.org"] = Self.now.addingTimeInterval(600) }
        let config = HorizonConfig(feeds: [Self.feed], themes: [], hubs: [])
        let plan = FetchPlan(config: config, states: states, all: all, now: Self.now)
        #expect(plan.skipped.first?.reason == reason)
        #expect(plan.requests.count == (reason == nil ? 1 : 0))
    }

    @Test("conditional headers go only to the URL the validators came from")
    func validators() {
        var entry = FeedStates.Entry(url: Self.feed.url)
        entry.etag = "\"v1\""
        entry.lastModified = "Mon, 30 Nov 2026 08:00:00 GMT"
        entry.validatedURL = Self.feed.url
        #expect(
            FetchPolicy.headers(for: Self.feed.url, entry) == [
                "If-None-Match": "\"v1\"", "If-Modified-Since": "Mon, 30 Nov 2026 08:00:00 GMT",
            ])
        #expect(FetchPolicy.headers(for: "https://example.org/moved", entry).isEmpty)
    }
}
