/// A story's text as words with their case and the punctuation between them: what the name finder
/// and the stage reader work on.
struct Words {
    struct Word {
        /// As written, without a possessive ending.
        var text: String
        var lower: String
        /// Begins with a capital letter.
        var capitalized: Bool
        /// Two or more letters, all capitals.
        var allCaps: Bool
        /// A small letter right before a capital inside the word (`DrDoctor`, `PReCePT`, `eConsult`).
        var innerCapital: Bool
        var hasDigit: Bool
        /// Ended in `'s` or `s'`.
        var possessive: Bool
        /// The punctuation between the previous word and this one, without spaces ("", ",", ". ", "(").
        var before: String
        /// The first word of the text, or the first after a full stop, question or exclamation mark, or colon.
        var startsSentence: Bool

        /// Only spaces separate it from the word before.
        var joinsPrevious: Bool { before.isEmpty }
    }

    var words: [Word] = []

    /// Reads at most `limit` characters of `text` (names and stages show early in a story).
    init(_ text: String, limit: Int = 2_000) {
        var current: [Unicode.Scalar] = []
        var gap = ""
        var count = 0
        var previousEndsSentence = true
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x80
                ? (scalar.value >= 0x30 && scalar.value <= 0x39)
                    || ((scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        func flush() {
            guard !current.isEmpty else { return }
            var possessive = false
            if current.count > 2, current[current.count - 2] == "'" || current[current.count - 2] == "\u{2019}",
                current[current.count - 1] == "s" || current[current.count - 1] == "S"
            {
                current.removeLast(2)
                possessive = true
            }
            var word = Word(
                text: String(String.UnicodeScalarView(current)), lower: "", capitalized: false, allCaps: false,
                innerCapital: false, hasDigit: false, possessive: possessive, before: gap,
                startsSentence: previousEndsSentence)
            word.lower = word.text.lowercased()
            var letters = 0
            var capitals = 0
            var previousLower = false
            for (n, scalar) in current.enumerated() {
                let upper = scalar.properties.isUppercase
                let lower = scalar.properties.isLowercase
                if upper || lower { letters += 1 }
                if upper { capitals += 1 }
                if n == 0 && upper { word.capitalized = true }
                if upper && previousLower { word.innerCapital = true }
                if scalar.value >= 0x30 && scalar.value <= 0x39 { word.hasDigit = true }
                previousLower = lower
            }
            word.allCaps = letters >= 2 && capitals == letters
            words.append(word)
            current.removeAll(keepingCapacity: true)
            gap = ""
            previousEndsSentence = false
        }
        while index != scalars.endIndex && count < limit {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            count += 1
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty, "-.'&+\u{2019}".unicodeScalars.contains(scalar), next != scalars.endIndex,
                isWordScalar(scalars[next])
            {
                // Inside a word: C-the-Signs, Healthy.io, A&E, Alzheimer's.
                current.append(scalar)
            } else {
                flush()
                if scalar == "\n" {
                    previousEndsSentence = true
                } else if scalar != " " && scalar != "\t" && scalar != "\u{A0}" {
                    gap.unicodeScalars.append(scalar)
                    if ".!?:;|\u{2013}\u{2014}".unicodeScalars.contains(scalar) { previousEndsSentence = true }
                }
                // A closing apostrophe after an s makes the word before possessive (Skin Analytics' tool).
                if scalar == "'" || scalar == "\u{2019}", let last = words.indices.last, gap.count == 1,
                    words[last].lower.hasSuffix("s")
                {
                    words[last].possessive = true
                }
            }
            index = next
        }
        flush()
    }

    var count: Int { words.count }
    subscript(_ i: Int) -> Word { words[i] }

    /// The words of `text` as lower-cased letters and digits only, split at every other character: how
    /// the watchlist's names are compared (`C the Signs` and `C-the-Signs` read the same).
    static func plainTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "\u{2019}" {
                continue
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The key two spellings of one name share: its letters and digits, lower-cased.
    static func key(_ name: String) -> String { plainTokens(name).joined() }
}
