/// Finds the names of innovations (products, devices, medicines, digital tools, service models,
/// programmes) in a story, from how health news introduces them:
///
/// - an apposition or a definition: "Brain in Hand, a digital self-management tool", "Wysa is an app";
/// - a kind of thing and its name: "an app called Wysa", "the Minuteful Kidney test", "the PReCePT programme";
/// - a coined word: `DrDoctor`, `eConsult`, `PReCePT`, `HEAL-D`;
/// - a medicine's international name (its stem: `-mab`, `-tinib`, `-glutide`, ...), and a brand name
///   in brackets after a name ("tirzepatide (Mounjaro)"), which becomes its alias.
///
/// A name is a run of capitalised words (with `in`, `the`, `of`, `for`, `and`, `at` inside): generic
/// words, places, organisations and diseases are not names, nor is a company ("Skin Analytics, a
/// company that ..."). A generic phrase ("virtual ward") is a name only when the watchlist says so.
public struct InnovationNames: Sendable {
    /// What the finder found: names, and pairs of names that are the same innovation.
    public struct Found: Sendable, Equatable {
        /// Names as first written, in order of appearance.
        public var names: [String]
        /// `(name, alias)`: a brand in brackets after a name, or the reverse.
        public var aliases: [Alias]

        public struct Alias: Sendable, Equatable {
            public var name: String
            public var alias: String
        }
    }

    /// Lower-cased place names that are not innovations (the hubs' places are added).
    let places: Set<String>

    /// `places` by hash.
    let placeHashes: WordHashes

    public init(places: [String] = []) {
        self.places = InnovationNames.builtInPlaces.union(places.map { Words.key($0) })
        placeHashes = WordHashes(self.places)
    }

    func find(title: Words, summary: Words) -> Found {
        var found = Found(names: [], aliases: [])
        var keys = Set<String>()
        func add(_ name: String) {
            if keys.insert(Words.key(name)).inserted { found.names.append(name) }
        }
        for words in [title, summary] {
            var spans: [Range<Int>] = []
            for span in candidates(in: words) where !spans.contains(span) {
                spans.append(span)
            }
            for span in spans {
                // A medicine's name is written in small letters, whatever the sentence does to it.
                let name =
                    span.count == 1 && Self.isMedicine(words[span.lowerBound].lower)
                    ? words[span.lowerBound].lower : Self.text(of: span, in: words)
                add(name)
                if let alias = bracketed(after: span, in: words) {
                    add(alias)
                    found.aliases.append(.init(name: name, alias: alias))
                }
            }
        }
        return found
    }

    // MARK: - Candidates

