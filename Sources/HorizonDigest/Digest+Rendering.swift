import Foundation
import HorizonCore

extension Digest {
    /// "Source · date · also in N other sources", as plain text.
    func metaLine(_ entry: Entry) -> String {
        var meta = "\(sourceName(entry.item)) · \(Digest.day(entry.item.date))"
        let others = entry.item.sources.count - 1
        if others > 0 { meta += " · also in \(others) other source\(others == 1 ? "" : "s")" }
        if !entry.isNew { meta += " · updated" }
        return meta
    }

    /// "Frailty & ageing · priority 0.82" for a top story, as plain text.
    func themeLine(_ entry: Entry) -> String {
        var line = themeName(entry.best.theme)
        if let priority = entry.priority { line += " · priority " + String(format: "%.2f", priority) }
        return line
    }

    /// "Matched: a, b · also: Theme", as plain text.
    func matchLine(_ entry: Entry) -> String {
        var line = "Matched: " + entry.best.terms.joined(separator: ", ")
        if !entry.alsoMatched.isEmpty { line += " · also: " + entry.alsoMatched.map(themeName).joined(separator: ", ") }
        return line
    }

    /// The feed problems as hub readers see them: one line, or nil when every feed is well.
    public var problemLine: String? {
        problems.summary.map { "Feeds: \($0). The administrators have the detail." }
    }

    static let idHint = "Every id works with horizon show ID (or innovations show) and horizon mark ID --status STATUS."

    // MARK: Markdown

