import Foundation
import Testing

@testable import HorizonParse

@Suite("Feed parser")
struct FeedParserTests {
    @Test("RSS 2.0: text made plain, links, GUIDs, dates, authors, categories")
    func rss20() throws {
        let feed = try FeedParser.parse(fixture("rss20.xml"), url: "https://trust.example.org/feed/")
        #expect(feed.format == .rss20)
        #expect(feed.title == "Sample & Trust News")
        #expect(feed.link == "https://trust.example.org/")
        #expect(feed.language == "en-gb")
        #expect(!feed.isRecovered)
        #expect(feed.entries.count == 2)
        let first = feed.entries[0]
        #expect(first.title == "Virtual ward opens in Poole")
        #expect(first.link == "https://trust.example.org/news/virtual-ward")
        #expect(first.id == "trust-news-101")
        #expect(first.summary == "A new virtual ward will care for up to 40 patients.")
        #expect(first.content == "Full story: the ward uses remote monitoring.")
        #expect(first.published == utc(2025, 6, 3, 8, 15))
        #expect(first.authors == ["press@trust.example.org (Press Office)"])
        #expect(first.categories == ["Frailty", "Digital"])
        let second = feed.entries[1]
        #expect(second.link == "https://trust.example.org/news/permalink-guid")
        #expect(second.published == utc(2025, 6, 2, 8))
        #expect(second.authors == ["Jo Bloggs"])
    }

    @Test("RSS 1.0 (RDF) with Dublin Core")
    func rss10() throws {
        let feed = try FeedParser.parse(fixture("rss10.rdf"))
        #expect(feed.format == .rss10)
        #expect(feed.title == "Sample Journal")
        #expect(feed.entries.count == 2)
        #expect(feed.entries[0].id == "https://journal.example.org/paper/1")
        #expect(feed.entries[0].title == "Remote monitoring in care homes: a cohort study")
        #expect(feed.entries[0].published == utc(2025, 5, 30, 11))
        #expect(feed.entries[0].authors == ["A. Author"])
        #expect(feed.entries[0].categories == ["Geriatric Medicine"])
        #expect(feed.entries[1].published == utc(2025, 5, 29))
    }

    @Test("Atom 1.0: text constructs, xml:base, dates, authors, categories")
    func atom10() throws {
        let feed = try FeedParser.parse(fixture("atom10.xml"), url: "https://gov.example.org/news.atom")
        #expect(feed.format == .atom10)
        #expect(feed.title == "Department news")
        #expect(feed.link == "https://gov.example.org/news")
        #expect(feed.language == "en-GB")
        #expect(feed.entries.count == 2)
        let first = feed.entries[0]
        #expect(first.title == "Funding for AI diagnostics")
        #expect(first.link == "https://gov.example.org/news/ai-diagnostics")
        #expect(first.summary == "Money for AI tools. Second paragraph.")
        #expect(first.content == "Full text with details.")
        #expect(first.published == utc(2025, 6, 3, 8))
        #expect(first.updated == utc(2025, 6, 3, 10, 30))
        #expect(first.authors == ["Press Office"])
        #expect(first.categories == ["Digital health"])
        let second = feed.entries[1]
        #expect(second.title == "Plain text title with <angle> brackets")
        #expect(second.link == "https://other.example.org/base/relative/page")
        #expect(second.summary == "Content only, no summary.")
    }

    @Test("Atom 0.3: issued, modified and escaped mode")
    func atom03() throws {
        let feed = try FeedParser.parse(fixture("atom03.xml"))
        #expect(feed.format == .atom03)
        #expect(feed.entries.first?.summary == "Escaped HTML summary")
        #expect(feed.entries.first?.published == utc(2003, 12, 31, 15))
        #expect(feed.entries.first?.updated == utc(2004, 1, 1))
    }

