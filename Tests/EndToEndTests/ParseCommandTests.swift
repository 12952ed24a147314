import Foundation
import HorizonTesting
import Testing

@Suite("horizon parse")
struct ParseCommandTests {
    @Test("--format neutral prints feedparser's key names; dates as UTC time structs")
    func neutral() throws {
        let directory = TemporaryDirectory()
        let feed = try directory.write(
            "feed.xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Example &amp; co</title><link>http://example.org/</link>
            <item><title>First</title><link>/a</link><guid isPermaLink="false">g1</guid>
            <description>Caf&eacute; text</description><pubDate>Sun, 05 Jan 2025 10:20:30 +0100</pubDate>
            <category>Digital</category></item></channel></rss>
            """)
        let horizon = Horizon(directory: directory.path)
        let result = try horizon.run("parse", "--format", "neutral", feed)
        #expect(result.status == 0)
        let shape = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(shape["version"] as? String == "rss20")
        #expect(shape["bozo"] as? Bool == true, "&eacute; is undeclared in XML")
        #expect(shape["encoding"] as? String == "utf-8")
        let head = try #require(shape["feed"] as? [String: Any])
        #expect(head["title"] as? String == "Example & co")
        let entry = try #require((shape["entries"] as? [[String: Any]])?.first)
        #expect(entry["link"] as? String == "http://example.org/a")
        #expect(entry["id"] as? String == "g1")
        #expect(entry["summary"] as? String == "Café text")
        // 10:20:30 +0100 is 09:20:30 UTC, a Sunday (6 counting Monday as 0), the 5th day of the year.
        #expect(entry["published_parsed"] as? [Int] == [2025, 1, 5, 9, 20, 30, 6, 5, 0])
        #expect((entry["tags"] as? [[String: Any]])?.first?["term"] as? String == "Digital")

        // In http mode the URL and headers of the response apply.
        let http = try horizon.run(
            "parse", "--format", "neutral", feed,
            environment: [
                "FEEDPARSER_CONFORMANCE_MODE": "http",
                "FEEDPARSER_CONFORMANCE_URL": "http://feeds.example.com/feed.xml",
                "FEEDPARSER_CONFORMANCE_HEADERS":
                    #"{"Content-Type": "application/rss+xml; charset=utf-8", "ETag": "\"abc\"", "Content-Language": "en-gb"}"#,
            ])
        let httpShape = try #require(try JSONSerialization.jsonObject(with: Data(http.stdout.utf8)) as? [String: Any])
        #expect(httpShape["href"] as? String == "http://feeds.example.com/feed.xml")
        #expect(httpShape["etag"] as? String == "\"abc\"")
        #expect(
            (httpShape["headers"] as? [String: Any])?["content-type"] as? String == "application/rss+xml; charset=utf-8"
        )
    }
}