    func candidates(in words: Words) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for i in 0..<words.count {
            let word = words[i]
            // A medicine's international name.
            if Self.isMedicine(word) { spans.append(i..<(i + 1)) }
            // A coined word.
            // A coined word, unless it is the maker ("developed by AliveCor", "AliveCor's device") or
            // part of a longer name ("Björnstad BioSciences", "VivaTech GmbH").
            if isCoinage(word), !word.possessive, !(i > 0 && words[i - 1].is("by")),
                !(i > 0 && word.joinsPrevious && isNameWord(words[i - 1]) && !words[i - 1].possessive
                    && !isCommon(words[i - 1]) && !Self.leadingHashes.contains(words[i - 1])),
                !(i + 1 < words.count && words[i + 1].joinsPrevious
                    && Self.companySuffixesHashes.contains(words[i + 1]))
            {
                spans.append(i..<(i + 1))
            }
            // "Known as Miya, the ...".
            if word.is("known"), i + 2 < words.count, words[i + 1].is("as"),
                let span = nameSpan(startingAt: i + 2, in: words)
            {
                spans.append(span)
            }
            // "X, a|an|the ... app", "X is a ... tool".
            if word.is("a") || word.is("an") || word.is("the"),
                let end = apposedName(before: i, in: words),
                introducesKind(from: i + 1, in: words), let span = nameSpan(endingAt: end, in: words),
                // "In Dorset, a ...", "For Sarah, the ..." open a sentence; they name no innovation.
                !(span.lowerBound > 0 && Self.openersHashes.contains(words[span.lowerBound - 1])
                    && words[span.lowerBound - 1].startsSentence)
            {
                spans.append(span)
            }
            guard word.flags & Words.kind != 0, !word.capitalized else { continue }
            // "an app called Wysa".
            var next = i + 1
            // "its detection software, Paige Prostate, in Europe".
            if next < words.count, words[next].gapIs(","), let span = nameSpan(startingAt: next, in: words),
                span.lowerBound == next,
                span.upperBound == words.count || words[span.upperBound].before.hasPrefix(",")
                    || words[span.upperBound].before.hasPrefix(".")
            {
                spans.append(span)
            }
            if next < words.count, words[next].joinsPrevious || words[next].gapIs(",") {
                if next + 1 < words.count, words[next].is("known"), words[next + 1].is("as") {
                    next += 2
                } else if words[next].is("called") || words[next].is("named") || words[next].is("dubbed")
                    || words[next].is("branded")
                {
                    next += 1
                } else {
                    next = -1
                }
                if next > 0, next < words.count, let span = nameSpan(startingAt: next, in: words) {
                    spans.append(span)
                }
            }
            // "the Minuteful Kidney test" (and not "Researchers at Imperial test a ...", nor
            // "Surgical robots ..." where only the sentence capitalises the word).
            if i > 0, word.joinsPrevious, !words[i - 1].possessive,
                !(i + 1 < words.count && Self.followsVerbHashes.contains(words[i + 1])),
                let span = nameSpan(endingAt: i - 1, in: words), !onlyCapitalisedBySentence(span, in: words)
            {
                spans.append(span)
            }
        }
        return spans.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Where a name would end before the article at `i`: "Name, a ..." or "Name is a ...".
    func apposedName(before i: Int, in words: Words) -> Int? {
        guard i > 0 else { return nil }
        if words[i].gapIs(",") || words[i].gapIs("\u{2013}") || words[i].gapIs("\u{2014}") {
            return i - 1
        }
        if words[i].joinsPrevious, i >= 2, words[i - 1].is("is") || words[i - 1].is("was"), words[i - 1].joinsPrevious {
            return i - 2
        }
        return nil
    }

    /// Whether the words from `i` name a kind of innovation within a few words ("a digital
    /// self-management support system"), before any company word or clause.
    func introducesKind(from i: Int, in words: Words) -> Bool {
        var j = i
        while j < words.count && j < i + 7 {
            let word = words[j]
            if j > i && !word.joinsPrevious { return false }
            if Self.companiesHashes.contains(word) { return false }
            // "the programme's lead" is about a person.
            if Self.kindsHashes.contains(word) { return !word.possessive }
            if Self.clauseWordsHashes.contains(word) { return false }
            j += 1
        }
        return false
    }

    /// The longest name that ends at `end`: capitalised words joined by spaces only (with small
    /// linking words inside), at most six, stopping at a possessive before the last.
    func nameSpan(endingAt end: Int, in words: Words) -> Range<Int>? {
        guard end >= 0, isNameWord(words[end]) else { return nil }
        var start = end
        while start > 0, end - start < 5, words[start].joinsPrevious {
            let previous = words[start - 1]
            if previous.possessive { break }
            if isNameWord(previous) {
                start -= 1
            } else if Self.linkingHashes.contains(previous), start >= 2, isNameWord(words[start - 2]),
                words[start - 1].joinsPrevious, !words[start - 2].possessive
            {
                start -= 2
            } else {
                break
            }
        }
        return accepted(start..<(end + 1), in: words)
    }

    /// The longest name that starts at `start` (after "called").
    func nameSpan(startingAt start: Int, in words: Words) -> Range<Int>? {
        guard isNameWord(words[start]) else { return nil }
        var end = start
        while end + 1 < words.count, end - start < 5, words[end + 1].joinsPrevious, !words[end].possessive {
            let next = words[end + 1]
            if isNameWord(next) {
                end += 1
            } else if Self.linkingHashes.contains(next), end + 2 < words.count, isNameWord(words[end + 2]),
                words[end + 2].joinsPrevious
            {
                end += 2
            } else {
                break
            }
        }
        return accepted(start..<(end + 1), in: words)
    }

