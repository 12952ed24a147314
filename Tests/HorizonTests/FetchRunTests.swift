import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch
import HorizonPipeline
import HorizonTesting
import HorizonTransport
import Testing

@Suite("The main job")
struct FetchRunTests {
    static let goodFeed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Good</title><link>https://good.example.org/</link>
        <item><title>Frailty virtual ward opens</title><link>https://good.example.org/1?utm_source=rss</link><guid>g1</guid>
        <description>Older people cared for at home.</description></item>
        <item><title>Unrelated news</title><link>https://good.example.org/2</link><guid>g2</guid><description>Sport.</description></item>
        </channel></rss>
        """
    static let otherFeed = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Other</title>
        <entry><id>o1</id><title>Frailty ward, again</title><link href="https://www.good.example.org/1/"/><summary>Same story</summary></entry>
        </feed>
        """

    func config(_ server: TestHTTPServer) -> HorizonConfig {
        HorizonConfig(
            feeds: [
                FeedConfig(id: "good", url: server.url("/good"), title: "Good"),
                FeedConfig(id: "broken", url: server.url("/broken"), title: "Broken"),
                FeedConfig(id: "html", url: server.url("/html"), title: "A web page"),
                FeedConfig(id: "other", url: server.url("/other"), title: "Other"),
                FeedConfig(id: "nowhere", url: "http://127.0.0.1:1/feed", title: "Closed port"),
            ],
            themes: [Theme(id: "frailty", name: "Frailty", include: ["frailty", "older people"])],
            hubs: [Hub(id: "dorset", name: "Dorset", themes: ["frailty"])])
    }

    func server() throws -> TestHTTPServer {
        try TestHTTPServer { request in
            switch request.path {
            case "/good": .init(status: 200, contentType: "application/rss+xml", body: FetchRunTests.goodFeed)
            case "/other": .init(status: 200, contentType: "application/atom+xml", body: FetchRunTests.otherFeed)
            case "/html": .init(status: 200, contentType: "text/html", body: "<html><body>Hello</body></html>")
            default: .init(status: 500, contentType: "text/plain", body: "oops")
            }
        }
    }

    @Test("failing feeds are reported and the others are fetched, merged, matched and stored")
    func failuresDoNotStopTheRun() async throws {
        let server = try server()
        let data = TemporaryDirectory()
        let summary = try await FetchRun(config: config(server), dataDirectory: data.path).run()
        #expect(summary.feedsFetched == 2)
        #expect(summary.feedsFailed == 3)
        #expect(Set(summary.failures.map(\.feed)) == ["broken", "html", "nowhere"])
        #expect(summary.failures.first { $0.feed == "broken" }?.message.hasPrefix("HTTP 500") == true)
        #expect(
            summary.failures.first { $0.feed == "html" }?.message == "not a feed: the document's root element is <html>"
        )
        #expect(summary.newItems == 2)
        #expect(summary.merged == 1)
        #expect(summary.newMatched == 1)

