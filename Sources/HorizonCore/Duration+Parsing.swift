public import Foundation

/// Reads the time spans and dates users type: `24h`, `7d`, `90m`, `2w`, or an ISO date
/// (`2025-03-01`, `2025-03-01T09:00:00Z`).
public enum TimeSpec {
    /// The moment `text` names, counted back from `now` for a span.
    public static func moment(_ text: String, now: Date = Date()) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let seconds = seconds(trimmed) { return now.addingTimeInterval(-seconds) }
        return date(trimmed)
    }

    /// The length of a span such as `24h`, in seconds.
    public static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let value = Double(text.dropLast()), value >= 0 else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86_400
        case "w": return value * 604_800
        default: return nil
        }
    }

    private static func date(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text.uppercased()) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
