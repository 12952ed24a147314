import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch
import HorizonPipeline
import HorizonTesting
import Testing

/// The shipped configuration, loaded once.
private let shipped: HorizonConfig = {
    do {
        return try ConfigLoader.load(path: repositoryRoot() + "/feeds.json")
    } catch {
        fatalError("feeds.json does not load: \(error)")
    }
}()

@Suite("Health-and-care context")
struct ContextTests {
    let matcher = ThemeMatcher(config: shipped)

    func themes(_ title: String, _ summary: String = "", feed: String? = nil) -> [String] {
        matcher.hits(title: title, summary: summary, feed: feed).map(\.theme)
    }

    /// Each class of ambiguity: the word in another sense matches nothing; in health and care it matches.
    @Test(
        "a health word in another sense matches nothing; the same word in health and care does",
        arguments: [
            (
                "screening", "Cinema hosts a screening of the new documentary film", "",
                "Bowel cancer screening uptake rises after GP text reminders",
                "Patients aged 50 to 74 were sent reminders by their practice.", "prevention-population-health"
            ),
            (
                "vaccination in animals", "Vaccination of badgers to continue across Cheshire farms",
                "Farmers say the cattle herds are at risk.", "Flu vaccination clinics open for older patients",
                "GP practices will vaccinate people over 65 and care home residents.", "prevention-population-health"
            ),
            (
                "frail", "Frail economy shows signs of recovery as inflation eases",
                "Shoppers returned to the high street.",
                "Frail older people get proactive care from community nurses",
                "Patients identified by their GP receive a home visit.", "ageing-frailty"
            ),
            (
                "AI and apps", "Bank launches AI app to help customers budget",
                "The digital assistant reviews spending.",
                "AI in radiology helps NHS radiologists read chest X-rays faster",
                "The software flags urgent scans for patients.", "digital-transformation"
            ),
            (
                "care homes sold", "Former care home sold to developer for luxury flats",
                "Planning permission was granted for 24 apartments.",
                "Care home residents see their GP by video call",
                "Nurses at the care home help residents join consultations.", "ageing-frailty"
            ),
            (
                "recruitment", "Pubs and hotels struggle with recruitment ahead of summer",
                "Hospitality bosses blame burnout and long hours.",
                "NHS workforce plan funds recruitment of 500 nurses",
                "The trust will train and retain more staff for its wards.", "workforce"
            ),
            (
                "monitoring", "Sensors provide remote monitoring of railway bridges",
                "Engineers will detect movement after storms.",
                "Remote monitoring of patients with heart failure cuts admissions",
                "The community team reviews readings from home.", "digital-transformation"
            ),
            (
                "obesity in pets", "Vets warn of rising obesity in pet dogs", "Owners are urged to cut treats.",
                "Childhood obesity programme offers families cooking classes",
                "The public health team runs sessions in schools.", "prevention-population-health"
            ),
            (
                "winter pressures on roads", "Winter pressures on roads as councils stock up on grit",
                "Gritters will treat 800 miles of roads.",
                "Winter pressures: hospital opens same day emergency care unit",
                "Patients can be treated and sent home on the day.", "winter-uec"
            ),
            (
                "inequalities in pay", "Regional inequalities in pay widen as economy slows",
                "The gap in productivity between regions has grown.",
                "Health inequalities programme brings blood pressure checks to deprived areas",
                "Pharmacists check patients in the most deprived communities.", "health-inequalities"
            ),
        ] as [(String, String, String, String, String, String)])
    func ambiguity(
        _ name: String, _ otherTitle: String, _ otherSummary: String, _ healthTitle: String,
        _ healthSummary: String, _ theme: String
    ) {
        #expect(themes(otherTitle, otherSummary).isEmpty, "\(name): \(themes(otherTitle, otherSummary))")
        #expect(themes(healthTitle, healthSummary).contains(theme), "\(name): \(themes(healthTitle, healthSummary))")
    }

