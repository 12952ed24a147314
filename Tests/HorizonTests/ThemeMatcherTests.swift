import HorizonCore
import HorizonMatch
import Testing

@Suite("Theme matching")
struct ThemeMatcherTests {
    static let config = HorizonConfig(
        feeds: [],
        themes: [
            Theme(id: "frailty", name: "Frailty", include: ["frailty", "care home", "hospital-at-home", "older people"], exclude: ["anti-ageing"]),
            Theme(id: "maternity", name: "Maternity", include: ["maternity", "neonatal"], exclude: ["maternity pay"]),
            Theme(id: "uec", name: "Urgent care", include: ["A&E", "community pharmacy"]),
        ],
        hubs: [
            Hub(id: "dorset", name: "Dorset", themes: ["frailty", "maternity"]),
            Hub(id: "cm", name: "Cheshire and Merseyside", themes: ["uec"]),
        ])
    let matcher = ThemeMatcher(config: config)

    func themes(_ title: String, _ summary: String = "") -> [String] {
        matcher.hits(title: title, summary: summary).map(\.theme).sorted()
    }

    @Test("whole words and phrases, case-insensitive")
    func wholeWords() {
        #expect(themes("FRAILTY service") == ["frailty"])
        #expect(themes("Frailtyville festival") == [])
        #expect(themes("New care home opens") == ["frailty"])
        #expect(themes("Care for the home") == [])
    }

    @Test("hyphens and spaces, & and and, plurals")
    func normalization() {
        #expect(themes("Hospital at home expands") == ["frailty"])
        #expect(themes("hospital-at-home") == ["frailty"])
        #expect(themes("Waits at A&E fall") == ["uec"])
        #expect(themes("A & E waits") == ["uec"])
        #expect(themes("Care homes get funding") == ["frailty"])
        #expect(themes("Community pharmacies to prescribe") == ["uec"])
    }

    @Test("an exclude term vetoes its theme only")
    func veto() {
        #expect(themes("Maternity pay rises") == [])
        #expect(themes("Anti-ageing cream for older people") == [])
        #expect(themes("Neonatal unit opens", "Maternity pay rises for staff in older people's services") == ["frailty"])
    }

    @Test("titles count more than summaries, phrases more than words")
    func scoring() throws {
        let inTitle = try #require(matcher.hits(title: "Frailty", summary: "").first)
        let inSummary = try #require(matcher.hits(title: "News", summary: "frailty").first)
        let phrase = try #require(matcher.hits(title: "News", summary: "older people").first)
        #expect(inTitle.score > inSummary.score)
        #expect(phrase.score > inSummary.score)
        let both = try #require(matcher.hits(title: "Frailty and care homes", summary: "frailty").first)
        #expect(both.terms == ["care home", "frailty"])
    }

    @Test("matches are given per hub, from the themes each hub follows")
    func hubs() {
        let matches = matcher.matches(title: "Frailty at A&E", summary: "")
        #expect(matches.map { "\($0.hub)/\($0.theme)" }.sorted() == ["cm/uec", "dorset/frailty"])
        #expect(matcher.matches(title: "Nothing relevant", summary: "").isEmpty)
    }

    @Test("diacritics are folded")
    func diacritics() {
        #expect(themes("Frâilty café") == ["frailty"])
    }
}
