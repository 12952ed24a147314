import HorizonText

/// Turns text into the matcher's word ids, in three forms: stemmed (ordinary terms), lower-cased as
/// written (`exact` terms and the context lexicon) and as written (case-sensitive terms); the last
/// two with a plural `s` dropped. Not thread-safe: each thread or task uses its own.
final class TextAnalyzer {
    let stems: [String: Int32]
    let exact: [String: Int32]
    let cased: [String: Int32]
    /// Words seen before, as written: each form's id plus one (0: no term uses it), 21 bits each.
    private var cache = WordTable(capacity: 8_192)

    init(stems: [String: Int32], exact: [String: Int32], cased: [String: Int32]) {
        self.stems = stems
        self.exact = exact
        self.cased = cased
    }

    /// The words of one text as the matcher needs them: the id of each word in each form (-1 for
    /// words no term uses); `exact` and `cased` are empty when no term uses that form.
    struct Words {
        var ids: [Int32]
        var exact: [Int32]
        var cased: [Int32]
    }

    func analyze(_ text: String) -> Words {
        var words = Words(ids: [], exact: [], cased: [])
        let usesExact = !exact.isEmpty
        let usesCased = !cased.isEmpty
        // Room for the words of most texts at once (words and the spaces after them average over
        // four bytes); a text of very short words grows the arrays once or twice.
        let room = text.utf8.count / 4 + 8
        words.ids.reserveCapacity(room)
        if usesExact { words.exact.reserveCapacity(room) }
        if usesCased { words.cased.reserveCapacity(room) }
        TextNormalizer.forEachWordAsWritten(in: text) { key, _ in
            let entry: UInt64
            if let cached = cache.value(for: key) {
                entry = cached
            } else {
                let written = String(decoding: key, as: UTF8.self)
                let lower = TextNormalizer.lower(written)
                let stem = stems[TextNormalizer.normalize(lower)] ?? -1
                let exactID = usesExact ? exact[TextNormalizer.singular(lower)] ?? -1 : -1
                let casedID = usesCased ? cased[TextNormalizer.singular(written)] ?? -1 : -1
                entry = UInt64(stem + 1) | UInt64(exactID + 1) << 21 | UInt64(casedID + 1) << 42
                if cache.count > 200_000 { cache.removeAll() }
                cache.set(key, entry)
            }
            words.ids.append(Int32(truncatingIfNeeded: entry & 0x1F_FFFF) - 1)
            if usesExact { words.exact.append(Int32(truncatingIfNeeded: (entry >> 21) & 0x1F_FFFF) - 1) }
            if usesCased { words.cased.append(Int32(truncatingIfNeeded: (entry >> 42) & 0x1F_FFFF) - 1) }
        }
        return words
    }
}
