import HorizonCore

/// A story's text as words with their case and the punctuation between them: what the name finder
/// and the stage reader work on.
struct Words {
    /// The bytes the words point into: the text as read, and the same with ASCII capitals made small.
    final class Storage {
        var bytes: [UInt8] = []
        var lowered: [UInt8] = []
    }

    struct Word {
        /// The text's bytes; the `Words` that made the word keeps them alive.
        unowned(unsafe) let storage: Storage
        /// Where the word lies in them, without a possessive ending.
        let start: Int32
        let end: Int32
        /// Where the punctuation before it lies (empty: only spaces).
        let gapStart: Int32
        let gapEnd: Int32
        /// Begins with a capital letter.
        var capitalized: Bool
        /// Two or more letters, all capitals.
        var allCaps: Bool
        /// A small letter right before a capital inside the word (`DrDoctor`, `PReCePT`, `eConsult`).
        var innerCapital: Bool
        var hasDigit: Bool
        /// Ended in `'s` or `s'`.
        var possessive: Bool
        /// The first word of the text, or the first after a full stop, question or exclamation mark, or colon.
        var startsSentence: Bool
        /// What the vocabulary says of it (`Words.kind`, `Words.cue`), found once as the word is read.
        var flags: UInt8
        /// FNV-1a of its lower-cased bytes.
        var hash: UInt64
        var hasHyphen: Bool
        /// Letters and digits only.
        var isPlain: Bool

        /// As written, without a possessive ending.
        var text: String { String(decoding: storage.bytes[Int(start)..<Int(end)], as: UTF8.self) }
        var lower: String { String(decoding: storage.lowered[Int(start)..<Int(end)], as: UTF8.self) }
        /// The punctuation between the previous word and this one ("", ",", ".", "(").
        var before: String { String(decoding: storage.bytes[Int(gapStart)..<Int(gapEnd)], as: UTF8.self) }
        var length: Int { Int(end - start) }

        /// Its letters and digits, lower-cased.
        var plainKey: String { isPlain ? lower : Words.key(lower) }

        /// Only spaces separate it from the word before.
        var joinsPrevious: Bool { gapStart == gapEnd }

        /// FNV-1a of its first plain token, read from its lower-cased bytes: its letters and digits up to
        /// the first other character, apostrophes skipped (`c-the-signs` → `c`, `o'neill` → `oneill`).
        var firstTokenHash: UInt64 {
            if isPlain { return hash }
            var result: UInt64 = 0xcbf2_9ce4_8422_2325
            let (from, to) = (Int(start), Int(end))
            storage.lowered.withUnsafeBufferPointer { bytes in
                for n in from..<to {
                    let byte = bytes[n]
                    if byte == 0x27 { continue }
                    guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 else {
                        break
                    }
                    result = (result ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                }
            }
            return result
        }

        /// Whether it is `word` (lower-cased), by hash.
        func `is`(_ word: StaticString) -> Bool { hash == Words.hash(word) }

        /// Whether the punctuation before it is exactly `gap` (compared as bytes: no string is made).
        func gapIs(_ gap: StaticString) -> Bool {
            let length = Int(gapEnd - gapStart)
            guard length == gap.utf8CodeUnitCount else { return false }
            let start = Int(gapStart)
            return gap.withUTF8Buffer { expected in
                storage.bytes.withUnsafeBufferPointer { bytes in
                    (0..<length).allSatisfy { bytes[start + $0] == expected[$0] }
                }
            }
        }
    }

    let storage = Storage()
    var words: [Word] = []

