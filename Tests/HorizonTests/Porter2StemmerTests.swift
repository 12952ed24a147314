import HorizonMatch
import HorizonText
import Testing

@Suite("Porter2 stemmer")
struct Porter2StemmerTests {
    /// Word/stem pairs from the sample vocabulary published with the algorithm's definition,
    /// plus its exceptional forms.
    static let pairs: [(String, String)] = [
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
        ("consist", "consist"), ("consisted", "consist"), ("consistency", "consist"), ("consistent", "consist"),
        ("consistently", "consist"), ("consisting", "consist"), ("consists", "consist"),
        ("consolation", "consol"), ("consolations", "consol"), ("consolatory", "consolatori"),
        ("console", "consol"), ("consoled", "consol"), ("consoles", "consol"), ("consolidate", "consolid"),
        ("consolidated", "consolid"), ("consolidating", "consolid"), ("consoling", "consol"),
        ("consolingly", "consol"), ("consols", "consol"), ("consonant", "conson"), ("consort", "consort"),
        ("consorted", "consort"), ("consorting", "consort"), ("conspicuous", "conspicu"),
        ("conspicuously", "conspicu"), ("conspiracy", "conspiraci"), ("conspirator", "conspir"),
        ("conspirators", "conspir"), ("conspire", "conspir"), ("conspired", "conspir"), ("conspiring", "conspir"),
        ("constable", "constabl"), ("constables", "constabl"), ("constance", "constanc"),
        ("constancy", "constanc"), ("constant", "constant"),
        ("knack", "knack"), ("knackeries", "knackeri"), ("knacks", "knack"), ("knag", "knag"), ("knave", "knave"),
        ("knaves", "knave"), ("knavish", "knavish"), ("kneaded", "knead"), ("kneading", "knead"), ("knee", "knee"),
        ("kneel", "kneel"), ("kneeled", "kneel"), ("kneeling", "kneel"), ("kneels", "kneel"), ("knees", "knee"),
        ("knell", "knell"), ("knelt", "knelt"), ("knew", "knew"), ("knick", "knick"), ("knif", "knif"),
        ("knife", "knife"), ("knight", "knight"), ("knightly", "knight"), ("knights", "knight"), ("knit", "knit"),
        ("knits", "knit"), ("knitted", "knit"), ("knitting", "knit"), ("knives", "knive"), ("knob", "knob"),
        ("knobs", "knob"), ("knock", "knock"), ("knocked", "knock"), ("knocker", "knocker"),
        ("knockers", "knocker"), ("knocking", "knock"), ("knocks", "knock"), ("knopp", "knopp"), ("knot", "knot"),
        ("knots", "knot"),
        // Exceptional forms and short words.
        ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"), ("news", "news"),
        ("gently", "gentl"), ("early", "earli"), ("only", "onli"), ("innings", "inning"), ("proceed", "proceed"),
        ("generously", "generous"), ("generate", "generat"), ("communication", "communic"), ("by", "by"),
        ("cry", "cri"), ("cries", "cri"), ("ties", "tie"), ("gas", "gas"), ("gaps", "gap"), ("this", "this"),
        ("hoping", "hope"), ("hopping", "hop"), ("caresses", "caress"), ("sayings", "say"),
    ]

    @Test("stems as the algorithm's definition says", arguments: pairs)
    func stems(_ word: String, _ stem: String) {
        #expect(Porter2Stemmer.stem(word) == stem)
    }

    @Test("non-ASCII and short words are left alone")
    func untouched() {
        #expect(Porter2Stemmer.stem("café") == "café")
        #expect(Porter2Stemmer.stem("ai") == "ai")
    }
}
