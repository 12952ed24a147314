import Foundation
import HorizonCore
import HorizonFeeds
import HorizonTesting
import HorizonTransport
import Testing

@Suite("OPML and the feed list")
struct FeedListTests {
    static let opml = """
        <?xml version="1.0"?>
        <opml version="2.0">
          <head><title>My feeds</title></head>
          <body>
            <outline text="National">
              <outline type="rss" text="NHS England" xmlUrl="https://www.england.nhs.uk/feed/"/>
              <outline text="Regulators">
                <outline type="rss" title="MHRA news" text="x" xmlurl="https://www.gov.uk/mhra.atom"/>
              </outline>
            </outline>
            <outline type="rss" text="Digital Health" xmlUrl="https://www.digitalhealth.net/feed/" category="/Trade press,/Other"/>
            <outline type="rss" text="Digital Health again" xmlUrl="HTTPS://WWW.DIGITALHEALTH.NET/feed"/>
            <outline type="rss" text="Old gopher" xmlUrl="gopher://example.org/feed"/>
            <outline type="rss" text="" xmlUrl="https://blog.example.org/rss.xml"/>
          </body>
        </opml>
        """

    static let config = HorizonConfig(
        feeds: [FeedConfig(id: "nhs", url: "https://www.england.nhs.uk/feed", title: "NHS")],
        themes: [Theme(id: "t", name: "T", include: ["x"])], hubs: [])

    @Test("subscriptions are read from nested folders, any attribute case")
    func read() throws {
        let subscriptions = try OPML.subscriptions(in: Data(FeedListTests.opml.utf8), label: "my.opml")
        #expect(
            subscriptions.map(\.url) == [
                "https://www.england.nhs.uk/feed/", "https://www.gov.uk/mhra.atom",
                "https://www.digitalhealth.net/feed/",
                "HTTPS://WWW.DIGITALHEALTH.NET/feed", "gopher://example.org/feed", "https://blog.example.org/rss.xml",
            ])
        #expect(subscriptions.map(\.category) == ["National", "National/Regulators", "Trade press", nil, nil, nil])
        #expect(subscriptions[1].title == "MHRA news")
        let notOPML = #expect(throws: FeedsError.self) { try OPML.subscriptions(in: Data("<rss/>".utf8), label: "x") }
        #expect(notOPML?.kind == .data)
    }

    @Test("importing adds new URLs with stable ids and reports duplicates")
    func plan() throws {
        let subscriptions = try OPML.subscriptions(in: Data(FeedListTests.opml.utf8), label: "my.opml")
        let report = OPML.plan(subscriptions, into: FeedListTests.config)
        #expect(report.added.map(\.id) == ["mhra-news", "digital-health", "blog-example-org"])
        #expect(report.added.map(\.category) == ["National/Regulators", "Trade press", nil])
        #expect(report.duplicates.map(\.existing) == ["nhs", "digital-health"])
        #expect(report.skipped.count == 1)
        // The same file again adds nothing.
        var after = FeedListTests.config
        after.feeds += report.added
        #expect(OPML.plan(subscriptions, into: after).added.isEmpty)
    }

    @Test("export is OPML 2.0 that reads back to the same feeds, in folders")
    func export() throws {
        var config = FeedListTests.config
        config.feeds.append(
            FeedConfig(
                id: "dh", url: "https://dh.example.org/feed?a=1&b=2", title: "Digital \"Health\" & <Care>",
                category: "Trade press"))
        let opml = OPML.export(config)
        #expect(opml.contains("<opml version=\"2.0\" xmlns:horizon=\"urn:horizon:feeds\">"))
        #expect(opml.contains("<outline text=\"Trade press\" title=\"Trade press\">"))
        let back = try OPML.subscriptions(in: Data(opml.utf8), label: "x")
        #expect(back.map(\.url) == ["https://dh.example.org/feed?a=1&b=2", "https://www.england.nhs.uk/feed"])
        #expect(back.first?.title == "Digital \"Health\" & <Care>")
        #expect(back.first?.category == "Trade press")
        #expect(back.map(\.id) == ["dh", config.feeds[0].id])
    }

    @Test("adding feeds to feeds.json leaves the rest of the file as written")
    func editor() throws {
        let directory = TemporaryDirectory()
        let original = """
            {
              "contact": "x@example.org",
              "feeds": [
                {"id": "nhs", "url": "https://www.england.nhs.uk/feed/", "title": "NHS [England]"}
              ],
              "themes": [{"id": "t", "name": "T", "include": ["feeds", "x"]}],
              "hubs": []
            }
            """
        let path = try directory.write("feeds.json", original)
        try ConfigEditor(path: path).append([
            FeedConfig(id: "new", url: "https://n.example.org/rss", title: "New \"one\"", category: "C")
        ])
        let edited = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            edited.hasPrefix(
                "{\n  \"contact\": \"x@example.org\",\n  \"feeds\": [\n    {\"id\": \"nhs\", \"url\": \"https://www.england.nhs.uk/feed/\", \"title\": \"NHS [England]\"},\n    { \"id\": \"new\""
            ))
        #expect(
            edited.hasSuffix(
                "  ],\n  \"themes\": [{\"id\": \"t\", \"name\": \"T\", \"include\": [\"feeds\", \"x\"]}],\n  \"hubs\": []\n}"
            ))
        let config = try ConfigLoader.load(path: path)
        #expect(config.feeds.map(\.id) == ["nhs", "new"])
        #expect(config.feeds[1].title == "New \"one\"")
        #expect(try String(contentsOfFile: path + ".bak", encoding: .utf8) == original)

        // An empty list, and an edit that would break the file is refused.
        let empty = try directory.write(
            "empty.json",
            "{\"feeds\": [], \"themes\": [{\"id\": \"t\", \"name\": \"T\", \"include\": [\"x\"]}], \"hubs\": []}")
        try ConfigEditor(path: empty).append([FeedConfig(id: "a", url: "https://a.org/f", title: "A")])
        #expect(try ConfigLoader.load(path: empty).feeds.map(\.id) == ["a"])
        let invalid = #expect(throws: FeedsError.self) {
            try ConfigEditor(path: empty).append([FeedConfig(id: "a", url: "https://b.org/f", title: "B")])
        }
        #expect(invalid?.kind == .configuration)
        #expect(try ConfigLoader.load(path: empty).feeds.count == 1)
    }

    @Test("feed ids come from titles, unique")
    func ids() {
        #expect(feedID(for: "NHS England: News & Blogs!", url: "", taken: []) == "nhs-england-news-blogs")
        #expect(feedID(for: "NHS England", url: "", taken: ["nhs-england"]) == "nhs-england-2")
        #expect(feedID(for: "", url: "https://www.example.org/feed", taken: []) == "example-org")
    }
}

