import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonFetchPolicy
import HorizonPipeline
import HorizonTesting
import HorizonTransport
import Testing

/// A run of the main job against a fault-injecting server on 127.0.0.1: every fault lands in the
/// feed's state, the run completes, and every other feed is fetched.
@Suite("Fetching like a good citizen", .serialized)
struct FetchPolicyTests {
    static func rss(_ title: String, items: Int = 2, extra: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>\(title)</title>\(extra)"
            + (0..<items).map {
                "<item><title>\(title) story \($0)</title><link>https://example.org/\(title)/\($0)</link></item>"
            }.joined()
            + "</channel></rss>"
    }

    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func config(_ feeds: [(String, String)]) -> HorizonConfig {
        HorizonConfig(
            feeds: feeds.map { FeedConfig(id: $0.0, url: $0.1, title: $0.0) },
            themes: [Theme(id: "t", name: "T", include: ["story"])], hubs: [Hub(id: "h", name: "H", themes: ["t"])])
    }

    func options() -> FetchOptions {
        var options = FetchOptions()
        options.maxBodyBytes = 1_000_000
        options.lowSpeedBytes = 100
        options.lowSpeedSeconds = 2
        options.totalTimeout = 10
        return options
    }

    @Test("faults: 500, 404, 410, a redirect loop, drip, truncated, oversized, gzip bomb, invalid UTF-8")
    func faults() async throws {
        let bomb = try [UInt8](fixture("bomb.xml.gz"))
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/ok": .init(status: 200, contentType: "application/rss+xml", body: FetchPolicyTests.rss("ok"))
            case "/500": .init(status: 500, contentType: "text/plain", body: "oops")
            case "/404": .init(status: 404, contentType: "text/plain", body: "no")
            case "/410": .init(status: 410, contentType: "text/plain", body: "gone")
            case "/loop-a": .init(status: 302, headers: [("Location", "/loop-b")])
            case "/loop-b": .init(status: 302, headers: [("Location", "/loop-a")])
            case "/drip":
                .init(
                    status: 200, headers: [("Content-Type", "application/rss+xml")],
                    body: Array(FetchPolicyTests.rss("drip").utf8), dripInterval: 1)
            case "/truncated":
                .init(
                    status: 200, headers: [("Content-Type", "application/rss+xml")],
                    body: Array(FetchPolicyTests.rss("cut", items: 40).utf8), truncateAfter: 300)
            case "/big":
                .init(
                    status: 200, headers: [("Content-Type", "application/rss+xml")],
                    body: Array(repeating: 0x20, count: 3_000_000))
            case "/bomb":
                .init(
                    status: 200, headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")],
                    body: bomb)
            case "/badutf8":
                .init(
                    status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")],
                    body: Array("<rss version=\"2.0\"><channel><title>bad</title><item><title>Caf".utf8) + [0xE9, 0xFF]
                        + Array(" story</title><link>https://example.org/bad</link></item></channel></rss>".utf8))
            default: .init(status: 404)
            }
        }
        let feeds = ["ok", "500", "404", "410", "loop-a", "drip", "truncated", "big", "bomb", "badutf8"].map {
            ($0, server.url("/\($0)"))
        }
        let data = TemporaryDirectory()
        var run = FetchRun(config: config(feeds), dataDirectory: data.path, fetchOptions: options())
        let began = Date()
        let summary = try await run.run(now: start)
        // Dripping its ~250 bytes at one a second would hold the run over four minutes; the low-speed limit cuts it
        // off within seconds. The bound is loose so that a busy machine cannot fail it: on a machine slowed tenfold
        // by its host the whole run took 99 s, which is still far from the drip's 250.
        #expect(Date().timeIntervalSince(began) < 180, "the dripping server must not hold the run")
        let states = FeedStates.load(from: data.path)
        func state(_ id: String) -> FeedStates.Entry { states.feeds[id] ?? FeedStates.Entry() }
        #expect(state("ok").lastSuccess == start)
        #expect(summary.newItems >= 2)
        for id in ["500", "404", "410", "loop-a", "drip", "truncated", "big", "bomb"] {
            #expect(state(id).consecutiveFailures == 1, "\(id)")
            #expect(state(id).lastError?.isEmpty == false, "\(id)")
        }
        #expect(state("500").lastStatus == 500)
        #expect(state("500").nextDue == start.addingTimeInterval(900))
        #expect(state("404").lastError?.hasPrefix("HTTP 404") == true)
        #expect(state("410").gone == true)
        #expect(state("loop-a").lastError?.hasPrefix("redirect loop") == true)
        #expect(state("big").lastError == "body larger than 1000000 bytes")
        #expect(state("bomb").lastError == "body larger than 1000000 bytes")
        // Invalid UTF-8 is recovered, not fatal: the story is kept.
        #expect(state("badutf8").consecutiveFailures == 0)
        let catalogue = try CatalogueStore(directory: data.path).load()
        #expect(catalogue.items.contains { $0.link == "https://example.org/bad" })

        // Later: failures back off (15 min, then 30), the gone feed is never asked again.
        let requestsBefore = server.requests.filter { $0.path == "/410" }.count
        let second = try await run.run(now: start.addingTimeInterval(10 * 60))
        #expect(second.notDue == 7)  // the failing feeds are backing off; ok and badutf8 are due every run
        #expect(second.gone == 1)
        let third = try await run.run(now: start.addingTimeInterval(20 * 60))
        #expect(third.gone == 1)
        #expect(server.requests.filter { $0.path == "/410" }.count == requestsBefore)
        #expect(FeedStates.load(from: data.path).feeds["500"]?.consecutiveFailures == 2)
        #expect(FeedStates.load(from: data.path).feeds["500"]?.nextDue == start.addingTimeInterval(20 * 60 + 1800))
        // --all forces every feed that is due or not, but still not the gone one.
        run.all = true
        let forced = try await run.run(now: start.addingTimeInterval(21 * 60))
        #expect(forced.notDue == 0 && forced.gone == 1)
    }

    @Test("a 301 seen on three runs is followed from then on; 302 is never remembered")
    func permanentRedirect() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/old": .init(status: 301, headers: [("Location", "/new")])
            case "/temporary": .init(status: 302, headers: [("Location", "/new")])
            case "/new": .init(status: 200, contentType: "application/rss+xml", body: FetchPolicyTests.rss("moved"))
            default: .init(status: 404)
            }
        }
        let data = TemporaryDirectory()
        let run = FetchRun(
            config: config([("moved", server.url("/old")), ("temp", server.url("/temporary"))]),
            dataDirectory: data.path)
        for round in 1...3 {
            let summary = try await run.run(now: start.addingTimeInterval(Double(round) * 3600))
            #expect(summary.redirected.map(\.feed) == (round == 3 ? ["moved"] : []))
            #expect(FeedStates.load(from: data.path).feeds["moved"]?.permanentRedirectCount == round)
        }
        #expect(FeedStates.load(from: data.path).feeds["temp"]?.permanentRedirect == nil)
        let oldRequests = server.requests.filter { $0.path == "/old" }.count
        _ = try await run.run(now: start.addingTimeInterval(4 * 3600))
        #expect(server.requests.filter { $0.path == "/old" }.count == oldRequests, "fetched at the new URL directly")
        let health = FeedHealth.all(
            config: run.config, items: [], states: FeedStates.load(from: data.path),
            now: start.addingTimeInterval(4 * 3600))
        #expect(health.first { $0.feed == "moved" }?.state == .redirected)
        #expect(health.first { $0.feed == "moved" }?.redirectedTo == server.url("/new"))
    }

    @Test("429 with Retry-After: no request to that host before then")
    func retryAfter() async throws {
        let busy = try TestHTTPServer { _ in .init(status: 429, headers: [("Retry-After", "120")]) }
        let data = TemporaryDirectory()
        let run = FetchRun(config: config([("a", busy.url("/a")), ("b", busy.url("/b"))]), dataDirectory: data.path)
        let first = try await run.run(now: start)
        #expect(first.feedsFailed == 2)
        #expect(FeedStates.load(from: data.path).hosts["127.0.0.1:\(busy.port)"] == start.addingTimeInterval(120))
        let asked = busy.requests.count
        let soon = try await run.run(now: start.addingTimeInterval(60))
        #expect(soon.deferred == 2)
        #expect(busy.requests.count == asked)
        // After the host's Retry-After the feeds' own backoff (15 minutes) still applies.
        let stillBackingOff = try await run.run(now: start.addingTimeInterval(130))
        #expect(stillBackingOff.notDue == 2)
        let later = try await run.run(now: start.addingTimeInterval(16 * 60))
        #expect(later.feedsFailed == 2)
        #expect(busy.requests.count == asked + 2)
    }

    @Test("validators are sent back; 304 and an unchanged body are not parsed; hints space fetches out")
    func conditional() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/etag":
                request.headers["if-none-match"] == "\"v1\""
                    ? .init(status: 304)
                    : .init(
                        status: 200, headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"v1\"")],
                        body: Array(FetchPolicyTests.rss("etag").utf8))
            case "/plain": .init(status: 200, contentType: "application/rss+xml", body: FetchPolicyTests.rss("plain"))
            case "/ttl":
                .init(
                    status: 200, contentType: "application/rss+xml",
                    body: FetchPolicyTests.rss("ttl", extra: "<ttl>180</ttl>"))
            case "/cached":
                .init(
                    status: 200,
                    headers: [("Content-Type", "application/rss+xml"), ("Cache-Control", "public, max-age=7200")],
                    body: Array(FetchPolicyTests.rss("cached").utf8))
            default: .init(status: 404)
            }
        }
        let data = TemporaryDirectory()
        let run = FetchRun(
            config: config([
                ("etag", server.url("/etag")), ("plain", server.url("/plain")), ("ttl", server.url("/ttl")),
                ("cached", server.url("/cached")),
            ]),
            dataDirectory: data.path)
        let first = try await run.run(now: start)
        #expect(first.feedsFetched == 4 && first.newItems == 8)
        let states = FeedStates.load(from: data.path)
        #expect(states.feeds["ttl"]?.nextDue == start.addingTimeInterval(180 * 60 - 300))
        #expect(states.feeds["cached"]?.nextDue == start.addingTimeInterval(7200 - 300))
        #expect(states.feeds["plain"]?.nextDue == nil)
        let second = try await run.run(now: start.addingTimeInterval(3600))
        #expect(second.notModified == 1)  // etag: 304
        #expect(second.unchanged == 1)  // plain: same body, not parsed
        #expect(second.notDue == 2)  // ttl and cached asked for more time
        #expect(server.requests.last { $0.path == "/etag" }?.headers["if-none-match"] == "\"v1\"")
    }
}

