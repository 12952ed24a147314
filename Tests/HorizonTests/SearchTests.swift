import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch
import HorizonTesting
import HorizonText
import Testing

@testable import HorizonSearch

/// A data directory holding `items` as a saved catalogue with its search index.
final class SearchFixture {
    let directory = TemporaryDirectory()
    let items: [Item]

    init(_ items: [Item], triage: [TriageEvent] = []) throws {
        self.items = items
        // Saved as on the day of the newest sighting, so that every item stays in catalogue.json.
        let now = items.map(\.lastSeen).max() ?? Date()
        for file in try CatalogueStore(directory: directory.path).save(Catalogue(items: items), now: now) {
            try SearchIndexFile.write(file)
        }
        if !triage.isEmpty { try TriageStore(directory: directory.path).save(TriageLog(events: triage)) }
    }

    func session() throws -> SearchSession { try #require(try SearchSession.open(directory: directory.path)) }

    func ids(
        _ query: String, _ filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance, limit: Int? = nil,
        feedTitles: [String: String] = [:]
    ) throws -> [String] {
        let session = try session()
        let engine = SearchEngine(index: session.index, triage: session.triage, feedTitles: feedTitles)
        return try engine.search(try QueryParser.parse(query), filters: filters, sort: sort, limit: limit).map {
            session.index.id($0.doc)
        }
    }
}

func searchItem(
    _ id: String, _ title: String, _ summary: String = "", day: Double = 0, feeds: [String] = ["feed-a"],
    matches: [(String, String, Double)] = [], priorities: [String: Double]? = nil
) -> Item {
    let date = Date(timeIntervalSince1970: 1_780_000_000 + day * 86_400)
    var item = Item(
        id: id, title: title, link: "https://example.org/\(id)", summary: summary, published: date, firstSeen: date,
        lastSeen: date,
        sources: feeds.map {
            ItemSource(feed: $0, link: "https://example.org/\(id)?via=\($0)", guid: nil, firstSeen: date)
        },
        matches: matches.map { ThemeMatch(hub: $0.0, theme: $0.1, score: $0.2, terms: []) })
    item.priorities = priorities
    return item
}

@Suite("Search query language")
struct QueryParserTests {
    func word(_ text: String, prefix: Bool = false, title: Bool = false) -> QueryNode {
        .word(text, prefix: prefix, titleOnly: title)
    }

    @Test("words are ANDed; OR binds tighter; '-' excludes; parentheses group")
    func grammar() throws {
        #expect(try QueryParser.parse("frailty falls") == .and([word("frailty"), word("falls")]))
        #expect(
            try QueryParser.parse("frailty falls OR fracture")
                == .and([word("frailty"), .or([word("falls"), word("fracture")])]))
        #expect(try QueryParser.parse("ward -paediatric") == .and([word("ward"), .not(word("paediatric"))]))
        #expect(try QueryParser.parse("(a1 OR b2) c3") == .and([.or([word("a1"), word("b2")]), word("c3")]))
        #expect(try QueryParser.parse("-(a1 b2)") == .not(.and([word("a1"), word("b2")])))
    }

