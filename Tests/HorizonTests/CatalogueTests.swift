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
        #expect(catalogue.add(entry("a", guid: "1", link: "https://x.org/1", title: "New"), at: now) == .seen(0, changed: true))
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
        catalogue.add(entry("a", guid: "g", link: "https://x.org/1", title: "Café ☕ <b> \"quoted\" back\\slash\ttab\u{1}\nline", summary: "Line"), at: now)
        catalogue.update(at: 0) {
            $0.matches = [ThemeMatch(hub: "dorset", theme: "frailty", score: 2.5, terms: ["frailty"], contributions: [Contribution(term: "frailty", kind: .include, field: "title", weight: 2.5)])]
            $0.revised = now
            $0.updated = Date(timeIntervalSince1970: -86_400 * 365)
            $0.published = Date(timeIntervalSince1970: 1_749_000_000)
        }
        try store.save(catalogue)
        try store.save(catalogue)
        let loaded = try store.load()
        #expect(loaded.items == catalogue.items)
        #expect(FileManager.default.fileExists(atPath: store.backupPath))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        let json = try #require(String(data: Data(contentsOf: URL(fileURLWithPath: store.path)), encoding: .utf8))
        #expect(json.hasPrefix("{\"schemaVersion\":1,\"items\":["))
        // A reloaded catalogue still recognises what it holds.
        var reloaded = loaded
        #expect(reloaded.add(entry("a", guid: "g", link: "https://x.org/1", title: "Café ☕ <b> \"quoted\" back\\slash\ttab\u{1}\nline", summary: "Line"), at: now) == .seen(0, changed: false))
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
}
