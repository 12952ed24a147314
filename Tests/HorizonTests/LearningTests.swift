import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch
import HorizonPipeline
import Testing

/// A hub that follows one broad theme but, by its decisions, wants falls and frailty stories and
/// not rostering ones.
private struct LearningFixture {
    var config: HorizonConfig
    var items: [Item] = []
    var triage = TriageLog()
    let matcher: ThemeMatcher

    init(learnAfter: Int = 20) {
        config = HorizonConfig(
            feeds: [],
            themes: [Theme(id: "care", name: "Care", include: ["falls", "frailty", "rostering", "workforce"])],
            hubs: [Hub(id: "h", name: "Hub", themes: ["care"])])
        config.matching.learnAfter = learnAfter
        matcher = ThemeMatcher(config: config)
    }

    mutating func add(_ id: String, _ title: String, _ summary: String = "") -> Item {
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        var item = Item(
            id: id, title: title, link: "https://example.org/\(id)", summary: summary, firstSeen: date, lastSeen: date,
            sources: [ItemSource(feed: "f", link: "https://example.org/\(id)", guid: nil, firstSeen: date)])
        item.matches = matcher.matches(title: title, summary: summary)
        items.append(item)
        return item
    }

    mutating func decide(_ id: String, _ status: TriageStatus) {
        triage.record(TriageEvent(item: id, status: status, at: Date(), by: "test", hub: "h"))
    }

    /// `wanted` falls stories shortlisted and `unwanted` rostering stories rejected.
    mutating func decisions(wanted: Int, unwanted: Int) {
        let places = [
            "Poole", "Wirral", "Leeds", "Derby", "Hull", "Bath", "York", "Ely", "Truro", "Wells", "Ripon", "Looe",
        ]
        for n in 0..<wanted {
            _ = add(
                "w\(n)", "Falls team in \(places[n % places.count]) helps frail residents", "Frailty and falls at home."
            )
            decide("w\(n)", n % 3 == 0 ? .adopted : .shortlisted)
        }
        for n in 0..<unwanted {
            _ = add("u\(n)", "Rostering system for \(places[n % places.count]) workforce", "Shift rostering software.")
            decide("u\(n)", .rejected)
        }
    }

    func priority(_ item: Item) -> Double? {
        Prioritizing(config: config, triage: triage, items: items).priorities(item)?["h"]
    }
}