    @Test(
        "general news that uses a health word in another sense matches nothing",
        arguments: [
            ("Labour gains two wards in Poole by-election", "Turnout was low as voters elected three councillors."),
            (
                "Theatre company opens winter season with a new musical",
                "The production runs at the Lighthouse until January."
            ),
            (
                "Trial of former council leader begins at crown court",
                "The jury heard he took bribes over a planning deal."
            ),
            ("Airline pilots trial four-day rosters", "The union says fatigue has fallen on long-haul flights."),
            ("Bank replaces its EPR and digital payments platform", "Customers will see a new app from March."),
            (
                "Water company fined for sewage discharge into Poole Harbour",
                "Untreated wastewater was released 30 times."
            ),
            ("Flood prevention scheme finished in Christchurch", "New defences protect 400 homes from tidal surges."),
            (
                "Carmaker opens innovation centre for electric vehicles",
                "Engineers will work on batteries for new cars."
            ),
            (
                "Retailers report staff burnout and recruitment problems",
                "Shoppers face shorter opening hours this winter."
            ),
        ] as [(String, String)])
    func generalNews(_ title: String, _ summary: String) {
        #expect(themes(title, summary).isEmpty, "\(title): \(themes(title, summary))")
    }

    @Test("a footballer backing a dementia campaign is a health story: no blunt exclude rules it out")
    func footballer() {
        #expect(
            themes(
                "Former footballer backs dementia awareness campaign",
                "He joined patients at an NHS memory clinic to launch it."
            ).contains("ageing-frailty"))
    }

    /// Second and third themes, in the words health news uses for them; and a word that covers
    /// two subjects only supports a theme.
    @Test(
        "a story that touches several priorities gets each of them",
        arguments: [
            (
                "Surgical hub in Salisbury lets the trust treat more elective patients",
                "Hip and knee operations rose by a quarter.", ["covid-infection"], [String]()
            ),
            (
                "Children with bronchiolitis cared for at home by nurses",
                "The respiratory team visits twice a day and monitors oxygen.", ["covid-infection"],
                ["long-term-conditions"]
            ),
            (
                "Health visitors in Plymouth offer new parents video contacts",
                "Families can see the health visitor by video call between home visits.",
                ["maternity-neonatal", "digital-transformation"], []
            ),
            (
                "Pharmacists stop unneeded drugs in care homes",
                "Structured medication reviews for residents taking ten or more medicines.",
                ["medtech-medicines-pathways", "ageing-frailty"], []
            ),
            (
                "Footballers' trust funds mental health training for school nurses",
                "Nurses will learn to support pupils in crisis.", ["mental-health-ld-autism"], []
            ),
            (
                "Paramedics given video link to GPs to avoid hospital trips",
                "Ambulance crews in Devon call a GP from the patient's home.", ["winter-uec"], []
            ),
            (
                "Pancreatic cancer test offered to people with new diabetes",
                "Patients over 50 will give a sample at their GP practice.",
                ["cancer-early-diagnosis", "long-term-conditions"], ["medtech-medicines-pathways"]
            ),
        ] as [(String, String, [String], [String])])
    func severalThemes(_ title: String, _ summary: String, _ expected: [String], _ absent: [String]) {
        let found = themes(title, summary)
        for theme in expected { #expect(found.contains(theme), "\(title): \(found)") }
        for theme in absent { #expect(!found.contains(theme), "\(title): \(found)") }
    }

    @Test("the evidence is kept with each match and shown by explanations")
    func evidence() throws {
        let matches = matcher.matches(
            title: "Frailty service helps patients stay at home", summary: "The NHS trust's community nurses visit.")
        let match = try #require(matches.first)
        #expect(match.context.contains("patient"))
        #expect(match.context.count <= 4)
        let (_, context) = matcher.assess(title: "Cinema screening", summary: "A film premiere.")
        let verdict = try #require(context)
        #expect(!verdict.isHealth)
        #expect(verdict.against.contains("film"))
    }

    @Test("a health feed's subject counts as some context, never enough alone")
    func feedSubject() throws {
        var config = shipped
        config.feeds = [
            FeedConfig(id: "trust", url: "https://example.org/feed", title: "A trust", subject: .health),
            FeedConfig(id: "paper", url: "https://example.org/paper", title: "A paper"),
        ]
        let matcher = ThemeMatcher(config: config)
        let weak = ("Recruitment drive for hospital porters", "Apply by the end of the month.")
        #expect(matcher.hits(title: weak.0, summary: weak.1, feed: "paper").isEmpty)
        #expect(matcher.hits(title: weak.0, summary: weak.1, feed: "trust").map(\.theme) == ["workforce"])
        // The same feed's off-topic story: no health word at all.
        #expect(matcher.hits(title: "Recruitment drive for the café's new chefs", summary: "", feed: "trust").isEmpty)
    }

    @Test("a phrase stops where its last word begins a longer noun")
    func compoundNoun() {
        func terms(_ title: String) -> [String] {
            matcher.explain(title: title, summary: "Patients and NHS staff.").flatMap { $0.contributions.map(\.term) }
        }
        #expect(!terms("Visitors leave hospital car parks full").contains("leave hospital"))
        #expect(terms("Older patients leave hospital sooner with support at home").contains("leave hospital"))
    }

    @Test("context words are matched as written: hospitality is not hospital, development is not developers")
    func asWritten() throws {
        let (_, context) = matcher.assess(
            title: "Nurses offered career development", summary: "Hospitality training for hospital staff.")
        let verdict = try #require(context)
        #expect(verdict.evidence.contains("nurse"))
        #expect(!verdict.against.contains("developers"))
        #expect(verdict.against.contains("hospitality"))
        #expect(verdict.isHealth)
    }

    @Test("without matching.context every theme hit counts as before")
    func off() {
        var config = shipped
        config.matching.context = nil
        let matcher = ThemeMatcher(config: config)
        #expect(!matcher.hits(title: "Vets warn of rising obesity in pet dogs", summary: "").isEmpty)
    }

    @Test(
        "matching.context and a feed's subject are read and checked",
        arguments: [
            (#""context": true"#, "", 2.0), (#""context": {"threshold": 3, "terms": ["ICB"]}"#, "", 3.0),
            (#""context": false"#, "", -1.0),
            (#""context": {"treshold": 3}"#, "matching.context.treshold: unknown key; did you mean \"threshold\"?", 0),
        ] as [(String, String, Double)])
    func config(_ context: String, _ expected: String, _ threshold: Double) {
        let text = """
            {"feeds": [{"id": "a", "url": "https://example.org/a", "subject": "health"}],
             "themes": [{"id": "t", "name": "T", "include": ["frailty"]}],
             "hubs": [{"id": "h", "name": "H", "themes": ["t"]}],
             "matching": {\(context)}}
            """
        do {
            let config = try ConfigLoader.parse(Data(text.utf8), label: "feeds.json")
            #expect(expected.isEmpty)
            #expect(config.feeds[0].subject == .health)
            #expect((config.matching.context?.threshold ?? -1) == threshold)
        } catch {
            #expect(!expected.isEmpty && error.message.contains(expected), "\(error.message)")
        }
    }

    @Test("an unknown feed subject is an error naming the feed, with a suggestion")
    func badSubject() {
        let text = """
            {"feeds": [{"id": "a", "url": "https://example.org/a", "subject": "helth"}],
             "themes": [{"id": "t", "name": "T", "include": ["frailty"]}], "hubs": []}
            """
        #expect {
            try ConfigLoader.parse(Data(text.utf8), label: "feeds.json")
        } throws: { error in
            let message = (error as? ConfigError)?.message ?? ""
            return message.contains("feeds[0] (\"a\")") && message.contains("did you mean \"health\"?")
        }
    }
}
