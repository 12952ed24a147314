import Foundation
import HorizonCore
import HorizonInnovations
import Testing

@Suite("Innovations: names, stages and records")
struct InnovationTests {
    let finder = InnovationFinder(
        watchlist: [
            WatchedInnovation(name: "C the Signs"),
            WatchedInnovation(name: "Virtual wards", aliases: ["virtual ward"], identifiers: ["NCT01234567"]),
        ], places: ["Wimborne"])

    func names(_ text: String, title: String = "") -> [String] { finder.innovations(title: title, summary: text) }

    @Test(
        "names as health news introduces them",
        arguments: [
            ("Brain in Hand, a digital self-management support system, helps autistic adults.", ["Brain in Hand"]),
            ("Patients can now use an app called Wysa while they wait.", ["Wysa"]),
            ("Healthy.io's Minuteful Kidney test lets people check at home.", ["Minuteful Kidney"]),
            ("Feebris is an AI-powered health check platform for care homes.", ["Feebris"]),
            ("Practices adopted DrDoctor last year.", ["DrDoctor"]),
            ("The HEAL-D sessions run weekly.", ["HEAL-D"]),
            ("Patients were offered tirzepatide (Mounjaro) on prescription.", ["tirzepatide (Mounjaro)"]),
            ("Lecanemab slows decline, trials show.", ["lecanemab"]),
            ("It uses its prostate detection software, Paige Prostate, in Europe.", ["Paige Prostate"]),
            ("Practices in the area use C-the-Signs to spot cancer.", ["C the Signs"]),
        ] as [(String, [String])])
    func found(_ text: String, _ expected: [String]) {
        #expect(names(text) == expected, "\(text)")
    }

    @Test(
        "no innovation in companies, places, people, generic care models and verbs",
        arguments: [
            "Skin Analytics, a company that makes skin cancer tools, raised money.",
            "In Dorset, a new service helps older people.", "For Sarah Jones, a pilot scheme changed her life.",
            "Wimborne, a market town, opened a clinic.", "Researchers at Imperial test a device for sepsis.",
            "Dorset Hospital Trials New App For Patients", "Dr Amira Khan, a consultant, said the service helps.",
            "The AI tool reads scans.", "Oxford researchers said the COVID-19 vaccine works.",
            "A new care model for frail older people was launched.", "Developed by AliveCor, it is small.",
            "Sarah Jones, the programme's clinical lead, said it works.",
        ])
    func none(_ text: String) {
        #expect(names(text).isEmpty, "\(text): \(names(text))")
    }

    @Test("a generic phrase is an innovation only through the watchlist")
    func genericPhrase() {
        #expect(names("More patients recovered on a virtual ward this winter.") == ["Virtual wards"])
        #expect(InnovationFinder().innovations(title: "", summary: "More patients on a virtual ward.").isEmpty)
    }

    @Test("a name known from another story is found where it is used bare, but not inside a longer name")
    func knownNames() {
        let known = KnownNames(["Cera", "Brain in Hand"])
        func bare(_ text: String) -> [String] { finder.adding(known, to: [], title: text, summary: "") }
        #expect(bare("Brain in Hand rolled out in Wirral") == ["Brain in Hand"])
        #expect(bare("Cera expands home care") == ["Cera"])
        #expect(bare("Cera Care raises money").isEmpty)
        #expect(bare("The brain in hand position").isEmpty)
    }

    @Test(
        "the stage a story puts its innovation in",
        arguments: [
            ("Trial of new inhaler begins recruiting", "A randomised trial will recruit 300 participants.", "research"),
            (
                "App cut admissions by a third, study finds", "Results published in the BMJ found that it works.",
                "evidence"
            ),
            ("Patch receives MHRA approval", "It has a UKCA mark as a class IIa device.", "regulatory"),
            ("NICE recommends the test", "Draft guidance says it can be used in the NHS.", "guidance"),
            ("Start-up awarded £2m", "The funding will support its development.", "funding"),
            (
                "Poole hospital goes live with the tool", "It went live this week, the first trust in the region.",
                "adoption"
            ),
            ("Tool to be rolled out across England", "NHS England announced a national rollout.", "spread"),
            ("Council approves leisure centre plans", "Councillors met on Tuesday.", "other"),
            ("Trusts told to cut agency spending", "By a further 10 per cent this year.", "other"),
        ] as [(String, String, String)])
    func stages(_ title: String, _ summary: String, _ expected: String) {
        #expect(StageReader.stage(title: title, summary: summary).rawValue == expected, "\(title)")
    }