    @Test("phrases, prefixes, fields; words folded as the index folds them; stopwords dropped outside phrases")
    func terms() throws {
        #expect(try QueryParser.parse("\"Virtual Ward\"") == .phrase(["virtual", "ward"], titleOnly: false))
        #expect(try QueryParser.parse("vacc*") == word("vacc", prefix: true))
        #expect(try QueryParser.parse("title:\"care home\"") == .phrase(["care", "home"], titleOnly: true))
        #expect(try QueryParser.parse("title:Wards") == word("wards", title: true))
        #expect(
            try QueryParser.parse("theme:ageing-frailty hub:dorset")
                == .and([.field("theme", "ageing-frailty"), .field("hub", "dorset")]))
        #expect(
            try QueryParser.parse("status:shortlisted -source:\"nhs england\"")
                == .and([.field("status", "shortlisted"), .not(.field("source", "nhs england"))]))
        #expect(try QueryParser.parse("the care of the Café") == .and([word("care"), word("cafe")]))
        #expect(try QueryParser.parse("hospital-at-home") == .phrase(["hospital", "at", "home"], titleOnly: false))
        #expect(try QueryParser.parse("“smart quotes”") == .phrase(["smart", "quotes"], titleOnly: false))
        #expect(try QueryParser.parse("") == .all)
        #expect(try QueryParser.parse("the of") == .all)
        // An unknown prefix before a colon is just text.
        #expect(try QueryParser.parse("covid:19") == .phrase(["covid", "19"], titleOnly: false))
    }

    @Test(
        "syntax errors say what is wrong",
        arguments: [
            ("(frailty", "unbalanced '('"), ("frailty)", "unbalanced ')'"), ("OR frailty", "OR needs a term"),
            ("frailty OR", "OR needs a term"), ("title:", "title: needs a value"),
        ])
    func errors(_ query: String, _ message: String) {
        #expect(throws: QuerySyntaxError.self) { try QueryParser.parse(query) }
        do {
            _ = try QueryParser.parse(query)
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}

@Suite("Search")
struct SearchTests {
    let fixture: SearchFixture

    init() throws {
        fixture = try SearchFixture(
            [
                searchItem(
                    "a", "Virtual wards in care homes", "A frailty service for older people.", day: 1,
                    feeds: ["nhs-england"],
                    matches: [("dorset", "ageing-frailty", 4)], priorities: ["dorset": 0.6]),
                searchItem(
                    "b", "Café opens in hospital", "A résumé of the hospitalization figures and a virtual tour.",
                    day: 3, feeds: ["local-news"]),
                searchItem(
                    "c", "Awards night for nurses", "No wards here; the ward virtual tour is elsewhere.", day: 2,
                    feeds: ["nursing-times"],
                    matches: [("cm", "workforce", 2)]),
                searchItem(
                    "d", "Virtual WARD expands to cover the county", "Digital monitoring at home.", day: 4,
                    feeds: ["nhs-england", "local-news"],
                    matches: [("cm", "digital", 5), ("dorset", "digital", 1.5)],
                    priorities: ["cm": 0.7, "dorset": 0.3]),
                searchItem(
                    "e", "Hospitalisation rates fall", "Fewer hospitalisations this winter, with vaccination up.",
                    day: 5, feeds: ["ons"],
                    matches: [("dorset", "winter", 3)], priorities: ["dorset": 0.45]),
            ],
            triage: [
                TriageEvent(item: "a", status: .watching, at: Date(timeIntervalSince1970: 1_790_000_000), by: "ann"),
                TriageEvent(
                    item: "a", status: .shortlisted, at: Date(timeIntervalSince1970: 1_790_000_100), by: "bob",
                    note: "board"),
                TriageEvent(item: "c", status: .rejected, at: Date(timeIntervalSince1970: 1_790_000_200), by: "ann"),
            ])
    }

    @Test("words are stemmed and folded like the matcher's: wards finds ward, not awards; spelling and accents fold")
    func words() throws {
        #expect(Set(try fixture.ids("wards")) == ["a", "c", "d"])
        #expect(try fixture.ids("awards") == ["c"])
        #expect(Set(try fixture.ids("hospitalization")) == ["b", "e"])
        #expect(try fixture.ids("CAFE resume") == ["b"])
        #expect(Set(try fixture.ids("virtual ward")) == ["a", "c", "d"])
        #expect(try fixture.ids("telescope").isEmpty)
    }

    @Test("the publisher's categories are searched with the summary")
    func categories() throws {
        var item = searchItem("tagged", "Trust news", "A short note.", day: 0)
        item.categories = ["Remote monitoring", "Heart failure"]
        let fixture = try SearchFixture([item, searchItem("other", "Remote work policy", "Monitoring staff.", day: 1)])
        #expect(try fixture.ids("\"remote monitoring\"") == ["tagged"])
        #expect(try fixture.ids("\"monitoring heart\"").isEmpty, "categories do not run into each other")
    }

    @Test("phrases match words in order within one field")
    func phrases() throws {
        #expect(Set(try fixture.ids("\"virtual ward\"")) == ["a", "d"])
        #expect(try fixture.ids("\"ward virtual\"") == ["c"])
        // "care homes" ends the title; "A frailty" begins the summary: no phrase across fields.
        #expect(try fixture.ids("\"homes a frailty\"").isEmpty)
        #expect(try fixture.ids("title:\"virtual tour\"").isEmpty)
        #expect(Set(try fixture.ids("\"virtual tour\"")) == ["b", "c"])
    }

    @Test("OR, exclusions, prefixes and title:")
    func operators() throws {
        #expect(Set(try fixture.ids("cafe OR nurses")) == ["b", "c"])
        #expect(Set(try fixture.ids("ward -awards")) == ["a", "d"])
        #expect(Set(try fixture.ids("-\"virtual ward\" virtual")) == ["b", "c"])
        #expect(Set(try fixture.ids("hosp*")) == ["b", "e"])
        #expect(Set(try fixture.ids("title:ward")) == ["a", "d"])
        #expect(Set(try fixture.ids("(cafe OR awards) -nurses")) == ["b"])
    }

    @Test("fields: source, feed, theme, hub, status")
    func fields() throws {
        let titles = ["nhs-england": "NHS England", "nursing-times": "Nursing Times"]
        #expect(Set(try fixture.ids("source:\"nhs england\"", feedTitles: titles)) == ["a", "d"])
        #expect(Set(try fixture.ids("source:nurs", feedTitles: titles)) == ["c"])
        #expect(Set(try fixture.ids("feed:local-news")) == ["b", "d"])
        #expect(Set(try fixture.ids("theme:digital")) == ["d"])
        #expect(Set(try fixture.ids("hub:dorset")) == ["a", "d", "e"])
        #expect(try fixture.ids("status:shortlisted") == ["a"])
        #expect(Set(try fixture.ids("status:new")) == ["b", "d", "e"])
        #expect(Set(try fixture.ids("ward -status:rejected")) == ["a", "d"])
        #expect(throws: QuerySyntaxError.self) { try fixture.ids("status:maybe") }
        #expect(try fixture.ids("theme:no-such-theme").isEmpty)
    }

    @Test("filters: hub, theme, dates, feeds, statuses, minimum score")
    func filters() throws {
        var filters = SearchFilters()
        filters.hub = "dorset"
        #expect(try fixture.ids("", filters) == ["e", "d", "a"])
        filters.theme = "digital"
        #expect(try fixture.ids("", filters) == ["d"])
        filters = SearchFilters()
        filters.minScore = 3.5
        #expect(try fixture.ids("", filters) == ["d", "a"])
        filters.hub = "dorset"
        #expect(try fixture.ids("", filters) == ["a"], "d scores 5 for cm but 1.5 for dorset")
        filters = SearchFilters()
        filters.since = Date(timeIntervalSince1970: 1_780_000_000 + 2 * 86_400)
        filters.until = Date(timeIntervalSince1970: 1_780_000_000 + 4 * 86_400)
        #expect(try fixture.ids("", filters) == ["d", "b", "c"])
        filters = SearchFilters()
        filters.feeds = ["local-news", "ons"]
        #expect(try fixture.ids("", filters) == ["e", "d", "b"])
        filters = SearchFilters()
        filters.statuses = [.shortlisted, .rejected]
        #expect(try fixture.ids("", filters) == ["c", "a"])
        #expect(try fixture.ids("", limit: 2) == ["e", "d"])
    }

    @Test("ranking: a word in the title beats the same word in the summary; rarer words weigh more; --sort date")
    func ranking() throws {
        // d has "ward" in its title and is newest of a, c, d; a has it in the title too; c only in its summary.
        let ranked = try fixture.ids("ward")
        #expect(ranked.last == "c")
        #expect(try fixture.ids("ward", sort: .date) == ["d", "c", "a"])
        let fixture2 = try SearchFixture([
            searchItem("filler1", "Care plans", "", day: 9),
            searchItem("both-in-title", "Telehealth for care homes", "", day: 0),
            searchItem("filler2", "Care costs", "", day: 8),
            searchItem(
                "in-summary", "Care update", String(repeating: "other words ", count: 30) + "telehealth", day: 0),
            searchItem("filler3", "Care news", "", day: 7),
        ])
        let found = try fixture2.ids("care telehealth")
        #expect(found == ["both-in-title", "in-summary"], "\(found)")
        // The rare word outweighs the common one, whatever the dates.
        #expect(Set(try fixture2.ids("care OR telehealth").prefix(2)) == ["both-in-title", "in-summary"])
        #expect(try fixture2.ids("care OR telehealth", sort: .date).first == "filler1")
    }

    @Test("the index is rebuilt when the catalogue changed behind it, and kept for the next search")
    func staleIndex() throws {
        let fixture = try SearchFixture([searchItem("x", "Frailty hubs", day: 0)])
        #expect(try fixture.session().rebuilt == false)
        // Another writer replaces the catalogue without updating the index.
        try CatalogueStore(directory: fixture.directory.path).save(
            Catalogue(items: [
                searchItem("x", "Frailty hubs", day: 0), searchItem("y", "Frailty clinics", day: 1),
            ]), now: fixture.items.map(\.lastSeen).max()!)
        let session = try fixture.session()
        #expect(session.rebuilt)
        #expect(try fixture.ids("frailty") == ["y", "x"])
        #expect(try fixture.session().rebuilt == false)
        // A damaged index is rebuilt, not trusted.
        try Data("HZSRCH01 garbage".utf8).write(to: URL(fileURLWithPath: SearchIndex.path(in: fixture.directory.path)))
        #expect(try fixture.session().rebuilt)
        #expect(try fixture.ids("clinics") == ["y"])
    }

    @Test("the header is read back as written; an index of another format version is rebuilt, not read")
    func headerVersion() throws {
        let header = SearchIndexHeader(
            docCount: 3, termCount: 70_000,
            catalogueIdentity: FileIdentity(size: 9, modifiedSeconds: -2, modifiedNanoseconds: 5, inode: 7),
            newest: 1_780_000_000, averageTitle: 6.5, averageSummary: 21.25,
            sections: [160, 304, 312, 400, 900, 1200, 1500, 42])
        let bytes = header.encoded()
        #expect(bytes.count == SearchIndexHeader.size)
        #expect(try bytes.withUnsafeBytes { try SearchIndexHeader($0) } == header)

        let fixture = try SearchFixture([searchItem("x", "Frailty hubs", day: 0)])
        let path = SearchIndex.path(in: fixture.directory.path)
        var file = try Data(contentsOf: URL(fileURLWithPath: path))
        file[SearchIndexHeader.Offset.version] = UInt8(SearchIndexHeader.version + 1)
        try file.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SearchIndex.FormatError.self) { try SearchIndex(path: path) }
        #expect(error?.message.contains("format \(SearchIndexHeader.version + 1)") == true)
        #expect(try fixture.session().rebuilt)
        #expect(try fixture.ids("frailty") == ["x"])
        #expect(try fixture.session().rebuilt == false)
    }

    @Test("an index read on several cores is byte for byte the index read on one")
    func sharesAgree() {
        let words = [
            "frailty", "virtual", "wards", "care", "homes", "older", "people", "diabetes", "screening", "AI", "winter",
            "nurses",
        ]
        let items: [Item] = (0..<3_001).map { (n: Int) -> Item in
            let title: String = words[n % 12] + " " + words[(n * 7) % 12] + " number\(n % 97)"
            let summary: String = words[(n * 5) % 12] + " and " + words[(n * 3) % 12] + " word\(n)"
            let matches: [(String, String, Double)] = n % 3 == 0 ? [("dorset", "frailty", Double(n % 7))] : []
            return searchItem("i\(n)", title, summary, day: Double(n % 40), feeds: ["feed-\(n % 5)"], matches: matches)
        }
        let spans = items.indices.map { $0 * 10..<($0 * 10 + 10) }
        let identity = FileIdentity(size: 1, modifiedSeconds: 2, modifiedNanoseconds: 3, inode: 4)
        let one = SearchIndexBuilder.build(items: items, spans: spans, identity: identity, shares: 1)
        for shares in [3, 8] {
            let many = SearchIndexBuilder.build(items: items, spans: spans, identity: identity, shares: shares)
            let differs =
                one.indices.first { $0 >= many.count || one[$0] != many[$0] }
                ?? (one.count == many.count ? nil : one.count)
            #expect(differs == nil, "\(shares) shares: first difference at byte \(differs ?? 0) of \(one.count)")
        }
        let fewer = SearchIndexBuilder.build(
            items: Array(items.dropLast()), spans: Array(spans.dropLast()), identity: identity, shares: 1)
        #expect(one.count != fewer.count)
    }

    @Test(
        "a catalogue written on several cores: the writer's spans are the file's, and the index is the one a search rebuilds"
    )
    func writtenSpans() throws {
        let temporary = TemporaryDirectory()
        let items: [Item] = (0..<2_500).map { n in
            searchItem(
                "w\(n)", "Story \(n) about \(n % 2 == 0 ? "frailty" : "winter \"pressures\"")", "Text\n\(n) é",
                day: Double(n % 30))
        }
        let store = CatalogueStore(directory: temporary.path)
        let written = try store.save(Catalogue(items: items), now: items.map(\.lastSeen).max()!)
        let file = try #require(written.last)
        let spans = try #require(file.spans)
        let mapped = try MappedFile(path: store.path)
        #expect(spans == CatalogueSpans.scan(mapped.bytes))
        #expect(try store.loadActive().items == items)
        try SearchIndexFile.write(file)
        let fromSpans = try Data(contentsOf: URL(fileURLWithPath: SearchIndex.path(in: temporary.path)))
        let rebuilt = try SearchIndexBuilder.build(items: items, catalogue: mapped)
        #expect(fromSpans == Data(rebuilt))
    }

    @Test("the index points at each item's exact bytes in catalogue.json")
    func spans() throws {
        let session = try fixture.session()
        for doc in 0..<session.index.docCount {
            let data = Data(session.index.itemJSON(doc))
            let item = try HorizonJSON.decoder().decode(Item.self, from: data)
            #expect(item == fixture.items[doc])
        }
    }

    @Test("JSON, JSON Lines and CSV output carry status, history and the catalogue's item fields")
    func output() throws {
        let session = try fixture.session()
        let engine = SearchEngine(index: session.index, triage: session.triage)
        let hits = try engine.search(
            try QueryParser.parse("ward"), filters: SearchFilters(), sort: .relevance, limit: nil)
        let results = SearchResults(
            hits: hits, index: session.index, triage: session.triage,
            feedTitles: ["nhs-england": "NHS England"], ranked: true)
        let array = try #require(
            try JSONSerialization.jsonObject(with: Data(results.json(lines: false))) as? [[String: Any]])
        #expect(array.map { $0["id"] as? String } == hits.map { session.index.id($0.doc) })
        let a = try #require(array.first { $0["id"] as? String == "a" })
        #expect(a["status"] as? String == "shortlisted")
        #expect(
            (a["statusHistory"] as? [[String: Any]])?.map { $0["status"] as? String } == ["watching", "shortlisted"])
        #expect(a["summary"] as? String == "A frailty service for older people.")
        #expect(a["searchScore"] is Double)
        #expect(a["priority"] as? Double == 0.6)
        #expect(a["priorities"] as? [String: Double] == ["dorset": 0.6])
        let c = try #require(array.first { $0["id"] as? String == "c" })
        #expect(c["priority"] == nil)
        let lines = String(decoding: results.json(lines: true), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }

        let csv = results.csv()
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == SearchResults.csvHeader.joined(separator: ","))
        let rowA = try #require(rows.first { $0.hasPrefix("a,") })
        #expect(
            rowA.contains(
                ",shortlisted,Virtual wards in care homes,https://example.org/a,NHS England,dorset/ageing-frailty 4.000,4.000,bob,"
            ))
        #expect(rowA.hasSuffix(",board,A frailty service for older people.,0.60"))
        let rowC = try #require(rows.first { $0.hasPrefix("c,") })
        #expect(rowC.hasSuffix(",ann,2026-09-21T14:16:40Z,,No wards here; the ward virtual tour is elsewhere.,"))
        #expect(SearchResults.csvField("say \"hi\", then\nleave") == "\"say \"\"hi\"\", then\nleave\"")
    }

    @Test(
        "--min-priority keeps items whose priority for the hub (else their best) reaches it",
        arguments: [
            (nil, 0.5, ["a", "d"]), ("dorset", 0.4, ["a", "e"]), ("cm", 0.5, ["d"]), ("dorset", 0.0, ["a", "d", "e"]),
        ] as [(String?, Double, [String])])
    func minPriority(_ hub: String?, _ floor: Double, _ expected: [String]) throws {
        let session = try fixture.session()
        let engine = SearchEngine(index: session.index, triage: session.triage)
        var filters = SearchFilters()
        filters.hub = hub
        filters.minPriority = floor
        let hits = try engine.search(try QueryParser.parse(""), filters: filters, sort: .date, limit: nil)
        #expect(hits.map { session.index.id($0.doc) }.sorted() == expected)
    }

    @Test("a top-level string field is read from item JSON without decoding it")
    func jsonSlice() {
        let json = #"{"id":"x","sources":[{"summary":"inner"}],"summary":"line\n\"quoted\" \u00e9","title":"t"}"#
        let value = Array(json.utf8).withUnsafeBytes { JSONSlice.string("summary", in: $0) }
        #expect(value == "line\n\"quoted\" é")
        #expect(Array(json.utf8).withUnsafeBytes { JSONSlice.string("missing", in: $0) } == nil)
    }
}

