/// A reference that names one innovation's evidence or standing: a trial registration, a paper, a
/// NICE guidance or an NIHR award.
public struct Identifier: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case nct, isrctn, euct, doi, pmid, pmcid, nice, nihr
    }

    public var type: Kind
    /// The canonical form: `NCT04368728`, `10.1136/bmj.n71` (lower-cased), `TA943`.
    public var value: String
    /// Where a person reads it.
    public var url: String

    public init(type: Kind, value: String) {
        self.type = type
        self.value = value
        url = Identifier.url(type, value)
    }

    static func url(_ type: Kind, _ value: String) -> String {
        switch type {
        case .nct: "https://clinicaltrials.gov/study/\(value)"
        case .isrctn: "https://www.isrctn.com/\(value)"
        case .euct:
            value.split(separator: "-").count == 4
                ? "https://euclinicaltrials.eu/ctis-public/view/\(value)"
                : "https://www.clinicaltrialsregister.eu/ctr-search/search?query=\(value)"
        case .doi: "https://doi.org/\(value)"
        case .pmid: "https://pubmed.ncbi.nlm.nih.gov/\(value)/"
        case .pmcid: "https://www.ncbi.nlm.nih.gov/pmc/articles/\(value)/"
        case .nice: "https://www.nice.org.uk/guidance/\(value.lowercased())"
        case .nihr: "https://fundingawards.nihr.ac.uk/award/\(value)"
        }
    }
}

/// Finds identifiers in an item's title, text and links, each once, in the order they first appear.
///
/// Each kind has its own form, checked at word edges so that a longer number or word never yields one:
/// - `nct`: NCT and 8 digits; `isrctn`: ISRCTN and 8 digits; `pmcid`: PMC and 4 to 9 digits; `nihr`:
///   NIHR and 6 to 9 digits (an award number);
/// - `euct`: EudraCT `YYYY-NNNNNN-CC` and EU CT `YYYY-5NNNNN-CC-NN`, with a year from 1995 to 2099 (a
///   date has two digits where these have six);
/// - `doi`: `10.` and 4 to 9 digits, `/`, then anything up to a space or quote, from bare text, `doi:` and
///   doi.org links alike; lower-cased, without a closing full stop, comma or bracket that it does not open;
/// - `pmid`: up to 8 digits after "PMID" or "PubMed" (with an optional "ID" and colon), or in a PubMed link;
/// - `nice`: TA, NG, QS, MTG, DG, HTE, IPG, ES, CG, PH or HST and up to 4 digits, only in text that
///   names NICE (or the National Institute for Health and Care Excellence, or nice.org.uk), or in a
///   nice.org.uk guidance link.
public enum IdentifierFinder {
    public static func find(in texts: String...) -> [Identifier] { find(in: texts) }