    @Test("an identifier adds to its stage: a NICE reference is guidance")
    func stageFromIdentifiers() {
        #expect(StageReader.stage(title: "An update", summary: "More news.", identifiers: []) == .other)
        #expect(
            StageReader.stage(
                title: "An update", summary: "More news.", identifiers: [Identifier(type: .nice, value: "TA943")])
                == .guidance)
    }

    func item(
        _ id: String, _ title: String, _ summary: String = "", site: String = "a.example", day: Int,
        identifiers: [Identifier] = [], matches: [ThemeMatch] = []
    ) -> Item {
        let date = Date(timeIntervalSince1970: Double(day) * 86_400)
        var item = Item(
            id: id, title: title, link: "https://\(site)/\(id)", summary: summary, published: date, firstSeen: date,
            lastSeen: date,
            sources: [ItemSource(feed: site, link: "https://\(site)/\(id)", guid: nil, firstSeen: date)],
            matches: matches)
        let reading = finder.read(title: title, summary: summary, link: item.link)
        item.innovations = finder.innovations(title: title, summary: summary)
        item.identifiers = identifiers.isEmpty ? reading.identifiers : identifiers
        item.stage = reading.stage
        return item
    }

    @Test("one record per innovation across sites and months; a company's two products are two")
    func grouping() throws {
        let items = [
            item(
                "1", "Trial of Wysa begins", "Wysa, an AI mental health app, is being tested.", site: "bbc.co.uk",
                day: 10),
            item(
                "2", "Wysa cut waiting times, study finds", "Results published in the BMJ.", site: "bmj.com", day: 100),
            item("3", "Touchkin launches Wysa Pro", "Wysa Pro, a new therapy app for employers, launched.", day: 120),
            item("4", "Paper out", "See PMID: 32156342 for the evaluation.", day: 130, identifiers: []),
            item("5", "Minor news", "Nothing named here.", day: 140),
        ]
        // As a run reads them: names one story introduced are looked for in the others.
        let known = KnownNames(items.flatMap { $0.innovations ?? [] })
        var withPaper = items.map { item in
            var item = item
            item.innovations = finder.adding(
                known, to: item.innovations ?? [], title: item.title, summary: item.summary)
            return item
        }
        withPaper[1].identifiers = [Identifier(type: .pmid, value: "32156342")]
        let records = InnovationGrouping.group(withPaper)
        let wysa = try #require(records.first { $0.name == "Wysa" })
        #expect(wysa.items.map(\.id) == ["1", "2", "4"])  // 4 joins through the paper 2 carries
        #expect(wysa.publishers == 3)
        #expect(wysa.stage == .evidence)
        #expect(records.contains { $0.name == "Wysa Pro" && $0.items.map(\.id) == ["3"] })
        #expect(!records.contains { $0.items.contains { $0.id == "5" } })
        // The same records, with the same ids, whatever order the stories come in.
        #expect(InnovationGrouping.group(withPaper.reversed()) == records)
    }

    @Test("the watchlist joins stories by name, alias and identifier; NICE's broad guidelines join nothing")
    func watchlistGrouping() throws {
        let watchlist = [
            WatchedInnovation(name: "Virtual wards", aliases: ["virtual ward"], identifiers: ["NCT01234567"])
        ]
        var items = [
            item("1", "Virtual ward expands", "More beds on the virtual ward.", day: 1),
            item(
                "2", "Registry update", "See the trial.", day: 2,
                identifiers: [Identifier(type: .nct, value: "NCT01234567")]),
            item("3", "Guideline", "NICE NG28 covers diabetes.", day: 3),
            item("4", "Other guideline", "NICE NG28 again.", day: 4),
        ]
        items[2].identifiers = [Identifier(type: .nice, value: "NG28")]
        items[3].identifiers = [Identifier(type: .nice, value: "NG28")]
        let records = InnovationGrouping.group(items, watchlist: watchlist)
        let wards = try #require(records.first { $0.watched })
        #expect(wards.name == "Virtual wards")
        #expect(wards.items.map(\.id) == ["1", "2"])
        #expect(wards.id == InnovationGrouping.id("virtualwards"))
        #expect(records.count == 1)
    }

    @Test("stories gone to the archive keep their place in their innovation's record")
    func carryOver() throws {
        let old = item(
            "old", "Trial of Wysa begins", "Wysa, an AI mental health app, is being tested.", site: "bbc.co.uk", day: 10
        )
        let new = item(
            "new", "Wysa rolled out across England", "Wysa, an AI mental health app, spreads.", site: "nhs.uk", day: 200
        )
        let before = InnovationGrouping.group([old, new])
        // The run after "old" went to the archive groups only "new", then keeps "old" from the file.
        let after = InnovationGrouping.carryOver(before, into: InnovationGrouping.group([new]), active: ["new"])
        let wysa = try #require(after.first)
        #expect(after.count == 1)
        #expect(wysa.id == before.first?.id)
        #expect(wysa.items.map(\.id) == ["old", "new"])
        #expect(wysa.publishers == 2)
        #expect(wysa.stage == .spread)
        // A record whose stories have all gone stays as it was.
        let gone = InnovationGrouping.carryOver(before, into: [], active: [])
        #expect(gone.first?.items.map(\.id) == ["old", "new"])
    }

    @Test("identify groups the stories it is given: a story joins through a name another introduced")
    func identifyBatch() {
        let stories = [
            LooseStory(
                id: "a", title: "New app", summary: "Brain in Hand, a self-management app, launched.", link: "",
                date: nil),
            LooseStory(id: "b", title: "Brain in Hand rolled out across England", summary: "", link: "", date: nil),
            LooseStory(id: "c", title: "Weather", summary: "Rain today.", link: "", date: nil),
        ]
        let found = InnovationFinder().identify(stories)
        #expect(found.map(\.innovations) == [["Brain in Hand"], ["Brain in Hand"], []])
        #expect(found[1].stage == .spread)
    }
}