    /// Reads at most `limit` bytes of `text` (names and stages show early in a story). The text is read
    /// as UTF-8 bytes: ASCII letters and digits, and every letter beyond ASCII, make words; the
    /// typographic apostrophe, quotes, dashes and the no-break space do not.
    init(_ text: String, limit: Int = 2_000) {
        var text = text
        let storage = self.storage
        text.withUTF8 { all in
            storage.bytes = Array(all[..<min(all.count, limit)])
        }
        storage.lowered = storage.bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let vocabulary = Words.vocabulary
        storage.bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            var gapStart = -1
            var gapEnd = -1
            var sentence = true
            /// The length of the word character at `i` (0: not one).
            func wordCharacter(_ i: Int) -> Int {
                guard i < bytes.count else { return 0 }
                let byte = bytes[i]
                if byte < 0x80 {
                    return (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) ? 1 : 0
                }
                // U+2000 to U+206F (punctuation: dashes, quotes, ellipsis).
                if byte == 0xE2 && i + 1 < bytes.count && bytes[i + 1] == 0x80 { return 0 }
                // U+0080 to U+00BF: the no-break space and symbols (£, ©, °, «, »).
                if byte == 0xC2 { return 0 }
                guard byte >= 0xC0 else { return 1 }
                return byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            }
            /// The length of a right single quotation mark (U+2019) at `i`, or 1 for `'`, or 0.
            func apostrophe(_ i: Int) -> Int {
                guard i < bytes.count else { return 0 }
                if bytes[i] == 0x27 { return 1 }
                return i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 ? 3 : 0
            }
            words.reserveCapacity(bytes.count / 5)
            while i < bytes.count {
                let length = wordCharacter(i)
                guard length > 0 else {
                    let byte = bytes[i]
                    if byte == 0x0A {
                        sentence = true
                    } else if byte != 0x20 && byte != 0x09 {
                        if byte == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0xA0 {
                            i += 2
                            continue
                        }
                        let width = min(bytes.count - i, byte == 0xE2 ? 3 : byte == 0xC2 ? 2 : 1)
                        if gapStart < 0 { gapStart = i }
                        gapEnd = i + width
                        if byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3A || byte == 0x3B || byte == 0x7C
                            || (byte == 0xE2 && i + 2 < bytes.count && (bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94))
                        {
                            sentence = true
                        }
                        // A closing apostrophe right after an s makes the word before possessive (Skin Analytics' tool).
                        if apostrophe(i) > 0, gapStart == i, let last = words.indices.last, !words[last].possessive,
                            Int(words[last].end) == i, storage.lowered[i - 1] == 0x73
                        {
                            words[last].possessive = true
                        }
                        i += width
                        continue
                    }
                    i += 1
                    continue
                }
                // A word: letters and digits, with - . ' & + or U+2019 inside (C-the-Signs, Healthy.io, A&E).
                let start = i
                var end = i + length
                while end < bytes.count {
                    let next = wordCharacter(end)
                    if next > 0 {
                        end += next
                        continue
                    }
                    let joiner: Int
                    switch bytes[end] {
                    case 0x2D, 0x2E, 0x26, 0x2B: joiner = 1
                    default: joiner = apostrophe(end)
                    }
                    guard joiner > 0, wordCharacter(end + joiner) > 0 else { break }
                    end += joiner
                }
                var last = end
                var possessive = false
                // 's and ’s at the end.
                if last - start > 2, bytes[last - 1] | 0x20 == 0x73 {
                    if bytes[last - 2] == 0x27 {
                        last -= 2
                        possessive = true
                    } else if last - start > 4, bytes[last - 2] == 0x99, bytes[last - 3] == 0x80,
                        bytes[last - 4] == 0xE2
                    {
                        last -= 4
                        possessive = true
                    }
                }
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                var capitals = 0
                var letters = 0
                var inner = false
                var digit = false
                var hyphen = false
                var plain = true
                var previousLower = false
                for n in start..<last {
                    let byte = bytes[n]
                    let upper = byte >= 0x41 && byte <= 0x5A
                    let lower = byte >= 0x61 && byte <= 0x7A
                    if upper {
                        capitals += 1
                        if previousLower { inner = true }
                    }
                    let isDigit = byte >= 0x30 && byte <= 0x39
                    if upper || lower || byte >= 0x80 { letters += 1 }
                    if isDigit { digit = true }
                    if !(upper || lower || isDigit || byte >= 0x80) {
                        plain = false
                        if byte == 0x2D { hyphen = true }
                    }
                    hash = (hash ^ UInt64(upper ? byte | 0x20 : byte)) &* 0x0000_0100_0000_01B3
                    previousLower = lower
                }
                let first = bytes[start]
                words.append(
                    Word(
                        storage: storage, start: Int32(start), end: Int32(last),
                        gapStart: Int32(gapStart < 0 ? start : gapStart), gapEnd: Int32(gapStart < 0 ? start : gapEnd),
                        capitalized: first >= 0x41 && first <= 0x5A, allCaps: letters >= 2 && capitals == letters,
                        innerCapital: inner, hasDigit: digit, possessive: possessive, startsSentence: sentence,
                        flags: Words.flags(hash, in: vocabulary), hash: hash, hasHyphen: hyphen, isPlain: plain))
                gapStart = -1
                gapEnd = -1
                sentence = false
                i = end
            }
        }
    }

    /// FNV-1a of a lower-cased word, as `Word.hash` has it.
    static func hash(_ word: String) -> UInt64 { FNV1a.hash(word.utf8) }

    /// FNV-1a of a lower-cased word, as `Word.hash` has it.
    static func hash(_ word: StaticString) -> UInt64 {
        word.withUTF8Buffer { FNV1a.hash(UnsafeRawBufferPointer($0)) }
    }

    /// A word for a kind of innovation (`InnovationNames.kinds`).
    static let kind: UInt8 = 1
    /// The first word of a stage phrase (`StageReader.cues`).
    static let cue: UInt8 = 2