@Suite("Search quality")
struct SearchQualityTests {
    struct Expectations: Decodable {
        struct Query: Decodable {
            var query: String
            var top: [String]
            var first: String?
            var absent: [String]?
        }
        var queries: [Query]
    }

    /// Realistic health news, matched by the shipped themes, one item a day.
    static func catalogue() throws -> SearchFixture {
        let config = try ConfigLoader.load(path: repositoryRoot() + "/feeds.json")
        let matcher = ThemeMatcher(config: config)
        var items: [Item] = []
        for file in ["health-news-check.json", "health-news-holdout.json"] {
            for labelled in try LabelledItems.load(path: fixtureURL(file).path).items {
                let matches = matcher.matches(title: labelled.title, summary: labelled.summary)
                items.append(
                    searchItem(
                        labelled.id, labelled.title, labelled.summary, day: Double(items.count),
                        matches: matches.map {
                            ($0.hub, $0.theme, $0.score)
                        }))
            }
        }
        return try SearchFixture(items)
    }

    @Test("the first screen of results holds the items an analyst expects, for every written-down query")
    func expectedTopResults() throws {
        let catalogue = try SearchQualityTests.catalogue()
        let expectations = try JSONDecoder().decode(Expectations.self, from: try fixture("search-queries.json"))
        #expect(expectations.queries.count >= 15)
        for query in expectations.queries {
            let results = try catalogue.ids(query.query, limit: 10)
            #expect(Set(results.prefix(query.top.count)) == Set(query.top), "\(query.query): \(results)")
            if let first = query.first { #expect(results.first == first, "\(query.query): \(results)") }
            for id in query.absent ?? [] { #expect(!results.contains(id), "\(query.query): \(results)") }
        }
    }
}

@Suite("Dates people type")
struct TimeSpecTests {
    @Test(
        "spans, dates, today, yesterday and month names",
        arguments: [
            ("7d", utc(2026, 11, 16, 12)), ("24h", utc(2026, 11, 22, 12)), ("2026-03-01", utc(2026, 3, 1)),
            ("today", utc(2026, 11, 23)), ("yesterday", utc(2026, 11, 22)), ("march", utc(2026, 3, 1)),
            ("Mar", utc(2026, 3, 1)),
            ("december", utc(2025, 12, 1)), ("november", utc(2026, 11, 1)),
        ] as [(String, Date)])
    func moments(_ text: String, _ expected: Date) {
        #expect(TimeSpec.moment(text, now: utc(2026, 11, 23, 12)) == expected)
    }

    @Test("what is not a date", arguments: ["ma", "soon", "2026-13-01", ""])
    func rejected(_ text: String) {
        #expect(TimeSpec.moment(text, now: utc(2026, 11, 23, 12)) == nil)
    }
}
