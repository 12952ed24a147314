/// "Did you mean ...?": the known name closest to a misspelt one.
public enum Suggestion {
    /// The candidate nearest to `word` (fewest insertions, deletions, substitutions and swaps of two
    /// neighbours, ignoring case), when it is near enough to be a typo: at most one edit for short
    /// words, two from six letters, three from twelve.
    public static func closest(_ word: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(word.lowercased())
        let allowed = typed.count >= 12 ? 3 : typed.count >= 6 ? 2 : 1
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The edit distance between two words, ignoring case.
    public static func distance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.lowercased()), Array(b.lowercased()))
    }

    /// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// ` (did you mean "x"?)`-style advice for a message, or "" when nothing is close.
    public static func hint(_ word: String, among candidates: some Sequence<String>) -> String {
        closest(word, among: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// The ids a mistyped or half-remembered value most likely meant (at most three): the nearest
    /// by spelling; else those whose id has it as a part (`frailty` → `ageing-frailty`), or whose
    /// name holds it as a word.
    public static func likely(_ typed: String, among candidates: [(id: String, name: String)]) -> [String] {
        if let near = closest(typed, among: candidates.map(\.id)) { return [near] }
        let word = typed.lowercased()
        guard word.count >= 3 else { return [] }
        return Array(
            candidates.filter { candidate in
                candidate.id.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains {
                    $0.hasPrefix(word)
                }
                    || candidate.name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains {
                        $0.hasPrefix(word)
                    }
            }.map(\.id).prefix(3))
    }

    /// "; did you mean "a" or "b"?" for a message, or "" when nothing is likely.
    public static func advice(_ typed: String, among candidates: [(id: String, name: String)]) -> String {
        let found = likely(typed, among: candidates)
        guard !found.isEmpty else { return "" }
        return "; did you mean " + found.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
    }
}
