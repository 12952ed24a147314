import Foundation
import HorizonCore

/// Recognises the same story told by another outlet (a press release rewritten by the trade press):
/// the word sets of title and opening summary overlap strongly, and the numbers agree.
///
/// Similarity is the overlap (Jaccard) of the two stories' content words (title, and the first 40 words
/// of the summary; stop words dropped, plurals folded), each word weighted by its rarity among recent
/// stories, so that the phrases every story of a kind uses ("unveils", "results from pilot") count little
/// and names count a lot. Two stories are the same when it reaches `threshold`, unless both mention
/// numbers and share none ("£250m" and "£30m" are different grants).
///
/// Words are kept as 64-bit hashes of their folded form (FNV-1a), in sorted arrays: comparing two
/// stories is a merge of two short integer lists, and a fingerprint is made without a string per word.
public struct StoryFingerprint: Sendable, Equatable {
    /// Title words of three letters or more (the ones that find candidates), sorted.
    public let titleWords: [UInt64]
    /// Every content word of the title and the summary's opening, sorted, each once.
    public let words: [UInt64]
    /// The words that hold a digit, sorted.
    public let numbers: [UInt64]

    public init(title: String, summary: String) {
        var titleKeys: [UInt64] = []
        var all: [UInt64] = []
        var numbers: [UInt64] = []
        titleKeys.reserveCapacity(16)
        all.reserveCapacity(64)
        StoryFingerprint.forEachWord(title, limit: .max) { key, long, digit in
            if long { titleKeys.append(key) }
            all.append(key)
            if digit { numbers.append(key) }
        }
        StoryFingerprint.forEachWord(summary, limit: 40) { key, _, digit in
            all.append(key)
            if digit { numbers.append(key) }
        }
        StoryFingerprint.sortUnique(&titleKeys)
        StoryFingerprint.sortUnique(&all)
        StoryFingerprint.sortUnique(&numbers)
        titleWords = titleKeys
        words = all
        self.numbers = numbers
    }

    /// Stories this alike are the same.
    public static let strong = 0.5
    /// Stories at least this alike are the same when their titles also share two rare words.
    public static let threshold = 0.36

    /// The overlap of the two stories' words, every word counting the same: 0 when their numbers
    /// disagree. (The catalogue weighs words by rarity: `RecentStories`.)
    public func similarity(to other: StoryFingerprint) -> Double {
        if !numbers.isEmpty && !other.numbers.isEmpty && !StoryFingerprint.intersects(numbers, other.numbers) {
            return 0
        }
        let shared = StoryFingerprint.sharedCount(words, other.words)
        let all = words.count + other.words.count - shared
        return all == 0 ? 0 : Double(shared) / Double(all)
    }

