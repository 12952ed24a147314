import Foundation
import HorizonCore
public import HorizonDigest

/// The digest as a message for a chat service's incoming webhook.
public enum DigestWebhook {
    /// A Slack message (`{"text": ...}` in Slack's mrkdwn, feed text escaped).
    public static func slack(_ digest: Digest, limit: Int = 15) -> [UInt8] {
        func escape(_ text: String) -> String {
            Digest.plain(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "¦")
        }
        var text = "*Horizon digest: \(escape(digest.hub.name))*\n\(escape(digest.countLine))"
        if let line = digest.problemLine { text += "\n:warning: \(escape(line))" }
        for entry in digest.entries.prefix(limit) {
            let title = escape(entry.item.title.isEmpty ? "(untitled)" : entry.item.title)
            let shown = Digest.safeLink(entry.item.link).map { "<\($0)|\(title)>" } ?? title
            text += "\n• \(shown) — \(escape(digest.themeName(entry.best.theme))) `\(digest.shortID(entry.item.id))`"
        }
        if digest.itemCount > limit { text += "\n… and \(digest.itemCount - limit) more" }
        return json(["text": text])
    }

    /// A Microsoft Teams message card (Markdown text, feed text escaped).
    public static func teams(_ digest: Digest, limit: Int = 15) -> [UInt8] {
        func escape(_ text: String) -> String {
            var out = ""
            for character in Digest.plain(text) {
                if "\\`*_[]()#<>!|".contains(character) { out.append("\\") }
                out.append(character)
            }
            return out
        }
        var lines = [escape(digest.countLine)]
        if let line = digest.problemLine { lines.append("⚠ \(escape(line))") }
        for entry in digest.entries.prefix(limit) {
            let title = escape(entry.item.title.isEmpty ? "(untitled)" : entry.item.title)
            let shown = Digest.safeLink(entry.item.link).map { "[\(title)](\($0))" } ?? title
            lines.append(
                "- \(shown) (\(escape(digest.themeName(entry.best.theme)))) `\(digest.shortID(entry.item.id))`")
        }
        if digest.itemCount > limit { lines.append("… and \(digest.itemCount - limit) more") }
        return json([
            "@type": "MessageCard", "@context": "https://schema.org/extensions",
            "summary": Digest.plain(digest.subject),
            "title": "Horizon digest: \(Digest.plain(digest.hub.name))", "text": lines.joined(separator: "\n\n"),
        ])
    }

    static func json(_ object: [String: String]) -> [UInt8] {
        [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }
}
