import Foundation

/// Recognises the same story told by another outlet (a press release rewritten by the trade press):
/// the word sets of title and opening summary overlap strongly, and the numbers agree.
///
/// Similarity is the overlap (Jaccard) of the two stories' content words (title, and the first 40 words
/// of the summary; stop words dropped, plurals folded), each word weighted by its rarity among recent
/// stories, so that the phrases every story of a kind uses ("unveils", "results from pilot") count little
/// and names count a lot. Two stories are the same when it reaches `threshold`, unless both mention
/// numbers and share none ("£250m" and "£30m" are different grants).
public struct StoryFingerprint: Sendable, Equatable {
    public let titleWords: Set<String>
    public let words: Set<String>
    public let numbers: Set<String>

    public init(title: String, summary: String) {
        let title = StoryFingerprint.words(title)
        let summary = StoryFingerprint.words(summary).prefix(40)
        titleWords = Set(title)
        words = Set(title).union(summary)
        numbers = words.filter { word in
            word.utf8.allSatisfy { $0 < 0x80 }
                ? word.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } : word.contains(where: \.isNumber)
        }
    }

    /// Stories this alike are the same.
    public static let strong = 0.5
    /// Stories at least this alike are the same when their titles also share two rare words.
    public static let threshold = 0.36

    /// The overlap of the two stories' words, each word weighted by how rare it is among recent stories
    /// (`weight`; by default all words count the same): 0 when their numbers disagree.
    public func similarity(to other: StoryFingerprint, weight: (String) -> Double = { _ in 1 }) -> Double {
        if !numbers.isEmpty && !other.numbers.isEmpty && numbers.isDisjoint(with: other.numbers) { return 0 }
        var shared = 0.0
        var all = 0.0
        for word in words {
            let w = weight(word)
            all += w
            if other.words.contains(word) { shared += w }
        }
        for word in other.words where !words.contains(word) { all += weight(word) }
        return all == 0 ? 0 : shared / all
    }

    /// The same story: very alike, or alike with at least two rare title words in common
    /// (`isRare`; by default every word is).
    public func isSameStory(
        as other: StoryFingerprint, weight: (String) -> Double = { _ in 1 }, isRare: (String) -> Bool = { _ in true }
    ) -> Bool {
        sameStory(as: other, weight: weight, isRare: isRare) != nil
    }

    /// How alike, when the same story; nil when not.
    public func sameStory(
        as other: StoryFingerprint, weight: (String) -> Double = { _ in 1 }, isRare: (String) -> Bool = { _ in true }
    ) -> Double? {
        let score = similarity(to: other, weight: weight)
        if score >= StoryFingerprint.strong { return score }
        guard score >= StoryFingerprint.threshold else { return nil }
        let sharedRare = titleWords.intersection(other.titleWords).filter { $0.count >= 3 && isRare($0) }.count
        return sharedRare >= 2 ? score : nil
    }

    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of",
        "on", "or", "said", "says", "say", "that", "the", "this", "to", "was", "were", "will", "with", "new", "more",
        "over", "after", "into", "than", "their", "there", "they", "which", "who", "up", "out", "not", "can", "also",
    ]

    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            var word = current.lowercased()
            current = ""
            guard !stopWords.contains(word) else { return }
            if word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") { word.removeLast() }
            result.append(word)
        }
        for scalar in text.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            // ASCII letters and digits are decided without looking up Unicode properties (the
            // same answer, many times faster: most feed text is ASCII).
            let value = scalar.value
            let isWordScalar =
                value < 0x80
                ? (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
                    || (value >= 0x30 && value <= 0x39)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return result
    }
}
