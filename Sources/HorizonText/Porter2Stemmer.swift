/// The Porter2 ("English") stemming algorithm of the Snowball project, written from its published
/// definition (snowballstem.org/algorithms/english/stemmer.html). Works on lower-case ASCII words;
/// any other word is returned unchanged.
public enum Porter2Stemmer {
    public static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 == 0x27 }) else { return word }
        if let exception = exceptions1[word] { return exception }
        var w = Word(bytes)
        return w.run()
    }

    static let exceptions1: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
        "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias",
        "andes": "andes",
    ]

    static let exceptions2: Set<String> = [
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    ]

    /// The word being stemmed, as bytes; `Y` (0x59) marks a y that acts as a consonant.
    struct Word {
        var b: [UInt8]
        var r1 = 0
        var r2 = 0

        init(_ bytes: [UInt8]) { b = bytes }

        static func isVowel(_ c: UInt8) -> Bool {
            c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79
        }

        func endsWith(_ suffix: [UInt8]) -> Bool {
            suffix.count <= b.count && b[(b.count - suffix.count)...].elementsEqual(suffix)
        }

        /// The longest of `suffixes` the word ends with.
        func longest(_ suffixes: [[UInt8]]) -> [UInt8]? {
            var best: [UInt8]? = nil
            for suffix in suffixes where endsWith(suffix) && suffix.count > (best?.count ?? -1) { best = suffix }
            return best
        }

        func inR1(_ suffix: [UInt8]) -> Bool { b.count - suffix.count >= r1 }
        func inR2(_ suffix: [UInt8]) -> Bool { b.count - suffix.count >= r2 }

        mutating func replace(_ suffix: [UInt8], with replacement: [UInt8]) {
            b.removeLast(suffix.count)
            b.append(contentsOf: replacement)
        }

        /// The end of the region after the first non-vowel following a vowel, from `start`.
        func region(after start: Int) -> Int {
            var i = start
            while i + 1 < b.count {
                if Word.isVowel(b[i]) && !Word.isVowel(b[i + 1]) { return i + 2 }
                i += 1
            }
            return b.count
        }

        /// A short syllable ends at index `end` (inclusive).
        func isShortSyllable(endingAt end: Int) -> Bool {
            if end == 1 { return Word.isVowel(b[0]) && !Word.isVowel(b[1]) }
            guard end >= 2 else { return false }
            let c = b[end]
            return !Word.isVowel(b[end - 2]) && Word.isVowel(b[end - 1]) && !Word.isVowel(c) && c != 0x77 && c != 0x78
                && c != 0x59
        }

        var isShortWord: Bool { r1 >= b.count && isShortSyllable(endingAt: b.count - 1) }

        func containsVowel(before end: Int) -> Bool {
            b[..<end].contains(where: Word.isVowel)
        }

        mutating func run() -> String {
            if b.first == 0x27 { b.removeFirst() }
            guard b.count > 2 else { return finish() }
            // y as a consonant: at the start, or after a vowel.
            if b[0] == 0x79 { b[0] = 0x59 }
            for i in 1..<b.count where b[i] == 0x79 && Word.isVowel(b[i - 1]) { b[i] = 0x59 }
            markRegions()
            step0()
            step1a()
            if Porter2Stemmer.exceptions2.contains(String(decoding: b, as: UTF8.self)) { return finish() }
            step1b()
            step1c()
            step2()
            step3()
            step4()
            step5()
            return finish()
        }

        mutating func markRegions() {
            let text = String(decoding: b, as: UTF8.self)
            if text.hasPrefix("gener") || text.hasPrefix("arsen") {
                r1 = 5
            } else if text.hasPrefix("commun") {
                r1 = 6
            } else {
                r1 = region(after: 0)
            }
            r2 = r1 >= b.count ? b.count : region(after: r1)
        }

        mutating func step0() {
            if let suffix = longest([s("'s'"), s("'s"), s("'")]) { b.removeLast(suffix.count) }
        }

        mutating func step1a() {
            guard let suffix = longest([s("sses"), s("ied"), s("ies"), s("us"), s("ss"), s("s")]) else { return }
            switch suffix {
            case s("sses"): replace(suffix, with: s("ss"))
            case s("ied"), s("ies"): replace(suffix, with: b.count - suffix.count > 1 ? s("i") : s("ie"))
            case s("s"):
                // Delete if the part before the s holds a vowel not immediately before it.
                if b.count >= 3 && containsVowel(before: b.count - 2) { b.removeLast() }
            default: break  // us, ss
            }
        }

        mutating func step1b() {
            guard let suffix = longest([s("eed"), s("eedly"), s("ed"), s("edly"), s("ing"), s("ingly")]) else { return }
            if suffix == s("eed") || suffix == s("eedly") {
                if inR1(suffix) { replace(suffix, with: s("ee")) }
                return
            }
            guard containsVowel(before: b.count - suffix.count) else { return }
            b.removeLast(suffix.count)
            if endsWith(s("at")) || endsWith(s("bl")) || endsWith(s("iz")) {
                b.append(0x65)
            } else if let last = b.last, b.count >= 2, last == b[b.count - 2],
                [0x62, 0x64, 0x66, 0x67, 0x6D, 0x6E, 0x70, 0x72, 0x74].contains(last)
            {
                b.removeLast()
            } else if isShortWord {
                b.append(0x65)
            }
        }

        mutating func step1c() {
            guard b.count > 2, let last = b.last, last == 0x79 || last == 0x59, !Word.isVowel(b[b.count - 2]) else {
                return
            }
            b[b.count - 1] = 0x69
        }

        static let step2Rules: [([UInt8], [UInt8])] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
            ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
            ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
        ].map { (s($0.0), s($0.1)) }

        mutating func step2() {
            guard let suffix = longest(Word.step2Rules.map(\.0)), inR1(suffix) else { return }
            let replacement = Word.step2Rules.first { $0.0 == suffix }!.1
            let before = b.count - suffix.count
            if suffix == s("ogi") {
                guard before > 0, b[before - 1] == 0x6C else { return }
            } else if suffix == s("li") {
                guard before > 0, [0x63, 0x64, 0x65, 0x67, 0x68, 0x6B, 0x6D, 0x6E, 0x72, 0x74].contains(b[before - 1])
                else { return }
            }
            replace(suffix, with: replacement)
        }

        static let step3Rules: [([UInt8], [UInt8])] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
            ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
        ].map { (s($0.0), s($0.1)) }

        mutating func step3() {
            guard let suffix = longest(Word.step3Rules.map(\.0)), inR1(suffix) else { return }
            if suffix == s("ative") && !inR2(suffix) { return }
            replace(suffix, with: Word.step3Rules.first { $0.0 == suffix }!.1)
        }

        static let step4Suffixes: [[UInt8]] = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
            "ous", "ive", "ize", "ion",
        ].map(s)

        mutating func step4() {
            guard let suffix = longest(Word.step4Suffixes), inR2(suffix) else { return }
            if suffix == s("ion") {
                let before = b.count - 3
                guard before > 0, b[before - 1] == 0x73 || b[before - 1] == 0x74 else { return }
            }
            b.removeLast(suffix.count)
        }

        mutating func step5() {
            guard let last = b.last else { return }
            if last == 0x65 {
                if inR2([0x65]) || (inR1([0x65]) && !isShortSyllable(endingAt: b.count - 2)) { b.removeLast() }
            } else if last == 0x6C {
                if inR2([0x6C]) && b.count >= 2 && b[b.count - 2] == 0x6C { b.removeLast() }
            }
        }

        mutating func finish() -> String {
            for i in b.indices where b[i] == 0x59 { b[i] = 0x79 }
            return String(decoding: b, as: UTF8.self)
        }
    }
}

private func s(_ text: String) -> [UInt8] { Array(text.utf8) }