@Suite("Feed discovery")
struct FeedDiscoveryTests {
    static let rss =
        "<rss version=\"2.0\"><channel><title>Found feed</title><item><title>x</title></item></channel></rss>"
    static let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom feed</title></feed>"

    func server() throws -> TestHTTPServer {
        try TestHTTPServer { request in
            switch request.path {
            case "/linked":
                .init(
                    status: 200, contentType: "text/html; charset=utf-8",
                    body: """
                        <html><head><title>News</title>
                        <link rel="stylesheet" href="/style.css">
                        <link rel="alternate" type="application/rss+xml" title="News" href="news/rss.xml">
                        <link rel="alternate" type="application/atom+xml" href="/atom">
                        <link rel="alternate" type="application/rss+xml" href="/not-a-feed">
                        </head><body>Hello</body></html>
                        """)
            case "/news/rss.xml", "/feed/":
                .init(status: 200, contentType: "application/rss+xml", body: FeedDiscoveryTests.rss)
            case "/atom": .init(status: 200, contentType: "application/atom+xml", body: FeedDiscoveryTests.atom)
            case "/not-a-feed": .init(status: 200, contentType: "text/html", body: "<html><body>no</body></html>")
            case "/plain", "/blog/":
                .init(
                    status: 200, contentType: "text/html",
                    body: "<html><head><title>Blog</title></head><body>Posts</body></html>")
            case "/blog/feed/": .init(status: 200, contentType: "application/rss+xml", body: FeedDiscoveryTests.rss)
            default: .init(status: 404, contentType: "text/plain", body: "not found")
            }
        }
    }

    @Test("a page's <link rel=alternate> feeds, resolved and checked")
    func linked() async throws {
        let server = try server()
        let found = try await FeedDiscovery().discover(server.url("/linked"))
        #expect(found.map(\.url) == [server.url("/news/rss.xml"), server.url("/atom")])  // relative to /linked
        #expect(found.first?.title == "Found feed")
        #expect(found.first?.format == "rss20")
        #expect(found.first?.via == "<link rel=alternate>")
        #expect(!found.contains { $0.url.hasSuffix("/not-a-feed") })
    }

    @Test("a page without links: common paths")
    func commonPaths() async throws {
        let server = try server()
        let found = try await FeedDiscovery().discover(server.url("/plain"))
        #expect(found.map(\.url) == [server.url("/feed/")])
        #expect(found.first?.via == "common path")
    }

    @Test("a section page: its own feed/ path first")
    func sectionPage() async throws {
        let server = try server()
        let found = try await FeedDiscovery().discover(server.url("/blog/"))
        #expect(found.map(\.url) == [server.url("/blog/feed/")])
    }

    @Test("a feed URL is its own feed; a page with none is an error")
    func direct() async throws {
        let server = try server()
        let found = try await FeedDiscovery().discover(server.url("/atom"))
        #expect(
            found == [
                DiscoveredFeed(url: server.url("/atom"), title: "Atom feed", format: "atom10", via: "the URL itself")
            ])
        let empty = try TestHTTPServer { _ in
            .init(status: 200, contentType: "text/html", body: "<html><body>nothing</body></html>")
        }
        #expect(try await FeedDiscovery().discover(empty.url("/")).isEmpty)
        let unreachable = await #expect(throws: FeedsError.self) {
            try await FeedDiscovery().discover("http://127.0.0.1:1/")
        }
        #expect(unreachable?.kind == .network)
    }
}
