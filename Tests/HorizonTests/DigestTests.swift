import Foundation
import HorizonCore
import HorizonDigest
import Testing

@Suite("Digest")
struct DigestTests {
    static let config = HorizonConfig(
        feeds: [FeedConfig(id: "nhs", url: "https://x.org/feed", title: "NHS England")],
        themes: [
            Theme(id: "frailty", name: "Frailty & ageing", include: ["frailty"]),
            Theme(id: "digital", name: "Digital", include: ["digital"]),
        ],
        hubs: [Hub(id: "dorset", name: "Dorset", themes: ["frailty", "digital"])])
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    func item(_ id: String, title: String, link: String = "https://x.org/a", summary: String = "Summary.", firstSeen: Date, matches: [(String, Double)]) -> Item {
        Item(
            id: id, title: title, link: link, summary: summary, firstSeen: firstSeen, lastSeen: firstSeen,
            sources: [ItemSource(feed: "nhs", link: link, guid: nil, firstSeen: firstSeen)],
            matches: matches.map { ThemeMatch(hub: "dorset", theme: $0.0, score: $0.1, terms: [$0.0]) })
    }

    @Test("items since the cut-off, each once under its best theme, ranked by score")
    func grouping() {
        let items = [
            item("1", title: "Old", firstSeen: now.addingTimeInterval(-90_000), matches: [("frailty", 3)]),
            item("2", title: "Both", firstSeen: now, matches: [("frailty", 1), ("digital", 4)]),
            item("3", title: "Frailty low", firstSeen: now, matches: [("frailty", 1)]),
            item("4", title: "Frailty high", firstSeen: now, matches: [("frailty", 5)]),
            item("5", title: "Unmatched", firstSeen: now, matches: []),
        ]
        let digest = Digest(hub: DigestTests.config.hubs[0], config: DigestTests.config, items: items, since: now.addingTimeInterval(-86_400), generated: now)
        #expect(digest.itemCount == 3)
        #expect(digest.sections.map(\.theme.id) == ["frailty", "digital"])
        #expect(digest.sections[0].entries.map(\.item.id) == ["4", "3"])
        #expect(digest.sections[1].entries.map(\.item.id) == ["2"])
        #expect(digest.sections[1].entries[0].alsoMatched == ["frailty"])
        let markdown = digest.markdown()
        #expect(markdown.contains("## Frailty & ageing (2)"))
        #expect(markdown.contains("[Frailty high](<https://x.org/a>)"))
        #expect(markdown.contains("*NHS England · "))
        #expect(digest.html().contains("Frailty &amp; ageing <span style=\"font-weight:normal;color:#5f6368;\">(2)</span>"))
    }

    @Test("hostile feed text comes out inert in Markdown and HTML")
    func hostile() {
        let hostile = item(
            "h", title: "<script>alert(1)</script>\"><img src=x onerror=alert(2)> [click](javascript:alert(3))",
            link: "javascript:alert(4)", summary: "Bcc: victim@example.org\r\nSubject: hi <iframe src=x>", firstSeen: now,
            matches: [("frailty", 2)])
        let digest = Digest(hub: DigestTests.config.hubs[0], config: DigestTests.config, items: [hostile], since: now.addingTimeInterval(-10), generated: now)
        let html = digest.html()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"))
        let markdown = digest.markdown()
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.contains("](javascript:"))
        #expect(!markdown.contains("(<javascript:"))
        #expect(markdown.contains("\\[click\\]\\(javascript:alert\\(3\\)\\)"))
    }

    @Test("an empty digest says so")
    func empty() {
        let digest = Digest(hub: DigestTests.config.hubs[0], config: DigestTests.config, items: [], since: now, generated: now)
        #expect(digest.markdown().contains("Nothing new matched"))
        #expect(digest.html().contains("Nothing new matched"))
    }

    @Test("snippets stop after two sentences or at a word")
    func snippet() {
        #expect(Digest.snippet("One. Two. Three.") == "One. Two.")
        #expect(Digest.snippet("Version 2.5 is out. It is fast. More.") == "Version 2.5 is out. It is fast.")
        let long = String(repeating: "word ", count: 100)
        #expect(Digest.snippet(long, limit: 50).hasSuffix("…"))
        #expect(Digest.snippet(long, limit: 50).count <= 51)
    }
}