    /// The rule on its own, every word counting the same and every title word rare: very alike, or
    /// alike with two title words in common. (The catalogue applies it with rarity weights.)
    public func isSameStory(as other: StoryFingerprint) -> Bool {
        let score = similarity(to: other)
        return score >= StoryFingerprint.strong
            || (score >= StoryFingerprint.threshold
                && StoryFingerprint.sharedCount(titleWords, other.titleWords) >= 2)
    }

    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var shared = 0
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if b[j] < a[i] {
                j += 1
            } else {
                shared += 1
                i += 1
                j += 1
            }
        }
        return shared
    }

    static func intersects(_ a: [UInt64], _ b: [UInt64]) -> Bool { sharedCount(a, b) > 0 }

    /// Sorts the keys in place and drops repeats.
    static func sortUnique(_ keys: inout [UInt64]) {
        SmallSort.sort(&keys)
        var write = 0
        for read in keys.indices where read == 0 || keys[read] != keys[read - 1] {
            keys[write] = keys[read]
            write += 1
        }
        keys.removeLast(keys.count - write)
    }

    /// The stop words' keys in a table of 256 slots, each key in the slot its top byte names (or the
    /// next free one): a look-up is one or two loads, where halving a sorted list took six.
    static let stopTable: [UInt64] = {
        let words = [
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its",
            "of", "on", "or", "said", "says", "say", "that", "the", "this", "to", "was", "were", "will", "with", "new",
            "more", "over", "after", "into", "than", "their", "there", "they", "which", "who", "up", "out", "not",
            "can", "also",
        ]
        var table = [UInt64](repeating: 0, count: 256)
        for word in words {
            let key = FNV1a.hash(word.utf8)
            var slot = Int(key >> 56)
            while table[slot] != 0 { slot = (slot + 1) & 255 }
            table[slot] = key
        }
        return table
    }()

    static func isStopWord(_ key: UInt64, in stops: [UInt64]) -> Bool {
        stops.withUnsafeBufferPointer { table in
            var slot = Int(key >> 56)
            while true {
                let found = table[slot]
                if found == key { return true }
                if found == 0 { return false }
                slot = (slot + 1) & 255
            }
        }
    }

    /// The hash of one word as written (lower-cased; for tests and tools).
    public static func key(_ word: String) -> UInt64 { FNV1a.hash(word.lowercased().utf8) }

    /// Each content word of `text` (up to `limit` of them): its key (the hash of the lower-cased word,
    /// a plural `s` dropped from words over three letters), whether it has three letters or more, and
    /// whether it holds a digit. Apostrophes are dropped ("patient's" is "patients"). The hash is made
    /// as the bytes go by, with no word ever copied.
    static func forEachWord(_ text: String, limit: Int, _ body: (UInt64, Bool, Bool) -> Void) {
        let basis: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var hash = basis
        var before = basis  // the hash without the last byte
        var last: UInt8 = 0
        var secondLast: UInt8 = 0
        var length = 0
        var letters = 0
        var digit = false
        var count = 0
        let stops = stopTable  // taken once, not once per word
        @inline(__always) func add(_ byte: UInt8) {
            before = hash
            hash = (hash ^ UInt64(byte)) &* prime
            secondLast = last
            last = byte
            length += 1
        }
        @inline(__always) func flush() {
            // Stop words are five letters at most: longer words skip the look-up.
            if length > 0 && (length > 5 || !isStopWord(hash, in: stops)) {
                let plural = letters > 3 && last == 0x73 && secondLast != 0x73
                count += 1
                body(plural ? before : hash, letters >= 3, digit)
            }
            hash = basis
            before = basis
            last = 0
            secondLast = 0
            length = 0
            letters = 0
            digit = false
        }
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            // The words after the first `limit` are never used: the scan stops there.
            while index < utf8.count && count < limit {
                let byte = utf8[index]
                if byte < 0x80 {
                    // ASCII letters and digits are decided without looking up Unicode properties.
                    index += 1
                    if byte >= 0x61 && byte <= 0x7A {
                        add(byte)
                    } else if byte >= 0x41 && byte <= 0x5A {
                        add(byte + 0x20)
                    } else if byte >= 0x30 && byte <= 0x39 {
                        add(byte)
                        digit = true
                    } else if byte == 0x27 {
                        continue  // an apostrophe: "patient's" is "patients"
                    } else {
                        flush()
                        continue
                    }
                    letters += 1
                    continue
                }
                // One scalar of two to four bytes.
                let size = byte >= 0xF0 ? 4 : (byte >= 0xE0 ? 3 : 2)
                let end = min(utf8.count, index + size)
                var decoder = UTF8()
                var iterator = utf8[index..<end].makeIterator()
                index = end
                guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
                    flush()
                    continue
                }
                if scalar == "\u{2019}" { continue }
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    if scalar.properties.numericType != nil { digit = true }
                    for byte in scalar.properties.lowercaseMapping.utf8 { add(byte) }
                    letters += 1
                } else {
                    flush()
                }
            }
        }
        if count < limit { flush() }
    }
}

/// Sorting the short arrays of word keys a story has: insertion sort in place, with no buffer to
/// allocate (the standard library's stable sort allocates one); longer arrays use the standard sort.
enum SmallSort {
    static func sort<Key: Comparable>(_ keys: inout [Key]) {
        guard keys.count <= 64 else {
            keys.sort()
            return
        }
        keys.withUnsafeMutableBufferPointer { buffer in
            guard buffer.count > 1 else { return }
            for next in 1..<buffer.count {
                let key = buffer[next]
                var place = next
                while place > 0 && key < buffer[place - 1] {
                    buffer[place] = buffer[place - 1]
                    place -= 1
                }
                buffer[place] = key
            }
        }
    }
}
