public import Foundation
import HorizonCore
public import HorizonDigest

/// Builds the email of a digest: `multipart/alternative` with a plain-text part and an HTML part,
/// both UTF-8 and base64-encoded (so no line of feed text can ever be read as a header), with a
/// `Date`, a unique `Message-ID`, `From`, `To`, and a `Subject` encoded per RFC 2047 when it is not
/// plain ASCII. Header values are cleaned of CR and LF.
public enum DigestEmail {
    public static func build(
        _ digest: Digest, from: String, to recipients: [String], date: Date = Date(), messageID: String? = nil
    ) -> [UInt8] {
        build(
            subject: digest.subject, parts: [("text/plain", digest.text()), ("text/html", digest.html())],
            from: from, to: recipients, tag: digest.hub.id, date: date, messageID: messageID)
    }

    /// A message of one or more alternative parts (plain text first), each UTF-8 and base64-encoded.
    public static func build(
        subject: String, parts: [(type: String, body: String)], from: String, to recipients: [String], tag: String,
        date: Date = Date(), messageID: String? = nil
    ) -> [UInt8] {
        let boundary = "horizon-" + UUID().uuidString.lowercased()
        let domain =
            from.split(separator: "@").last.map { String($0).filter { $0 != ">" && !$0.isWhitespace } } ?? "localhost"
        let id =
            messageID
            ?? "<horizon.\(headerSafe(tag)).\(Int(date.timeIntervalSince1970)).\(UUID().uuidString.prefix(8).lowercased())@\(domain)>"
        var lines = [
            "From: \(headerSafe(from))",
            "To: \(recipients.map(headerSafe).joined(separator: ", "))",
            "Subject: \(encodeHeader(subject))",
            "Date: \(rfc5322(date))",
            "Message-ID: \(headerSafe(id))",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "X-Mailer: Horizon",
            "",
            "This is a multi-part message in MIME format.",
        ]
        for (type, body) in parts {
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

    /// The bare address of "Name <address>" or "address".
    public static func address(_ from: String) -> String {
        if let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close {
            return String(from[from.index(after: open)..<close])
        }
        return from.trimmingCharacters(in: .whitespaces)
    }
}
