import Foundation
public import HorizonCore

/// How much a matched item matters to one hub, from 0 to 1, and why.
///
/// The part from the themes: the item's best theme score for the hub, plus 0.3 of each other theme
/// it matched there (place boosts included), as `s / (s + 4)`: a score of 2 gives 0.33, 4 gives 0.5,
/// 8 gives 0.67. Thin health-and-care context lowers it (one context word: × 0.78; four or more: × 1).
///
/// Once the hub has made enough decisions (`matching.learnAfter`), its model (`HubModel`) takes part:
/// `(1 − a) × themes + a × model`, with `a = n / (n + 20)` for `n` decisions, at most 0.8. An item
/// the model judges as noise with confidence is held below the digest's threshold.
public struct Priority: Sendable, Equatable {
    public var value: Double
    /// The part from the themes alone.
    public var themes: Double
    /// The model's judgement (probability of relevant), when the hub has a model.
    public var learned: Double?
    /// Why, one short line each: "themes: ageing-frailty 6.5 (+1 more)", "context: patients, NHS",
    /// "like 4 items you shortlisted: …", "words: …".
    public var reasons: [String]

    /// The value of the themes' part alone (what `fromThemes` gives, without its reasons); nil when
    /// the item matched none of the hub's themes.
    public static func value(_ matches: [ThemeMatch]) -> Double? {
        guard !matches.isEmpty else { return nil }
        var best = 0.0
        var total = 0.0
        var context = 0
        for match in matches {
            best = max(best, match.score)
            total += match.score
            context = max(context, match.context.count)
        }
        let strength = best + 0.3 * (total - best)
        let factor = context == 0 ? 1 : min(1, 0.7 + 0.075 * Double(context))
        return rounded(strength / (strength + 4) * factor)
    }

    /// The part from the themes, with its reasons: nil when the item matched none of the hub's themes.
    public static func fromThemes(_ matches: [ThemeMatch]) -> Priority? {
        guard let value = value(matches) else { return nil }
        let ordered = matches.sorted { $0.score != $1.score ? $0.score > $1.score : $0.theme < $1.theme }
        var reasons = ["themes: \(ordered[0].theme) \(formatScore(ordered[0].score))"]
        if ordered.count > 1 {
            reasons[0] +=
                " (+ "
                + ordered.dropFirst().map { "\($0.theme) \(formatScore($0.score))" }.joined(
                    separator: ", ") + ")"
        }
        if let places = ordered.first?.contributions.filter({ $0.kind == .place }), let place = places.first {
            reasons.append("place: \(place.term)")
        }
        if let words = matches.first(where: { !$0.context.isEmpty })?.context {
            reasons.append("context: " + words.joined(separator: ", "))
        }
        return Priority(value: value, themes: value, learned: nil, reasons: reasons)
    }

    /// The themes' part combined with the hub's model's judgement of the item.
    public func combined(with judgement: HubModel.Judgement, decisions: Int, floor: Double) -> Priority {
        var result = self
        result.learned = judgement.probability
        result.value = Priority.combined(themes: themes, judgement, decisions: decisions, floor: floor)
        result.reasons += judgement.reasons
        return result
    }

    /// The value of `combined`, from the themes' part alone.
    public static func combined(themes: Double, _ judgement: HubModel.Judgement, decisions: Int, floor: Double)
        -> Double
    {
        let share = min(0.8, Double(decisions) / Double(decisions + 20))
        var value = (1 - share) * themes + share * judgement.probability
        if judgement.isConfidentNoise { value = min(value, floor / 2) }
        return rounded(value)
    }

    /// A priority as shown: two decimals.
    public static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    static func rounded(_ value: Double) -> Double { (min(1, max(0, value)) * 100).rounded() / 100 }
}
