import Foundation
import HorizonCore
import HorizonMatch
import HorizonTesting
import HorizonText
import Testing

@Suite("Theme matching")
struct ThemeMatcherTests {
    static let config = HorizonConfig(
        feeds: [],
        themes: [
            Theme(
                id: "frailty", name: "Frailty",
                include: ["frailty", "care home", "hospital-at-home", "older people", "ageing"],
                exclude: ["anti-ageing"]),
            Theme(
                id: "maternity", name: "Maternity", include: ["maternity", "neonatal", "paediatric"],
                exclude: ["maternity pay", "horoscope"]),
            Theme(
                id: "uec", name: "Urgent care", include: ["A&E", "community pharmacy", "winter"],
                exclude: ["winter fuel payment"]),
            Theme(
                id: "digital", name: "Digital",
                include: [
                    ThemeTerm("AI", caseSensitive: true), "artificial intelligence", "organisation", "counselling",
                ],
                boost: ["NHS App"]),
            Theme(
                id: "cancer", name: "Cancer",
                include: ["cancer", "urgent suspected cancer", "tumour", "oesophageal", "anaemia"]),
            Theme(
                id: "community", name: "Community",
                include: ["virtual ward", ThemeTerm("primary care", weight: 0.5)]),
            Theme(id: "prevention", name: "Prevention", include: [ThemeTerm("prevention", exact: true), "screening"]),
        ],
        hubs: [
            Hub(
                id: "dorset", name: "Dorset", themes: ["frailty", "maternity", "cancer"], places: ["Dorset", "Poole"]),
            Hub(id: "cm", name: "Cheshire and Merseyside", themes: ["uec", "digital", "community"], threshold: 5),
        ],
        matching: MatchSettings(threshold: 1.5, placeBoost: 1, exclude: ["fun run"]))
    let matcher = ThemeMatcher(config: config)

    func themes(_ title: String, _ summary: String = "") -> [String] {
        matcher.hits(title: title, summary: summary).map(\.theme).sorted()
    }

    func hit(_ theme: String, _ title: String, _ summary: String = "") -> ThemeHit? {
        matcher.explain(title: title, summary: summary).first { $0.theme == theme }
    }

    @Test("whole words and phrases, case-insensitive")
    func wholeWords() {
        #expect(themes("FRAILTY service") == ["frailty"])
        #expect(themes("Frailtyville festival") == [])
        #expect(themes("New care home opens") == ["frailty"])
        #expect(themes("Care for the home") == [])
    }

    static let normalizationCases: [(String, String)] = [
        ("Hospital at home expands", "frailty"),  // hyphens and spaces
        ("hospital-at-home", "frailty"),
        ("Waits at A&E fall", "uec"),  // & and "and"
        ("A and E waits", "uec"),
        ("Care homes get funding", "frailty"),  // inflections
        ("Community pharmacies to prescribe", "uec"),
        ("Frâilty café", "frailty"),  // diacritics
        ("Healthy aging study", "frailty"),  // ageing / aging
        ("Tumor board", "cancer"),  // tumour / tumor
        ("Pediatric unit", "maternity"),  // paediatric / pediatric
        ("Esophageal clinic", "cancer"),  // oesophageal / esophageal
        ("Anemia screening", "cancer"),  // anaemia / anemia
        ("Organization of the year", "digital"),  // -isation / -ization
        ("Counseling service", "digital"),  // counselling / counseling
        ("The patient's virtual wards", "community"),  // apostrophes
    ]

    @Test("normalization: the same form for text and terms", arguments: normalizationCases)
    func normalization(_ title: String, _ theme: String) {
        #expect(themes(title).contains(theme))
    }

    @Test("a case-sensitive term matches only as written, plural allowed")
    func caseSensitive() {
        #expect(themes("AI tool flags cancer") == ["cancer", "digital"])
        #expect(themes("Hospital buys AIs") == ["digital"])
        #expect(themes("Ai Weiwei visits") == [])
    }