    /// The span without leading linking or generic words ("The", "New"), if a name is left.
    func accepted(_ span: Range<Int>, in words: Words) -> Range<Int>? {
        var start = span.lowerBound
        let end = span.upperBound
        while start < end, Self.linkingHashes.contains(words[start]) || Self.leadingHashes.contains(words[start]) {
            start += 1
        }
        guard start < end, isNameWord(words[end - 1]) else { return nil }
        let span = start..<end
        // Places, organisations, diseases and common words alone are not innovations.
        if span.allSatisfy({ isCommon(words[$0]) || Self.linkingHashes.contains(words[$0]) }) { return nil }
        // A company: "Skin Analytics Ltd", "Caredge Health", "Aquilo Therapeutics".
        if span.count > 1, Self.companySuffixesHashes.contains(words[end - 1]) { return nil }
        // A person: a title before the name.
        if start > 0, Self.titlesHashes.contains(words[start - 1]) { return nil }
        return span
    }

    /// Whether the span's only uncommon word is its first, at the start of a sentence, in small
    /// letters but for that ("Surgical robots", "Game-based ADHD therapy").
    func onlyCapitalisedBySentence(_ span: Range<Int>, in words: Words) -> Bool {
        let first = words[span.lowerBound]
        guard first.startsSentence, !first.innerCapital, !first.allCaps else { return false }
        return span.dropFirst().allSatisfy { isCommon(words[$0]) || Self.linkingHashes.contains(words[$0]) }
    }

    func isNameWord(_ word: Words.Word) -> Bool { word.capitalized || word.innerCapital }

    func isCommon(_ word: Words.Word) -> Bool {
        if Self.genericHashes.contains(word) || Self.kindsHashes.contains(word) || Self.companiesHashes.contains(word) {
            return true
        }
        // Its letters and digits alone ("covid-19" is "covid19"), as the generic words and places are kept.
        let key = word.isPlain ? word.hash : Words.hash(Words.key(word.lower))
        return (!word.isPlain && Self.genericHashes.contains(hash: key)) || placeHashes.contains(hash: key)
            || (word.allCaps && word.text.count <= 2)
    }

    func isCoinage(_ word: Words.Word) -> Bool {
        // Most words are neither: two flags and a byte decide before any lookup.
        guard word.innerCapital || (word.allCaps && word.lower.utf8.contains(0x2D)) else { return false }
        guard word.text.utf8.count >= 4, !isCommon(word), !Self.notCoinagesHashes.contains(word) else { return false }
        if word.innerCapital {
            // mRNA, eGFR: one small letter and capitals is a scientific abbreviation.
            if word.text.dropFirst().allSatisfy({ $0.isUppercase || $0.isNumber }) { return false }
            // GPs, ICBs, PhDs; McDonald.
            if word.text.hasSuffix("s"), word.text.dropLast().allSatisfy({ $0.isUppercase || $0.isNumber }) {
                return false
            }
            if word.text.hasPrefix("Mc") || word.text.hasPrefix("Mac") { return false }
            return true
        }
        // HEAL-D: capital segments joined by hyphens, letters only.
        let segments = word.text.split(separator: "-")
        return segments.count >= 2 && segments.allSatisfy { $0.allSatisfy { $0.isLetter && $0.isUppercase } }
            && segments.contains { $0.count >= 2 }
    }

    /// "(Mounjaro)" right after a name: a brand or a short form.
    func bracketed(after span: Range<Int>, in words: Words) -> String? {
        let i = span.upperBound
        guard i < words.count, words[i].before.hasSuffix("("), isNameWord(words[i]) || Self.isMedicine(words[i].lower)
        else { return nil }
        var end = i
        while end + 1 < words.count, end - i < 2, words[end + 1].joinsPrevious, isNameWord(words[end + 1]) { end += 1 }
        guard end + 1 == words.count || words[end + 1].before.hasPrefix(")") else { return nil }
        let alias = i..<(end + 1)
        guard !alias.allSatisfy({ isCommon(words[$0]) }) else { return nil }
        return Self.text(of: alias, in: words)
    }

