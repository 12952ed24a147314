public import Foundation
import HorizonCore
import HorizonXML

/// Turns a feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed) into entries with clean text.
public enum FeedParser {
    /// What the parser keeps besides plain text.
    struct Detail {
        /// Every detail: people, links, categories with schemes, every text construct (`sanitizedHTML`).
        var all: Bool
        /// The summary and contents as sanitized HTML for display (`displayHTML`).
        var display: Bool
    }

    /// Parses `data`. `url` is the document's address, used to resolve relative links;
    /// `contentType` is the HTTP `Content-Type`, whose charset overrides the document's.
    /// `sanitizedHTML` keeps every detail (as `horizon parse` shows them); `displayHTML` only the
    /// summary as sanitized HTML (`ParsedEntry.summaryHTML`).
    public static func parse(
        _ data: Data, url: String? = nil, contentType: String? = nil, contentLanguage: String? = nil,
        sanitizedHTML: Bool = false,
        displayHTML: Bool = false
    ) throws(FeedParseError) -> ParsedFeed {
        let detail = Detail(all: sanitizedHTML, display: sanitizedHTML || displayHTML)
        let bytes = [UInt8](data)
        if let first = bytes.first(where: {
            $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }), first == 0x7B {
            return try JSONFeedParser.parse(data, url: url)
        }
        let document = XMLParser.parse(bytes, encoding: charset(contentType))
        guard let root = document.root else {
            throw FeedParseError("not a feed: " + (document.problems.first ?? "no XML element found"))
        }
        var feed = ParsedFeed()
        feed.problems = document.problems
        feed.encoding = document.encoding
        var documentBase = Base(url ?? "")
        documentBase.language = contentLanguage.flatMap(Base.languageTag)
        let base = documentBase.entering(root)
        switch (root.name, root.namespace) {
        case ("rss", _), ("channel", nil):
            readRSS(root, base: base, html: detail, into: &feed)
        case ("RDF", _):
            readRDF(root, base: base, html: detail, into: &feed)
        case ("feed", NS.atom10?):
            feed.format = .atom10
            readAtom(root, base: base, html: detail, into: &feed)
        case ("feed", NS.atom03?):
            feed.format = .atom03
            readAtom(root, base: base, html: detail, into: &feed)
        case ("feed", _):
            feed.format = .atom
            readAtom(root, base: base, html: detail, into: &feed)
        default:
            throw FeedParseError("not a feed: the document's root element is <\(root.qualifiedName)>")
        }
        return feed
    }

    /// The charset parameter of a Content-Type header, if any.
    static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    // MARK: Helpers

    /// RSS text is HTML in practice, escaped (usual) or written as markup (common too).
    static func htmlText(_ element: XMLElement) -> String {
        element.elements.isEmpty ? PlainText.fromHTML(element.text) : PlainText.fromNodes(element.children)
    }

    /// True for namespaces that are neither none nor an RSS namespace.
    static func isForeign(_ namespace: String?) -> Bool {
        guard let namespace else { return false }
        return namespace != NS.rss10 && namespace != NS.rss090
            && !namespace.hasPrefix("http://backend.userland.com/rss")
            && !namespace.hasPrefix("http://blogs.law.harvard.edu/tech/rss")
    }

    static func isAtom(_ namespace: String?) -> Bool {
        namespace == NS.atom10 || namespace == NS.atom03 || namespace == nil
    }

    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    static func appendUnique(_ value: String, to list: inout [String]) {
        if !value.isEmpty && !list.contains(value) { list.append(value) }
    }
}

/// The base URL in force at one place in the document (document URL, then `xml:base`).
struct Base {
    let url: URL?
    /// The `xml:lang` in force.
    var language: String?

    init(_ string: String) { url = string.isEmpty ? nil : URL(string: string) }
    private init(url: URL?, language: String?) {
        self.url = url
        self.language = language
    }

    /// The base URL as text ("" when there is none).
    var string: String { url?.absoluteString ?? "" }

    /// The base inside `element`, which may declare its own `xml:base` and `xml:lang`.
    func entering(_ element: XMLElement) -> Base {
        // xml:lang="" says "no language"; en_US is written en-US.
        let language = element.attribute("lang", namespace: NS.xml).map(Base.languageTag) ?? self.language
        guard let declared = element.attribute("base", namespace: NS.xml) else {
            return Base(url: url, language: language)
        }
        guard let resolved = URL(string: declared.trimmingCharacters(in: .whitespaces), relativeTo: url)?.absoluteURL,
            ["http", "https", "ftp", "file"].contains(resolved.scheme?.lowercased() ?? "")
        else {
            // A base such as javascript: is ignored, never used to build links.
            return Base(url: url, language: language)
        }
        return Base(url: resolved, language: language)
    }

    static func languageTag(_ text: String) -> String? {
        let tag = text.trimmedWhitespace.replacingOccurrences(of: "_", with: "-")
        return tag.isEmpty ? nil : tag
    }

    /// `reference` made absolute; returned unchanged when it cannot be.
    func resolve(_ reference: String) -> String {
        let trimmed = reference.trimmedWhitespace
        guard !trimmed.isEmpty else { return trimmed }
        // Most links are absolute already: no need for URL parsing.
        if trimmed.utf8.starts(with: "https://".utf8) || trimmed.utf8.starts(with: "http://".utf8) { return trimmed }
        if let absolute = URL(string: trimmed), absolute.scheme != nil { return trimmed }
        guard let url else { return trimmed }
        let encoded =
            trimmed.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["%", "#"])) ?? trimmed
        return URL(string: encoded, relativeTo: url)?.absoluteString ?? trimmed
    }
}
