import Foundation
import HorizonParse
import Testing

@Suite("Sanitized HTML")
struct SanitizerTests {
    @Test("scripts, styles, event handlers, style attributes, javascript: and data: URLs and tracking pixels are removed")
    func hostile() throws {
        let feed = try FeedParser.parse(fixture("hostile-html.xml"), url: "http://example.org/feed.xml", sanitizedHTML: true)
        let entry = try #require(feed.entries.first)
        let html = try #require(entry.summaryHTML)
        #expect(html == """
            <p class="lead">Read <a>this</a> and <a href="http://example.org/story/2" title="next">that</a>.</p>\
            <img src="http://example.org/news/chart.png" alt="Chart" />fallback text<a>hidden</a><a>data</a><br />x &amp; y
            """)
        for banned in ["script", "cookie", "onclick", "style", "javascript", "tracker", "iframe", "data:", "display:none"] {
            #expect(!html.lowercased().contains(banned), "\(banned)")
        }
        // The plain text for matching is unchanged by sanitizing.
        #expect(entry.summary.hasPrefix("Read this and that."))
        #expect(!entry.summary.contains("document.cookie"))
    }

    @Test("unknown elements are dropped but their text kept; known structure stays; titles with markup are sanitized too")
    func structure() throws {
        let feed = try FeedParser.parse(fixture("hostile-html.xml"), url: "http://example.org/feed.xml", sanitizedHTML: true)
        let entry = try #require(feed.entries.first)
        let content = try #require(entry.contents.first)
        #expect(content.type == "text/html")
        #expect(content.value == #"<div><form action="http://evil.example/"><input type="password" name="p" /></form>kept textobject text<table><tbody><tr><td>cell</td></tr></tbody></table></div>"#
            || content.value == #"<div><form action="http://evil.example/"><input type="password" name="p" /></form>kept textobject text<table><tr><td>cell</td></tr></table></div>"#,
            "\(content.value)")
        #expect(entry.details["title"]?.value == "Safe <b>bold</b> title")
        #expect(entry.title == "Safe bold title")
        #expect(feed.details["title"]?.type == "text/plain")
    }

    @Test("inline styles keep only harmless declarations", arguments: [
        ("color: red; background-image: url(http://t.example/x.gif)", "color: red;"),
        ("border: 1px solid rgb(0, 0, 0); position: fixed", "border: 1px solid rgb(0, 0, 0);"),
        ("margin: 99999em", nil), ("width: expression(alert(1))", nil), ("background-repeat: no-repeat", nil),
        ("TEXT-INDENT: 0.5in", "TEXT-INDENT: 0.5in;"),
    ])
    func styles(_ style: String, _ kept: String?) throws {
        let escaped = style.replacingOccurrences(of: "\"", with: "&quot;")
        let xml = "<rss version=\"2.0\"><channel><item><description>&lt;span style=\"\(escaped)\"&gt;t&lt;/span&gt;</description></item></channel></rss>"
        let entry = try #require(try FeedParser.parse(Data(xml.utf8), sanitizedHTML: true).entries.first)
        #expect(entry.summaryHTML == (kept.map { "<span style=\"\($0)\">t</span>" } ?? "<span>t</span>"))
    }

    @Test("without the option nothing is sanitized (the fetch path stays fast)")
    func optIn() throws {
        let entry = try #require(try FeedParser.parse(fixture("hostile-html.xml")).entries.first)
        #expect(entry.summaryHTML == nil && entry.contents.isEmpty)
    }
}