    static func text(of span: Range<Int>, in words: Words) -> String {
        span.map { words[$0].text }.joined(separator: " ")
    }

    /// A medicine's international non-proprietary name, by the WHO stems that end most of them.
    /// `isMedicine` on a word as read, making its text only when its last letters might end a medicine.
    static func isMedicine(_ word: Words.Word) -> Bool {
        guard word.length >= 8 else { return false }
        let lowered = word.storage.lowered
        let end = Int(word.end)
        let tail = UInt32(lowered[end - 3]) << 16 | UInt32(lowered[end - 2]) << 8 | UInt32(lowered[end - 1])
        guard tailBits[Int((tail &* 2_654_435_761) >> 20 & 4_095)] else { return false }
        return isMedicine(word.lower)
    }

    static func isMedicine(_ word: String) -> Bool {
        let bytes = word.utf8
        guard bytes.count >= 8 else { return false }
        // Stems by their last three letters: most words end in none of them, which a table of bits says
        // before any lookup.
        var tail: UInt32 = 0
        for byte in bytes.suffix(3) { tail = tail << 8 | UInt32(byte) }
        guard tailBits[Int((tail &* 2_654_435_761) >> 20 & 4_095)], bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }),
            let stems = stemsByTail[tail], stems.contains(where: { word.hasSuffix($0) })
        else { return false }
        return !notMedicines.contains(word)
    }

    static let tailBits: [Bool] = {
        var bits = [Bool](repeating: false, count: 4_096)
        for tail in stemsByTail.keys { bits[Int((tail &* 2_654_435_761) >> 20 & 4_095)] = true }
        return bits
    }()

    static let stemsByTail: [UInt32: [String]] = Dictionary(
        grouping: medicineStems,
        by: { stem in stem.utf8.suffix(3).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } })
}

extension InnovationNames {
    /// Words for a kind of innovation.
    // The word lists by hash, for words read from a story.
    static let clauseWordsHashes = WordHashes(clauseWords)
    static let companiesHashes = WordHashes(companies)
    static let companySuffixesHashes = WordHashes(companySuffixes)
    static let followsVerbHashes = WordHashes(followsVerb)
    static let genericHashes = WordHashes(generic)
    static let kindsHashes = WordHashes(kinds)
    static let leadingHashes = WordHashes(leading)
    static let linkingHashes = WordHashes(linking)
    static let notCoinagesHashes = WordHashes(notCoinages)
    static let openersHashes = WordHashes(openers)
    static let titlesHashes = WordHashes(titles)

    static let kinds: Set<String> = [
        "app", "apps", "application", "tool", "toolkit", "platform", "device", "test", "system", "software",
        "service", "programme", "program", "model", "algorithm", "technology", "therapy", "treatment", "drug",
        "medicine", "vaccine", "jab", "chatbot", "wearable", "sensor", "scheme", "initiative", "intervention",
        "pathway", "kit", "solution", "record", "portal", "assistant", "monitor", "dashboard", "robot", "scanner",
        "implant",
        "inhaler", "injection", "headset", "patch", "pump", "tracker", "checker", "trial", "project", "website",
        "helpline", "technique", "procedure", "smartwatch", "bot", "pill", "tablet", "screener", "biomarker",
        "diagnostic", "diagnostics", "tech", "innovation", "product", "gadget", "camera", "glasses",
    ]

    /// Words for whoever makes an innovation, which is not one.
    static let companies: Set<String> = [
        "company", "firm", "start-up", "startup", "provider", "supplier", "developer", "manufacturer", "maker",
        "charity", "organisation", "organization", "business", "enterprise", "agency", "vendor", "biotech",
        "spinout", "spin-out", "consultancy", "partner", "trust", "network", "body", "regulator", "group", "team",
        "university", "hospital", "practice", "council", "board", "unit", "centre", "center", "person", "man",
        "woman", "patient", "doctor", "nurse", "father", "mother", "grandmother", "grandfather", "resident",
    ]