@Suite("Against a real nginx")
struct NginxTests {
    @Test("nginx's own ETag and Last-Modified: the second run gets 304s and parses nothing; gzip is used")
    func conditionalGET() async throws {
        let site = TemporaryDirectory()
        for name in ["a", "b", "c"] {
            // Long enough for nginx to compress.
            try site.write("\(name).rss", FetchPolicyTests.rss(name, items: 30))
        }
        let nginx = try Nginx(root: site.path)
        let feeds = ["a", "b", "c"].map { FeedConfig(id: $0, url: nginx.url("/\($0).rss"), title: $0) }
        let config = HorizonConfig(feeds: feeds, themes: [Theme(id: "t", name: "T", include: ["story"])], hubs: [])
        let data = TemporaryDirectory()
        let run = FetchRun(config: config, dataDirectory: data.path)
        let start = Date()
        let first = try await run.run(now: start)
        #expect(first.feedsFetched == 3 && first.feedsFailed == 0 && first.newItems == 90)
        let second = try await run.run(now: start.addingTimeInterval(3600))
        #expect(second.notModified == 3)
        #expect(second.newItems == 0)
        let log = nginx.log
        #expect(log.count == 6)
        #expect(
            log.prefix(3).allSatisfy {
                $0.hasPrefix("200 ") && $0.contains("ae=\"") && $0.contains("gzip") && $0.contains("ce=\"gzip\"")
            })
        #expect(
            log.suffix(3).allSatisfy { $0.hasPrefix("304 ") && !$0.contains("inm=\"\"") && !$0.contains("ims=\"\"") })
        let raw = try Data(contentsOf: URL(fileURLWithPath: site.file("a.rss"))).count
        let sent = Int(log[0].split(separator: " ")[1]) ?? raw
        #expect(sent < raw / 2, "gzip: \(sent) bytes sent for \(raw)")
    }
}