        let catalogue = try CatalogueStore(directory: data.path).load()
        #expect(catalogue.items.count == 2)
        let story = try #require(catalogue.items.first { $0.title == "Frailty virtual ward opens" })
        #expect(story.sources.map(\.feed) == ["good", "other"])
        #expect(story.link == "https://good.example.org/1")
        #expect(story.matches.map(\.theme) == ["frailty"])
        #expect(story.matches.first?.terms.sorted() == ["frailty", "older people"])
    }

    @Test("a story new in a run and changed later in the same run counts once as new and matched")
    func newAndChangedInOneRun() async throws {
        // The same GUID twice in one document: the second telling refreshes the first.
        let twice = """
            <rss version="2.0"><channel><title>Twice</title>
            <item><title>Frailty service opens</title><link>https://twice.example.org/1</link><guid>t1</guid></item>
            <item><title>Frailty service opens in Poole</title><link>https://twice.example.org/1</link><guid>t1</guid></item>
            </channel></rss>
            """
        let server = try TestHTTPServer { _ in .init(status: 200, contentType: "application/rss+xml", body: twice) }
        let config = HorizonConfig(
            feeds: [FeedConfig(id: "twice", url: server.url("/twice"), title: "Twice")],
            themes: [Theme(id: "frailty", name: "Frailty", include: ["frailty"])],
            hubs: [Hub(id: "dorset", name: "Dorset", themes: ["frailty"])])
        let data = TemporaryDirectory()
        let summary = try await FetchRun(config: config, dataDirectory: data.path).run()
        #expect(summary.newItems == 1)
        #expect(summary.updated == 1)
        #expect(summary.newMatched == 1)
        let items = try CatalogueStore(directory: data.path).load().items
        #expect(items.map(\.title) == ["Frailty service opens in Poole"])
        #expect(items.first?.matches.map(\.theme) == ["frailty"])
    }

    @Test(
        "with layer 3, every story keeps the matches of the text it shows: retellings that join it, ones that take it over, and links seen twice"
    )
    func layerThreeMatchesTheShownText() async throws {
        // Feed "a" breaks 150 stories at 10:00. Feed "b" retells each: every other one an hour
        // earlier (its text then leads the story) and with a care-home line that a second theme
        // matches. Feed "c" carries every fifth of a's links again, under a title of its own.
        func rss(_ items: [(title: String, link: String, summary: String, hour: Int)]) -> String {
            let body = items.map {
                "<item><title>\($0.title)</title><link>\($0.link)</link><description>\($0.summary)</description>"
                    + "<pubDate>Tue, 01 Dec 2026 \(String(format: "%02d", $0.hour)):00:00 GMT</pubDate></item>"
            }
            return "<rss version=\"2.0\"><channel><title>T</title>\(body.joined())</channel></rss>"
        }
        let towns = (0..<150).map { "Wexcombe\($0)" }
        let first = rss(
            towns.enumerated().map { n, town in
                (
                    "Frailty virtual ward opens in \(town) for older people", "https://a.example.org/\(n)",
                    "The trust's frailty service in \(town) cares for older people at home after a fall.", 10
                )
            })
        let retold = rss(
            towns.enumerated().map { n, town in
                (
                    "\(town) opens frailty virtual ward for older people", "https://b.example.org/\(n)",
                    "The frailty service in \(town) cares for older people at home after a fall, the trust said."
                        + (n % 2 == 0 ? " Care home residents are included." : ""), n % 2 == 0 ? 9 : 11
                )
            })
        let again = rss(
            towns.enumerated().filter { $0.offset % 5 == 0 }.map { n, town in
                ("\(town): care home residents", "https://a.example.org/\(n)", "Care home residents.", 12)
            })
        let server = try TestHTTPServer { request in
            let body = request.path == "/a" ? first : request.path == "/b" ? retold : again
            return .init(status: 200, contentType: "application/rss+xml", body: body)
        }
        var config = HorizonConfig(
            feeds: ["a", "b", "c"].map { FeedConfig(id: $0, url: server.url("/\($0)"), title: $0) },
            themes: [
                Theme(id: "frailty", name: "Frailty", include: ["frailty", "older people"]),
                Theme(id: "care-homes", name: "Care homes", include: ["care home residents"]),
            ],
            hubs: [Hub(id: "dorset", name: "Dorset", themes: ["frailty", "care-homes"])])
        config.similarStories = true
        let data = TemporaryDirectory()
        let summary = try await FetchRun(config: config, dataDirectory: data.path).run()
        #expect(summary.merged >= 150)
        let items = try CatalogueStore(directory: data.path).load().items
        #expect(items.count < 200)
        let matcher = ThemeMatcher(config: config)
        var ledByRetelling = 0
        for item in items {
            let fresh = matcher.matches(title: item.title, summary: item.summary, feed: item.sources.first?.feed)
            #expect(item.matches == fresh, "\(item.title)")
            if item.sources.first?.feed == "b" { ledByRetelling += 1 }
        }
        // The earlier retellings lead their stories, with the second theme their text brings.
        #expect(ledByRetelling >= 50)
        #expect(items.count { $0.matches.contains { $0.theme == "care-homes" } } >= 50)
    }

    @Test("the configuration's fetch limits are what the fetcher uses")
    func limits() {
        var config = HorizonConfig(feeds: [], themes: [], hubs: [])
        config.fetchLimits = FetchLimits(maxConcurrent: 8, maxPerHost: 4, timeoutSeconds: 30, maxBodyMB: 2)
        let run = FetchRun(config: config, dataDirectory: "/tmp/unused")
        #expect(run.fetchOptions.maxConcurrent == 8)
        #expect(run.fetchOptions.maxPerHost == 4)
        #expect(run.fetchOptions.totalTimeout == 30)
        #expect(run.fetchOptions.maxBodyBytes == 2_097_152)
        #expect(
            FetchRun(config: HorizonConfig(feeds: [], themes: [], hubs: []), dataDirectory: "/tmp/unused").fetchOptions
                .maxPerHost == 2)
    }

    @Test("running twice adds no duplicates")
    func idempotent() async throws {
        let server = try server()
        let data = TemporaryDirectory()
        let run = FetchRun(config: config(server), dataDirectory: data.path)
        _ = try await run.run()
        let second = try await run.run()
        #expect(second.newItems == 0)
        #expect(second.merged == 0)
        #expect(second.updated == 0)
        #expect(try CatalogueStore(directory: data.path).load().items.count == 2)
    }

    @Test(
        "with catalogue.keepHTML, a marked-up summary is kept as sanitized HTML beside its plain text; without, it is not"
    )
    func keepHTML() async throws {
        let feed = """
            <rss version="2.0"><channel><title>Marked up</title><link>https://m.example.org/</link>
            <item><title>Frailty hub</title><link>https://m.example.org/1</link>
            <description><![CDATA[<p onclick="steal()">Care for <b>older people</b>.<script>alert(1)</script>
            <img src="https://t.example.org/pixel.gif" width="1" height="1"><a href="javascript:alert(2)">more</a></p>]]></description></item>
            <item><title>Plain</title><link>https://m.example.org/2</link><description>Just text &amp; more.</description></item>
            </channel></rss>
            """
        let server = try TestHTTPServer { _ in .init(status: 200, contentType: "application/rss+xml", body: feed) }
        var config = HorizonConfig(
            feeds: [FeedConfig(id: "m", url: server.url("/feed"), title: "M")], themes: [], hubs: [])
        config.keepHTML = true
        let data = TemporaryDirectory()
        _ = try await FetchRun(config: config, dataDirectory: data.path).run()
        let items = try CatalogueStore(directory: data.path).load().items
        let marked = try #require(items.first { $0.title == "Frailty hub" })
        #expect(marked.summary == "Care for older people. more")
        let html = try #require(marked.summaryHTML)
        #expect(html.contains("<b>older people</b>"))
        for bad in ["onclick", "<script", "alert", "pixel.gif", "javascript:"] {
            #expect(!html.contains(bad), "\(bad) in \(html)")
        }
        #expect(items.first { $0.title == "Plain" }?.summaryHTML == nil)

        config.keepHTML = false
        let plain = TemporaryDirectory()
        _ = try await FetchRun(config: config, dataDirectory: plain.path).run()
        #expect(try CatalogueStore(directory: plain.path).load().items.allSatisfy { $0.summaryHTML == nil })
    }

    @Test(
        "runs months apart: a story no feed carries moves to the archive, comes back when a feed carries it again, and is counted once"
    )
    func archiveAcrossRuns() async throws {
        final class Listing: @unchecked Sendable {
            var items = ["a", "b"]
        }
        let listing = Listing()
        let server = try TestHTTPServer { _ in
            let items = listing.items.map {
                "<item><title>Story \($0)</title><link>https://s.example.org/\($0)</link><guid>\($0)</guid></item>"
            }
            return .init(
                status: 200, contentType: "application/rss+xml",
                body: "<rss version=\"2.0\"><channel><title>S</title>\(items.joined())</channel></rss>")
        }
        let config = HorizonConfig(
            feeds: [FeedConfig(id: "s", url: server.url("/feed"), title: "S")], themes: [], hubs: [])
        let data = TemporaryDirectory()
        var run = FetchRun(config: config, dataDirectory: data.path)
        run.all = true
        let day = 86_400.0
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        _ = try await run.run(now: start)
        // "a" leaves the feed; a hundred days on, the run moves it to the archive.
        listing.items = ["b", "c"]
        let moved = try await run.run(now: start.addingTimeInterval(100 * day))
        #expect(moved.archived == 1)
        #expect(moved.archivedItems == 1)
        #expect(moved.catalogueSize == 3)
        #expect(moved.line.hasSuffix("; catalogue: 3 items (1 in the archive)"))
        let store = CatalogueStore(directory: data.path)
        #expect(store.archiveMonths() == ["2026-01"])
        #expect(try store.loadActive().items.map(\.title).sorted() == ["Story b", "Story c"])
        // Nothing changed: nothing is parsed, nothing archived.
        let same = try await run.run(now: start.addingTimeInterval(101 * day))
        #expect(same.archived == 0)
        #expect(same.catalogueSize == nil)
        // "a" is back: taken from the archive and seen again, not added.
        listing.items = ["a", "b", "c"]
        let back = try await run.run(now: start.addingTimeInterval(102 * day))
        #expect(back.restored == 1)
        #expect(back.newItems == 0)
        #expect(back.catalogueSize == 3)
        let all = try store.load().items
        #expect(all.map(\.title).sorted() == ["Story a", "Story b", "Story c"])
        #expect(all.first { $0.title == "Story a" }?.lastSeen == start.addingTimeInterval(102 * day))
    }

    @Test("a corrupt catalogue stops the run and is left untouched")
    func corruptCatalogue() async throws {
        let server = try server()
        let data = TemporaryDirectory()
        try data.write("catalogue.json", "not json")
        await #expect(throws: RunError.self) {
            try await FetchRun(config: config(server), dataDirectory: data.path).run()
        }
        #expect(try String(contentsOfFile: data.file("catalogue.json"), encoding: .utf8) == "not json")
    }
}
