import Foundation
import HorizonCore
import HorizonTesting
import Testing

@testable import HorizonSite

@Suite("Site parts")
struct SiteUnitTests {
    @Test("the search index's strings are JSON that reads back exactly, with nothing a script could mistake for markup")
    func jsonStrings() throws {
        let texts = [
            "plain", "quote \" and \\ backslash", "</script><script>alert(1)</script>", "tab\tnew\nline",
            "line\u{2028}separator\u{2029}", "café & ‘quotes’ — 😀", "",
        ]
        var out: [UInt8] = Array("[".utf8)
        for (index, text) in texts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            SiteHTML.appendJSONString(&out, text)
        }
        out.append(UInt8(ascii: "]"))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String])
        #expect(back == texts)
        let written = String(decoding: out, as: UTF8.self)
        #expect(!written.contains("<") && !written.contains(">") && !written.contains("&"))
        #expect(!written.contains("\u{2028}") && !written.contains("\n"))
    }

    @Test("links: only http(s) and mailto are made, and nothing that could end the attribute")
    func links() {
        #expect(SiteHTML.link("a", "https://x.org/a?b=1&c=2") == "<a href=\"https://x.org/a?b=1&amp;c=2\">a</a>")
        #expect(SiteHTML.link("a", "mailto:hub@example.org") == "<a href=\"mailto:hub@example.org\">a</a>")
        #expect(SiteHTML.link("<b>", "javascript:alert(1)") == "&lt;b&gt;")
        #expect(SiteHTML.link("a", "https://x.org/\"onmouseover=\"x") == "a")
        #expect(SiteHTML.link("a", "data:text/html,<script>") == "a")
        #expect(SiteHTML.pathPart("inv-1a2b/../../x") == "inv-1a2b_______x")
        #expect(SiteHTML.day(Date(timeIntervalSince1970: 1_795_000_000)) == "18 November 2026")
    }

    @Test("a rebuild writes only the files that changed, and removes pages that are gone")
    func writer() throws {
        let directory = TemporaryDirectory()
        let folder = directory.file("site")
        var site = Site.empty
        site.files = [
            "index.html": Array("home".utf8), "themes/a.html": Array("a".utf8), "themes/b.html": Array("b".utf8),
        ]
        let first = try SiteWriter(folder: folder).write(site)
        #expect(first == SiteWriter.Outcome(written: 3, unchanged: 0, removed: 0))
        site.files["index.html"] = Array("home, changed".utf8)
        site.files["themes/b.html"] = nil
        let second = try SiteWriter(folder: folder).write(site)
        #expect(second == SiteWriter.Outcome(written: 1, unchanged: 1, removed: 1))
        #expect(!FileManager.default.fileExists(atPath: directory.file("site/themes/b.html")))
        try directory.write("mine/notes.txt", "x")
        #expect(throws: SiteWriter.WriteError.self) { try SiteWriter(folder: directory.file("mine")).write(site) }
    }
}