    /// The flags of the words the readers look for, by the FNV-1a hash of their lower-cased bytes:
    /// an open-addressing table of (hash, flags), looked up for every word without a `Hasher`.
    static let vocabulary: [(UInt64, UInt8)] = {
        var flags: [UInt64: UInt8] = [:]
        for word in InnovationNames.kinds { flags[hash(word), default: 0] |= kind }
        for cue in StageReader.cueList { flags[cue.hashes[0], default: 0] |= Words.cue }
        var table = [(UInt64, UInt8)](repeating: (0, 0), count: vocabularySlots)
        for (key, value) in flags {
            var slot = Int(truncatingIfNeeded: key) & (vocabularySlots - 1)
            while table[slot].1 != 0 { slot = (slot + 1) & (vocabularySlots - 1) }
            table[slot] = (key, value)
        }
        return table
    }()
    static let vocabularySlots = 1_024

    /// The flags of the word with `hash`, in `vocabulary` (taken once per text, not once per word).
    @inline(__always)
    static func flags(_ hash: UInt64, in vocabulary: [(UInt64, UInt8)]) -> UInt8 {
        vocabulary.withUnsafeBufferPointer { table in
            var slot = Int(truncatingIfNeeded: hash) & (vocabularySlots - 1)
            while true {
                let (key, value) = table[slot]
                if value == 0 { return 0 }
                if key == hash { return value }
                slot = (slot + 1) & (vocabularySlots - 1)
            }
        }
    }

    var count: Int { words.count }
    subscript(_ i: Int) -> Word { words[i] }

    /// The words of `text` as lower-cased letters and digits only, split at every other character: how
    /// the watchlist's names are compared (`C the Signs` and `C-the-Signs` read the same).
    static func plainTokens(_ text: String) -> [String] { PlainToken.read(text).map(\.text) }

    /// One plain token: lower-cased, whether it began with a capital, and whether only a space parts
    /// it from the token before.
    struct PlainToken {
        var text: String
        var capital: Bool
        var afterSpace: Bool

        /// Read from UTF-8 bytes: ASCII letters and digits and letters beyond ASCII make tokens;
        /// apostrophes are skipped (`Alzheimer's` is `alzheimers`); everything else parts them.
        /// At most `limit` bytes and `tokens` tokens are read.
        static func read(_ text: String, limit: Int = 4_000, tokens wanted: Int = .max) -> [PlainToken] {
            var tokens: [PlainToken] = []
            var text = text
            text.withUTF8 { all in
                let bytes = UnsafeBufferPointer(rebasing: all[..<min(all.count, limit)])
                var current: [UInt8] = []
                var capital = false
                var gap: [UInt8] = []
                var i = 0
                func finish() {
                    guard !current.isEmpty else { return }
                    tokens.append(
                        PlainToken(
                            text: String(decoding: current, as: UTF8.self), capital: capital, afterSpace: gap == [0x20])
                    )
                    current.removeAll(keepingCapacity: true)
                    gap.removeAll(keepingCapacity: true)
                }
                while i < bytes.count && tokens.count < wanted {
                    let byte = bytes[i]
                    if byte == 0x27 {
                        i += 1
                        continue
                    }
                    if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
                        if bytes[i + 2] != 0x99 {  // U+2019 is an apostrophe; the rest parts words
                            finish()
                            gap += [byte, bytes[i + 1], bytes[i + 2]]
                        }
                        i += 3
                        continue
                    }
                    let isWord =
                        byte < 0x80
                        ? (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                        : byte != 0xC2 && !(byte >= 0x80 && byte < 0xC0 && i > 0 && bytes[i - 1] == 0xC2)
                    if isWord {
                        if current.isEmpty { capital = byte >= 0x41 && byte <= 0x5A }
                        current.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    } else {
                        finish()
                        gap.append(byte)
                    }
                    i += 1
                }
                if tokens.count < wanted { finish() }
            }
            return tokens
        }
    }

    /// The key two spellings of one name share: its letters and digits, lower-cased.
    static func key(_ name: String) -> String { plainTokens(name).joined() }
}

/// Lower-cased words by the FNV-1a hash of their bytes, as `Words.Word.hash` has it: a story's word is
/// looked up without making a string of it.
/// A bitmap of 65,536 bits, one per value of a hash's low 16 bits, answers most lookups (of words
/// not in the list) before the set is hashed into.
struct WordHashes: Sendable {
    private let hashes: Set<UInt64>
    private let bits: [UInt64]

    init(_ words: some Sequence<String>) { self.init(hashes: words.map(Words.hash)) }

    init(hashes: some Sequence<UInt64>) {
        self.hashes = Set(hashes)
        var bits = [UInt64](repeating: 0, count: 1_024)
        for hash in self.hashes { bits[Int(hash >> 6 & 1_023)] |= 1 << (hash & 63) }
        self.bits = bits
    }

    var isEmpty: Bool { hashes.isEmpty }

    func contains(_ word: Words.Word) -> Bool { contains(hash: word.hash) }
    func contains(hash: UInt64) -> Bool {
        bits[Int(hash >> 6 & 1_023)] & (1 << (hash & 63)) != 0 && hashes.contains(hash)
    }
}
