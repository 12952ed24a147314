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

    /// "Matched: a, b · also: Theme", as plain text.
    func matchLine(_ entry: Entry) -> String {
        var line = "Matched: " + entry.best.terms.joined(separator: ", ")
        if !entry.alsoMatched.isEmpty { line += " · also: " + entry.alsoMatched.map(themeName).joined(separator: ", ") }
        return line
    }

    // MARK: Markdown

    /// The digest as Markdown. Feed text is escaped so it cannot add links, images, headings or HTML.
    public func markdown() -> String {
        let e = Digest.escapeMarkdown
        var out = "# Horizon digest: \(e(hub.name))\n\n\(e(countLine)) (generated \(Digest.day(generated))).\n"
        if !themeCounts.isEmpty { out += "\n\(e(themeCounts))\n" }
        if !warnings.isEmpty {
            out += "\n**Feed warnings**\n\n" + warnings.map { "- \(e($0))\n" }.joined()
        }
        if !rising.isEmpty { out += "\n**Rising:** " + rising.map(e).joined(separator: "; ") + "\n" }
        if !followed.isEmpty {
            out += "\n## Followed innovations and stories (\(followed.count))\n"
            for follow in followed {
                out += "\n### \(e(follow.name)) (\(follow.status), \(e(follow.id)))\n\n"
                for story in follow.stories {
                    let title = e(story.title.isEmpty ? "(untitled)" : story.title)
                    let line = Digest.safeLink(story.link).map { "[\(title)](<\($0)>)" } ?? title
                    out += "- \(line) · \(e(sourceName(story))) · \(Digest.day(story.date))\n"
                }
            }
        }
        for section in sections {
            out += "\n## \(e(section.theme.name)) (\(section.entries.count))\n"
            for entry in section.entries {
                let title = e(entry.item.title.isEmpty ? "(untitled)" : entry.item.title)
                if let link = Digest.safeLink(entry.item.link) {
                    out += "\n### [\(title)](<\(link)>)\n\n"
                } else {
                    out += "\n### \(title)\n\n"
                }
                out += "*\(e(metaLine(entry)))*\n\n"
                let snippet = Digest.snippet(entry.item.summary)
                if !snippet.isEmpty { out += e(snippet) + "\n\n" }
                out += e(matchLine(entry)) + "\n"
            }
        }
        return out
    }

    // MARK: Plain text

    /// The digest as plain text (the email's text part): no markup to escape, control characters removed.
    public func text() -> String {
        let t = Digest.plain
        var out = "HORIZON DIGEST: \(t(hub.name).uppercased())\n\(t(countLine)) (generated \(Digest.day(generated))).\n"
        if !themeCounts.isEmpty { out += t(themeCounts) + "\n" }
        if !warnings.isEmpty {
            out += "\nFeed warnings:\n" + warnings.map { "  ! \(t($0))\n" }.joined()
        }
        if !rising.isEmpty { out += "\nRising: " + rising.map(t).joined(separator: "; ") + "\n" }
        if !followed.isEmpty {
            let heading = "Followed innovations and stories (\(followed.count))"
            out += "\n\(heading)\n\(String(repeating: "=", count: heading.count))\n"
            for follow in followed {
                out += "\n* \(t(follow.name)) (\(follow.status), \(t(follow.id)))\n"
                for story in follow.stories {
                    out += "  - \(t(story.title)) · \(t(sourceName(story))) · \(Digest.day(story.date))\n"
                    if let link = Digest.safeLink(story.link) { out += "    \(link)\n" }
                }
            }
        }
        for section in sections {
            let heading = "\(t(section.theme.name)) (\(section.entries.count))"
            out += "\n\(heading)\n\(String(repeating: "=", count: min(72, heading.count)))\n"
            for entry in section.entries {
                out += "\n* \(t(entry.item.title.isEmpty ? "(untitled)" : entry.item.title))\n"
                if let link = Digest.safeLink(entry.item.link) { out += "  \(link)\n" }
                out += "  \(t(metaLine(entry)))\n"
                let snippet = Digest.snippet(entry.item.summary)
                if !snippet.isEmpty { out += "  \(t(snippet))\n" }
                out += "  \(t(matchLine(entry)))\n"
            }
        }
        return out
    }

    // MARK: HTML

    /// The digest as an HTML page that email clients render well: tables, inline styles, one column
    /// that fits a phone. Every piece of feed text is escaped; links are only http(s).
    public func html() -> String {
        let h = Digest.escapeHTML
        var out = """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Horizon digest: \(h(hub.name))</title></head>
            <body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1d1d1f;-webkit-text-size-adjust:100%;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;"><tr><td align="center" style="padding:12px;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:680px;background:#ffffff;border-radius:6px;">
            <tr><td style="padding:20px 24px;background:#005eb8;color:#ffffff;border-radius:6px 6px 0 0;">
            <div style="font-size:22px;line-height:28px;font-weight:bold;">Horizon digest: \(h(hub.name))</div>
            <div style="font-size:15px;line-height:21px;margin-top:6px;">\(h(countLine))</div>

            """
        if !themeCounts.isEmpty {
            out +=
                "<div style=\"font-size:13px;line-height:19px;margin-top:6px;color:#dbe9f7;\">\(h(themeCounts))</div>\n"
        }
        out += "</td></tr>\n"
        if !warnings.isEmpty {
            out +=
                "<tr><td style=\"padding:12px 24px;background:#fff4e5;border-bottom:1px solid #f0d9b5;font-size:13px;line-height:19px;color:#7a4b00;\">"
            out += "<strong>Feed warnings</strong><br>" + warnings.map(h).joined(separator: "<br>") + "</td></tr>\n"
        }
        if isEmpty {
            out +=
                "<tr><td style=\"padding:20px 24px;font-size:15px;\">Nothing new matched this hub's themes.</td></tr>\n"
        }
        if !rising.isEmpty {
            out +=
                "<tr><td style=\"padding:12px 24px;background:#eef6ee;border-bottom:1px solid #cfe3cf;font-size:14px;line-height:20px;color:#1e4620;\"><strong>Rising:</strong> "
                + rising.map(h).joined(separator: "; ") + "</td></tr>\n"
        }
        if !followed.isEmpty {
            out +=
                "<tr><td style=\"padding:20px 24px 6px;font-size:18px;line-height:24px;font-weight:bold;color:#005eb8;border-bottom:2px solid #e1e4e8;\">Followed innovations and stories <span style=\"font-weight:normal;color:#5f6368;\">(\(followed.count))</span></td></tr>\n"
            for follow in followed {
                out += "<tr><td style=\"padding:14px 24px;border-bottom:1px solid #f0f1f3;\">"
                out +=
                    "<div style=\"font-size:17px;line-height:23px;font-weight:bold;\">\(h(follow.name)) <span style=\"font-weight:normal;font-size:13px;color:#5f6368;\">\(h(follow.status)) · \(h(follow.id))</span></div>"
                for story in follow.stories {
                    let title = h(story.title.isEmpty ? "(untitled)" : story.title)
                    let linked =
                        Digest.safeLink(story.link).map {
                            "<a href=\"\(h($0))\" style=\"color:#1d1d1f;text-decoration:underline;\">\(title)</a>"
                        } ?? title
                    out +=
                        "<div style=\"font-size:15px;line-height:22px;margin-top:6px;\">\(linked) <span style=\"font-size:13px;color:#5f6368;\">· \(h(sourceName(story))) · \(h(Digest.day(story.date)))</span></div>"
                }
                out += "</td></tr>\n"
            }
        }
        for section in sections {
            out +=
                "<tr><td style=\"padding:20px 24px 6px;font-size:18px;line-height:24px;font-weight:bold;color:#005eb8;border-bottom:2px solid #e1e4e8;\">"
            out +=
                "\(h(section.theme.name)) <span style=\"font-weight:normal;color:#5f6368;\">(\(section.entries.count))</span></td></tr>\n"
            for entry in section.entries {
                let title = h(entry.item.title.isEmpty ? "(untitled)" : entry.item.title)
                out += "<tr><td style=\"padding:14px 24px;border-bottom:1px solid #f0f1f3;\">"
                if !entry.isNew {
                    out +=
                        "<span style=\"display:inline-block;font-size:11px;font-weight:bold;color:#ffffff;background:#768692;border-radius:3px;padding:1px 5px;margin-bottom:4px;\">UPDATED</span><br>"
                }
                if let link = Digest.safeLink(entry.item.link) {
                    out +=
                        "<a href=\"\(h(link))\" style=\"font-size:17px;line-height:23px;font-weight:bold;color:#1d1d1f;text-decoration:underline;\">\(title)</a>"
                } else {
                    out += "<span style=\"font-size:17px;line-height:23px;font-weight:bold;\">\(title)</span>"
                }
                out +=
                    "<div style=\"font-size:13px;line-height:19px;color:#5f6368;margin-top:4px;\">\(h(metaLine(entry)))</div>"
                let snippet = Digest.snippet(entry.item.summary)
                if !snippet.isEmpty {
                    out += "<div style=\"font-size:15px;line-height:22px;margin-top:6px;\">\(h(snippet))</div>"
                }
                out +=
                    "<div style=\"font-size:12px;line-height:18px;color:#5f6368;margin-top:6px;\">\(h(matchLine(entry)))</div>"
                out += "</td></tr>\n"
            }
        }
        out +=
            "<tr><td style=\"padding:16px 24px;font-size:12px;color:#5f6368;\">Generated by Horizon on \(h(Digest.day(generated))).</td></tr>\n"
        out += "</table></td></tr></table></body></html>\n"
        return out
    }

    // MARK: Escaping

    /// Escapes text for HTML content and attribute values.
    public static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in plain(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escapes Markdown's special characters, and HTML that a Markdown renderer would pass through.
    public static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var characters = plain(text).makeIterator()
        var next = characters.next()
        while let character = next {
            next = characters.next()
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "!", "(", ")":
                out.append("\\")
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
