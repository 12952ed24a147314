import Foundation
import HorizonCore
import HorizonXML

/// RSS 1.0 and 0.90, whose items stand beside the channel in an RDF document.
extension FeedParser {
    static func readRDF(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        let channel = root.element(named: "channel")
        feed.format =
            channel?.namespace == NS.rss090 || root.elements.contains(where: { $0.namespace == NS.rss090 })
            ? .rss090 : .rss10
        if let channel { readChannel(channel, base: base.entering(channel), html: html, into: &feed) }
        var items = root.elements(named: "item")
        if items.isEmpty, let channel { items = channel.elements(named: "item") }
        feed.entries = items.map { readRSSItem($0, base: base.entering($0), html: html) }
    }
}
