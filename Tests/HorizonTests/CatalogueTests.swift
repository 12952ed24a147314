import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonTesting
import Testing

@Suite("Catalogue")
struct CatalogueTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    func entry(_ feed: String, guid: String? = nil, link: String?, title: String = "A story", summary: String = "Text")
        -> IncomingEntry
    {
        IncomingEntry(feed: feed, guid: guid, link: link, title: title, summary: summary)
    }

    @Test("the same entry seen again in its feed is not added twice")
    func sameEntry() {
        var catalogue = Catalogue()
        #expect(catalogue.add(entry("a", guid: "1", link: "https://x.org/1"), at: now) == .new(0))
        #expect(catalogue.add(entry("a", guid: "1", link: "https://x.org/1"), at: now) == .seen(0, changed: false))
        #expect(catalogue.add(entry("a", link: "https://x.org/2"), at: now) == .new(1))
        #expect(catalogue.add(entry("a", link: "https://x.org/2"), at: now) == .seen(1, changed: false))
        #expect(catalogue.items.count == 2)
    }

    @Test("an entry whose text changed is updated in place")
    func changedText() {
        var catalogue = Catalogue()
        catalogue.add(entry("a", guid: "1", link: "https://x.org/1", title: "Old"), at: now)
        #expect(
            catalogue.add(entry("a", guid: "1", link: "https://x.org/1", title: "New"), at: now)
                == .seen(0, changed: true))
        #expect(catalogue.items.map(\.title) == ["New"])
    }

    @Test("the same story from another feed or URL form becomes one item with several sources")
    func merged() {
        var catalogue = Catalogue()
        catalogue.add(entry("nhs", guid: "p=1", link: "https://www.england.nhs.uk/2025/06/story/"), at: now)
        let variants = [
            "http://england.nhs.uk/2025/06/story?utm_source=rss&utm_medium=feed",
            "https://WWW.England.NHS.uk:443/2025/06/story/#comments",
            "https://www.england.nhs.uk/2025/06/story/?fbclid=abc&gclid=def",
            "https://www.england.nhs.uk/2025/06/story/amp/",
        ]
        for (index, link) in variants.enumerated() {
            #expect(catalogue.add(entry("feed\(index)", link: link), at: now) == .merged(0))
        }
        #expect(catalogue.items.count == 1)
        #expect(catalogue.items[0].sources.map(\.feed) == ["nhs", "feed0", "feed1", "feed2", "feed3"])
        #expect(catalogue.items[0].link == "https://www.england.nhs.uk/2025/06/story/")
    }

    @Test("URLs that differ in what matters stay apart")
    func distinct() {
        #expect(URLCanonicalizer.key("https://x.org/a?id=1") != URLCanonicalizer.key("https://x.org/a?id=2"))
        #expect(URLCanonicalizer.key("https://x.org/a") != URLCanonicalizer.key("https://x.org/b"))
        #expect(URLCanonicalizer.key("https://x.org:8080/a") != URLCanonicalizer.key("https://x.org/a"))
        #expect(URLCanonicalizer.canonical("https://X.org/a?utm_campaign=z&id=1#top") == "https://x.org/a?id=1")
    }

    @Test("one parse gives a link's key and canonical form, the same as each alone")
    func forms() {
        let expected: [(link: String, key: String, canonical: String)] = [
            (
                "HTTPS://WWW.Example.org:443/News/Story/amp/?utm_source=x", "example.org/News/Story",
                "https://www.example.org/News/Story/amp/"
            ),
            (
                "http://amp.example.org/a.amp?amp=1&id=7#top", "example.org/a?id=7",
                "http://amp.example.org/a.amp?amp=1&id=7"
            ),
            ("https://example.org:8080", "example.org:8080", "https://example.org:8080/"),
            ("  https://example.org/path/  ", "example.org/path", "https://example.org/path/"),
            ("ftp://example.org/file", "ftp://example.org/file", "ftp://example.org/file"),
            ("Not a URL", "not a url", "Not a URL"),
        ]
        for (link, key, canonical) in expected {
            let forms = URLCanonicalizer.forms(link)
            #expect(forms.key == key, "\(link)")
            #expect(forms.canonical == canonical, "\(link)")
            #expect(URLCanonicalizer.key(link) == key && URLCanonicalizer.canonical(link) == canonical, "\(link)")
        }
    }

    @Test("ids are stable across runs")
    func stableIDs() {
        var first = Catalogue()
        var second = Catalogue()
        first.add(entry("a", link: "https://x.org/1"), at: now)
        second.add(entry("b", link: "https://www.x.org/1/"), at: now.addingTimeInterval(3600))
        #expect(first.items[0].id == second.items[0].id)
        #expect(first.items[0].id.count == 16)
    }

    @Test("save and load round trip, atomically, keeping a backup")
    func roundTrip() throws {
        let directory = TemporaryDirectory()
        let store = CatalogueStore(directory: directory.path)
        var catalogue = Catalogue()
        catalogue.add(
            entry(
                "a", guid: "g", link: "https://x.org/1", title: "Café ☕ <b> \"quoted\" back\\slash\ttab\u{1}\nline",
                summary: "Line"), at: now)
        catalogue.update(at: 0) {
            $0.matches = [
                ThemeMatch(
                    hub: "dorset", theme: "frailty", score: 2.5, terms: ["frailty"],
                    contributions: [Contribution(term: "frailty", kind: .include, field: "title", weight: 2.5)])
            ]
            $0.revised = now
            $0.summaryHTML = "<p>Line \"one\"</p>"
            $0.updated = Date(timeIntervalSince1970: -86_400 * 365)
            $0.published = Date(timeIntervalSince1970: 1_749_000_000)
        }
        try store.save(catalogue)
        try store.save(catalogue)
        let loaded = try store.load()
        #expect(loaded.items == catalogue.items)
        #expect(FileManager.default.fileExists(atPath: store.backupPath))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty)
        let json = try #require(String(data: Data(contentsOf: URL(fileURLWithPath: store.path)), encoding: .utf8))
        #expect(json.hasPrefix("{\"schemaVersion\":1,\"items\":["))
        // A reloaded catalogue still recognises what it holds.
        var reloaded = loaded
        #expect(
            reloaded.add(
                entry(
                    "a", guid: "g", link: "https://x.org/1", title: "Café ☕ <b> \"quoted\" back\\slash\ttab\u{1}\nline",
                    summary: "Line"), at: now) == .seen(0, changed: false))
    }

    @Test(
        "any JSON of the catalogue's shape loads as JSONDecoder reads it: key order, whitespace, escapes, nulls, unknown keys"
    )
    func readerAgreesWithJSONDecoder() throws {
        struct File: Decodable { var items: [Item] }
        let text = """
            { "items" : [ {"title":"Caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\/ \\\\ \\t\\n\\b\\f\\r","id":"0123456789abcdef",
              "unknown": {"nested": [1, -2.5e3, true, false, null, "s"]},
              "link":"https://x.org/1","summary":"","published":null,"updated":"2026-01-02T03:04:05+01:00",
              "firstSeen":"2026-01-02T03:04:05Z","lastSeen":"2026-01-03T03:04:05.250Z","revised":"2026-01-03T03:04:05Z",
              "sources":[{"link":"https://x.org/1?utm_source=a","feed":"f","guid":null,"firstSeen":"2026-01-02T03:04:05Z","match":"same URL"}],
              "authors":["A. Writer"],"categories":[],
              "matches":[{"hub":"h","theme":"t","score":2.75,"terms":["x"]},
                         {"hub":"h","theme":"u","score":1E2,"terms":[],"contributions":[{"term":"x","kind":"boost","field":"title","weight":-0.5}]}]}
            ] ,
              "schemaVersion" : 1 }

            """
        let directory = TemporaryDirectory()
        try directory.write("catalogue.json", text)
        let loaded = try CatalogueStore(directory: directory.path).load()
        let expected = try HorizonJSON.decoder().decode(File.self, from: Data(text.utf8)).items
        #expect(loaded.items == expected)
        #expect(loaded.items.first?.title == "Café 😀 \"q\" / \\ \t\n\u{8}\u{C}\r")
        #expect(loaded.items.first?.matches.last?.score == 100)

        // What the fast reader refuses, JSONDecoder explains.
        try directory.write(
            "catalogue.json", text.replacingOccurrences(of: "\"kind\":\"boost\"", with: "\"kind\":\"hint\""))
        do {
            _ = try CatalogueStore(directory: directory.path).load()
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("does not match schema 1: items[0].matches[1].contributions[0].kind"))
        }
    }

    @Test("a large catalogue, read on every core, loads as written, and laid out another way as JSONDecoder reads it")
    func largeCatalogue() throws {
        struct File: Decodable { var items: [Item] }
        var catalogue = Catalogue()
        // Over 1 MB: read in shares cut at line starts. Titles hold what looks like a line break
        // and a brace, escaped as JSON writes them.
        let recent = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        for index in 0..<2_500 {
            catalogue.add(
                entry(
                    "f\(index % 9)", guid: "g\(index)", link: "https://x.org/\(index)",
                    title: "Story \(index)\n{\"id\":",
                    summary: String(repeating: "Words of story \(index). ", count: 20)), at: recent)
        }
        let directory = TemporaryDirectory()
        let store = CatalogueStore(directory: directory.path)
        try store.save(catalogue)
        let loaded = try store.load()
        #expect(loaded.items.count == 2_500)
        #expect(loaded.items == catalogue.items)
        #expect(loaded.item(id: catalogue.items[1_234].id)?.title == "Story 1234\n{\"id\":")
        var reloaded = loaded
        #expect(reloaded.add(entry("other", link: "https://x.org/2499"), at: recent) == .merged(2_499))
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)).count > 1 << 20)

        // The same stories pretty-printed, a line per key: the cuts fall inside stories, and the
        // file is read in one pass instead.
        let data = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let object = try JSONSerialization.jsonObject(with: data)
        let prettyData = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])
        try prettyData.write(to: URL(fileURLWithPath: store.path))
        let expected = try HorizonJSON.decoder().decode(File.self, from: prettyData).items
        let pretty = try store.load()
        #expect(expected.count == 2_500)
        #expect(pretty.items == expected)
    }

    @Test("a corrupt catalogue is reported and never overwritten")
    func corrupt() throws {
        let directory = TemporaryDirectory()
        let store = CatalogueStore(directory: directory.path)
        try directory.write("catalogue.json", "{\"schemaVersion\": 1, \"items\": [")
        #expect(throws: CatalogueError.self) { try store.load() }
        do {
            _ = try store.load()
        } catch {
            #expect(error.message.hasPrefix(store.path + ": the catalogue is not valid JSON"))
        }
        #expect(try String(contentsOfFile: store.path, encoding: .utf8) == "{\"schemaVersion\": 1, \"items\": [")
    }

    @Test("a catalogue from a newer version is refused")
    func newerSchema() throws {
        let directory = TemporaryDirectory()
        try directory.write("catalogue.json", "{\"schemaVersion\": 99, \"items\": []}")
        do {
            _ = try CatalogueStore(directory: directory.path).load()
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("schemaVersion 99 is newer than this horizon understands"))
        }
    }

    @Test("a missing catalogue is an empty one")
    func missing() throws {
        let directory = TemporaryDirectory()
        #expect(try CatalogueStore(directory: directory.path + "/none").load().items.isEmpty)
    }

    @Test("the data directory lock is exclusive")
    func lock() throws {
        let directory = TemporaryDirectory()
        let held = try DirectoryLock(directory: directory.path)
        #expect(throws: DirectoryLock.Busy.self) { try DirectoryLock(directory: directory.path, wait: 0.2) }
        withExtendedLifetime(held) {}
        _ = consume held
        let again = try DirectoryLock(directory: directory.path)
        withExtendedLifetime(again) {}
    }

    @Test("FNV-1a: the published test vectors, the same through every input form")
    func fnv1a() {
        let vectors: [(String, UInt64)] = [
            ("", 0xcbf2_9ce4_8422_2325), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8),
        ]
        for (text, expected) in vectors {
            #expect(FNV1a.hash(text.utf8) == expected)
            #expect(FNV1a.hash(Data(text.utf8)) == expected)
            #expect(FNV1a.hash(Array(text.utf8)) == expected)
            #expect(FNV1a.hash(text.utf8.lazy.map { $0 }) == expected)  // no contiguous storage
            #expect(Array(text.utf8).withUnsafeBytes { FNV1a.hash($0) } == expected)
        }
    }
}

