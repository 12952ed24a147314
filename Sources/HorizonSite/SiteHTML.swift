import Foundation
import HorizonCore
import HorizonInnovations

/// Escaping, links and dates for the site's pages.
enum SiteHTML {
    /// Text for HTML content and attribute values (`HTMLText.escape`).
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The link if it may be clicked: http, https or mailto (`HTMLText.clickable`).
    static func safeLink(_ link: String) -> String? { HTMLText.clickable(link, mailto: true) }

    /// The text as a link when its address may be clicked, else as plain text.
    static func link(_ text: String, _ address: String) -> String {
        let shown = escape(text.isEmpty ? address : text)
        guard let safe = safeLink(address) else { return shown }
        return "<a href=\"\(escape(safe))\">\(shown)</a>"
    }

    /// A file name part from an id: letters, digits, hyphens and underscores kept, anything else `_`.
    static func pathPart(_ id: String) -> String {
        String(
            id.unicodeScalars.map { scalar -> Character in
                let ok =
                    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "-" || scalar == "_"
                return ok ? Character(scalar) : "_"
            })
    }

    /// "20 November 2026" (UTC).
    static func day(_ date: Date) -> String { HumanDate.longDay(date) }

    /// "2026-11-20".
    static func isoDay(_ date: Date) -> String { String(ISO8601.string(date).prefix(10)) }

    /// One row of the search index: a JSON array of strings, then ",\n".
    static func appendJSONRow(_ out: inout [UInt8], _ fields: [String]) {
        out.append(UInt8(ascii: "["))
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(&out, field)
        }
        out += Array("],\n".utf8)
    }

    /// A JSON string that is also safe inside a script: `<`, `>`, `&`, control characters and the
    /// line separators U+2028 and U+2029 escaped. Works on the UTF-8 bytes, copying runs that need nothing.
    static func appendJSONString(_ out: inout [UInt8], _ text: String) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            let hex = Array("0123456789abcdef".utf8)
            func escaped(_ value: Int) {
                out += [
                    0x5C, 0x75, hex[(value >> 12) & 15], hex[(value >> 8) & 15], hex[(value >> 4) & 15],
                    hex[value & 15],
                ]
            }
            var start = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                var width = 1
                var replacement: Int?
                switch byte {
                case 0x22, 0x5C:
                    replacement = -Int(byte)
                case 0x3C, 0x3E, 0x26:
                    replacement = Int(byte)
                case 0xE2
                where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    replacement = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029
                    width = 3
                default:
                    if byte < 0x20 { replacement = Int(byte) }
                }
                guard let replacement else {
                    i += 1
                    continue
                }
                out += bytes[start..<i]
                if replacement < 0 {
                    out += [0x5C, UInt8(-replacement)]
                } else {
                    escaped(replacement)
                }
                i += width
                start = i
            }
            out += bytes[start..<bytes.count]
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// The weekly chart of a theme, drawn as inline SVG (no script, no style sheet needed).
enum SiteChart {
    static func weeks(_ trend: ThemeTrend, themeName: String) -> String {
        let h = SiteHTML.escape
        let counts = trend.weeks
        let highest = max(1, counts.map(\.stories).max() ?? 1, Int(trend.threshold.rounded(.up)))
        let width = 600
        let height = 200
        let left = 36
        let bottom = 28
        let top = 12
        let plot = height - bottom - top
        let slot = (width - left - 8) / max(1, counts.count)
        let summary = counts.map { "\(SiteHTML.day($0.start)): \($0.stories)" }.joined(separator: "; ")
        var svg =
            "<figure class=\"chart\"><svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"chart-title\" preserveAspectRatio=\"xMidYMid meet\">"
        svg += "<title id=\"chart-title\">Stories a week on \(h(themeName)): \(h(summary))</title>"
        // The axis and its top value.
        svg +=
            "<line x1=\"\(left)\" y1=\"\(top + plot)\" x2=\"\(width - 4)\" y2=\"\(top + plot)\" stroke=\"#4d5156\" stroke-width=\"1\"/>"
        svg +=
            "<text x=\"\(left - 6)\" y=\"\(top + 10)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d1d1f\">\(highest)</text>"
        svg +=
            "<text x=\"\(left - 6)\" y=\"\(top + plot)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d1d1f\">0</text>"
        for (index, week) in counts.enumerated() {
            let barHeight = Int((Double(week.stories) / Double(highest) * Double(plot)).rounded())
            let x = left + index * slot + 4
            let last = index == counts.count - 1
            svg +=
                "<rect x=\"\(x)\" y=\"\(top + plot - barHeight)\" width=\"\(max(4, slot - 8))\" height=\"\(barHeight)\" fill=\"\(last && trend.surge ? "#a4262c" : "#005eb8")\"><title>\(h(SiteHTML.day(week.start))): \(week.stories)</title></rect>"
            if week.stories > 0 {
                svg +=
                    "<text x=\"\(x + max(4, slot - 8) / 2)\" y=\"\(top + plot - barHeight - 3)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1d1d1f\">\(week.stories)</text>"
            }
            if index % 2 == 0 || last {
                svg +=
                    "<text x=\"\(x + max(4, slot - 8) / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4d5156\">\(h(shortDay(week.start)))</text>"
            }
        }
        if trend.threshold > 0 {
            let y = top + plot - Int((trend.threshold / Double(highest) * Double(plot)).rounded())
            svg +=
                "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - 4)\" y2=\"\(y)\" stroke=\"#a4262c\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
        }
        svg +=
            "</svg><figcaption>Stories each week by their date (weeks start on Monday). The dashed line is the count above which a week is a surge.</figcaption></figure>\n"
        return svg
    }

    static func shortDay(_ date: Date) -> String {
        let day = SiteHTML.day(date).split(separator: " ")
        return day.count >= 2 ? "\(day[0]) \(day[1].prefix(3))" : SiteHTML.day(date)
    }
}
