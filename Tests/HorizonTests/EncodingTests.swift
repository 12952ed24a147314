import Foundation
import HorizonParse
import HorizonXML
import Testing

@Suite("Character encodings")
struct EncodingTests {
    static let wide = "Café “quoted” — 😀 end"

    @Test(
        "UTF-16 and UTF-32, either byte order, with or without a byte-order mark",
        arguments: [
            ("utf16le-bom.xml", "utf-16le"), ("utf16be-bom.xml", "utf-16be"), ("utf16le-nobom.xml", "utf-16le"),
            ("utf32le-bom.xml", "utf-32le"), ("utf32be-nobom.xml", "utf-32be"),
        ])
    func wide(_ file: String, _ encoding: String) throws {
        let feed = try FeedParser.parse(fixture("encoding/" + file))
        #expect(feed.encoding == encoding)
        #expect(feed.entries.first?.title == EncodingTests.wide)
        #expect(feed.entries.first?.link == "http://example.org/1")
        #expect(!feed.isRecovered, "\(feed.problems)")
    }

    @Test("ISO-8859-1 is read as Windows-1252, so curly quotes, dashes and € survive")
    func latin1AsWindows1252() throws {
        let feed = try FeedParser.parse(fixture("encoding/latin1-cp1252.xml"))
        #expect(feed.entries.first?.title == "Don’t pay €5 — café")
        #expect(feed.encoding == "iso-8859-1")
    }

    @Test("a document that declares nothing and is not UTF-8 is read as Windows-1252, and flagged")
    func undeclaredLegacy() throws {
        let feed = try FeedParser.parse(fixture("encoding/undeclared-cp1252.xml"))
        #expect(feed.entries.first?.title == "Café “quoted”")
        #expect(feed.isRecovered)
        #expect(feed.problems.contains { $0.contains("not valid UTF-8") })
    }

    @Test("stray Windows-1252 bytes in UTF-8 are read one by one; the valid UTF-8 around them is kept")
    func mixed() throws {
        let feed = try FeedParser.parse(fixture("encoding/mixed-utf8.xml"))
        #expect(feed.entries.first?.title == "naïve — “ok”")
    }

    @Test("a stray byte or C1 pair found far into a long UTF-8 document, past non-ASCII text and ASCII runs")
    func lateInvalid() throws {
        let feed = try FeedParser.parse(fixture("encoding/late-invalid.xml"))
        #expect(feed.title == "Café news")
        #expect(feed.entries.count == 22)
        #expect(feed.entries.first { $0.link == "http://example.org/late" }?.title == "Don’t wait")
        #expect(feed.entries.first { $0.link == "http://example.org/c1" }?.title == "don’t stop")
        #expect(feed.problems.contains { $0.contains("not valid UTF-8") })
    }

    @Test("C1 control characters from a Latin-1 round trip become the Windows-1252 characters meant")
    func demoronize() throws {
        let feed = try FeedParser.parse(fixture("encoding/c1-controls.xml"))
        #expect(feed.entries.first?.title == "don’t – now")
    }

    @Test("the HTTP charset overrides the document's declaration")
    func httpCharset() throws {
        let data = try fixture("encoding/http-overrides.xml")
        #expect(
            try FeedParser.parse(data, contentType: "application/rss+xml; charset=utf-8").entries.first?.title == "Café"
        )
        // Read by its own (wrong) declaration, the UTF-8 bytes turn into mojibake.
        #expect(try FeedParser.parse(data).entries.first?.title == "CafÃ©")
    }

    @Test("GB2312 is read as GB18030, its superset")
    func gb18030() throws {
        let feed = try FeedParser.parse(fixture("encoding/gb2312.xml"))
        #expect(feed.entries.first?.title == "中文 镕")
        #expect(feed.encoding == "gb18030")
    }

    @Test(
        "the transcoder's byte-level rules",
        arguments: [
            ([0x61, 0xC3, 0xA9], nil as Int?), ([0x61, 0xE9, 0x62], 1), ([0xC0, 0x80], 0), ([0xED, 0xA0, 0x80], 0),
            ([0xF4, 0x90, 0x80, 0x80], 0),
            ([0xE2, 0x82], 0),
        ])
    func utf8Validation(_ bytes: [UInt8], _ firstInvalid: Int?) {
        #expect(Transcoder.prepare(bytes).problems.isEmpty == (firstInvalid == nil))
    }
}
