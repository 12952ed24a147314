import Foundation
import HorizonParse
import Testing

@Suite("Sanitized HTML")
struct SanitizerTests {
    @Test(
        "scripts, styles, event handlers, style attributes, javascript: and data: URLs and tracking pixels are removed")
    func hostile() throws {
        let feed = try FeedParser.parse(
            fixture("hostile-html.xml"), url: "http://example.org/feed.xml", sanitizedHTML: true)
        let entry = try #require(feed.entries.first)
        let html = try #require(entry.summaryHTML)
        #expect(
            html == """
                <p class="lead">Read <a href="">this</a> and <a href="http://example.org/story/2" title="next">that</a>.</p>\
                <img src="http://example.org/news/chart.png" alt="Chart" />fallback text<a href="">hidden</a><a href="">data</a><br />x &amp; y
                """)
        for banned in [
            "script", "cookie", "onclick", "style", "javascript", "tracker", "iframe", "data:", "display:none",
        ] {
            #expect(!html.lowercased().contains(banned), "\(banned)")
        }
        // The plain text for matching is unchanged by sanitizing.
        #expect(entry.summary.hasPrefix("Read this and that."))
        #expect(!entry.summary.contains("document.cookie"))
    }

    @Test(
        "unknown elements are dropped but their text kept; known structure stays; titles with markup are sanitized too")
    func structure() throws {
        let feed = try FeedParser.parse(
            fixture("hostile-html.xml"), url: "http://example.org/feed.xml", sanitizedHTML: true)
        let entry = try #require(feed.entries.first)
        let content = try #require(entry.contents.first)
        #expect(content.type == "text/html")
        #expect(
            content.value
                == #"<div><form action="http://evil.example/"><input type="password" name="p" /></form>kept textobject text<table><tbody><tr><td>cell</td></tr></tbody></table></div>"#
                || content.value
                    == #"<div><form action="http://evil.example/"><input type="password" name="p" /></form>kept textobject text<table><tr><td>cell</td></tr></table></div>"#,
            "\(content.value)")
        #expect(entry.details["title"]?.value == "Safe <b>bold</b> title")
        #expect(entry.title == "Safe bold title")
        #expect(feed.details["title"]?.type == "text/plain")
    }

    @Test(
        "inline styles keep only harmless declarations",
        arguments: [
            ("color: red; background-image: url(http://t.example/x.gif)", "color: red;"),
            ("border: 1px solid rgb(0, 0, 0); position: fixed", "border: 1px solid rgb(0, 0, 0);"),
            ("margin: 99999em", nil), ("width: expression(alert(1))", nil), ("background-repeat: no-repeat", nil),
            ("TEXT-INDENT: 0.5in", "TEXT-INDENT: 0.5in;"),
        ])
    func styles(_ style: String, _ kept: String?) throws {
        let escaped = style.replacingOccurrences(of: "\"", with: "&quot;")
        let xml =
            "<rss version=\"2.0\"><channel><item><description>&lt;span style=\"\(escaped)\"&gt;t&lt;/span&gt;</description></item></channel></rss>"
        let entry = try #require(try FeedParser.parse(Data(xml.utf8), sanitizedHTML: true).entries.first)
        #expect(entry.summaryHTML == (kept.map { "<span style=\"\($0)\">t</span>" } ?? "<span>t</span>"))
    }

    @Test("character references in HTML text stay as written; attribute values are decoded and re-escaped")
    func references() throws {
        let xml =
            #"<rss version="2.0"><channel><item><description>&lt;b&gt;AT&amp;amp;T &amp;#38; &amp;nbsp;x&lt;/b&gt; &lt;a href="/q?a=1&amp;amp;b=2"&gt;q&lt;/a&gt; R&amp;D</description></item></channel></rss>"#
        let entry = try #require(
            try FeedParser.parse(Data(xml.utf8), url: "http://example.org/", sanitizedHTML: true).entries.first)
        #expect(
            entry.summaryHTML
                == #"<b>AT&amp;T &#38; &nbsp;x</b> <a href="http://example.org/q?a=1&amp;b=2">q</a> R&amp;D"#)
        #expect(entry.summary == "AT&T & x q R&D")
    }

    @Test("without the option nothing is sanitized (the fetch path stays fast)")
    func optIn() throws {
        let entry = try #require(try FeedParser.parse(fixture("hostile-html.xml")).entries.first)
        #expect(entry.summaryHTML == nil && entry.contents.isEmpty)
    }
}

