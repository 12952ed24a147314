/// How much a hub's model improves its priorities, by cross-validation over its own decisions:
/// the decisions are split into folds; each fold is judged by a model trained on the others, and
/// the priorities with and without the model are compared on every decision.
public struct LearningEvaluation: Sendable, Equatable {
    /// One decided item, with what the themes alone give it.
    public struct Case: Sendable {
        public var example: HubModel.Example
        /// The themes' part of the priority; nil when the hub's themes did not match the item.
        public var themes: Priority?

        public init(example: HubModel.Example, themes: Priority?) {
            self.example = example
            self.themes = themes
        }
    }

    /// Ranking quality of one set of priorities.
    public struct Ranking: Sendable, Equatable, Codable {
        /// The share of positive decisions among the 10 highest priorities.
        public var precisionAt10: Double
        /// The chance that a positive decision is ranked above a negative one (ties count half).
        public var rocAUC: Double
    }

    public var positives: Int
    public var negatives: Int
    public var folds: Int
    public var withoutLearning: Ranking
    public var withLearning: Ranking

    /// Nil when there are too few decisions of either kind to split (two of each).
    public init?(cases: [Case], folds: Int = 5, floor: Double) {
        let ordered = cases.sorted { $0.example.id < $1.example.id }
        let positives = ordered.count { $0.example.positive }
        let negatives = ordered.count - positives
        guard positives >= 2, negatives >= 2 else { return nil }
        let foldCount = min(folds, ordered.count)
        var plain = [Double](repeating: 0, count: ordered.count)
        var learned = [Double](repeating: 0, count: ordered.count)
        for fold in 0..<foldCount {
            let training = ordered.indices.filter { $0 % foldCount != fold }.map { ordered[$0].example }
            let model = HubModel(examples: training, minimum: 1)
            for index in ordered.indices where index % foldCount == fold {
                guard let themes = ordered[index].themes else { continue }
                plain[index] = themes.value
                learned[index] = themes.value
                if let model {
                    let example = ordered[index].example
                    learned[index] =
                        themes.combined(
                            with: model.judge(title: example.title, summary: example.summary, themes: example.themes),
                            decisions: model.count, floor: floor
                        ).value
                }
            }
        }
        let labels = ordered.map(\.example.positive)
        self.positives = positives
        self.negatives = negatives
        self.folds = foldCount
        withoutLearning = LearningEvaluation.ranking(plain, labels)
        withLearning = LearningEvaluation.ranking(learned, labels)
    }

    /// Precision at 10 and ROC AUC of `scores` against `labels` (order kept for ties at the cut).
    public static func ranking(_ scores: [Double], _ labels: [Bool]) -> Ranking {
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let top = order.prefix(10)
        let precision = top.isEmpty ? 0 : Double(top.count { labels[$0] }) / Double(top.count)
        return Ranking(precisionAt10: precision, rocAUC: rocAUC(scores, labels))
    }

    /// The Mann-Whitney estimate: pairs of (positive, negative) ranked right, ties counting half.
    public static func rocAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        let positive = scores.indices.filter { labels[$0] }.map { scores[$0] }
        let negative = scores.indices.filter { !labels[$0] }.map { scores[$0] }
        guard !positive.isEmpty, !negative.isEmpty else { return 0.5 }
        var wins = 0.0
        for p in positive {
            for n in negative { wins += p > n ? 1 : (p == n ? 0.5 : 0) }
        }
        return wins / Double(positive.count * negative.count)
    }
}