@Suite("The same story from another outlet")
struct NearDuplicateTests {
    struct Pairs: Decodable {
        struct Story: Decodable {
            var title: String
            var summary: String
        }
        struct Pair: Decodable {
            var a: Story
            var b: Story
            var same: Bool
        }
        var pairs: [Pair]
    }

    @Test("every labelled pair is told apart: rewritten stories joined, same-topic stories kept apart")
    func labelledPairs() throws {
        let pairs = try JSONDecoder().decode(Pairs.self, from: fixture("near-duplicates.json")).pairs
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        for pair in pairs {
            let same = StoryFingerprint(title: pair.a.title, summary: pair.a.summary)
                .isSameStory(as: StoryFingerprint(title: pair.b.title, summary: pair.b.summary))
            if same && pair.same { truePositives += 1 }
            if same && !pair.same { falsePositives += 1 }
            if !same && pair.same { falseNegatives += 1 }
            #expect(same == pair.same, "\(pair.a.title) / \(pair.b.title)")
        }
        #expect(truePositives == 8 && falsePositives == 0 && falseNegatives == 0)
    }

    @Test("numbers that disagree keep stories apart")
    func numbers() {
        let a = StoryFingerprint(
            title: "Government announces £250m for NHS AI tools", summary: "The fund will run for three years.")
        let b = StoryFingerprint(
            title: "Government announces £30m for NHS AI tools", summary: "The fund will run for three years.")
        #expect(a.similarity(to: b) == 0)
    }

