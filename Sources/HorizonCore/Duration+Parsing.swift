public import Foundation

/// Reads the time spans and dates users type: `24h`, `7d`, `90m`, `2w`, an ISO date
/// (`2025-03-01`, `2025-03-01T09:00:00Z`), `today`, `yesterday`, or a month (`march`, `mar`).
public enum TimeSpec {
    /// The moment `text` names, counted back from `now` for a span.
    public static func moment(_ text: String, now: Date = Date()) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let seconds = seconds(trimmed) { return now.addingTimeInterval(-seconds) }
        if let named = named(trimmed, now: now) { return named }
        return date(trimmed)
    }

    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// `today`, `yesterday` (midnight UTC), or a month's name: the 1st of its latest start not after now
    /// (`march` in November is this year's March; in February, last year's).
    static func named(_ text: String, now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        switch text {
        case "today": return today
        case "yesterday": return calendar.date(byAdding: .day, value: -1, to: today)
        default: break
        }
        guard text.count >= 3, let month = monthNames.firstIndex(where: { $0.hasPrefix(text) }) else { return nil }
        let year = calendar.component(.year, from: now)
        for candidate in [year, year - 1] {
            if let start = calendar.date(from: DateComponents(year: candidate, month: month + 1, day: 1)), start <= now
            {
                return start
            }
        }
        return nil
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