    public static func find(in texts: [String]) -> [Identifier] {
        var found: [(position: Int, identifier: Identifier)] = []
        var offset = 0
        let aboutNICE = texts.contains(where: mentionsNICE)
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            for (position, identifier) in scan(scalars, aboutNICE: aboutNICE) {
                found.append((offset + position, identifier))
            }
            offset += scalars.count + 1
        }
        var seen = Set<Identifier>()
        return found.sorted { $0.position < $1.position }.map(\.identifier).filter { seen.insert($0).inserted }
    }

    static func mentionsNICE(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { !$0.isLetter })
        return words.contains("NICE") || text.contains("National Institute for Health and Care Excellence")
            || text.lowercased().contains("nice.org.uk")
    }

    static let niceSeries = ["MTG", "HTE", "IPG", "HST", "TA", "NG", "QS", "DG", "ES", "CG", "PH"]

    /// Every identifier in one text, with where it starts.
    static func scan(_ s: [Unicode.Scalar], aboutNICE: Bool) -> [(Int, Identifier)] {
        var result: [(Int, Identifier)] = []
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < s.count && s[i].properties.numericType == .decimal }
        func isWordScalar(_ i: Int) -> Bool {
            i >= 0 && i < s.count && (s[i].properties.isAlphabetic || s[i].properties.numericType != nil)
        }
        func digits(from i: Int) -> Int {
            var end = i
            while isDigit(end) { end += 1 }
            return end - i
        }
        func text(_ range: Range<Int>) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s[range])
            return String(out)
        }
        func matches(_ word: String, at i: Int, caseSensitive: Bool) -> Bool {
            let letters = Array(word.unicodeScalars)
            guard i + letters.count <= s.count else { return false }
            for (k, letter) in letters.enumerated() {
                let actual = s[i + k]
                if caseSensitive ? actual != letter : String(actual).lowercased() != String(letter).lowercased() {
                    return false
                }
            }
            return true
        }
        var i = 0
        while i < s.count {
            defer { i += 1 }
            let startsWord = !isWordScalar(i - 1)
            // Prefixed numbers: NCT, ISRCTN, PMC, NIHR.
            if startsWord {
                for (prefix, kind, range, caseSensitive) in [
                    ("NCT", Identifier.Kind.nct, 8...8, false), ("ISRCTN", .isrctn, 8...8, false),
                    ("PMC", .pmcid, 4...9, true), ("NIHR", .nihr, 6...9, false),
                ] where matches(prefix, at: i, caseSensitive: caseSensitive) {
                    var start = i + prefix.unicodeScalars.count
                    if kind == .isrctn || kind == .nihr, start < s.count, s[start] == " " { start += 1 }
                    let count = digits(from: start)
                    guard range.contains(count), !isWordScalar(start + count) else { continue }
                    result.append((i, Identifier(type: kind, value: prefix + text(start..<(start + count)))))
                }
                // NICE guidance references, in text about NICE.
                if aboutNICE {
                    for series in niceSeries where matches(series, at: i, caseSensitive: true) {
                        let start = i + series.count
                        let count = digits(from: start)
                        guard (1...4).contains(count), !isWordScalar(start + count) else { continue }
                        result.append((i, Identifier(type: .nice, value: series + text(start..<(start + count)))))
                        break
                    }
                }
                // PMID, PubMed ID, PubMed: a number.
                for label in ["PMID", "PubMed ID", "PubMed"] where matches(label, at: i, caseSensitive: false) {
                    var start = i + label.unicodeScalars.count
                    if isWordScalar(start) { continue }
                    while start < s.count && (s[start] == ":" || s[start] == " " || s[start] == "\u{A0}") { start += 1 }
                    let count = digits(from: start)
                    guard (1...8).contains(count), !isWordScalar(start + count) else { continue }
                    result.append((i, Identifier(type: .pmid, value: String(Int(text(start..<(start + count)))!))))
                    break
                }
            }
            // Trial numbers: EudraCT and EU CT.
            if !isDigit(i - 1), i - 1 < 0 || s[i - 1] != "-", digits(from: i) == 4, i + 4 < s.count, s[i + 4] == "-",
                let year = Int(text(i..<(i + 4))), (1995...2099).contains(year)
            {
                let middle = i + 5
                if digits(from: middle) == 6, middle + 6 < s.count, s[middle + 6] == "-", digits(from: middle + 7) == 2
                {
                    var end = middle + 9
                    if s[middle] == "5", end < s.count, s[end] == "-", digits(from: end + 1) == 2 {
                        end += 3
                    }
                    if !isDigit(end) && (end >= s.count || s[end] != "-") {
                        result.append((i, Identifier(type: .euct, value: text(i..<end))))
                    }
                }
            }
            // DOIs: 10.NNNN/... up to a space or quote.
            if s[i] == "1", !isDigit(i - 1), i - 1 < 0 || s[i - 1] != ".", matches("10.", at: i, caseSensitive: true) {
                let registrant = digits(from: i + 3)
                let slash = i + 3 + registrant
                if (4...9).contains(registrant), slash < s.count, s[slash] == "/" {
                    var end = slash + 1
                    while end < s.count && !s[end].properties.isWhitespace && !"\"'<>".unicodeScalars.contains(s[end]) {
                        end += 1
                    }
                    let value = trimmedDOI(text(i..<end))
                    if value.count > slash - i + 1 {
                        result.append((i, Identifier(type: .doi, value: value.lowercased())))
                    }
                }
            }
            // Links: PubMed and NICE guidance.
            if matches("pubmed.ncbi.nlm.nih.gov/", at: i, caseSensitive: false) {
                let start = i + 24
                let count = digits(from: start)
                if (1...8).contains(count), !isWordScalar(start + count) {
                    result.append((i, Identifier(type: .pmid, value: String(Int(text(start..<(start + count)))!))))
                }
            }
            if matches("nice.org.uk/guidance/", at: i, caseSensitive: false) {
                let start = i + 21
                var end = start
                while end < s.count && s[end].properties.isAlphabetic { end += 1 }
                let series = text(start..<end).uppercased()
                let count = digits(from: end)
                if niceSeries.contains(series), (1...4).contains(count), !isWordScalar(end + count) {
                    result.append((i, Identifier(type: .nice, value: series + text(end..<(end + count)))))
                }
            }
        }
        return result
    }

    /// A DOI without the punctuation that ends the sentence around it: a trailing full stop, comma,
    /// semicolon or colon, and closing brackets it did not open.
    static func trimmedDOI(_ doi: String) -> String {
        var value = Substring(doi)
        while let last = value.last {
            if ".,;:!?".contains(last) {
                value.removeLast()
                continue
            }
            let pairs: [Character: Character] = [")": "(", "]": "[", "}": "{"]
            if let open = pairs[last], value.filter({ $0 == open }).count < value.filter({ $0 == last }).count {
                value.removeLast()
                continue
            }
            break
        }
        return String(value)
    }
}