    @Test("a fingerprint holds each content word once, in order, without stop words, however long the title")
    func fingerprintWords() {
        let short = StoryFingerprint(title: "The NHS and the NHS trial of Drugs with drug", summary: "")
        let expected = ["nhs", "trial", "drug"].map(StoryFingerprint.key).sorted()
        #expect(short.words == expected)
        #expect(short.titleWords == expected)
        // Past 64 words the keys are sorted another way: the result must be the same kind of list.
        let many = (0..<150).map { "word\($0 % 90)" }
        let long = StoryFingerprint(title: many.joined(separator: " "), summary: "")
        let manyExpected = Array(Set(many.map(StoryFingerprint.key))).sorted()
        #expect(long.words == manyExpected)
        let reversed = StoryFingerprint(title: many.reversed().joined(separator: " "), summary: "")
        #expect(reversed == long)
    }

    @Test("after many thousands of distinct words, a retelling still finds its story and others stay apart")
    func manyWords() {
        var catalogue = Catalogue()
        catalogue.joinsSimilarStories = true
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        // 3,000 stories of 15 words no other story uses: 45,000 words, more than the word table's first size.
        func words(_ story: Int, _ from: Int, _ count: Int) -> String {
            (from..<(from + count)).map { "w\(story)x\($0)" }.joined(separator: " ")
        }
        for story in 0..<3_000 {
            let entry = IncomingEntry(
                feed: "f\(story % 7)", guid: nil, link: "https://a.example/\(story)", title: words(story, 0, 5),
                summary: words(story, 5, 10), published: now)
            #expect(catalogue.add(entry, at: now) == .new(story))
        }
        // Story 5 told again by a feed that did not carry it, with one word changed.
        let retelling = IncomingEntry(
            feed: "other", guid: nil, link: "https://b.example/5", title: words(5, 0, 5),
            summary: words(5, 5, 9) + " rewritten", published: now)
        guard case .similar(5, _) = catalogue.add(retelling, at: now) else {
            Issue.record("expected story 5")
            return
        }
        let unrelated = IncomingEntry(
            feed: "other", guid: nil, link: "https://b.example/new", title: words(9_999, 0, 5),
            summary: words(9_999, 5, 10), published: now)
        #expect(catalogue.add(unrelated, at: now) == .new(3_000))
    }

