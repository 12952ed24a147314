public import Foundation
public import HorizonCore
import HorizonXML

/// Reading and writing OPML subscription lists, the format feed readers exchange.
public enum OPML {
    /// One subscription found in an OPML file.
    public struct Subscription: Sendable, Equatable {
        public var url: String
        public var title: String
        /// The folder it was filed under (nested folders joined with '/').
        public var category: String?
        /// The feed's id, when a Horizon export wrote it (`horizon:id`).
        public var id: String? = nil
    }

    /// The namespace of the attributes Horizon adds to outlines (the feed's id).
    public static let namespace = "urn:horizon:feeds"

    public struct ImportReport: Sendable {
        /// Feeds to add, with their new ids.
        public var added: [FeedConfig] = []
        /// URLs already in the configuration (or twice in the file), with the feed id that has them.
        public var duplicates: [(url: String, existing: String)] = []
        /// Outlines that could not be used, with why.
        public var skipped: [(title: String, reason: String)] = []
    }

    /// The subscriptions of an OPML document (OPML 1.0 and 2.0: any outline with an xmlUrl).
    public static func subscriptions(in data: Data, label: String) throws(FeedsError) -> [Subscription] {
        let document = XMLParser.parse([UInt8](data))
        guard let root = document.root, root.name.lowercased() == "opml" else {
            throw FeedsError(.data, "\(label): not an OPML file" + (document.problems.first.map { " (\($0))" } ?? ""))
        }
        var result: [Subscription] = []
        func walk(_ element: XMLElement, folders: [String]) {
            for outline in element.elements where outline.name.lowercased() == "outline" {
                let text = attribute(outline, "title") ?? attribute(outline, "text") ?? ""
                if let url = attribute(outline, "xmlUrl"), !url.isEmpty {
                    let category =
                        folders.isEmpty
                        ? attribute(outline, "category").flatMap(firstCategory) : folders.joined(separator: "/")
                    result.append(
                        Subscription(
                            url: url.trimmingCharacters(in: .whitespacesAndNewlines), title: text, category: category,
                            id: outline.attributes.first { $0.namespace == namespace && $0.name == "id" }?.value))
                }
                walk(
                    outline, folders: attribute(outline, "xmlUrl") == nil && !text.isEmpty ? folders + [text] : folders)
            }
        }
        walk(root.element(named: "body") ?? root, folders: [])
        return result
    }

    /// Decides what importing `subscriptions` into `config` adds: new URLs keep the id a Horizon
    /// export gave them (when free) or get stable ids made from their titles; URLs the configuration
    /// already has are reported, not added again. Web feeds and local `file:` feeds are taken.
    public static func plan(_ subscriptions: [Subscription], into config: HorizonConfig) -> ImportReport {
        var report = ImportReport()
        var byURL = Dictionary(
            config.feeds.map { (normalized($0.url), $0.id) }, uniquingKeysWith: { first, _ in first })
        var taken = Set(config.feeds.map(\.id))
        for subscription in subscriptions {
            let lower = subscription.url.lowercased()
            let web =
                (lower.hasPrefix("http://") || lower.hasPrefix("https://"))
                && URL(string: subscription.url)?.host != nil
            let file = lower.hasPrefix("file:") && subscription.url.count > 5
            guard web || file else {
                report.skipped.append(
                    (
                        subscription.title.isEmpty ? subscription.url : subscription.title,
                        "url \"\(subscription.url)\" is not http, https or file"
                    ))
                continue
            }
            if let existing = byURL[normalized(subscription.url)] {
                report.duplicates.append((subscription.url, existing))
                continue
            }
            let title =
                subscription.title.isEmpty
                ? (URL(string: subscription.url)?.host.flatMap { $0.isEmpty ? nil : $0 } ?? subscription.url)
                : subscription.title
            let given = subscription.id.flatMap { isFeedID($0) && !taken.contains($0) ? $0 : nil }
            let id = given ?? feedID(for: title, url: subscription.url, taken: taken)
            taken.insert(id)
            byURL[normalized(subscription.url)] = id
            report.added.append(
                FeedConfig(id: id, url: subscription.url, title: title, category: subscription.category))
        }
        return report
    }

    /// The configuration's feeds as OPML 2.0, filed in folders by category.
    public static func export(_ config: HorizonConfig, title: String = "Horizon feeds", date: Date = Date()) -> String {
        func attr(_ value: String) -> String { escapeXML(value, quotes: true) }
        func outline(_ feed: FeedConfig, indent: String) -> String {
            var text =
                "\(indent)<outline type=\"rss\" text=\"\(attr(feed.title))\" title=\"\(attr(feed.title))\" xmlUrl=\"\(attr(feed.url))\" horizon:id=\"\(attr(feed.id))\""
            if let category = feed.category { text += " category=\"/\(attr(category))\"" }
            return text + "/>\n"
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0" xmlns:horizon="\(namespace)">
              <head>
                <title>\(attr(title))</title>
                <dateCreated>\(formatter.string(from: date))</dateCreated>
              </head>
              <body>

            """
        var categories: [String] = []
        for feed in config.feeds {
            if let category = feed.category, !categories.contains(category) { categories.append(category) }
        }
        for category in categories {
            out += "    <outline text=\"\(attr(category))\" title=\"\(attr(category))\">\n"
            for feed in config.feeds where feed.category == category { out += outline(feed, indent: "      ") }
            out += "    </outline>\n"
        }
        for feed in config.feeds where feed.category == nil { out += outline(feed, indent: "    ") }
        out += "  </body>\n</opml>\n"
        return out
    }

    /// Whether text is usable as a feed id as it stands: lower-case letters, digits and hyphens.
    static func isFeedID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    private static func firstCategory(_ value: String) -> String? {
        let first = value.split(separator: ",").first.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        }
        return first?.isEmpty == false ? first : nil
    }

    /// URLs that differ only in scheme case, host case or a trailing slash are the same subscription.
    static func normalized(_ url: String) -> String {
        var text = url.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("/") { text.removeLast() }
        guard let range = text.range(of: "://") else { return text }
        let rest = text[range.upperBound...]
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        return text[..<range.upperBound].lowercased() + rest[..<hostEnd].lowercased() + rest[hostEnd...]
    }
}