@Suite("Feed details")
struct FeedDetailTests {
    @Test("RSS authors in their common forms")
    func rssAuthors() {
        #expect(
            FeedPerson(rss: "me@example.com (Ann Analyst)") == FeedPerson(name: "Ann Analyst", email: "me@example.com"))
        #expect(
            FeedPerson(rss: "Ann Analyst <me@example.com>") == FeedPerson(name: "Ann Analyst", email: "me@example.com"))
        #expect(FeedPerson(rss: "Ann Analyst") == FeedPerson(name: "Ann Analyst"))
        #expect(FeedPerson(rss: "me@example.com") == FeedPerson(email: "me@example.com"))
        #expect(FeedPerson(rss: "me@example.com (Ann Analyst)").display == "Ann Analyst (me@example.com)")
    }

    @Test("people, links, enclosures, categories with schemes, and Atom 0.3 base64 text")
    func metadata() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/"><title>T</title><id>urn:feed</id>
            <entry><title mode="base64" type="text/html" xmlns:old="x">PGI+Qm9sZDwvYj4gdGl0bGU=</title>
            <author><name>Ann</name><email>ann@example.org</email><uri>/ann</uri></author>
            <link rel="enclosure" type="audio/mpeg" length="42301" href="/a.mp3"/><link href="/story"/>
            <category term="nhs" scheme="http://example.org/tags/" label="NHS"/></entry></feed>
            """
        let feed = try FeedParser.parse(Data(atom.utf8), sanitizedHTML: true)
        let entry = try #require(feed.entries.first)
        #expect(feed.metadata.id == "urn:feed")
        #expect(
            entry.metadata.authors == [
                FeedPerson(name: "Ann", email: "ann@example.org", href: "http://example.org/ann")
            ])
        #expect(
            entry.metadata.links.first
                == FeedLink(rel: "enclosure", type: "audio/mpeg", href: "http://example.org/a.mp3", length: "42301"))
        #expect(entry.link == "http://example.org/story")
        #expect(entry.metadata.tags == [FeedTag(term: "nhs", scheme: "http://example.org/tags/", label: "NHS")])
        #expect(entry.categories == ["NHS"])
        let rss = """
            <rss version="2.0"><channel><title>T</title><managingEditor>ed@example.org (The Editor)</managingEditor>
            <item><title>x</title><guid>http://example.org/1</guid><author>me@example.org (Me)</author>
            <enclosure url="http://example.org/e.mp3" type="audio/mpeg" length="10"/><category domain="http://d/">C</category></item></channel></rss>
            """
        let rssFeed = try FeedParser.parse(Data(rss.utf8), sanitizedHTML: true)
        let item = try #require(rssFeed.entries.first)
        #expect(rssFeed.metadata.authors.first?.name == "The Editor")
        #expect(item.metadata.guidIsLink == true)
        #expect(item.metadata.authors == [FeedPerson(name: "Me", email: "me@example.org")])
        // The link comes from the guid, which follows nothing: the enclosure keeps its place first.
        #expect(item.metadata.links.map(\.rel) == ["enclosure", "alternate"])
        #expect(item.metadata.tags == [FeedTag(term: "C", scheme: "http://d/")])
    }

    @Test("Atom 0.3 base64 text is decoded for matching too")
    func base64() throws {
        let atom =
            #"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title><entry><title mode="base64">RXhhbXBsZSB0aXRsZQ==</title><summary type="text/html" mode="base64">PGI+Qm9sZDwvYj4gc3VtbWFyeQ==</summary></entry></feed>"#
        let entry = try #require(try FeedParser.parse(Data(atom.utf8)).entries.first)
        #expect(entry.title == "Example title")
        #expect(entry.summary == "Bold summary")
    }
}

@Suite("Feed details: dates and versions")
struct FeedDatesAndVersionTests {
    @Test("dates are kept as written beside the parsed ones; Atom 1.0 binary text is base64")
    func datesAsWritten() throws {
        let rss = """
            <rss version="2.01" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>T</title><lastBuildDate>Sat, 07 Sep 2002 00:00:01 GMT</lastBuildDate>
            <item><title>x</title><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><dcterms:created>2003-12-31T10:14:55Z</dcterms:created>
            <expirationDate>Thu, 01 Jan 2004 19:48:21 GMT</expirationDate></item></channel></rss>
            """
        let feed = try FeedParser.parse(Data(rss.utf8), sanitizedHTML: true)
        #expect(feed.format == .rss20)
        #expect(feed.metadata.dates == ["updated": "Sat, 07 Sep 2002 00:00:01 GMT"])
        let item = try #require(feed.entries.first)
        #expect(
            item.metadata.dates == [
                "published": "Thu, 01 Jan 2004 19:48:21 GMT", "created": "2003-12-31T10:14:55Z",
                "expired": "Thu, 01 Jan 2004 19:48:21 GMT",
            ])
        let atom =
            #"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>t</title><content type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</content></entry></feed>"#
        let entry = try #require(try FeedParser.parse(Data(atom.utf8), sanitizedHTML: true).entries.first)
        #expect(entry.contents.first?.value == "Example <b>Atom</b>")
        #expect(entry.content == "Example Atom")
    }
}

@Suite("Podcast details")
struct ITunesTests {
    @Test("itunes: categories (nested), keywords without duplicates, image, owner, flags")
    func itunes() throws {
        let rss = """
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd"><channel><title>P</title>
            <itunes:category text="Health"><itunes:category text="Medicine"/></itunes:category><itunes:keywords>nhs, Health ,nhs</itunes:keywords>
            <itunes:image href="http://example.org/p.jpg"/><itunes:owner><itunes:name>Ann</itunes:name><itunes:email>a@example.org</itunes:email></itunes:owner>
            <itunes:explicit>no</itunes:explicit><item><title>E</title><itunes:duration>3:00</itunes:duration><itunes:summary>About it</itunes:summary></item></channel></rss>
            """
        let feed = try FeedParser.parse(Data(rss.utf8), sanitizedHTML: true)
        #expect(feed.metadata.tags.map(\.term) == ["Health", "Medicine", "nhs"])
        #expect(feed.metadata.objects["image"]?["href"] == "http://example.org/p.jpg")
        #expect(feed.metadata.publisher == FeedPerson(name: "Ann", email: "a@example.org"))
        #expect(feed.metadata.fields["itunes_explicit"] == "no")
        let item = try #require(feed.entries.first)
        #expect(item.metadata.fields["itunes_duration"] == "3:00")
        #expect(item.summary == "About it")
    }
}

@Suite("Feeds in the wild: namespaces, bases and references")
struct WildFeedTests {
    @Test(
        "RSS in the Harvard namespace is RSS; &#X41; (HTML's uppercase X) is read; a javascript: base is ignored; the HTTP language applies"
    )
    func wild() throws {
        let rss = """
            <rss version="2.0" xmlns="http://blogs.law.harvard.edu/tech/rss"><channel><title>Caf&#X E9;&#XE9;</title>
            <item xml:base="javascript:alert(1)"><title>Item</title><link>/story</link></item></channel></rss>
            """
        let feed = try FeedParser.parse(
            Data(rss.utf8), url: "http://example.org/feed", contentLanguage: "en_GB", sanitizedHTML: true)
        #expect(feed.title.hasSuffix("é"))
        let item = try #require(feed.entries.first)
        #expect(item.title == "Item")
        #expect(item.link == "http://example.org/story")
        #expect(item.details["title"]?.language == "en-GB")
        #expect(item.details["title"]?.base == "http://example.org/feed")
    }
}
