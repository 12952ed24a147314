import Foundation
public import HorizonCore
import HorizonText

/// Items with the shape of `dev-items.json`: `{"items": [{"id", "title", "summary", "labels", "relevant"}]}`.
public struct LabelledItems: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var id: String
        public var title: String
        public var summary: String
        /// Theme ids a careful analyst assigned (absent for unlabelled items).
        public var labels: [String]?
        public var relevant: Bool?
        /// The item's link, when the file gives one.
        public var link: String?
        /// When it was published (ISO 8601), when the file gives it.
        public var published: String?

        public init(id: String, title: String, summary: String, labels: [String]? = nil, relevant: Bool? = nil) {
            self.id = id
            self.title = title
            self.summary = summary
            self.labels = labels
            self.relevant = relevant
        }
    }

    public var items: [Item]

    /// Reads a file of that shape, or stops with a one-line message naming the file.
    public static func load(path: String) throws(MatchEvaluationError) -> LabelledItems {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MatchEvaluationError("\(path): cannot read the file")
        }
        do {
            return try JSONDecoder().decode(LabelledItems.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            let place = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw MatchEvaluationError(
                "\(path): \(place.isEmpty ? "" : String(place.dropFirst()) + ": ")\(key.stringValue) is missing")
        } catch {
            throw MatchEvaluationError("\(path): expected {\"items\": [{\"id\", \"title\", \"summary\"}]} (\(error))")
        }
    }
}

public struct MatchEvaluationError: HorizonError {
    public let message: String
    public var kind: FailureKind { .usage }
    public init(_ message: String) { self.message = message }
}

/// Precision, recall and F1 from counts.
public struct PRF: Codable, Sendable, Equatable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    public var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double {
        let p = precision
        let r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    public var support: Int { truePositives + falseNegatives }

    mutating func add(predicted: Bool, actual: Bool) {
        switch (predicted, actual) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): break
        }
    }
}

/// How well predicted themes agree with an analyst's labels.
public struct EvaluationReport: Sendable {
    /// Relevant or not, item by item.
    public var items = PRF()
    /// Every (item, theme) pair, counted together.
    public var labelsMicro = PRF()
    public var themes: [(theme: String, score: PRF)] = []
    /// Items whose predicted themes differ from the labels: (id, missed, extra).
    public var differences: [(id: String, missed: [String], extra: [String])] = []

    /// The mean of the per-theme F1 scores (themes with labels or predictions).
    public var labelsMacroF1: Double {
        let scored = themes.filter { $0.score.support > 0 || $0.score.falsePositives > 0 }
        return scored.isEmpty ? 0 : scored.reduce(0) { $0 + $1.score.f1 } / Double(scored.count)
    }

    /// Compares `predicted` theme ids with `labelled`, over `themes` (labels outside them are ignored).
    public init(themes: [String], labelled: [LabelledItems.Item], predicted: [[String]]) {
        var perTheme = Dictionary(uniqueKeysWithValues: themes.map { ($0, PRF()) })
        let known = Set(themes)
        for (item, prediction) in zip(labelled, predicted) {
            let gold = Set((item.labels ?? []).filter(known.contains))
            let guess = Set(prediction.filter(known.contains))
            // An item is relevant when it has a label among the themes evaluated.
            items.add(predicted: !guess.isEmpty, actual: !gold.isEmpty)
            for theme in themes {
                let p = guess.contains(theme)
                let a = gold.contains(theme)
                perTheme[theme]!.add(predicted: p, actual: a)
                labelsMicro.add(predicted: p, actual: a)
            }
            if gold != guess {
                differences.append((item.id, gold.subtracting(guess).sorted(), guess.subtracting(gold).sorted()))
            }
        }
        self.themes = themes.map { ($0, perTheme[$0]!) }
    }
}