    @Test("RSS relative links: the site's channel link, unless xml:base says otherwise")
    func rssRelativeLinks() throws {
        let plain =
            "<rss version=\"2.0\"><channel><title>T</title><link>https://site.example/</link><item><title>a</title><link>/news/1</link></item></channel></rss>"
        let feed = try FeedParser.parse(Data(plain.utf8), url: "http://feeds.example/x.rss")
        #expect(feed.entries.first?.link == "https://site.example/news/1")
        let based =
            "<rss version=\"2.0\" xml:base=\"https://other.example/base/\"><channel><title>T</title><link>https://site.example/</link><item><title>a</title><link>news/1</link></item></channel></rss>"
        #expect(
            try FeedParser.parse(Data(based.utf8), url: "http://feeds.example/x.rss").entries.first?.link
                == "https://other.example/base/news/1")
        let noSite =
            "<rss version=\"2.0\"><channel><title>T</title><item><title>a</title><link>/news/1</link></item></channel></rss>"
        #expect(
            try FeedParser.parse(Data(noSite.utf8), url: "http://feeds.example/x.rss").entries.first?.link
                == "http://feeds.example/news/1")
    }

    @Test("JSON Feed 1.1")
    func jsonFeed() throws {
        let feed = try FeedParser.parse(fixture("jsonfeed.json"))
        #expect(feed.format == .jsonFeed)
        #expect(feed.entries.first?.title == "Frailty service expands")
        #expect(feed.entries.first?.summary == "Hospital at home for older people.")
        #expect(feed.entries.first?.published == utc(2025, 6, 1, 10))
        #expect(feed.entries.first?.categories == ["frailty"])
    }

    @Test("undeclared HTML entities and bare ampersands keep their text, even after errors")
    func entityRecovery() throws {
        let feed = try FeedParser.parse(fixture("entities.xml"))
        #expect(feed.isRecovered)
        #expect(feed.problems.contains { $0.contains("&nbsp;") && $0.contains("&eacute;") })
        #expect(feed.problems.contains { $0.contains("unescaped '&'") })
        #expect(feed.title == "Café & Friends")
        let first = try #require(feed.entries.first)
        #expect(first.title == "AT&T and M&S fund care homes © 2025")
        #expect(first.link == "https://entities.example.org/1?a=1&b=2")
        #expect(first.summary == "Prices £5 – £10; café opens &unknownentity; soon.")
        // libxml2 2.9.14 drops even &amp; once a document has had an error; the repair pass prevents that.
        let second = try #require(feed.entries.last)
        #expect(second.title == "After the errors: Tom & Jerry <3 \u{201C}quotes\u{201D}")
        #expect(second.summary == "Fish & chips > pie")
    }

    @Test("ISO-8859-1 documents are decoded")
    func latin1() throws {
        let feed = try FeedParser.parse(fixture("latin1.xml"))
        #expect(feed.title == "Café news")
        #expect(feed.entries.first?.title == "Naïve résumé £100")
        #expect(feed.entries.first?.summary == "Été")
    }

    @Test("external entities are never loaded; internal ones are expanded")
    func externalEntities() throws {
        let feed = try FeedParser.parse(fixture("xxe.xml"))
        let entry = try #require(feed.entries.first)
        #expect(entry.title == "Hello from the DTD")
        #expect(!entry.summary.contains("root:"))
        #expect(entry.summary.hasPrefix("Before"))
    }

    @Test("entity expansion bombs stay small")
    func billionLaughs() throws {
        let data = try fixture("billion-laughs.xml")
        let feed = try FeedParser.parse(data)
        let title = feed.entries.first?.title ?? ""
        #expect(title.utf8.count < 1_000_000)
    }

    @Test("a truncated document still yields the entries before the cut")
    func truncated() throws {
        let feed = try FeedParser.parse(fixture("truncated.xml"))
        #expect(feed.isRecovered)
        #expect(feed.entries.first?.title == "Virtual ward opens in Poole")
    }

    @Test("documents that are not feeds are refused with a reason")
    func notAFeed() throws {
        #expect(throws: FeedParseError.self) { try FeedParser.parse(fixture("not-a-feed.html")) }
        do {
            _ = try FeedParser.parse(Data("<html><body>hi</body></html>".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "not a feed: the document's root element is <html>")
        }
        #expect(throws: FeedParseError.self) { try FeedParser.parse(Data()) }
        #expect(throws: FeedParseError.self) { try FeedParser.parse(Data("{\"not\": \"a feed\"}".utf8)) }
    }

    @Test("deeply nested documents do not crash")
    func deepNesting() throws {
        let depth = 100_000
        let document =
            "<rss version=\"2.0\"><channel><title>Deep</title><item><title>t</title><description>"
            + String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth)
            + "</description></item></channel></rss>"
        let feed = try FeedParser.parse(Data(document.utf8))
        #expect(feed.title == "Deep")
        // The sanitizer walks the same bounded tree.
        let sanitized = try FeedParser.parse(Data(document.utf8), sanitizedHTML: true)
        #expect(sanitized.entries.first?.summaryHTML?.hasPrefix("<div><div>") == true)
    }

    @Test(
        "a 50 MB document parses without a crash; a text node over libxml2's 10 MB limit is reported, what came before is kept"
    )
    func hugeDocument() throws {
        var document = "<rss version=\"2.0\"><channel><title>Huge</title>"
        document += "<item><title>Before</title><link>http://example.org/1</link></item>"
        document +=
            "<item><title>Huge</title><description>" + String(repeating: "lorem ipsum &amp; dolor ", count: 2_100_000)
            + "</description></item>"
        document += "<item><title>After</title><link>http://example.org/3</link></item></channel></rss>"
        let data = Data(document.utf8)
        #expect(data.count > 50_000_000)
        let feed = try FeedParser.parse(data)
        #expect(feed.title == "Huge")
        #expect(feed.entries.first?.title == "Before")
        #expect(feed.isRecovered)
        #expect(feed.problems.contains { $0.contains("huge text node") }, "\(feed.problems.map { $0.prefix(200) })")
    }

    @Test("the charset of an HTTP Content-Type is read")
    func charsetParameter() {
        #expect(FeedParser.charset("text/xml; charset=\"iso-8859-1\"") == "iso-8859-1")
        #expect(FeedParser.charset("application/rss+xml") == nil)
    }
}
