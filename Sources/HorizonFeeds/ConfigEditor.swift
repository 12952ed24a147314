import Foundation
public import HorizonCore

/// Adds feeds to a configuration file without rewriting the rest of it: the new entries are inserted
/// as text at the end of the top-level `feeds` array, so the file keeps its layout, order and
/// comments-in-strings as written. The file is replaced atomically and the old one kept as `.bak`.
public struct ConfigEditor: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public func append(_ feeds: [FeedConfig]) throws(FeedsError) {
        guard !feeds.isEmpty else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FeedsError(.io, "\(path): cannot read the file")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let (start, end) = ConfigEditor.feedsArray(in: text) else {
            throw FeedsError(.configuration, "\(path): cannot find the top-level \"feeds\" list to add to")
        }
        let inside = text[text.index(after: start)..<end]
        let isEmpty = inside.allSatisfy(\.isWhitespace)
        let entries = feeds.map { "    " + ConfigEditor.json($0) }.joined(separator: ",\n")
        // Insert after the last non-space character inside the array.
        var insertAt = end
        while insertAt > text.index(after: start), text[text.index(before: insertAt)].isWhitespace {
            insertAt = text.index(before: insertAt)
        }
        let edited = text[..<insertAt] + (isEmpty ? "\n" : ",\n") + entries + "\n  " + text[end...]
        // The result must still be a valid configuration before it replaces the file.
        try replace(with: String(edited))
    }

    /// Replaces feed URLs (old → new) inside the `feeds` list, touching nothing else in the file.
    public func replaceURLs(_ changes: [(old: String, new: String)]) throws(FeedsError) {
        guard !changes.isEmpty else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FeedsError(.io, "\(path): cannot read the file")
        }
        var text = String(decoding: data, as: UTF8.self)
        for change in changes {
            guard let (start, end) = ConfigEditor.feedsArray(in: text) else {
                throw FeedsError(.configuration, "\(path): cannot find the top-level \"feeds\" list")
            }
            var region = String(text[start...end])
            // The URL as written: JSON may escape "/" as "\/".
            let candidates = [
                ConfigEditor.quote(change.old),
                ConfigEditor.quote(change.old).replacingOccurrences(of: "/", with: "\\/"),
            ]
            guard let written = candidates.first(where: { region.components(separatedBy: $0).count == 2 }) else {
                throw FeedsError(
                    .configuration,
                    "\(path): the url \(change.old) is not written exactly once in the feeds list; edit it by hand")
            }
            region = region.replacingOccurrences(of: written, with: ConfigEditor.quote(change.new))
            text.replaceSubrange(start...end, with: region)
        }
        try replace(with: text)
    }

    private func replace(with edited: String) throws(FeedsError) {
        do {
            _ = try ConfigLoader.parse(
                Data(edited.utf8), label: path, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent())
        } catch {
            throw FeedsError(.configuration, "\(path): not changed: the edit would make it invalid (\(error.message))")
        }
        let backup = path + ".bak"
        try? FileManager.default.removeItem(atPath: backup)
        try? FileManager.default.copyItem(atPath: path, toPath: backup)
        do {
            try AtomicFile.write(Data(edited.utf8), to: path)
        } catch {
            throw FeedsError(.io, error.description)
        }
    }

    /// One feed as a JSON object on one line, keys in a fixed order.
    static func json(_ feed: FeedConfig) -> String {
        var pairs = [("id", feed.id), ("url", feed.url), ("title", feed.title)]
        if let category = feed.category { pairs.append(("category", category)) }
        return "{ " + pairs.map { "\(quote($0.0)): \(quote($0.1))" }.joined(separator: ", ") + " }"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The positions of the `[` and `]` of the top-level "feeds" array.
    static func feedsArray(in text: String) -> (String.Index, String.Index)? {
        var depth = 0
        var index = text.startIndex
        var pendingKey: String? = nil
        var arrayStart: String.Index? = nil
        var arrayDepth = 0
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                var end = text.index(after: index)
                var value = ""
                while end < text.endIndex && text[end] != "\"" {
                    if text[end] == "\\" { end = text.index(after: end) }
                    if end < text.endIndex { value.append(text[end]) }
                    end = text.index(after: end)
                }
                if depth == 1 && arrayStart == nil { pendingKey = value }
                index = end < text.endIndex ? text.index(after: end) : end
                continue
            }
            switch character {
            case "{", "[":
                depth += 1
                if character == "[" && depth == 2 && pendingKey == "feeds" && arrayStart == nil {
                    arrayStart = index
                    arrayDepth = depth
                }
            case "}", "]":
                if character == "]", let start = arrayStart, depth == arrayDepth { return (start, index) }
                depth -= 1
            case ",":
                if depth == 1 { pendingKey = nil }
            default:
                break
            }
            index = text.index(after: index)
        }
        return nil
    }
}

/// A feed id for a title: lower-case letters and digits joined by '-', unique among `taken`.
public func feedID(for title: String, url: String, taken: Set<String>) -> String {
    var words: [String] = []
    var current = ""
    for scalar in title.lowercased().unicodeScalars {
        if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
            current.unicodeScalars.append(scalar)
        } else if !current.isEmpty {
            words.append(current)
            current = ""
        }
    }
    if !current.isEmpty { words.append(current) }
    var base = words.prefix(6).joined(separator: "-")
    if base.isEmpty {
        let host = URL(string: url)?.host ?? "feed"
        base = host.replacingOccurrences(of: "www.", with: "").replacingOccurrences(of: ".", with: "-")
    }
    var candidate = base
    var suffix = 2
    while taken.contains(candidate) {
        candidate = "\(base)-\(suffix)"
        suffix += 1
    }
    return candidate
}
