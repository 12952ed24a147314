public import Foundation
import HorizonCore

/// Builds the email of a digest: `multipart/alternative` with a plain-text part and an HTML part,
/// both UTF-8 and base64-encoded (so no line of feed text can ever be read as a header), with a
/// `Date`, a unique `Message-ID`, `From`, `To`, and a `Subject` encoded per RFC 2047 when it is not
/// plain ASCII. Header values are cleaned of CR and LF.
public enum DigestEmail {
    public static func build(
        _ digest: Digest, from: String, to recipients: [String], date: Date = Date(), messageID: String? = nil
    ) -> [UInt8] {
        let boundary = "horizon-" + UUID().uuidString.lowercased()
        let domain = from.split(separator: "@").last.map { String($0).filter { $0 != ">" && !$0.isWhitespace } } ?? "localhost"
        let id = messageID ?? "<horizon.\(headerSafe(digest.hub.id)).\(Int(date.timeIntervalSince1970)).\(UUID().uuidString.prefix(8).lowercased())@\(domain)>"
        var lines = [
            "From: \(headerSafe(from))",
            "To: \(recipients.map(headerSafe).joined(separator: ", "))",
            "Subject: \(encodeHeader(digest.subject))",
            "Date: \(rfc5322(date))",
            "Message-ID: \(headerSafe(id))",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "X-Mailer: Horizon",
            "",
            "This is a multi-part message in MIME format.",
        ]
        for (type, body) in [("text/plain", digest.text()), ("text/html", digest.html())] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
            ]
            lines += base64Lines(Array(body.utf8))
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A header value on one line: CR, LF and other control characters removed.
    public static func headerSafe(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// RFC 2047 encoded words (`=?UTF-8?B?...?=`) for a value that is not plain printable ASCII.
    public static func encodeHeader(_ value: String) -> String {
        let clean = headerSafe(value)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) && !clean.contains("=?") { return clean }
        // Each encoded word holds at most 45 bytes (60 base64 characters), never splitting a character.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Sun, 22 Nov 2026 07:00:00 +0000`
    public static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }
}

/// The digest as a message for a chat service's incoming webhook.
public enum DigestWebhook {
    /// A Slack message (`{"text": ...}` in Slack's mrkdwn, feed text escaped).
    public static func slack(_ digest: Digest, limit: Int = 15) -> [UInt8] {
        func escape(_ text: String) -> String {
            Digest.plain(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "¦")
        }
        var text = "*Horizon digest: \(escape(digest.hub.name))*\n\(escape(digest.countLine))"
        for warning in digest.warnings { text += "\n:warning: \(escape(warning))" }
        for entry in digest.entries.prefix(limit) {
            let title = escape(entry.item.title.isEmpty ? "(untitled)" : entry.item.title)
            let shown = Digest.safeLink(entry.item.link).map { "<\($0)|\(title)>" } ?? title
            text += "\n• \(shown) — \(escape(digest.themeName(entry.best.theme)))"
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
        for warning in digest.warnings { lines.append("⚠ \(escape(warning))") }
        for entry in digest.entries.prefix(limit) {
            let title = escape(entry.item.title.isEmpty ? "(untitled)" : entry.item.title)
            let shown = Digest.safeLink(entry.item.link).map { "[\(title)](\($0))" } ?? title
            lines.append("- \(shown) (\(escape(digest.themeName(entry.best.theme))))")
        }
        if digest.itemCount > limit { lines.append("… and \(digest.itemCount - limit) more") }
        return json([
            "@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": Digest.plain(digest.subject),
            "title": "Horizon digest: \(Digest.plain(digest.hub.name))", "text": lines.joined(separator: "\n\n"),
        ])
    }

    static func json(_ object: [String: String]) -> [UInt8] {
        [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }
}

/// When each hub's digest was last delivered (`digest-state.json` in the data directory): the next
/// digest starts there, so no story comes twice and none is skipped when a day is missed.
public struct DigestState: Codable, Sendable, Equatable {
    public struct Hub: Codable, Sendable, Equatable {
        /// The end of the period the last delivered digest covered.
        public var lastDelivered: Date
        public var lastItems: Int

        public init(lastDelivered: Date, lastItems: Int) {
            self.lastDelivered = lastDelivered
            self.lastItems = lastItems
        }
    }

    public var hubs: [String: Hub] = [:]

    public init() {}

    public static func path(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("digest-state.json")
    }
}
