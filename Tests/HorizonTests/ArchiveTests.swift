import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonSearch
import HorizonTesting
import Testing

/// A catalogue with three stories: A last seen on day 0, B on day 45, C on day 100.
struct ArchiveFixture {
    let directory = TemporaryDirectory()
    var store: CatalogueStore { CatalogueStore(directory: directory.path) }
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

    static func day(_ n: Double) -> Date { start.addingTimeInterval(n * 86_400) }

    static func entry(_ name: String, feed: String = "feed-a", link: String? = nil) -> IncomingEntry {
        IncomingEntry(
            feed: feed, guid: feed == "feed-a" ? "guid-\(name)" : nil, link: link ?? "https://example.org/news/\(name)",
            title: "Story \(name) about virtual wards", summary: "Summary of \(name).")
    }

    func build() -> Catalogue {
        var catalogue = Catalogue()
        catalogue.add(ArchiveFixture.entry("a"), at: ArchiveFixture.day(0))
        catalogue.add(ArchiveFixture.entry("b"), at: ArchiveFixture.day(45))
        catalogue.add(ArchiveFixture.entry("c"), at: ArchiveFixture.day(100))
        return catalogue
    }

    func ids(_ items: [Item]) -> [String] { items.map(\.title).sorted() }
}

@Suite("Catalogue growth: the archive")
struct ArchiveTests {
    @Test(
        "a run's save moves stories unseen for 60 days to their month's file, in monthly batches; load reads every story once"
    )
    func archiveOnSave() throws {
        let fixture = ArchiveFixture()
        let store = fixture.store
        // Day 50: nobody is 90 days unseen yet, so only catalogue.json is written.
        var early = Catalogue()
        early.add(ArchiveFixture.entry("a"), at: ArchiveFixture.day(0))
        #expect(try store.save(early, now: ArchiveFixture.day(50)).map(\.path) == [store.path])
        #expect(store.archiveMonths().isEmpty)

        let written = try store.save(fixture.build(), now: ArchiveFixture.day(100))
        #expect(written.map(\.path) == [store.archivePath(month: "2026-01"), store.path])
        #expect(store.archiveMonths() == ["2026-01"])
        #expect(try store.loadArchive(month: "2026-01").map(\.title) == ["Story a about virtual wards"])
        // B is 55 days unseen: it waits for the next batch.
        #expect(
            fixture.ids(try store.loadActive().items) == ["Story b about virtual wards", "Story c about virtual wards"])
        #expect(
            fixture.ids(try store.load().items) == [
                "Story a about virtual wards", "Story b about virtual wards", "Story c about virtual wards",
            ])
        #expect(FileManager.default.fileExists(atPath: store.archiveDirectory + "/keys.idx"))
        #expect(store.archivedCount(besides: try store.loadActive().items) == 1)

        // The next run leaves the archive file alone.
        let before =
            try FileManager.default.attributesOfItem(atPath: store.archivePath(month: "2026-01"))[.modificationDate]
            as? Date
        #expect(try store.save(try store.loadActive(), now: ArchiveFixture.day(101)).map(\.path) == [store.path])
        let after =
            try FileManager.default.attributesOfItem(atPath: store.archivePath(month: "2026-01"))[.modificationDate]
            as? Date
        #expect(before == after)
    }

    @Test(
        "a story a feed carries again comes back from the archive and is merged, not added twice; search shows it once")
    func restore() throws {
        let fixture = ArchiveFixture()
        let store = fixture.store
        for file in try store.save(fixture.build(), now: ArchiveFixture.day(100)) { try SearchIndexFile.write(file) }

        var catalogue = try store.loadActive()
        let again = ArchiveFixture.entry("a")
        let elsewhere = ArchiveFixture.entry("a2", feed: "feed-b", link: "https://www.example.org/news/a/?utm_source=x")
        #expect(try store.restore(into: &catalogue, for: [again, elsewhere, ArchiveFixture.entry("new")]) == 1)
        let index = try #require(catalogue.items.firstIndex { $0.title == "Story a about virtual wards" })
        #expect(catalogue.add(again, at: ArchiveFixture.day(101)) == .seen(index, changed: false))
        #expect(catalogue.add(elsewhere, at: ArchiveFixture.day(101)) == .merged(index))
        for file in try store.save(catalogue, now: ArchiveFixture.day(101)) { try SearchIndexFile.write(file) }

        let all = try store.load().items
        #expect(all.filter { $0.title == "Story a about virtual wards" }.count == 1)
        #expect(all.first { $0.title == "Story a about virtual wards" }?.sources.count == 2)
        // The archive's copy is still in its file, superseded.
        #expect(try store.loadArchive(month: "2026-01").count == 1)
        #expect(store.archivedCount(besides: try store.loadActive().items) == 0)

        let session = try #require(try SearchSession.open(directory: fixture.directory.path))
        #expect(session.index.segments.count == 2)
        let hits = try SearchEngine(index: session.index, triage: session.triage)
            .search(try QueryParser.parse("\"story a\""), filters: SearchFilters(), sort: .date, limit: nil)
        #expect(hits.count == 1)
        let shown = try HorizonJSON.decoder().decode(Item.self, from: Data(session.index.itemJSON(hits[0].doc)))
        #expect(shown.sources.count == 2)
        #expect(session.docs(idPrefix: shown.id).count == 1)
        let words = try SearchEngine(index: session.index, triage: session.triage)
            .search(try QueryParser.parse("virtual wards"), filters: SearchFilters(), sort: .relevance, limit: nil)
        #expect(words.count == 3)
    }

    @Test("a story taken back in a run that also moves a batch is on disk before its month drops it")
    func restoredThenBatch() throws {
        let fixture = ArchiveFixture()
        let store = fixture.store
        try store.save(fixture.build(), now: ArchiveFixture.day(100))  // A goes to 2026-01
        var catalogue = try store.loadActive()
        // On day 140, A comes back (and is seen again), while B, unseen since day 45, is due to move; so is a
        // January story D, which makes the batch rewrite January, A's month.
        var old = Catalogue()
        old.add(ArchiveFixture.entry("d"), at: ArchiveFixture.day(10))
        catalogue.insert(old.items[0])
        #expect(try store.restore(into: &catalogue, for: [ArchiveFixture.entry("a")]) == 1)
        catalogue.add(ArchiveFixture.entry("a"), at: ArchiveFixture.day(140))
        try store.save(catalogue, now: ArchiveFixture.day(140))
        #expect(try store.loadArchive(month: "2026-01").map(\.title) == ["Story d about virtual wards"])
        // Were the run killed just before its last write, catalogue.json would be the version written
        // before the months (kept as the backup): A must be in it.
        let backup = try CatalogueStore.items(
            in: Data(contentsOf: URL(fileURLWithPath: store.backupPath)), path: store.backupPath)
        #expect(backup.contains { $0.title == "Story a about virtual wards" })
        #expect(fixture.ids(try store.load().items).count == 4)
    }

    @Test(
        "a run killed between the archive write and catalogue.json keeps every story, once; the next batch repairs the file"
    )
    func killedBetweenWrites() throws {
        let fixture = ArchiveFixture()
        let store = fixture.store
        let catalogue = fixture.build()
        try store.save(catalogue, now: ArchiveFixture.day(50))
        let beforeBatch = try Data(contentsOf: URL(fileURLWithPath: store.path))
        try store.save(catalogue, now: ArchiveFixture.day(100))
        // As if the run had died just before replacing catalogue.json.
        try beforeBatch.write(to: URL(fileURLWithPath: store.path))
        #expect(try store.loadActive().items.count == 3)
        #expect(try store.load().items.count == 3)

        let session = try #require(try SearchSession.open(directory: fixture.directory.path))
        #expect(session.rebuilt)
        let hits = try SearchEngine(index: session.index, triage: session.triage)
            .search(try QueryParser.parse("wards"), filters: SearchFilters(), sort: .date, limit: nil)
        #expect(hits.count == 3)

        // The next batch writes story A into its month file again: still once.
        try store.save(try store.loadActive(), now: ArchiveFixture.day(100))
        #expect(try store.loadArchive(month: "2026-01").count == 1)
        #expect(try store.load().items.count == 3)
    }

    @Test(
        "a missing or stale key index is rebuilt; a damaged archive file stops the run with its name and is left as it is"
    )
    func damaged() throws {
        let fixture = ArchiveFixture()
        let store = fixture.store
        try store.save(fixture.build(), now: ArchiveFixture.day(100))
        let keys = store.archiveDirectory + "/keys.idx"
        unlink(keys)
        var catalogue = try store.loadActive()
        #expect(try store.restore(into: &catalogue, for: [ArchiveFixture.entry("a")]) == 1)
        #expect(FileManager.default.fileExists(atPath: keys))
        try Data("HZKEYS01 and then nothing sensible".utf8).write(to: URL(fileURLWithPath: keys))
        catalogue = try store.loadActive()
        #expect(try store.restore(into: &catalogue, for: [ArchiveFixture.entry("a")]) == 1)

        let month = store.archivePath(month: "2026-01")
        try Data("{\"schemaVersion\":1,\"items\":[{".utf8).write(to: URL(fileURLWithPath: month))
        catalogue = try store.loadActive()
        do {
            try store.restore(into: &catalogue, for: [ArchiveFixture.entry("a")])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix(month + ": the catalogue is not valid JSON"))
        }
        #expect(throws: CatalogueError.self) { try store.load() }
        #expect(try String(contentsOfFile: month, encoding: .utf8) == "{\"schemaVersion\":1,\"items\":[{")
    }

    @Test("a full rewrite (prune, re-match) puts each story where its last sighting belongs and removes emptied months")
    func saveAll() throws {
        let fixture = ArchiveFixture()
        let store = fixture.store
        try store.save(fixture.build(), now: ArchiveFixture.day(100))
        #expect(store.archiveMonths() == ["2026-01"])
        let kept = try store.load().items.filter { $0.title != "Story a about virtual wards" }
        let written = try store.saveAll(kept, now: ArchiveFixture.day(200))
        // B and C are now long unseen: both archived in their own months; January is gone.
        #expect(store.archiveMonths() == ["2026-02", "2026-04"])
        #expect(written.count == 3)
        #expect(try store.loadActive().items.isEmpty)
        #expect(fixture.ids(try store.load().items) == ["Story b about virtual wards", "Story c about virtual wards"])
    }
}