@Suite("Priorities and learning")
struct LearningTests {
    @Test("a priority from the themes grows with the score and the number of themes, within 0 to 1")
    func fromThemes() throws {
        let one = try #require(Priority.fromThemes([ThemeMatch(hub: "h", theme: "a", score: 2, terms: [])]))
        let strong = try #require(Priority.fromThemes([ThemeMatch(hub: "h", theme: "a", score: 8, terms: [])]))
        let two = try #require(
            Priority.fromThemes([
                ThemeMatch(hub: "h", theme: "a", score: 8, terms: []),
                ThemeMatch(hub: "h", theme: "b", score: 3, terms: []),
            ]))
        #expect(one.value < strong.value && strong.value < two.value && two.value <= 1 && one.value > 0)
        #expect(two.reasons[0] == "themes: a 8 (+ b 3)")
        #expect(Priority.fromThemes([]) == nil)
    }

    @Test("the hub's decisions raise similar unseen stories and lower unwanted ones")
    func learns() throws {
        var fixture = LearningFixture()
        fixture.decisions(wanted: 12, unwanted: 12)
        var untaught = LearningFixture()
        let wanted = fixture.add("new1", "Falls service for frail residents in Dorset", "Frailty support at home.")
        let unwanted = fixture.add("new2", "Rostering software for Dorset workforce", "Shift rostering.")
        _ = untaught.add("new1", wanted.title, wanted.summary)
        _ = untaught.add("new2", unwanted.title, unwanted.summary)
        let before = (try #require(untaught.priority(wanted)), try #require(untaught.priority(unwanted)))
        let after = (try #require(fixture.priority(wanted)), try #require(fixture.priority(unwanted)))
        #expect(after.0 > before.0)
        #expect(after.1 < before.1)
        #expect(after.0 > after.1)
        // Confident noise falls below the digest's threshold.
        #expect(after.1 < fixture.config.digest.minPriority)
        // Explained, and the same every time.
        let explained = try #require(
            Prioritizing(config: fixture.config, triage: fixture.triage, items: fixture.items).explain(wanted)["h"])
        #expect(explained.reasons.contains { $0.hasPrefix("like ") && $0.contains("items you shortlisted") })
        #expect(explained.reasons.contains { $0.hasPrefix("words: ") })
        #expect(fixture.priority(wanted) == after.0)
    }

    @Test("fewer decisions than matching.learnAfter change nothing")
    func tooFew() throws {
        var fixture = LearningFixture()
        fixture.decisions(wanted: 10, unwanted: 9)
        let item = fixture.add("new", "Rostering software for Dorset workforce", "Shift rostering.")
        let themesOnly = try #require(Priority.fromThemes(item.matches)).value
        #expect(fixture.priority(item) == themesOnly)
        #expect(Prioritizing(config: fixture.config, triage: fixture.triage, items: fixture.items).models.isEmpty)
    }

    @Test("an item with a decision keeps the priority it has")
    func decidedKept() throws {
        var fixture = LearningFixture()
        fixture.decisions(wanted: 12, unwanted: 12)
        var catalogue = Catalogue(items: fixture.items)
        for index in catalogue.items.indices { catalogue.update(at: index) { $0.priorities = ["h": 0.42] } }
        let prioritizing = Prioritizing(config: fixture.config, triage: fixture.triage, items: fixture.items)
        prioritizing.apply(to: &catalogue)
        #expect(catalogue.items.allSatisfy { $0.priorities == ["h": 0.42] })
        // An undecided one moves.
        var more = fixture
        _ = more.add("new", "Rostering software for Dorset workforce", "Shift rostering.")
        var grown = Catalogue(items: more.items)
        let last = grown.items.count - 1
        grown.update(at: last) { $0.priorities = ["h": 0.42] }
        Prioritizing(config: more.config, triage: more.triage, items: more.items).apply(to: &grown)
        #expect(grown.items[last].priorities?["h"] != 0.42)
    }

    @Test("parked decisions teach nothing; a hub's decisions do not teach another hub")
    func scope() {
        var fixture = LearningFixture()
        fixture.config.hubs.append(Hub(id: "other", name: "Other", themes: ["care"]))
        fixture.decisions(wanted: 12, unwanted: 12)
        var parked = LearningFixture()
        for n in 0..<30 {
            _ = parked.add("p\(n)", "Falls item \(n)")
            parked.decide("p\(n)", .parked)
        }
        #expect(Prioritizing(config: parked.config, triage: parked.triage, items: parked.items).models.isEmpty)
        let models = Prioritizing(config: fixture.config, triage: fixture.triage, items: fixture.items).models
        #expect(Set(models.keys) == ["h"])
    }

    @Test("cross-validation reports precision at 10 and ROC AUC with and without the model")
    func crossValidation() throws {
        var fixture = LearningFixture()
        fixture.decisions(wanted: 12, unwanted: 12)
        let (report, decisions, _) = Prioritizing.evaluate(
            hub: fixture.config.hubs[0], config: fixture.config, triage: fixture.triage, items: fixture.items)
        let found = try #require(report)
        #expect(decisions == 24)
        #expect(found.positives == 12 && found.negatives == 12)
        #expect(found.withLearning.rocAUC > found.withoutLearning.rocAUC)
        #expect(found.withLearning.precisionAt10 == 1)
        #expect(LearningEvaluation.rocAUC([0.9, 0.8, 0.1, 0.8], [true, true, false, false]) == 0.875)
    }

    @Test("a theme that only came along with wanted ones is not taken for a wanted theme")
    func themeExplainedAway() throws {
        // The hub wants theme a. Theme b often came with a in the stories it shortlisted, but b alone
        // was always rejected (as was c): counted word by word, b looks wanted (it is in 8 of 10 shortlisted
        // stories and in 4 of 14 rejected ones); the regression gives the credit to a.
        var examples: [HubModel.Example] = []
        let filler = "Board papers published for the quarterly meeting"
        for n in 0..<10 {
            examples.append(
                HubModel.Example(
                    id: "p\(n)", title: filler, summary: "", themes: n < 8 ? ["a", "b"] : ["a"], positive: true,
                    status: "shortlisted"))
        }
        for n in 0..<14 {
            examples.append(
                HubModel.Example(
                    id: "n\(n)", title: filler, summary: "", themes: n < 4 ? ["b"] : ["c"], positive: false,
                    status: "rejected"))
        }
        let model = try #require(HubModel(examples: examples, minimum: 20))
        let onlyB = model.judge(title: filler, summary: "", themes: ["b"])
        let onlyA = model.judge(title: filler, summary: "", themes: ["a"])
        #expect(onlyB.probability < 0.3, "\(onlyB)")
        #expect(onlyA.probability > 0.5, "\(onlyA)")
        #expect(onlyA.reasons.contains { $0.hasPrefix("words: ") && $0.contains("theme a") }, "\(onlyA.reasons)")
    }
}
