import HorizonCore
import HorizonInnovations
import Testing

@Suite("Identifiers in text")
struct IdentifierTests {
    func found(_ texts: String...) -> [String] {
        IdentifierFinder.find(in: texts).map { "\($0.type.rawValue) \($0.value)" }
    }

    @Test(
        "each kind in its canonical form, with its link",
        arguments: [
            ("Registered as NCT04368728.", "nct NCT04368728", "https://clinicaltrials.gov/study/NCT04368728"),
            ("see nct04368728", "nct NCT04368728", "https://clinicaltrials.gov/study/NCT04368728"),
            ("ISRCTN 12345678 recruits in Dorset", "isrctn ISRCTN12345678", "https://www.isrctn.com/ISRCTN12345678"),
            (
                "EudraCT 2004-000123-45.", "euct 2004-000123-45",
                "https://www.clinicaltrialsregister.eu/ctr-search/search?query=2004-000123-45"
            ),
            (
                "EU CT number 2023-501234-12-00", "euct 2023-501234-12-00",
                "https://euclinicaltrials.eu/ctis-public/view/2023-501234-12-00"
            ),
            ("Published (doi:10.1136/BMJ.n71).", "doi 10.1136/bmj.n71", "https://doi.org/10.1136/bmj.n71"),
            (
                "https://doi.org/10.1016/S0140-6736(20)30183-5, the paper", "doi 10.1016/s0140-6736(20)30183-5",
                "https://doi.org/10.1016/s0140-6736(20)30183-5"
            ),
            ("PMID: 32156342", "pmid 32156342", "https://pubmed.ncbi.nlm.nih.gov/32156342/"),
            ("PubMed ID 123", "pmid 123", "https://pubmed.ncbi.nlm.nih.gov/123/"),
            ("https://pubmed.ncbi.nlm.nih.gov/32156342/", "pmid 32156342", "https://pubmed.ncbi.nlm.nih.gov/32156342/"),
            ("Full text: PMC7092803", "pmcid PMC7092803", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7092803/"),
            ("NICE recommends it (TA943).", "nice TA943", "https://www.nice.org.uk/guidance/ta943"),
            (
                "https://www.nice.org.uk/guidance/mtg58 applies", "nice MTG58",
                "https://www.nice.org.uk/guidance/mtg58"
            ),
            ("Funded by NIHR131234", "nihr NIHR131234", "https://fundingawards.nihr.ac.uk/award/NIHR131234"),
        ] as [(String, String, String)])
    func kinds(_ text: String, _ expected: String, _ url: String) throws {
        let identifiers = IdentifierFinder.find(in: text)
        #expect(identifiers.map { "\($0.type.rawValue) \($0.value)" } == [expected], "\(text)")
        #expect(identifiers.first?.url == url)
    }

    @Test(
        "no identifier in numbers of other kinds",
        arguments: [
            "Call 01202 123456 or 0300 123 1234", "Visit us at BH1 1AA or NG5 1PB", "Opened on 2024-06-13 at 10.30",
            "A £250m fund, 10.5 million people and 20% more", "Upgrade to version 10.2.3/beta or v2.10",
            "The TA team met NG staff", "Team TA943 won the quiz", "NCT123456789 has nine digits", "ISRCTN1234",
            "a PMID of none", "PMC12", "NIHR funded 12 studies", "2024-123456-1 is too short", "1995-06-13-2024",
            "PubMed has 36 million records",
        ])
    func negatives(_ text: String) {
        #expect(found(text).isEmpty, "\(text): \(found(text))")
    }

    @Test("NICE references count only where the text is about NICE; each identifier once, in order")
    func niceContext() {
        #expect(found("Guideline NG28 updated") == [])
        #expect(
            found("Guideline NG28 updated", "The National Institute for Health and Care Excellence said") == [
                "nice NG28"
            ])
        #expect(found("NICE: NG28 and QS6, then NG28 again") == ["nice NG28", "nice QS6"])
        #expect(found("doi:10.1000/xyz123; PMID 42 and doi 10.1000/XYZ123.") == ["doi 10.1000/xyz123", "pmid 42"])
    }
}