    /// The digest as Markdown. Feed text is escaped so it cannot add links, images, headings or HTML,
    /// and nothing else is: parentheses, full stops and the like stay as written.
    public func markdown() -> String {
        let e = Digest.escapeMarkdown
        var out = "# Horizon digest: \(e(hub.name))\n\n**\(e(countLine))** (generated \(Digest.day(generated)))\n"
        if itemCount > 0 { out += "\n\(e(meaningLine))\n" }
        if !themeCounts.isEmpty { out += "\n\(e(themeCounts))\n" }
        if let problemLine { out += "\n> \(e(problemLine))\n" }
        if isEmpty { out += "\nNothing new matched this hub's themes.\n" }
        func code(_ id: String) -> String { "`\(id.filter { $0 != "`" })`" }
        func ids(_ item: Item) -> String {
            var line = "id \(code(shortID(item.id)))"
            if let innovation = innovations[item.id] { line += " · \(e(innovation.name)) \(code(innovation.id))" }
            return line
        }
        func linked(_ item: Item) -> String {
            let title = e(item.title.isEmpty ? "(untitled)" : item.title)
            return Digest.safeLink(item.link).map { "[\(title)](<\($0)>)" } ?? title
        }
        if !top.isEmpty {
            out += "\n## Top stories (\(top.count))\n"
            for entry in top {
                out += "\n### \(linked(entry.item))\n\n"
                out += "*\(e(metaLine(entry)))*  \n\(e(themeLine(entry)))\n\n"
                let snippet = Digest.snippet(entry.item.summary)
                if !snippet.isEmpty { out += e(snippet) + "\n\n" }
                out += e(matchLine(entry)) + "  \n" + ids(entry.item) + "\n"
            }
        }
        if !followed.isEmpty {
            out += "\n## Followed innovations and stories (\(followed.count))\n"
            for follow in followed {
                out += "\n### \(e(follow.name)) (\(follow.status), \(code(shortID(follow.id))))\n\n"
                for story in follow.stories {
                    out +=
                        "- \(linked(story)) · \(e(sourceName(story))) · \(Digest.day(story.date)) · \(ids(story))\n"
                }
            }
        }
        if !rising.isEmpty { out += "\n**Rising:** " + rising.map(e).joined(separator: "; ") + "\n" }
        if !sections.isEmpty {
            out += "\n## \(top.isEmpty ? "Stories" : "More stories") by theme\n"
            for section in sections {
                out += "\n### \(e(section.theme.name)) (\(section.entries.count))\n\n"
                for entry in section.entries {
                    out += "- \(linked(entry.item)) · \(e(metaLine(entry))) · \(ids(entry.item))\n"
                }
            }
        }
        if itemCount > 0 || !followed.isEmpty { out += "\n---\n\n*\(e(Digest.idHint))*\n" }
        return out
    }

    // MARK: Plain text

    /// The digest as plain text (the email's text part): no markup to escape, control characters removed.
    public func text() -> String {
        let t = Digest.plain
        func heading(_ text: String) -> String { "\n\(text)\n\(String(repeating: "=", count: min(72, text.count)))\n" }
        func ids(_ item: Item) -> String {
            var line = "id \(shortID(item.id))"
            if let innovation = innovations[item.id] { line += " · \(t(innovation.name)) \(innovation.id)" }
            return line
        }
        var out = "HORIZON DIGEST: \(t(hub.name).uppercased())\n\(t(countLine)) (generated \(Digest.day(generated))).\n"
        if itemCount > 0 { out += t(meaningLine) + "\n" }
        if !themeCounts.isEmpty { out += t(themeCounts) + "\n" }
        if let problemLine { out += "\n! \(t(problemLine))\n" }
        if !top.isEmpty {
            out += heading("Top stories (\(top.count))")
            for entry in top {
                out += "\n* \(t(entry.item.title.isEmpty ? "(untitled)" : entry.item.title))\n"
                if let link = Digest.safeLink(entry.item.link) { out += "  \(link)\n" }
                out += "  \(t(metaLine(entry)))\n  \(t(themeLine(entry)))\n"
                let snippet = Digest.snippet(entry.item.summary)
                if !snippet.isEmpty { out += "  \(t(snippet))\n" }
                out += "  \(t(matchLine(entry)))\n  \(ids(entry.item))\n"
            }
        }
        if !followed.isEmpty {
            out += heading("Followed innovations and stories (\(followed.count))")
            for follow in followed {
                out += "\n* \(t(follow.name)) (\(follow.status), \(t(shortID(follow.id))))\n"
                for story in follow.stories {
                    out +=
                        "  - \(t(story.title)) · \(t(sourceName(story))) · \(Digest.day(story.date)) · \(ids(story))\n"
                    if let link = Digest.safeLink(story.link) { out += "    \(link)\n" }
                }
            }
        }
        if !rising.isEmpty { out += "\nRising: " + rising.map(t).joined(separator: "; ") + "\n" }
        if !sections.isEmpty {
            out += heading(top.isEmpty ? "Stories by theme" : "More stories by theme")
            for section in sections {
                out += "\n\(t(section.theme.name)) (\(section.entries.count))\n"
                for entry in section.entries {
                    out += "  - \(t(entry.item.title.isEmpty ? "(untitled)" : entry.item.title))\n"
                    out += "    \(t(metaLine(entry))) · \(ids(entry.item))\n"
                    if let link = Digest.safeLink(entry.item.link) { out += "    \(link)\n" }
                }
            }
        }
        if itemCount > 0 || !followed.isEmpty { out += "\n\(Digest.idHint)\n" }
        return out
    }

    // MARK: HTML

    /// The digest as an HTML page that email clients and phones render well: one column of at most
    /// 680 pixels, inline styles, text that wraps (long links and ids too), tap-sized links. Every
    /// piece of feed text is escaped; links are only http(s).
    public func html() -> String {
        let h = Digest.escapeHTML
        let muted = "color:#4d5156;"
        func code(_ id: String) -> String {
            "<code style=\"font-family:Menlo,Consolas,monospace;font-size:12px;background:#eef1f4;border-radius:3px;padding:1px 4px;color:#1d1d1f;\">\(h(id))</code>"
        }
        func ids(_ item: Item) -> String {
            var line = "id \(code(shortID(item.id)))"
            if let innovation = innovations[item.id] { line += " · \(h(innovation.name)) \(code(innovation.id))" }
            return line
        }
        func linked(_ item: Item, size: Int) -> String {
            let title = h(item.title.isEmpty ? "(untitled)" : item.title)
            let style = "font-size:\(size)px;line-height:\(size + 6)px;font-weight:bold;color:#1d1d1f;"
            return Digest.safeLink(item.link).map {
                "<a href=\"\(h($0))\" style=\"\(style)text-decoration:underline;\">\(title)</a>"
            } ?? "<span style=\"\(style)\">\(title)</span>"
        }
        func sectionHeading(_ text: String, count: Int) -> String {
            "<tr><td style=\"padding:20px 20px 6px;font-size:18px;line-height:24px;font-weight:bold;color:#005eb8;border-bottom:2px solid #e1e4e8;\"><h2 style=\"margin:0;font-size:18px;\">\(h(text)) <span style=\"font-weight:normal;\(muted)\">(\(count))</span></h2></td></tr>\n"
        }
        var out = """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Horizon digest: \(h(hub.name))</title></head>
            <body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1d1d1f;-webkit-text-size-adjust:100%;overflow-wrap:anywhere;word-wrap:break-word;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;"><tr><td align="center" style="padding:8px;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:680px;background:#ffffff;border-radius:6px;table-layout:fixed;">
            <tr><td style="padding:18px 20px;background:#005eb8;color:#ffffff;border-radius:6px 6px 0 0;">
            <h1 style="margin:0;font-size:22px;line-height:28px;">Horizon digest: \(h(hub.name))</h1>
            <div style="font-size:16px;line-height:22px;margin-top:6px;font-weight:bold;">\(h(countLine))</div>

            """
        if itemCount > 0 {
            out +=
                "<div style=\"font-size:13px;line-height:19px;margin-top:6px;color:#e8f1fa;\">\(h(meaningLine))</div>\n"
        }
        if !themeCounts.isEmpty {
            out +=
                "<div style=\"font-size:13px;line-height:19px;margin-top:6px;color:#e8f1fa;\">\(h(themeCounts))</div>\n"
        }
        out += "</td></tr>\n"
        if let problemLine {
            out +=
                "<tr><td style=\"padding:10px 20px;background:#fff4e5;border-bottom:1px solid #f0d9b5;font-size:13px;line-height:19px;color:#6b4200;\">\(h(problemLine))</td></tr>\n"
        }
        if isEmpty {
            out += "<tr><td style=\"padding:20px;font-size:15px;\">Nothing new matched this hub's themes.</td></tr>\n"
        }
        if !top.isEmpty {
            out += sectionHeading("Top stories", count: top.count)
            for entry in top {
                out += "<tr><td style=\"padding:14px 20px;border-bottom:1px solid #e6e8eb;\">"
                if !entry.isNew {
                    out +=
                        "<span style=\"display:inline-block;font-size:11px;font-weight:bold;color:#ffffff;background:#5b6770;border-radius:3px;padding:1px 5px;margin-bottom:4px;\">UPDATED</span><br>"
                }
                out += linked(entry.item, size: 17)
                out +=
                    "<div style=\"font-size:13px;line-height:19px;\(muted)margin-top:4px;\">\(h(metaLine(entry)))<br>\(h(themeLine(entry)))</div>"
                let snippet = Digest.snippet(entry.item.summary)
                if !snippet.isEmpty {
                    out += "<div style=\"font-size:15px;line-height:22px;margin-top:6px;\">\(h(snippet))</div>"
                }
                out +=
                    "<div style=\"font-size:12px;line-height:18px;\(muted)margin-top:6px;\">\(h(matchLine(entry)))</div>"
                out += "<div style=\"font-size:12px;line-height:20px;\(muted)margin-top:4px;\">\(ids(entry.item))</div>"
                out += "</td></tr>\n"
            }
        }
        if !followed.isEmpty {
            out += sectionHeading("Followed innovations and stories", count: followed.count)
            for follow in followed {
                out += "<tr><td style=\"padding:14px 20px;border-bottom:1px solid #e6e8eb;\">"
                out +=
                    "<div style=\"font-size:17px;line-height:23px;font-weight:bold;\">\(h(follow.name)) <span style=\"font-weight:normal;font-size:13px;\(muted)\">\(h(follow.status)) · \(code(shortID(follow.id)))</span></div>"
                for story in follow.stories {
                    out +=
                        "<div style=\"margin-top:8px;\">\(linked(story, size: 15))<div style=\"font-size:12px;line-height:18px;\(muted)\">\(h(sourceName(story))) · \(h(Digest.day(story.date))) · \(ids(story))</div></div>"
                }
                out += "</td></tr>\n"
            }
        }
        if !rising.isEmpty {
            out +=
                "<tr><td style=\"padding:12px 20px;background:#eef6ee;border-bottom:1px solid #cfe3cf;font-size:14px;line-height:20px;color:#1e4620;\"><strong>Rising:</strong> "
                + rising.map(h).joined(separator: "; ") + "</td></tr>\n"
        }
        if !sections.isEmpty {
            out += sectionHeading(
                top.isEmpty ? "Stories by theme" : "More stories by theme", count: itemCount - top.count)
            for section in sections {
                out +=
                    "<tr><td style=\"padding:12px 20px 2px;\"><h3 style=\"margin:0;font-size:15px;line-height:21px;color:#1d1d1f;\">\(h(section.theme.name)) <span style=\"font-weight:normal;\(muted)\">(\(section.entries.count))</span></h3></td></tr>\n"
                for entry in section.entries {
                    out += "<tr><td style=\"padding:6px 20px 8px;border-bottom:1px solid #f0f1f3;\">"
                    out += linked(entry.item, size: 15)
                    out +=
                        "<div style=\"font-size:12px;line-height:18px;\(muted)margin-top:2px;\">\(h(metaLine(entry))) · \(ids(entry.item))</div>"
                    out += "</td></tr>\n"
                }
            }
        }
        var footer = "Generated by Horizon on \(h(Digest.day(generated)))."
        if itemCount > 0 || !followed.isEmpty { footer += " \(h(Digest.idHint))" }
        out += "<tr><td style=\"padding:16px 20px;font-size:12px;line-height:18px;\(muted)\">\(footer)</td></tr>\n"
        out += "</table></td></tr></table></body></html>\n"
        return out
    }

    // MARK: Escaping

    /// Escapes text for HTML content and attribute values (`HTMLText.escape`).
    public static func escapeHTML(_ text: String) -> String { HTMLText.escape(text) }

    /// Escapes what would make Markdown of feed text: emphasis, code, brackets (so no link or image
    /// can form), HTML, and a heading, list or quote marker at its start. Parentheses, full stops,
    /// hyphens and the like are left as written.
    public static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let characters = Array(plain(text))
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "\\", "`", "*", "_", "[", "]":
                out.append("\\")
                out.append(character)
            case "#", "+", "-", "=", "|":
                if index == 0 { out.append("\\") }
                out.append(character)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&":
                // Only an ampersand that could start an entity needs escaping.
                out += next.map { $0.isLetter || $0 == "#" } == true ? "&amp;" : "&"
            default: out.append(character)
            }
        }
        return out
    }

    /// One line of text: control characters (CR, LF, tabs, NUL ...) become spaces.
    public static func plain(_ text: String) -> String {
        guard
            text.unicodeScalars.contains(where: {
                $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}"
            })
        else {
            return text
        }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
                }))
    }
}
