import Foundation
import HorizonCore
import HorizonText

/// What one hub's triage decisions teach: which stories it wants and which it does not.
///
/// Two simple, explainable parts, averaged, both deterministic:
/// - **neighbours**: the five decided stories most like this one (cosine of TF-IDF word vectors);
///   the share of their likeness that belongs to positive decisions ("like 4 items you shortlisted");
/// - **words and themes**: a logistic regression over the words seen in two decisions or more and
///   the hub's themes that matched the story ("words: falls, theme ageing-frailty"), L2-regularised and
///   fitted by gradient descent from zero. A story's text words share one unit of weight (a long story
///   is not more certain for having more words); each theme counts 3, so that the few themes are
///   regularised less than the many words: a hub that wants one theme's stories and not another's
///   teaches that quickly. Unlike word log-odds summed one by one, the regression explains away a
///   theme that only came with wanted ones.
///
/// A story counts as confident noise when the model gives it under 0.2 and its neighbours are close.
public struct HubModel: Sendable {
    /// One decided story.
    public struct Example: Sendable {
        public var id: String
        public var title: String
        public var summary: String
        /// The hub's themes that matched the story.
        public var themes: [String]
        /// Shortlisted, assessing, adopted or watching: true; rejected: false.
        public var positive: Bool
        /// The decision's name, for explanations ("shortlisted").
        public var status: String

        public init(
            id: String, title: String, summary: String, themes: [String] = [], positive: Bool, status: String
        ) {
            self.id = id
            self.title = title
            self.summary = summary
            self.themes = themes
            self.positive = positive
            self.status = status
        }
    }

    /// The model's view of one story.
    public struct Judgement: Sendable, Equatable {
        /// How likely the hub wants it, 0 to 1.
        public var probability: Double
        public var isConfidentNoise: Bool
        public var reasons: [String]
    }

    let examples: [Example]
    let vocabulary: [String: Int]
    /// The word as first written, by id (for explanations).
    let surface: [String]
    let idf: [Double]
    /// The regression's weight of each word id (0 for words seen in fewer than two decisions).
    let weights: [Double]
    let bias: Double
    /// Whether each word id takes part in the regression (seen in two decisions or more).
    let informative: [Bool]
    /// For each word id, the examples holding it and the word's weight in their unit vectors.
    let postings: [[(example: Int, weight: Double)]]
    public var count: Int { examples.count }

    /// A model from the decisions; nil with fewer than `minimum` of them or without both kinds.
    public init?(examples: [Example], minimum: Int) {
        guard examples.count >= minimum, examples.contains(where: \.positive),
            examples.contains(where: { !$0.positive })
        else { return nil }
        let ordered = examples.sorted { $0.id < $1.id }
        var vocabulary: [String: Int] = [:]
        var surface: [String] = []
        var documentWords: [[Int: Int]] = []
        for example in ordered {
            var counts: [Int: Int] = [:]
            for (key, written) in HubModel.features(example.title, example.summary, themes: example.themes) {
                let id: Int
                if let known = vocabulary[key] {
                    id = known
                } else {
                    id = surface.count
                    vocabulary[key] = id
                    surface.append(written)
                }
                counts[id, default: 0] += 1
            }
            documentWords.append(counts)
        }
        let n = Double(ordered.count)
        var df = [Double](repeating: 0, count: surface.count)
        for counts in documentWords {
            for id in counts.keys { df[id] += 1 }
        }
        idf = df.map { log((n + 1) / ($0 + 1)) + 1 }
        informative = df.map { $0 >= 2 }
        let rows = documentWords.map { [informative] in HubModel.row($0, informative: informative, surface: surface) }
        (weights, bias) = HubModel.fit(
            rows, labels: ordered.map(\.positive), features: surface.count, lambda: 0.02)
        var postings = [[(example: Int, weight: Double)]](repeating: [], count: surface.count)
        for (index, counts) in documentWords.enumerated() {
            let vector = HubModel.unit(counts, idf: idf)
            for (id, weight) in vector { postings[id].append((index, weight)) }
        }
        self.examples = ordered
        self.vocabulary = vocabulary
        self.surface = surface
        self.postings = postings
    }

    /// The model's judgement of a story it has not been told about.
    /// `explaining: false` leaves the reasons out (a run sets thousands of priorities and shows none).
    public func judge(title: String, summary: String, themes: [String] = [], explaining: Bool = true) -> Judgement {
        var counts: [Int: Int] = [:]
        for (key, _) in HubModel.features(title, summary, themes: themes) {
            if let id = vocabulary[key] { counts[id, default: 0] += 1 }
        }
        // Neighbours.
        var similarity: [Int: Double] = [:]
        for (id, weight) in HubModel.unit(counts, idf: idf) {
            for posting in postings[id] { similarity[posting.example, default: 0] += weight * posting.weight }
        }
        let neighbours = similarity.filter { $0.value >= 0.05 }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }.prefix(5)
        let total = neighbours.reduce(0) { $0 + $1.value }
        let positive = neighbours.filter { examples[$0.key].positive }.reduce(0) { $0 + $1.value }
        let fromNeighbours = (positive + 0.1) / (total + 0.2)
        // The regression over the story's informative words and themes.
        let row = HubModel.row(counts, informative: informative, surface: surface)
        let evidence = row.reduce(bias) { $0 + weights[$1.0] * $1.1 }
        let fromWords = 1 / (1 + exp(-evidence))
        let probability = (fromNeighbours + fromWords) / 2
        let rounded = (probability * 100).rounded() / 100
        let isConfidentNoise = probability < 0.2 && total >= 0.2
        guard explaining else {
            return Judgement(probability: rounded, isConfidentNoise: isConfidentNoise, reasons: [])
        }