@Suite("Trends: weekly counts and surges")
struct TrendTests {
    let monday = Date(
        timeIntervalSince1970: Double(TrendCounts.weekStart(Date(timeIntervalSince1970: 1_767_225_600))) * 86_400)

    func story(_ id: String, week: Int, theme: String, site: String = "a.example") -> Item {
        let date = monday.addingTimeInterval(Double(week * 7) * 86_400 + 3_600)
        return Item(
            id: id, title: "t", link: "https://\(site)/\(id)", summary: "", published: date, firstSeen: date,
            lastSeen: date, sources: [ItemSource(feed: "f", link: "https://\(site)/\(id)", guid: nil, firstSeen: date)],
            matches: [ThemeMatch(hub: "h", theme: theme, score: 3, terms: ["word"])])
    }

    @Test("weeks start on Monday")
    func weekStart() {
        // 2026-01-05 was a Monday; 2026-01-11 the Sunday after it.
        let day = { (text: String) in TrendCounts.weekStart(ISO8601.date(text)!) }
        #expect(day("2026-01-05T00:00:00Z") == day("2026-01-11T23:59:00Z"))
        #expect(day("2026-01-12T00:00:00Z") == day("2026-01-05T00:00:00Z") + 7)
        #expect(
            Date(timeIntervalSince1970: Double(day("2026-01-07T12:00:00Z")) * 86_400)
                == ISO8601.date("2026-01-05T00:00:00Z"))
    }

    @Test("a theme that jumps well above its usual weeks surges; a steady one and a small rise do not")
    func surges() {
        var items: [Item] = []
        // Twelve ordinary weeks: 2 or 3 stories a week in each theme; then week 12.
        for week in 0..<13 {
            for n in 0..<(2 + week % 2) {
                items.append(story("s\(week)-\(n)", week: week, theme: "steady"))
                items.append(story("r\(week)-\(n)", week: week, theme: "rising"))
            }
        }
        for n in 0..<12 { items.append(story("x\(n)", week: 12, theme: "rising", site: "s\(n).example")) }
        for n in 0..<2 { items.append(story("y\(n)", week: 12, theme: "small")) }
        let now = monday.addingTimeInterval(13 * 7 * 86_400 + 3_600)  // week 13: week 12 is complete
        let counts = TrendCounts(items: items, records: [], now: now)
        let trends = TrendReading.trends(counts, hub: nil, themes: ["steady", "rising", "small"], weeks: 12, now: now)
        #expect(trends.map(\.surge) == [false, true, false])
        #expect(trends[1].weeks.count == 12)
        #expect(trends[1].weeks.last?.stories == 14)
        #expect(trends[1].weeks.last?.publishers == 13)
        #expect(trends[1].baseline > 2 && trends[1].baseline < 3)
        #expect(trends[1].score > 1)
        #expect(trends[1].drivers == ["term: word (14)"])
        // By hub: the same counts under hub/theme.
        #expect(TrendReading.trends(counts, hub: "h", themes: ["rising"], weeks: 4, now: now).first?.surge == true)
    }

    @Test("a run keeps the counts of old weeks whose stories have gone to the archive")
    func keepOldWeeks() {
        let now = monday.addingTimeInterval(20 * 7 * 86_400)
        let earlier = TrendCounts(items: (0..<5).map { story("o\($0)", week: 2, theme: "t") }, records: [], now: now)
        var later = TrendCounts(
            items: [story("o0", week: 2, theme: "t"), story("n", week: 19, theme: "t")], records: [], now: now)
        later.keep(earlier, before: now.addingTimeInterval(-56 * 86_400))
        #expect(later.weeks.map { $0.themes["t"]?.stories } == [5, 1])
    }

    @Test("the upper limit grows with the mean and with burstiness")
    func upperLimit() {
        let quiet = TrendReading.upperLimit([1, 1, 1, 1]).limit
        let busy = TrendReading.upperLimit([10, 10, 10, 10]).limit
        let bursty = TrendReading.upperLimit([2, 18, 4, 16]).limit
        #expect(quiet < busy && busy < bursty)
        #expect(TrendReading.upperLimit([3, 3, 3, 3]).mean == 3)
    }

    @Test("a level that rose in the last month is the baseline a surge must clear")
    func recentLevel() {
        let steady = [Int](repeating: 5, count: 26)
        let risen = [Int](repeating: 5, count: 22) + [10, 10, 10, 10]
        // 13 stories stand well above 26 weeks of 5, but not above a month at 10 (a season, not a surge).
        #expect(TrendReading.upperLimit(steady).limit < 13)
        #expect(TrendReading.upperLimit(risen).limit > 13)
    }

    @Test("an innovation that reached two new sites in 14 days is gaining publishers")
    func gaining() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        func story(_ days: Double, _ sites: [String]) -> Innovation.Story {
            Innovation.Story(
                id: "\(days)", title: "t", link: "", date: now.addingTimeInterval(-days * 86_400), stage: .other,
                sites: sites)
        }
        let record = { (name: String, stories: [Innovation.Story]) in
            Innovation(
                id: name, name: name, aliases: [], identifiers: [], stage: .other, firstSeen: now, lastSeen: now,
                publishers: 3, themes: ["h/t"], watched: false, items: stories)
        }
        let counts = TrendCounts(
            items: [],
            records: [
                record("A", [story(40, ["a"]), story(3, ["b", "c"])]),
                record("B", [story(40, ["a"]), story(2, ["a", "b"])]),
            ], now: now)
        #expect(counts.gaining.map(\.name) == ["A"])
        #expect(counts.gaining.first?.newPublishers == ["b", "c"])
    }
}
