import Foundation
import HorizonCore
import HorizonDelivery
import HorizonDigest
import HorizonTesting
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

    func item(
        _ id: String, title: String, link: String = "https://x.org/a", summary: String = "Summary.", firstSeen: Date,
        matches: [(String, Double)]
    ) -> Item {
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
        let digest = Digest(
            hub: DigestTests.config.hubs[0], config: DigestTests.config, items: items,
            since: now.addingTimeInterval(-86_400), generated: now, top: 0)
        #expect(digest.itemCount == 3)
        #expect(digest.top.isEmpty)
        #expect(digest.sections.map(\.theme.id) == ["frailty", "digital"])
        #expect(digest.sections[0].entries.map(\.item.id) == ["4", "3"])
        #expect(digest.sections[1].entries.map(\.item.id) == ["2"])
        #expect(digest.sections[1].entries[0].alsoMatched == ["frailty"])
        let markdown = digest.markdown()
        #expect(markdown.contains("### Frailty & ageing (2)"))
        #expect(markdown.contains("- [Frailty high](<https://x.org/a>) · NHS England · "))
        #expect(digest.html().contains(">Frailty &amp; ageing <span"))
    }

    @Test("each theme's stories are ordered by the hub's priority; those below the floor are left out")
    func priorities() {
        var low = item("low", title: "Strong score, low priority", firstSeen: now, matches: [("frailty", 6)])
        low.priorities = ["dorset": 0.15]
        var high = item("high", title: "Weaker score, high priority", firstSeen: now, matches: [("frailty", 2)])
        high.priorities = ["dorset": 0.8]
        var middle = item("mid", title: "Middle", firstSeen: now, matches: [("frailty", 3)])
        middle.priorities = ["dorset": 0.5]
        let old = item("old", title: "Stored before priorities", firstSeen: now, matches: [("frailty", 9)])
        let hub = DigestTests.config.hubs[0]
        let since = now.addingTimeInterval(-10)
        let digest = Digest(
            hub: hub, config: DigestTests.config, items: [low, high, middle, old], since: since, generated: now, top: 0)
        // digest.minPriority (0.2) leaves out "low"; a story without a priority comes last.
        #expect(digest.sections[0].entries.map(\.item.id) == ["high", "mid", "old"])
        let strict = Digest(
            hub: hub, config: DigestTests.config, items: [low, high, middle, old], since: since, generated: now,
            minPriority: 0.6, top: 0)
        #expect(strict.sections[0].entries.map(\.item.id) == ["high", "old"])
    }

    @Test("hostile feed text comes out inert in Markdown and HTML")
    func hostile() {
        let hostile = item(
            "h", title: "<script>alert(1)</script>\"><img src=x onerror=alert(2)> [click](javascript:alert(3))",
            link: "javascript:alert(4)", summary: "Bcc: victim@example.org\r\nSubject: hi <iframe src=x>",
            firstSeen: now,
            matches: [("frailty", 2)])
        let digest = Digest(
            hub: DigestTests.config.hubs[0], config: DigestTests.config, items: [hostile],
            since: now.addingTimeInterval(-10), generated: now)
        let html = digest.html()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"))
        let markdown = digest.markdown()
        #expect(!markdown.contains("<script>"))
        // Only an unescaped bracket could close a link's text.
        #expect(!markdown.replacingOccurrences(of: "\\]", with: "").contains("](javascript:"))
        #expect(!markdown.contains("(<javascript:"))
        #expect(markdown.contains("\\[click\\](javascript:alert(3))"))
    }

    @Test("top stories lead by priority across themes; the rest follow by theme; every story shows a short id")
    func topStories() {
        var items: [Item] = []
        for (index, priority) in [0.3, 0.9, 0.5, 0.7, 0.4, 0.8].enumerated() {
            var story = item(
                "\(index)a1b2c3d4e5f6a7b8", title: "Story \(index)", firstSeen: now,
                matches: [(index % 2 == 0 ? "frailty" : "digital", 2)])
            story.priorities = ["dorset": priority]
            items.append(story)
        }
        // Two ids that share their first ten characters need eleven to tell apart.
        var twin = item("1a1b2c3d4eFFFFFF", title: "Twin", firstSeen: now.addingTimeInterval(-90_000), matches: [])
        twin.priorities = [:]
        items.append(twin)
        let digest = Digest(
            hub: DigestTests.config.hubs[0], config: DigestTests.config, items: items,
            since: now.addingTimeInterval(-60), generated: now, top: 3)
        #expect(digest.top.map(\.item.id).map { $0.prefix(1) } == ["1", "5", "3"])
        #expect(digest.sections.flatMap(\.entries).map(\.item.id.first) == ["2", "4", "0"])
        #expect(digest.shortID("3a1b2c3d4e5f6a7b8") == "3a1b2c3d")
        #expect(digest.shortID("1a1b2c3d4e5f6a7b8") == "1a1b2c3d4e5")
        let markdown = digest.markdown()
        let topAt = try! #require(markdown.range(of: "## Top stories (3)"))
        let restAt = try! #require(markdown.range(of: "## More stories by theme"))
        #expect(topAt.lowerBound < restAt.lowerBound)
        #expect(markdown.contains("id `1a1b2c3d4e5`"))
        #expect(digest.text().contains("id 5a1b2c3d"))
        #expect(digest.html().contains(">5a1b2c3d</code>"))
        #expect(digest.themeCounts == "Frailty & ageing: 3 · Digital: 3")
        // An archived story the items do not hold still counts: its id shares ten characters.
        let archived = Digest(
            hub: DigestTests.config.hubs[0], config: DigestTests.config, items: items,
            since: now.addingTimeInterval(-60), generated: now, top: 3,
            storedIDs: items.map(\.id) + ["5a1b2c3d4eAAAAAAA"])
        #expect(archived.shortID("5a1b2c3d4e5f6a7b8") == "5a1b2c3d4e5")
        #expect(archived.shortID("3a1b2c3d4e5f6a7b8") == "3a1b2c3d")
    }

    @Test("Markdown escapes only what would become markup")
    func markdownEscapes() {
        #expect(
            Digest.escapeMarkdown("Digital (analogue to digital) 2.0 – a care-home pilot")
                == "Digital (analogue to digital) 2.0 – a care-home pilot")
        #expect(
            Digest.escapeMarkdown("# one *two* _three_ [4](x) `5` <b>")
                == "\\# one \\*two\\* \\_three\\_ \\[4\\](x) \\`5\\` &lt;b&gt;")
        #expect(Digest.escapeMarkdown("- listed") == "\\- listed")
        #expect(Digest.escapeMarkdown("Fish & chips &amp;") == "Fish & chips &amp;amp;")
    }

    @Test("feed problems are one line for the hub; the detail, grouped by cause, is the administrators'")
    func feedProblems() {
        var config = DigestTests.config
        config.feeds = (0..<6).map { FeedConfig(id: "f\($0)", url: "https://f\($0).example/feed", title: "Feed \($0)") }
        var states = FeedStates()
        for index in 0..<4 {
            states.recordFailure(
                "f\(index)", status: 0, error: "Couldn't resolve host name: Could not resolve host: f\(index).example",
                at: now)
        }
        states.recordFailure("f4", status: 500, error: "HTTP 500", at: now)
        let digest = Digest(
            hub: config.hubs[0], config: config, items: [], since: now.addingTimeInterval(-60), generated: now,
            feedStates: states)
        #expect(digest.problemLine == "Feeds: 5 of 6 feeds could not be read. The administrators have the detail.")
        for text in [digest.markdown(), digest.text(), digest.html()] {
            #expect(!text.contains("resolve"))
            #expect(text.components(separatedBy: "could not be read").count == 2)
        }
        #expect(digest.problems.detail.count == 2)
        #expect(digest.problems.detail[0].hasPrefix("4 feeds could not resolve the host name"))
        #expect(digest.problems.detail[1].contains("Feed 4 is failing"))
    }

    @Test("hostile feed text cannot add headers or markup to the email or the text part")
    func hostileEmail() throws {
        let hostile = item(
            "h", title: "Frailty news\r\nBcc: victim@evil.example\r\nSubject: pwned <script>x</script>",
            link: "https://x.org/a\r\nX-Injected: 1",
            summary: "Line one\r\n\r\n--boundary\r\nContent-Type: text/html\r\n\r\n<b>x</b>",
            firstSeen: now, matches: [("frailty", 2)])
        var hub = DigestTests.config.hubs[0]
        hub.name = "Dorset\r\nBcc: evil@example.org"
        let digest = Digest(
            hub: hub, config: DigestTests.config, items: [hostile], since: now.addingTimeInterval(-10), generated: now)
        let text = digest.text()
        #expect(!text.contains("\r"))
        #expect(text.contains("* Frailty news  Bcc: victim@evil.example  Subject: pwned <script>x</script>\n"))
        #expect(!text.contains("https://x.org/a"))  // a link with a line break is not a link
        let message = DigestEmail.build(
            digest, from: "Horizon <horizon@example.org>", to: ["team@example.org"], date: now)
        let directory = TemporaryDirectory()
        let path = directory.file("message.eml")
        try Data(message).write(to: URL(fileURLWithPath: path))
        let parsed = try ParsedMail(file: path)
        #expect(
            parsed.headers.map(\.0) == [
                "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "X-Mailer",
            ])
        #expect(parsed.header("Subject") == "Horizon digest for DorsetBcc: evil@example.org: 1 story (15 Jun 2025)")
        #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(parsed.defects.isEmpty)
        let html = parsed.parts[1].text
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
    }

    @Test("RFC 2047 subjects: ASCII as is, UTF-8 in encoded words that never split a character")
    func encodedSubject() {
        #expect(DigestEmail.encodeHeader("Plain subject") == "Plain subject")
        let encoded = DigestEmail.encodeHeader(
            "Café — résumé of Dorset’s frailty work, and a much longer tail to wrap it")
        #expect(encoded.hasPrefix("=?UTF-8?B?"))
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        let decoded = words.map { word -> String in
            let base64 = word.dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Café — résumé of Dorset’s frailty work, and a much longer tail to wrap it")
        #expect(words.allSatisfy { $0.count <= 75 })
    }

    @Test("webhook messages: Slack and Teams, feed text escaped, links only http(s)")
    func webhooks() throws {
        let items = [
            item(
                "1", title: "Frailty <b>news</b> | & more", link: "https://x.org/a", firstSeen: now,
                matches: [("frailty", 2)]),
            item(
                "2", title: "Digital [click](javascript:x)", link: "javascript:alert(1)", firstSeen: now,
                matches: [("digital", 2)]),
        ]
        let digest = Digest(
            hub: DigestTests.config.hubs[0], config: DigestTests.config, items: items,
            since: now.addingTimeInterval(-10), generated: now)
        let slack = try #require(
            try JSONSerialization.jsonObject(with: Data(DigestWebhook.slack(digest))) as? [String: String])
        let text = try #require(slack["text"])
        #expect(
            text.contains("• <https://x.org/a|Frailty &lt;b&gt;news&lt;/b&gt; ¦ &amp; more> — Frailty &amp; ageing"))
        #expect(text.contains("• Digital [click](javascript:x) — Digital"))
        #expect(!text.contains("<javascript"))
        let teams = try #require(
            try JSONSerialization.jsonObject(with: Data(DigestWebhook.teams(digest))) as? [String: String])
        #expect(teams["@type"] == "MessageCard")
        #expect(teams["text"]?.contains("- Digital \\[click\\]\\(javascript:x\\) (Digital)") == true)
        #expect(teams["text"]?.contains("](javascript") == false)
    }

    @Test("an empty digest says so")
    func empty() {
        let digest = Digest(
            hub: DigestTests.config.hubs[0], config: DigestTests.config, items: [], since: now, generated: now)
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