    @Test("an exact term is not stemmed")
    func exact() {
        #expect(themes("Prevention strategy") == ["prevention"])
        #expect(themes("Teams prevent admissions") == [])
        #expect(themes("Screened for cancer") == ["cancer", "prevention"])  // "screening" is stemmed
    }

    @Test("an exclude term removes only the hits it explains")
    func vetoScope() throws {
        #expect(themes("Maternity pay rises") == [])
        #expect(themes("Neonatal unit opens as maternity pay rises") == ["maternity"])
        let neonatal = try #require(hit("maternity", "Neonatal unit opens as maternity pay rises"))
        #expect(neonatal.terms == ["neonatal"])
        #expect(neonatal.excluded == ["maternity pay"])
        // The explained term is gone wherever it occurs.
        #expect(themes("Winter fuel payment: how to claim this winter") == [])
        // Context that overlaps no hit rules the whole theme out, and only that theme.
        #expect(themes("Your horoscope: neonatal luck for Cancer") == ["cancer"])
        #expect(hit("maternity", "Your horoscope: neonatal luck")?.vetoed == true)
        // A global exclude rules out every theme.
        #expect(themes("Fun run for older people with frailty") == [])
        #expect(themes("Anti-ageing cream") == [])
    }

    @Test("scoring: title over summary, phrases over words, both fields over one")
    func scoring() throws {
        let title = try #require(hit("cancer", "Cancer", ""))
        let summary = try #require(hit("cancer", "News", "cancer"))
        let phrase = try #require(hit("frailty", "News", "older people"))
        let word = try #require(hit("frailty", "News", "frailty"))
        let both = try #require(hit("cancer", "Cancer", "cancer"))
        let repeated = try #require(hit("cancer", "News", "cancer cancer cancer cancer"))
        #expect(title.score == 2)
        #expect(summary.score == 1)
        #expect(phrase.score == 1.5)
        #expect(word.score == 1)
        #expect(both.score == 2.5)
        #expect(repeated.score == 1.5)  // repeats add at most half as much again
        #expect(themes("News", "frailty") == [])  // one word in the summary is below the threshold
        #expect(themes("News", "older people") == ["frailty"])
    }

    @Test("a hit inside a longer hit of the same theme counts once")
    func subsumption() throws {
        let found = try #require(hit("cancer", "Urgent suspected cancer referrals"))
        #expect(found.terms == ["urgent suspected cancer"])
        #expect(found.score == 4)
    }

    @Test("terms weighted below 1 support a match but never make one")
    func supportingTerms() throws {
        #expect(themes("Primary care reforms") == [])
        let both = try #require(hit("community", "Virtual ward in primary care"))
        #expect(both.score == 4.5)  // 1.5 × 2 in the title, and 0.5 × 1.5 × 2
        #expect(both.contributions.map(\.term) == ["virtual ward", "primary care"])
    }

    @Test("boost terms add only to a theme that already matched")
    func boosts() throws {
        #expect(themes("NHS App update") == [])
        let boosted = try #require(hit("digital", "AI in the NHS App"))
        #expect(boosted.score == 3)
        #expect(boosted.contributions.last == Contribution(term: "NHS App", kind: .boost, field: "title", weight: 1))
    }

    @Test("a passing mention beside the story's subject does not label it")
    func relativeThreshold() {
        var settings = ThemeMatcherTests.config
        settings.matching.relativeThreshold = 0.3
        let strict = ThemeMatcher(config: settings)
        let title = "Urgent suspected cancer: cancer tumour clinic"
        let summary = "Older people"
        #expect(matcher.hits(title: title, summary: summary).map(\.theme).sorted() == ["cancer", "frailty"])
        #expect(strict.hits(title: title, summary: summary).map(\.theme) == ["cancer"])
    }

