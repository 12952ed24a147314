/// Text made safe for HTML content and attribute values: the markup characters escaped, control
/// characters (and the Unicode line and paragraph separators) turned into spaces.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{2028}", "\u{2029}": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The link if it may be made clickable: http or https (and mailto when `mailto`), with nothing in
    /// it, read as bytes, that could end an attribute or a Markdown link: spaces, control characters,
    /// double quotes, angle brackets.
    public static func clickable(_ link: String, mailto: Bool = false) -> String? {
        let scheme = link.utf8.prefix(8).map { $0 | 0x20 }
        guard
            scheme.starts(with: "https://".utf8) || scheme.starts(with: "http://".utf8)
                || (mailto && scheme.starts(with: "mailto:".utf8))
        else {
            return nil
        }
        return link.utf8.contains(where: { $0 <= 0x20 || $0 == 0x22 || $0 == 0x3C || $0 == 0x3E || $0 == 0x7F })
            ? nil : link
    }

    /// At most two sentences of `text`, cut at a word near `limit` characters (a full stop inside a
    /// number or an abbreviation without a space after it ends nothing).
    public static func snippet(_ text: String, limit: Int = 280) -> String {
        var sentences = 0
        var end = text.endIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if ".!?".contains(character), next == text.endIndex || text[next] == " " {
                sentences += 1
                if sentences == 2 {
                    end = next
                    break
                }
            }
            index = next
        }
        var result = String(text[..<end])
        if result.count > limit {
            let cut = result.prefix(limit)
            result = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
        }
        return result
    }
}