        var reasons: [String] = []
        let liked = neighbours.filter { examples[$0.key].positive == (probability >= 0.5) }
        if !liked.isEmpty {
            let statuses = Dictionary(grouping: liked.map { examples[$0.key].status }, by: { $0 })
            let status = statuses.max {
                $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key > $1.key
            }!
            .key
            let titles = liked.prefix(2).map { "\u{201C}\(HubModel.short(examples[$0.key].title))\u{201D}" }
            reasons.append(
                "like \(liked.count) item\(liked.count == 1 ? "" : "s") you \(status): "
                    + titles.joined(separator: ", "))
        }
        let telling = row.filter { (weights[$0.0] > 0) == (probability >= 0.5) }.sorted {
            abs(weights[$0.0] * $0.1) != abs(weights[$1.0] * $1.1)
                ? abs(weights[$0.0] * $0.1) > abs(weights[$1.0] * $1.1) : $0.0 < $1.0
        }.prefix(3)
        if !telling.isEmpty { reasons.append("words: " + telling.map { surface[$0.0] }.joined(separator: ", ")) }
        return Judgement(
            probability: rounded, isConfidentNoise: isConfidentNoise,
            reasons: ["model: \(formatScore(rounded)) from \(examples.count) decisions"] + reasons)
    }

    /// A story's features for the regression: each theme 3, each text word 1/√(its number of words).
    static func row(_ counts: [Int: Int], informative: [Bool], surface: [String]) -> [(Int, Double)] {
        let ids = counts.keys.filter { informative[$0] }.sorted()
        let textWords = ids.count { !surface[$0].hasPrefix("theme ") }
        let text = 1 / sqrt(Double(max(1, textWords)))
        return ids.map { ($0, surface[$0].hasPrefix("theme ") ? 3 : text) }
    }

    /// L2-regularised logistic regression, 400 steps of gradient descent from zero with a step that
    /// cannot overshoot (the inverse of the loss's curvature bound): deterministic.
    static func fit(_ rows: [[(Int, Double)]], labels: [Bool], features: Int, lambda: Double) -> ([Double], Double) {
        var weights = [Double](repeating: 0, count: features)
        let positives = Double(labels.count { $0 })
        var bias = log((positives + 1) / (Double(labels.count) - positives + 1))
        let largest = rows.map { $0.reduce(0) { $0 + $1.1 * $1.1 } }.max() ?? 1
        let step = 1 / (0.25 * (largest + 1) + lambda)
        let n = Double(rows.count)
        var gradient = [Double](repeating: 0, count: features)
        for _ in 0..<400 {
            for index in gradient.indices { gradient[index] = lambda * weights[index] }
            var biasGradient = 0.0
            for (row, label) in zip(rows, labels) {
                let z = row.reduce(bias) { $0 + weights[$1.0] * $1.1 }
                let error = (1 / (1 + exp(-z)) - (label ? 1 : 0)) / n
                biasGradient += error
                for (id, value) in row { gradient[id] += error * value }
            }
            for index in weights.indices { weights[index] -= step * gradient[index] }
            bias -= step * biasGradient
        }
        return (weights, bias)
    }

    static func short(_ title: String) -> String {
        title.count <= 60 ? title : String(title.prefix(57)) + "..."
    }

    /// A word-count vector as TF-IDF of unit length.
    static func unit(_ counts: [Int: Int], idf: [Double]) -> [(Int, Double)] {
        var vector = counts.map { ($0.key, (1 + log(Double($0.value))) * idf[$0.key]) }
        let length = sqrt(vector.reduce(0) { $0 + $1.1 * $1.1 })
        guard length > 0 else { return [] }
        for index in vector.indices { vector[index].1 /= length }
        return vector.sorted { $0.0 < $1.0 }
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have", "had", "will",
        "its", "their", "they", "them", "into", "over", "after", "more", "than", "said", "says", "new", "who", "which",
        "been", "being", "also", "can", "not", "but", "our", "out", "all", "about", "per", "cent", "one", "two",
        "three", "year", "years", "would", "could", "may", "now", "she", "his", "her", "him", "you", "your",
    ]

    /// The story's words, and its themes as words of their own ("theme ageing-frailty", twice: a
    /// theme says more than one word of the text).
    static func features(_ title: String, _ summary: String, themes: [String]) -> [(String, String)] {
        words(title + " . " + summary)
            + themes.flatMap { theme in
                [("\u{1}" + theme, "theme " + theme), ("\u{1}" + theme, "theme " + theme)]
            }
    }

    /// The story's words as (key, as written): folded and stemmed like the matcher's, without stop
    /// words, numbers and words under three letters.
    static func words(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        for word in TextNormalizer.words(text) {
            let lower = TextNormalizer.lower(word)
            guard lower.count >= 3, !stopWords.contains(lower), !lower.allSatisfy(\.isNumber) else { continue }
            result.append((TextNormalizer.normalize(lower), lower))
        }
        return result
    }
}
