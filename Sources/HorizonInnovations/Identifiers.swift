public import HorizonCore

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
        // Most stories hold none: one pass over the bytes looks for what every identifier begins with,
        // and for NICE.
        var aboutNICE = false
        var mayHold = false
        for text in texts {
            let found = prescan(text)
            aboutNICE = aboutNICE || found.aboutNICE
            mayHold = mayHold || found.mayHold
        }
        guard aboutNICE || mayHold else { return [] }
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

    /// Whether `text` has something an identifier (other than a NICE reference) begins with: "10." and
    /// four digits, NCT, ISRCTN, PMC, PMID, PubMed or NIHR in any case, or four digits, a hyphen, six
    /// digits and a hyphen (`mayHold`); and whether it names NICE: the word "NICE" in capitals, "National
    /// Institute for Health and Care Excellence", or a nice.org.uk address (`aboutNICE`).
    static func prescan(_ text: String) -> (mayHold: Bool, aboutNICE: Bool) {
        ASCIIBytes.read(text) { text in
            let bytes = text.bytes
            let count = bytes.count
            var mayHold = false
            var aboutNICE = false
            /// The byte at `i` with ASCII capitals made small (0 past the end).
            func lower(_ i: Int) -> UInt8 { i < count ? bytes[i] | 0x20 : 0 }
            var i = 0
            prescanStarters.withUnsafeBufferPointer { starters in
                while i < count {
                    // Most bytes begin nothing: skipped by a table of the ones that may.
                    guard starters[Int(bytes[i])] else {
                        i += 1
                        continue
                    }
                    // Digits and the hyphen keep their value when 0x20 is set; letters fold to lower case.
                    let byte = bytes[i] | 0x20
                    switch byte {
                    case 0x31 where !mayHold:
                        // A DOI: "10." and four digits.
                        mayHold = lower(i + 1) == 0x30 && lower(i + 2) == 0x2E && text.digits(from: i + 3, count: 4)
                    case 0x2D where !mayHold:
                        // A trial number: four digits, a hyphen, six digits, a hyphen.
                        mayHold =
                            text.digits(from: i - 4, count: 4) && text.digits(from: i + 1, count: 6)
                            && text.starts("-", at: i + 7)
                    case 0x6E:  // n
                        let next = lower(i + 1)
                        if !mayHold
                            && ((next == 0x63 && lower(i + 2) == 0x74)  // nct
                                || (next == 0x69 && lower(i + 2) == 0x68 && lower(i + 3) == 0x72))  // nihr
                        {
                            mayHold = true
                        }
                        if !aboutNICE && (next == 0x69 || next == 0x61) {
                            aboutNICE =
                                (text.starts("NICE", at: i) && !text.isLetter(i - 1) && !text.isLetter(i + 4))
                                || text.starts("National Institute for Health and Care Excellence", at: i)
                                || text.starts("nice.org.uk", at: i, foldingCase: true)
                        }
                    case 0x69 where !mayHold:  // isrctn
                        mayHold = lower(i + 1) == 0x73 && text.starts("isrctn", at: i, foldingCase: true)
                    case 0x70 where !mayHold:  // pmc, pmid, pubmed
                        let next = lower(i + 1)
                        mayHold =
                            (next == 0x6D && (lower(i + 2) == 0x63 || (lower(i + 2) == 0x69 && lower(i + 3) == 0x64)))
                            || (next == 0x75 && text.starts("pubmed", at: i, foldingCase: true))
                    default: break
                    }
                    if mayHold && aboutNICE { break }
                    i += 1
                }
            }
            return (mayHold, aboutNICE)
        }
    }

    /// The bytes `prescan` stops at: 1, -, and n, i, p in either case.
    static let prescanStarters: [Bool] = (0..<256).map { [0x31, 0x2D, 0x6E, 0x69, 0x70].contains($0 | 0x20) }

    static let niceSeries: [StaticString] = ["MTG", "HTE", "IPG", "HST", "TA", "NG", "QS", "DG", "ES", "CG", "PH"]

    /// Every identifier in one text, with where it starts.
    /// Whether a code ends in a postcode's second half ("NG16 2PB") or a part letter ("QS58-B").
    static func postcodeOrPart(_ s: [Unicode.Scalar], after end: Int) -> Bool {
        func isDigit(_ i: Int) -> Bool { i < s.count && ("0"..."9").contains(s[i]) }
        func isCapital(_ i: Int) -> Bool { i < s.count && ("A"..."Z").contains(s[i]) }
        if end + 3 < s.count, s[end] == " ", isDigit(end + 1), isCapital(end + 2), isCapital(end + 3) { return true }
        return end + 1 < s.count && s[end] == "-" && (isCapital(end + 1) || isDigit(end + 1))
    }

    /// Whether the sentence around `i` is about NICE guidance: it names NICE, or guidance, a
    /// guideline, an appraisal, a quality standard, a briefing or a recommendation.
    static func sentenceIsAboutNICE(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        func endsSentence(_ j: Int) -> Bool {
            j + 1 < s.count && (s[j] == "." || s[j] == "!" || s[j] == "?") && (s[j + 1] == " " || s[j + 1] == "\n")
        }
        var start = i
        while start > 0 && !endsSentence(start - 1) { start -= 1 }
        var end = i
        while end < s.count && !endsSentence(end) { end += 1 }
        let sentence = String(String.UnicodeScalarView(s[start..<min(s.count, end + 1)]))
        if sentence.contains("NICE") || sentence.contains("National Institute for Health and Care Excellence") {
            return true
        }
        let lower = sentence.lowercased()
        return ["nice.org.uk", "guidance", "guideline", "appraisal", "quality standard", "briefing", "recommend"]
            .contains { lower.contains($0) }
    }

    static func scan(_ s: [Unicode.Scalar], aboutNICE: Bool) -> [(Int, Identifier)] {
        var result: [(Int, Identifier)] = []
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < s.count && s[i].value >= 0x30 && s[i].value <= 0x39 }
        func isWordScalar(_ i: Int) -> Bool {
            guard i >= 0 && i < s.count else { return false }
            let value = s[i].value
            if value < 0x80 {
                return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A || (value >= 0x30 && value <= 0x39)
            }
            return s[i].properties.isAlphabetic || s[i].properties.numericType != nil
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
        // ASCII only: every prefix and link here is ASCII, so case folds by one bit.
        func matches(_ word: StaticString, at i: Int, caseSensitive: Bool) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= s.count else { return false }
            return word.withUTF8Buffer { letters in
                for k in 0..<count {
                    let actual = s[i + k].value
                    let expected = UInt32(letters[k])
                    if actual == expected { continue }
                    let isLetter = (expected | 0x20) >= 0x61 && (expected | 0x20) <= 0x7A
                    if caseSensitive || !isLetter || actual > 0x7F || (actual | 0x20) != (expected | 0x20) {
                        return false
                    }
                }
                return true
            }
        }
        // The scalars an identifier can begin with: digits (EU trials, DOIs), and the first letters
        // of the prefixes, labels and links.
        func mayBegin(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            guard value < 0x80 else { return false }
            if value >= 0x30 && value <= 0x39 { return true }
            return "NnIiPpTtMmDdHhEeCcQq".unicodeScalars.contains(scalar)
        }
        var i = 0
        while i < s.count {
            defer { i += 1 }
            guard mayBegin(s[i]) else { continue }
            let startsWord = !isWordScalar(i - 1)
            // Prefixed numbers: NCT, ISRCTN, PMC, NIHR.
            if startsWord {
                for (prefix, kind, range, caseSensitive) in [
                    ("NCT" as StaticString, Identifier.Kind.nct, 8...8, false), ("ISRCTN", .isrctn, 8...8, false),
                    ("PMC", .pmcid, 4...9, true), ("NIHR", .nihr, 6...9, false),
                ] where matches(prefix, at: i, caseSensitive: caseSensitive) {
                    var start = i + prefix.utf8CodeUnitCount
                    if kind == .isrctn || kind == .nihr, start < s.count, s[start] == " " { start += 1 }
                    let count = digits(from: start)
                    guard range.contains(count), !isWordScalar(start + count) else { continue }
                    result.append((i, Identifier(type: kind, value: "\(prefix)" + text(start..<(start + count)))))
                }
                // NICE guidance references, in text about NICE.
                if aboutNICE {
                    for series in niceSeries where matches(series, at: i, caseSensitive: true) {
                        let start = i + series.utf8CodeUnitCount
                        let count = digits(from: start)
                        guard (1...4).contains(count), !isWordScalar(start + count),
                            !postcodeOrPart(s, after: start + count), sentenceIsAboutNICE(s, at: i)
                        else { continue }
                        result.append((i, Identifier(type: .nice, value: "\(series)" + text(start..<(start + count)))))
                        break
                    }
                }
                // PMID, PubMed ID, PubMed: a number.
                for label in ["PMID", "PubMed ID", "PubMed"] as [StaticString]
                where matches(label, at: i, caseSensitive: false) {
                    var start = i + label.utf8CodeUnitCount
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
                if niceSeries.contains(where: { "\($0)" == series }), (1...4).contains(count),
                    !isWordScalar(end + count)
                {
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

/// A text's UTF-8 bytes, with the few ASCII questions the quick passes ask of them.
struct ASCIIBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    static func read<T>(_ text: String, _ body: (ASCIIBytes) -> T) -> T {
        var text = text
        return text.withUTF8 { body(ASCIIBytes(bytes: $0)) }
    }

    func isDigit(_ i: Int) -> Bool { i >= 0 && i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

    /// Whether the `count` bytes from `start` are all digits.
    func digits(from start: Int, count: Int) -> Bool {
        guard start >= 0, start + count <= bytes.count else { return false }
        for k in start..<(start + count) where bytes[k] < 0x30 || bytes[k] > 0x39 { return false }
        return true
    }

    /// An ASCII letter, or any byte of a non-ASCII character (a letter, as far as word edges go).
    func isLetter(_ i: Int) -> Bool {
        i >= 0 && i < bytes.count && ((bytes[i] | 0x20) >= 0x61 && (bytes[i] | 0x20) <= 0x7A || bytes[i] >= 0x80)
    }

    /// Whether `word` stands at `i`, as written or, with `foldingCase`, in any case of its letters.
    func starts(_ word: StaticString, at i: Int, foldingCase: Bool = false) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i >= 0, i + count <= bytes.count else { return false }
        return word.withUTF8Buffer { letters in
            for k in 0..<count where bytes[i + k] != letters[k] {
                let letter = letters[k] | 0x20
                guard foldingCase, letter >= 0x61, letter <= 0x7A, bytes[i + k] | 0x20 == letter else { return false }
            }
            return true
        }
    }
}
