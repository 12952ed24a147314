import HorizonText

/// Turns text into the matcher's word ids. Not thread-safe: each thread or task uses its own.
final class TextAnalyzer {
    let vocabulary: [String: Int32]
    let literalFirstWords: Set<String>
    /// Lower-cased words seen before: the id in the low 32 bits, bit 32 set for a literal start.
    private var cache = WordTable(capacity: 8_192)

    init(vocabulary: [String: Int32], literalFirstWords: Set<String>) {
        self.vocabulary = vocabulary
        self.literalFirstWords = literalFirstWords
    }

    /// The words of one text as the matcher needs them.
    struct Words {
        /// Word ids (-1 for words no term uses).
        var ids: [Int32]
        /// The words as written, when one may begin a literal term.
        var surface: [String]?
        /// Positions of the words that may begin a literal term.
        var literalStarts: [Int]
    }

    func analyze(_ text: String) -> Words {
        var ids = [Int32]()
        ids.reserveCapacity(64)
        var literalStarts: [Int] = []
        TextNormalizer.forEachWord(in: text) { key, ascii in
            let entry: UInt64
            if let cached = cache.value(for: key) {
                entry = cached
            } else {
                let word = TextNormalizer.lowerWord(key, ascii: ascii)
                let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
                let id = vocabulary[TextNormalizer.normalize(word)] ?? -1
                let literalStart = literalFirstWords.contains(word) || literalFirstWords.contains(singular)
                entry = UInt64(UInt32(bitPattern: id)) | (literalStart ? 1 << 32 : 0)
                if cache.count > 200_000 { cache.removeAll() }
                cache.set(key, entry)
            }
            if entry & (1 << 32) != 0 { literalStarts.append(ids.count) }
            ids.append(Int32(bitPattern: UInt32(truncatingIfNeeded: entry)))
        }
        return Words(
            ids: ids, surface: literalStarts.isEmpty ? nil : TextNormalizer.words(text), literalStarts: literalStarts)
    }
}