    /// Last words of company names.
    static let companySuffixes: Set<String> = [
        "ltd", "limited", "inc", "plc", "llc", "llp", "gmbh", "ag", "sa", "bv", "nv", "ab", "as", "oy", "srl", "spa",
        "corp", "corporation", "co", "company", "holdings", "group", "therapeutics", "biosciences", "bioscience",
        "pharma", "pharmaceuticals", "labs", "laboratories", "technologies", "technology", "robotics", "implants",
        "diagnostics", "solutions", "healthtech", "medtech", "ventures", "partners", "consulting", "biotech",
        "genomics", "sciences", "gesundheit",
    ]

    /// Words that end the phrase after an article before any kind word ("a company that ...").
    static let clauseWords: Set<String> = [
        "that", "which", "who", "whose", "with", "for", "from", "to", "by", "in", "on", "at", "of", "and", "or",
        "is", "was", "has", "have", "will", "would",
    ]

    /// Words inside a name.
    static let linking: Set<String> = ["in", "the", "of", "for", "&", "at"]

    /// Words before a name that are not part of it ("the new ...").
    static let leading: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "new", "our", "its", "their", "his", "her", "my",
        "your", "latest", "pioneering", "innovative", "award-winning", "groundbreaking", "ground-breaking",
    ]

    /// What comes after a kind word when it is a verb ("researchers test a device").
    static let followsVerb: Set<String> = [
        "a", "an", "the", "new", "their", "its", "his", "her", "our", "whether", "how", "if", "patients", "people",
        "it", "them", "this", "these", "those",
    ]

    /// Words that open a sentence with a phrase before its subject.
    static let openers: Set<String> = [
        "in", "at", "on", "for", "with", "under", "across", "through", "from", "like", "unlike", "by", "after",
        "before", "since", "as", "to", "throughout", "within", "outside", "inside", "near", "around",
    ]

    /// Titles before a person's name.
    static let titles: Set<String> = [
        "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "lord", "lady",
    ]

    /// Capitalised words that are not names on their own: articles and pronouns, the NHS and its
    /// bodies, health words, days and months, sentence openers.
    static let generic: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "new", "our", "its", "their", "his", "her", "my", "your",
        "we", "they", "it", "he", "she", "i", "you", "there", "here", "when", "where", "what", "how", "why", "who",
        "after", "before", "during", "while", "since", "as", "but", "or", "if", "so", "also", "more", "most", "some",
        "many", "all", "every", "each", "one", "two", "three", "four", "five", "first", "second", "third", "last",
        "next", "other", "both", "such", "today", "yesterday", "tomorrow", "however", "meanwhile", "now", "overall",
        "instead", "currently", "recently", "previously", "initially", "finally", "additionally", "similarly",
        "nhs", "national", "digital", "virtual", "uk", "government", "minister", "ministers", "health", "care",
        "healthcare", "social", "secretary", "department", "council", "councils", "trust", "trusts", "hospital",
        "hospitals", "university", "college", "school", "institute", "centre", "center", "foundation", "board",
        "committee", "network", "alliance", "partnership", "integrated", "icb", "icbs", "ics", "gp", "gps", "ai",
        "mri", "ct", "covid", "covid-19", "coronavirus", "flu", "influenza", "mpox", "rsv", "hiv", "nice", "mhra",
        "nihr", "cqc", "dhsc", "ukhsa", "who", "fda", "ema", "eu", "us", "usa", "bbc", "itv", "reuters", "pa",
        "a&e", "gmc", "nmc", "bma", "rcn", "royal", "general", "public", "chief", "executive", "officer", "director",
        "head", "lead", "staff", "patients", "people", "researchers", "scientists", "doctors", "nurses",
        "clinicians", "experts", "officials", "families", "carers", "residents", "children", "pilot", "trials",
        "study", "studies", "research", "results", "report", "review", "plan", "strategy", "long", "term",
        "long-term", "winter", "spring", "summer", "autumn", "cancer", "dementia", "diabetes", "stroke", "heart",
        "mental", "obesity", "frailty", "alzheimer", "alzheimers", "parkinson", "parkinsons", "asthma", "copd",
        "adhd", "autism", "sepsis", "ward", "wards", "community", "primary", "secondary", "acute", "urgent",
        "emergency", "ambulance", "pharmacy", "pharmacies", "dental", "clinic", "clinics", "medical", "clinical",
        "smart", "mobile", "online", "remote", "home", "hospital-at-home", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "week", "month", "year", "day", "english",
        "scottish", "welsh", "british", "irish", "european", "american", "international", "global", "world",
        "local", "regional", "england", "scotland", "wales", "britain", "ireland", "northern", "southern",
        "eastern", "western", "north", "south", "east", "west", "central", "greater", "county", "city", "town",
        "borough", "district", "region", "mr", "mrs", "ms", "dr", "professor", "prof", "sir", "dame", "lord", "lady",
        "labour", "conservative", "conservatives", "tory", "tories", "liberal", "democrats", "reform", "green",
        "parliament", "commons", "lords", "office", "inquiry", "court", "police", "mps", "mp", "prime", "chancellor",
        "treasury", "budget", "bill", "act", "white", "paper", "framework", "standard", "standards", "guidance",
        "guideline", "guidelines", "england's", "service", "services", "system", "systems", "programme",
        "programmes", "project", "data", "information", "technology", "innovation", "innovations", "medicine",
        "medicines", "drug", "drugs", "vaccine", "vaccines", "test", "tests", "screening", "therapy", "treatment",
        "surgery", "surgeons", "gene", "genomic", "genomics", "blood", "skin", "eye", "kidney", "liver", "lung",
        "breast", "bowel", "prostate", "brain", "bone", "oral", "sexual", "maternity", "neonatal", "paediatric",
        "children's", "women's", "men's", "older", "young", "adult", "adults", "elderly", "disability",
        "disabilities", "learning", "workforce", "training", "education", "academy", "award", "awards", "fund",
        "funding", "grant", "prize", "challenge", "competition", "accelerator", "launch", "rollout", "roll-out",
        "read", "more", "click", "here", "share", "watch", "listen", "live", "update", "updated", "breaking",
        "exclusive", "analysis", "opinion", "comment", "news", "press", "release", "statement", "blog", "podcast",
        "video", "photo", "image", "images", "getty", "alamy", "shutterstock", "pictured", "credit", "source",
        "sources", "according", "said", "says", "told", "added", "explained", "wrote", "don't", "can't", "won't",
        "yes", "no", "not", "free", "best", "top", "big", "small", "major", "key", "latest", "early", "late",
        "better", "faster", "safer", "easier", "quicker", "simple", "single", "same", "different", "full", "part",
        "ecg", "ekg", "epr", "eprs", "ehr", "emr", "pacs", "vr", "ar", "iot", "sms", "api", "pcn", "pcns", "ccg",
        "ccgs", "sdec", "itu", "icu", "hdu", "bmi", "cvd", "ckd", "af", "mnd", "ptsd", "ocd", "cbt", "ivf", "hpv",
        "tb", "ppe", "lft", "pcr", "dna", "rna", "ml", "llm", "gpt", "nlp", "ceo", "cfo", "cmo", "cno", "nhsbt",
        "nhse", "hee", "phe", "ons", "nao", "kpi", "rct", "rcts", "unicef", "x-ray", "ultrasound", "pet",
        "ehealth", "mhealth", "telehealth", "telemedicine", "telepsychiatry", "ai-powered",
        "ai-driven", "ai-based", "app-based", "web-based", "cloud-based",
        "state-of-the-art",
    ]

    /// Places that are not innovations; the hubs' own places are added.
    static let builtInPlaces: Set<String> = [
        "london", "manchester", "birmingham", "liverpool", "leeds", "sheffield", "bristol", "newcastle",
        "nottingham", "leicester", "oxford", "cambridge", "edinburgh", "glasgow", "cardiff", "belfast", "dorset",
        "poole", "bournemouth", "christchurch", "weymouth", "dorchester", "cheshire", "merseyside", "wirral",
        "warrington", "chester", "crewe", "halton", "knowsley", "sefton", "sthelens", "cornwall", "devon",
        "somerset", "hampshire", "wiltshire", "gloucestershire", "kent", "essex", "surrey", "sussex", "yorkshire",
        "lancashire", "cumbria", "midlands", "wessex", "solent", "southampton", "portsmouth", "exeter", "plymouth",
        "brighton", "norfolk", "suffolk", "lincolnshire", "derbyshire", "staffordshire", "shropshire",
        "northumberland", "durham", "teesside", "humber", "hull", "york", "bradford", "coventry", "wolverhampton",
        "stoke", "derby", "reading", "swindon", "bath", "salisbury", "winchester", "norwich", "ipswich", "luton",
        "milton", "keynes", "northampton", "peterborough", "sunderland", "middlesbrough", "blackpool", "preston",
        "bolton", "wigan", "stockport", "salford", "oldham", "aberdeen", "dundee", "swansea", "newport", "wrexham",
        "lothian", "highlands", "tyne", "wear", "thames", "berkshire", "buckinghamshire", "hertfordshire",
        "bedfordshire", "oxfordshire", "worcestershire", "herefordshire", "warwickshire", "leicestershire",
        "nottinghamshire", "northamptonshire", "cambridgeshire", "dorset's", "america", "europe", "africa", "asia",
        "australia", "canada", "india", "china", "japan", "germany", "france", "spain", "italy", "netherlands",
        "denmark", "sweden", "norway", "finland", "scotland's", "wales'",
    ]

    /// Words with a small letter before a capital that are not innovations.
    static let notCoinages: Set<String> = [
        "iphone", "ipad", "ipod", "itunes", "youtube", "linkedin", "tiktok", "whatsapp", "powerpoint", "javascript",
        "playstation", "chatgpt", "openai", "deepmind", "biontech", "glaxosmithkline", "medtech", "healthtech",
        "fintech", "biotech", "edtech", "paypal", "wifi", "phd", "phds", "ebay", "gov.uk", "nhsx", "iplayer",
        "macbook", "airpods", "facetime", "eclinicalmedicine", "elife", "plos", "medrxiv", "biorxiv", "arxiv",
        "pubmed", "researchgate", "nhsmail", "nhsnet", "bupa", "mri", "covid-19", "sars-cov-2", "a&e", "gp-led",
        "nhs-led",
    ]

    /// The endings of medicines' international names (WHO stems).
    static let medicineStems = [
        "mab", "tinib", "ciclib", "parib", "lisib", "rafenib", "degib", "gliflozin", "glutide", "gliptin", "patide",
        "lintide", "previr", "buvir", "asvir", "navir", "tegravir", "ciclovir", "sartan", "statin", "olol", "siran",
        "rsen", "parin", "prazole", "dronate", "lukast", "oxacin", "mycin", "cillin", "conazole", "dipine",
        "triptan", "setron", "gabalin", "vastatin", "ximab", "zumab", "tuzumab", "umab", "leucel", "cept", "grastim",
        "plase", "teplase", "xaban", "gatran", "grel", "semide", "thiazide", "afil", "tidine", "oxetine",
        "azepam", "zolam", "cycline", "relin", "relix", "lutamide", "platin", "taxel", "rubicin",
        "kinra", "tercept", "zomib", "lidomide", "ersen",
    ]

    /// English words that end like a medicine.
    static let notMedicines: Set<String> = [
        "concept", "concepts", "intercept", "percept", "precept", "antigene", "pathogene", "transgene",
        "alkaline", "saline", "airline", "airlines", "baseline", "baselines", "deadline", "deadlines", "guideline",
        "headline", "headlines", "helpline", "helplines", "hotline", "pipeline", "pipelines", "timeline",
        "timelines", "discipline", "trampoline", "landline", "frontline", "skyline", "streamline", "gasoline",
        "crystaline", "masculine", "feminine", "underline", "outline", "borderline", "adrenaline", "decline",
        "declines", "incline", "mainline", "shoreline", "coastline", "sideline", "tagline", "byline", "storyline",
        "waistline", "bloodline", "lifeline", "neckline", "hairline", "dateline", "beeline", "grapevine",
        "caroline", "pauline", "jacqueline", "madeline", "geraldine", "ballerina", "hygiene", "oxygene",
        "emergene", "telegene", "glycine",
    ]
}
