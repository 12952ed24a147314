import Foundation
import HorizonCore
import HorizonParse
public import HorizonTransport
import HorizonXML

/// A feed found for a URL, checked by fetching and parsing it.
public struct DiscoveredFeed: Sendable, Equatable {
    public var url: String
    public var title: String
    /// feedparser's name for its format (rss20, atom10, ...).
    public var format: String
    /// How it was found: "the URL itself", "<link rel=alternate>", or "common path".
    public var via: String

    public init(url: String, title: String, format: String, via: String) {
        self.url = url
        self.title = title
        self.format = format
        self.via = via
    }
}

/// Finds the feeds of a web page: the URL itself if it is a feed; else the page's
/// `<link rel="alternate">` feeds; else feeds at common paths (`/feed`, `/rss.xml`, ...).
/// Every candidate is fetched and parsed; only real feeds are returned.
public struct FeedDiscovery: Sendable {
    public let fetcher: Fetcher

    public init(fetcher: Fetcher = Fetcher()) { self.fetcher = fetcher }

    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
        "application/json", "application/xml", "text/xml",
    ]
    static let commonPaths = [
        "/feed", "/feed/", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/rss/", "/?feed=rss2",
    ]

    public func discover(_ url: String) async throws(FeedsError) -> [DiscoveredFeed] {
        let page = await fetcher.fetch([FetchRequest(id: "page", url: url)])[0]
        if let error = page.error { throw FeedsError(.network, "\(url): cannot fetch (\(error))") }
        guard (200..<300).contains(page.status) else { throw FeedsError(.network, "\(url): HTTP \(page.status)") }
        if let feed = try? FeedParser.parse(
            page.body, url: page.effectiveURL, contentType: page.headers["content-type"]),
            feed.format != .unknown
        {
            return [DiscoveredFeed(url: url, title: feed.title, format: feed.format.rawValue, via: "the URL itself")]
        }
        let base = URL(string: page.effectiveURL)
        var linked: [String] = []
        if let root = HTMLParser.parseDocument([UInt8](page.body)) {
            for link in FeedDiscovery.links(in: root) {
                if let absolute = URL(string: link, relativeTo: base)?.absoluteString, !linked.contains(absolute) {
                    linked.append(absolute)
                }
            }
        }
        let named = await check(linked, via: "<link rel=alternate>", firstOnly: false)
        if !named.isEmpty { return named }
        // The page names no feed that works: try the paths where sites usually put one.
        var guesses: [String] = []
        if let base, let scheme = base.scheme, let host = base.host {
            let origin = "\(scheme)://\(host)" + (base.port.map { ":\($0)" } ?? "")
            if base.path.count > 1 && base.absoluteString.hasSuffix("/") {
                guesses.append(base.absoluteString + "feed/")
            }
            guesses += FeedDiscovery.commonPaths.map { origin + $0 }
        }
        return await check(guesses, via: "common path", firstOnly: true)
    }

    /// The candidates that are real feeds, in order (only the first when `firstOnly`).
    private func check(_ candidates: [String], via: String, firstOnly: Bool) async -> [DiscoveredFeed] {
        guard !candidates.isEmpty else { return [] }
        let responses = await fetcher.fetch(
            candidates.enumerated().map { FetchRequest(id: "\($0.offset)", url: $0.element) })
        var found: [DiscoveredFeed] = []
        var seen = Set<String>()
        for (candidate, response) in zip(candidates, responses) where response.isSuccess {
            guard
                let feed = try? FeedParser.parse(
                    response.body, url: response.effectiveURL, contentType: response.headers["content-type"]),
                feed.format != .unknown, seen.insert(response.effectiveURL).inserted
            else { continue }
            found.append(DiscoveredFeed(url: candidate, title: feed.title, format: feed.format.rawValue, via: via))
            if firstOnly { break }
        }
        return found
    }

    /// The hrefs of `<link rel="alternate" type="...feed type...">` elements, in document order.
    static func links(in root: XMLElement) -> [String] {
        var result: [String] = []
        func walk(_ element: XMLElement) {
            if element.name.lowercased() == "link",
                let rel = element.attribute("rel")?.lowercased(), rel.split(separator: " ").contains("alternate"),
                let type = element.attribute("type")?.lowercased().split(separator: ";").first.map({
                    $0.trimmingCharacters(in: .whitespaces)
                }),
                feedTypes.contains(type), let href = element.attribute("href"), !href.isEmpty
            {
                result.append(href.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            for child in element.elements { walk(child) }
        }
        walk(root)
        return result
    }
}