    @Test("hubs: their themes, place names and thresholds, with explanations")
    func hubs() throws {
        let matches = matcher.matches(title: "Frailty at A&E", summary: "")
        #expect(matches.map { "\($0.hub)/\($0.theme)" }.sorted() == ["dorset/frailty"])  // cm needs 5
        let local = matcher.matches(title: "News", summary: "Older people in Poole")
        let frailty = try #require(local.first { $0.hub == "dorset" })
        #expect(frailty.score == 2.5)
        #expect(frailty.contributions.contains(Contribution(term: "Poole", kind: .place, field: "summary", weight: 1)))
        #expect(
            frailty.contributions.contains(
                Contribution(term: "older people", kind: .include, field: "summary", weight: 1.5)))
        // A place alone never makes a match.
        #expect(matcher.matches(title: "Dorset news", summary: "").isEmpty)
        #expect(matcher.matches(title: "A&E winter plan", summary: "A&E").map(\.hub) == ["cm"])
    }

    @Test("many items at once give the same matches as one by one")
    func batch() {
        let items = (0..<1200).map { index in
            (
                title: index % 3 == 0 ? "Frailty service \(index)" : "Item \(index)",
                summary: index % 2 == 0 ? "A&E winter plan with A&E" : ""
            )
        }
        let batch = matcher.matchAll(items)
        #expect(batch.count == items.count)
        for (index, item) in items.enumerated() where index % 97 == 0 {
            #expect(batch[index] == matcher.matches(title: item.title, summary: item.summary))
        }
    }
}

@Suite("Theme quality")
struct ThemeQualityTests {
    /// The shipped themes, measured on realistic items kept apart from the development set.
    @Test(
        "the shipped feeds.json themes on realistic labelled health news",
        arguments: ["health-news-check.json", "health-news-holdout.json"])
    func shippedThemes(_ file: String) throws {
        let config = try ConfigLoader.load(path: repositoryRoot() + "/feeds.json")
        let matcher = ThemeMatcher(config: config)
        let items = try LabelledItems.load(path: fixtureURL(file).path).items
        let predicted = items.map { matcher.hits(title: $0.title, summary: $0.summary).map(\.theme) }
        let report = EvaluationReport(themes: config.themes.map(\.id), labelled: items, predicted: predicted)
        #expect(report.items.f1 >= 0.95)
        #expect(report.labelsMicro.f1 >= 0.85)
        #expect(report.labelsMicro.precision >= 0.9)
    }

    @Test("precision, recall and F1 from counts")
    func metrics() {
        let items = [
            LabelledItems.Item(id: "1", title: "", summary: "", labels: ["a", "b"]),
            LabelledItems.Item(id: "2", title: "", summary: "", labels: []),
            LabelledItems.Item(id: "3", title: "", summary: "", labels: ["a"]),
        ]
        let report = EvaluationReport(themes: ["a", "b"], labelled: items, predicted: [["a"], ["b"], []])
        #expect(report.items == PRF(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        #expect(report.labelsMicro == PRF(truePositives: 1, falsePositives: 1, falseNegatives: 2))
        #expect(abs(report.labelsMicro.f1 - 0.4) < 1e-9)
        #expect(report.differences.map(\.id) == ["1", "2", "3"])
    }
}

@Suite("Word table")
struct WordTableTests {
    func with<R>(_ word: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var word = word
        return word.withUTF8(body)
    }

    @Test("agrees with a dictionary through growth, overwrites and clearing")
    func agreesWithDictionary() {
        var table = WordTable(capacity: 4)
        var reference: [String: UInt64] = [:]
        // Words that share prefixes, differ only in length, are empty, or are not ASCII.
        let words =
            (0..<5_000).map { "w\($0 % 1_700)" + String(repeating: "é", count: $0 % 3) } + ["", "a", "aa", "ab", "ba"]
        for (value, word) in words.enumerated() {
            with(word) { table.set($0, UInt64(value)) }
            reference[word] = UInt64(value)
        }
        #expect(table.count == reference.count)
        for (word, value) in reference {
            #expect(with(word) { table.value(for: $0) } == value)
        }
        for absent in ["w1700", "w0ééé", "aaa", "b", "W1"] {
            #expect(with(absent) { table.value(for: $0) } == nil)
        }
        table.removeAll()
        #expect(table.count == 0)
        #expect(with("w1") { table.value(for: $0) } == nil)
        with("w1") { table.set($0, 7) }
        #expect(with("w1") { table.value(for: $0) } == 7)
    }
}