    @Test("the catalogue joins another outlet's telling, explains it, and puts the original publisher first")
    func catalogueJoins() {
        var catalogue = Catalogue()
        catalogue.joinsSimilarStories = true
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let trade = IncomingEntry(
            feed: "digital-health", guid: nil, link: "https://digitalhealth.example/frailty-wards",
            title: "NHS England expands frailty virtual wards for winter",
            summary:
                "Virtual wards will support 50,000 more older people with frailty this winter, with remote monitoring used to spot deterioration early, NHS England announced.",
            published: now.addingTimeInterval(-3600))
        let original = IncomingEntry(
            feed: "nhs-england", guid: "p=1", link: "https://england.nhs.example/2026/11/virtual-wards",
            title: "Virtual wards to support 50,000 more older people with frailty this winter",
            summary:
                "Hospital-at-home teams will care for more older people living with frailty this winter, NHS England said today. Clinicians will use remote monitoring to spot deterioration early.",
            published: now.addingTimeInterval(-7200))
        #expect(catalogue.add(trade, at: now) == .new(0))
        guard case .similar(0, let similarity) = catalogue.add(original, at: now) else {
            Issue.record("expected the same story")
            return
        }
        #expect(similarity >= StoryFingerprint.threshold)
        let item = catalogue.items[0]
        #expect(catalogue.items.count == 1)
        #expect(item.sources.map(\.feed) == ["nhs-england", "digital-health"])
        #expect(item.sources[0].match == nil)
        #expect(item.sources[1].match?.hasPrefix("same story (") == true)
        #expect(item.title == "Virtual wards to support 50,000 more older people with frailty this winter")
        #expect(item.link == "https://england.nhs.example/2026/11/virtual-wards")
        // The same entries again change nothing; a different story on the same topic stays apart.
        #expect(catalogue.add(original, at: now) == .seen(0, changed: false))
        let other = IncomingEntry(
            feed: "regional", guid: nil, link: "https://regional.example/wards",
            title: "Frailty virtual ward extended to three coastal towns",
            summary:
                "A community trust in the South West has extended its hospital-at-home service for people living with moderate or severe frailty.",
            published: now)
        #expect(catalogue.add(other, at: now) == .new(1))
        // Off by default: without dedup.similarStories the two tellings stay two items.
        var plain = Catalogue()
        #expect(plain.add(trade, at: now) == .new(0))
        #expect(plain.add(original, at: now) == .new(1))
    }
}
