import Foundation
import HorizonCore
import HorizonXML

/// RSS 0.9x and 2.0: the channel, its items, and RSS text (HTML in practice).
extension FeedParser {
    static func readRSS(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        let version = root.attribute("version") ?? ""
        feed.format =
            switch version {
            case "0.91": .rss091
            case "0.92": .rss092
            case "0.93": .rss093
            case "0.94": .rss094
            case "2.0", "2", "2.01", "2.0.1", "2.1": .rss20
            default: root.name == "rss" ? .rss : .rss20
            }
        let channel = root.name == "channel" ? root : (root.element(named: "channel") ?? root)
        var channelBase = base.entering(channel)
        readChannel(channel, base: channelBase, html: html, into: &feed)
        // RSS has no base of its own: without xml:base, relative item links are taken relative to the
        // site (the channel's link) rather than to wherever the feed file is served from.
        if root.attribute("base", namespace: NS.xml) == nil, channel.attribute("base", namespace: NS.xml) == nil,
            let site = feed.link, FeedParser.isWebURL(site)
        {
            channelBase = Base(site)
        }
        // Items normally sit in the channel; some old feeds put them beside it.
        var items = channel.elements(named: "item")
        if channel !== root { items += root.elements(named: "item") }
        feed.entries = items.map { readRSSItem($0, base: channelBase.entering($0), html: html) }
    }

    static func readChannel(_ channel: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        for child in channel.elements {
            switch (child.name, child.namespace) {
            case ("title", let ns) where !isForeign(ns):
                feed.title = htmlText(child)
                if html.all { feed.details["title"] = rssConstruct(child, base: base.entering(child)) }
            case ("link", let ns) where !isForeign(ns):
                if feed.link == nil { feed.link = base.resolve(child.text) }
            case ("link", NS.atom10?):
                if (child.attribute("rel") ?? "alternate") == "alternate", let href = child.attribute("href") {
                    feed.link = feed.link ?? base.entering(child).resolve(href)
                }
            case ("description", let ns) where !isForeign(ns):
                feed.subtitle = htmlText(child)
                if html.all { feed.details["subtitle"] = rssConstruct(child, base: base.entering(child)) }
            case _ where readChannelMetadata(child, base: base, html: html, into: &feed.metadata):
                break
            case ("title", NS.dc?):
                if feed.title.isEmpty { feed.title = htmlText(child) }
            case ("copyright", nil), ("rights", NS.dc?):
                if html.all { feed.details["rights"] = rssConstruct(child, base: base.entering(child)) }
            case ("language", let ns) where !isForeign(ns) || ns == NS.dc:
                feed.language = Base.languageTag(child.text)
            case ("lastBuildDate", nil), ("pubDate", nil), ("date", NS.dc?):
                feed.updated = feed.updated ?? FeedDate.parse(child.text)
                if html.all {
                    feed.metadata.dates[child.name == "pubDate" ? "published" : "updated"] =
                        child.text.trimmedWhitespace
                }
            case ("ttl", nil):
                feed.ttlMinutes = Int(child.text.trimmedWhitespace)
                if html.all { feed.metadata.fields["ttl"] = child.text.trimmedWhitespace }
            case ("updatePeriod", NS.syndication?):
                feed.updatePeriod = child.text.trimmedWhitespace
            case ("updateFrequency", NS.syndication?):
                feed.updateFrequency = Int(child.text.trimmedWhitespace)
            case ("skipHours", nil):
                feed.skipHours = child.elements(named: "hour").compactMap { Int($0.text.trimmedWhitespace) }.filter {
                    (0...24).contains($0)
                }.map { $0 % 24 }
            case ("skipDays", nil):
                feed.skipDays = child.elements(named: "day").map { $0.text.trimmedWhitespace }
            case (_, let ns?) where html.all && isITunes(ns):
                readITunes(child, base: base, into: &feed.metadata)
                if feed.subtitle.isEmpty, child.name == "subtitle" || child.name == "summary" {
                    feed.subtitle = PlainText.collapse(child.text)
                    feed.details["subtitle"] = rssConstruct(child, base: base.entering(child))
                }
            default:
                break
            }
        }
    }

    /// The channel's metadata that only feedparser's full view keeps (people, tags, generator,
    /// images, cloud, Dublin Core dates). Returns false for an element it does not know.
    static func readChannelMetadata(_ child: XMLElement, base: Base, html: Detail, into metadata: inout FeedMetadata)
        -> Bool
    {
        switch (child.name, child.namespace) {
        case ("managingEditor", nil), ("author", nil), ("creator", NS.dc?), ("author", NS.dc?):
            if html.all { metadata.authors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
        case ("contributor", NS.dc?):
            if html.all { metadata.contributors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
        case ("category", nil), ("subject", NS.dc?):
            if html.all {
                metadata.tags.append(
                    FeedTag(term: child.text.trimmedWhitespace, scheme: child.attribute("domain")))
            }
        case ("generator", nil):
            if html.all { metadata.generator = child.text.trimmedWhitespace }
        case ("webMaster", nil), ("publisher", NS.dc?):
            if html.all { metadata.publisher = FeedPerson(rss: PlainText.collapse(child.text)) }
        case ("docs", nil), ("newLocation", nil):
            if html.all { metadata.fields[child.name.lowercased()] = base.entering(child).resolve(child.text) }
        case ("image", nil), ("image", NS.rss10?), ("image", NS.rss090?), ("textInput", nil), ("textinput", nil),
            ("textinput", NS.rss10?):
            if html.all {
                metadata.objects[child.name.lowercased()] = rssObject(child, base: base.entering(child))
            }
        case ("cloud", nil):
            if html.all {
                var cloud: [String: String] = [:]
                for attribute in child.attributes { cloud[attribute.name.lowercased()] = attribute.value }
                metadata.objects["cloud"] = cloud
            }
        case ("issued", NS.dcterms?), ("created", NS.dcterms?), ("modified", NS.dcterms?):
            if html.all { metadata.dates[rssDateKey(child.name)] = child.text.trimmedWhitespace }
        case ("valid", NS.dcterms?):
            // start=2002-10-13T09:00+01:00;end=2002-10-17T17:00+01:00;scheme=W3C-DTF
            if html.all {
                for part in child.text.split(separator: ";") {
                    let pair = part.split(separator: "=", maxSplits: 1).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    if pair.count == 2, pair[0] == "start" || pair[0] == "end" {
                        metadata.dates["validity_" + pair[0]] = pair[1]
                    }
                }
            }
        default:
            return false
        }
        return true
    }

    static func readRSSItem(_ item: XMLElement, base: Base, html: Detail) -> ParsedEntry {
        var entry = ParsedEntry()
        var descriptionHTML: TextConstruct?
        var guidIsPermalink = false
        var description: String?
        for child in item.elements {
            switch (child.name, child.namespace) {
            case ("title", let ns) where !isForeign(ns):
                entry.title = htmlText(child)
                if html.all { entry.details["title"] = rssConstruct(child, base: base.entering(child)) }
            case ("title", NS.dc?):
                if entry.title.isEmpty { entry.title = htmlText(child) }
            case ("link", let ns) where !isForeign(ns):
                let link = child.text.trimmedWhitespace
                if !link.isEmpty { entry.link = base.entering(child).resolve(link) }
            case ("link", NS.atom10?):
                if entry.link == nil, (child.attribute("rel") ?? "alternate") == "alternate",
                    let href = child.attribute("href")
                {
                    entry.link = base.entering(child).resolve(href)
                }
            case ("guid", let ns) where !isForeign(ns):
                let guid = child.text.trimmedWhitespace
                if !guid.isEmpty {
                    entry.id = guid
                    guidIsPermalink = (child.attribute("isPermaLink") ?? "true").lowercased() != "false"
                }
            case ("description", let ns) where !isForeign(ns):
                description = htmlText(child)
                if html.display { descriptionHTML = rssConstruct(child, base: base.entering(child)) }
            case ("description", NS.dc?):
                description = description ?? htmlText(child)
                if html.display, descriptionHTML == nil {
                    descriptionHTML = rssConstruct(child, base: base.entering(child))
                }
            case ("body", nil), ("body", NS.xhtml?), ("fullitem", nil):
                entry.content = entry.content ?? htmlText(child)
                if html.display, entry.contents.isEmpty {
                    entry.contents.append(rssConstruct(child, base: base.entering(child)))
                }
            case ("encoded", NS.content?):
                entry.content = htmlText(child)
                if html.display { entry.contents.append(rssConstruct(child, base: base.entering(child))) }
            case ("pubDate", nil), ("date", NS.dc?), ("issued", NS.dcterms?), ("created", NS.dcterms?):
                entry.published = entry.published ?? FeedDate.parse(child.text)
                if html.all {
                    entry.metadata.dates[child.name == "date" ? "updated" : rssDateKey(child.name)] =
                        child.text.trimmedWhitespace
                }
            case ("modified", NS.dcterms?), ("updated", NS.atom10?):
                entry.updated = entry.updated ?? FeedDate.parse(child.text)
                if html.all { entry.metadata.dates["updated"] = child.text.trimmedWhitespace }
            case _ where readRSSItemMetadata(child, base: base, html: html, into: &entry):
                break
            case (_, let ns?) where html.all && isITunes(ns):
                readITunes(child, base: base, into: &entry.metadata)
                if child.name == "summary", description == nil {
                    description = htmlText(child)
                    descriptionHTML = rssConstruct(child, base: base.entering(child))
                }
                if child.name == "author" {
                    entry.metadata.authors.append(FeedPerson(rss: PlainText.collapse(child.text)))
                }
            default:
                break
            }
        }
        if entry.id == nil, let about = item.attribute("about", namespace: NS.rdf) { entry.id = about }
        if entry.link == nil, guidIsPermalink, let guid = entry.id, isWebURL(guid) { entry.link = base.resolve(guid) }
        if html.all {
            if entry.id != nil {
                entry.metadata.guidIsLink = guidIsPermalink && entry.link == entry.id.map(base.resolve)
            }
            if let link = entry.link {
                // The alternate link first, unless it came only from the guid (after the enclosures, as written).
                let position =
                    guidIsPermalink && entry.link == entry.id.map(base.resolve) ? entry.metadata.links.count : 0
                entry.metadata.links.insert(FeedLink(rel: "alternate", type: "text/html", href: link), at: position)
            }
        }
        entry.summary = description ?? ""
        entry.details["summary"] = descriptionHTML
        if entry.summary.isEmpty, let content = entry.content {
            entry.summary = content
            entry.details["summary"] = entry.contents.first
        }
        return entry
    }

    /// The metadata of an RSS item that only feedparser's full view keeps (people, tags, rights,
    /// source, enclosures, Media RSS). Returns false for an element it does not know.
    static func readRSSItemMetadata(_ child: XMLElement, base: Base, html: Detail, into entry: inout ParsedEntry)
        -> Bool
    {
        switch (child.name, child.namespace) {
        case ("expirationDate", nil):
            if html.all { entry.metadata.dates["expired"] = child.text.trimmedWhitespace }
        case ("author", let ns) where !isForeign(ns):
            appendUnique(PlainText.collapse(child.text), to: &entry.authors)
            if html.all { entry.metadata.authors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
        case ("creator", NS.dc?), ("author", NS.dc?):
            appendUnique(PlainText.collapse(child.text), to: &entry.authors)
            if html.all { entry.metadata.authors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
        case ("contributor", NS.dc?):
            if html.all { entry.metadata.contributors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
        case ("category", let ns) where !isForeign(ns):
            appendUnique(PlainText.collapse(child.text), to: &entry.categories)
            if html.all {
                entry.metadata.tags.append(
                    FeedTag(term: child.text.trimmedWhitespace, scheme: child.attribute("domain")))
            }
        case ("subject", NS.dc?):
            appendUnique(PlainText.collapse(child.text), to: &entry.categories)
            if html.all { entry.metadata.tags.append(FeedTag(term: child.text.trimmedWhitespace)) }
        case ("language", NS.dc?):
            if html.all { entry.metadata.fields["language"] = Base.languageTag(child.text) }
        case ("comments", nil):
            if html.all { entry.metadata.fields["comments"] = base.entering(child).resolve(child.text) }
        case ("license", _)
        where child.namespace.map { $0.lowercased().contains("creativecommons") || $0 == "http://web.resource.org/cc/" }
            == true:
            if html.all {
                entry.metadata.fields["license"] =
                    child.attribute("resource", namespace: NS.rdf) ?? child.text.trimmedWhitespace
            }
        case ("publisher", NS.dc?):
            if html.all { entry.metadata.publisher = FeedPerson(rss: PlainText.collapse(child.text)) }
        case ("rights", NS.dc?):
            if html.all { entry.details["rights"] = rssConstruct(child, base: base.entering(child)) }
        case ("source", nil):
            if html.all {
                var source = ParsedFeed()
                source.title = PlainText.collapse(child.text)
                if let url = child.attribute("url") {
                    source.metadata.fields["href"] = base.entering(child).resolve(url)
                }
                entry.source = [source]
            }
        case ("enclosure", let ns) where !isForeign(ns):
            if html.all, let url = child.attribute("url") {
                entry.metadata.links.append(
                    FeedLink(
                        rel: "enclosure", type: child.attribute("type"), href: base.entering(child).resolve(url),
                        length: child.attribute("length")))
            }
        case (_, NS.media?) where html.all, (_, NS.mediaWithoutSlash?) where html.all:
            readMedia(child, base: base.entering(child), into: &entry)
        default:
            return false
        }
        return true
    }

    /// An RSS image or text input: its child elements as fields (`url` as `href`).
    static func rssObject(_ element: XMLElement, base: Base) -> [String: String] {
        var object: [String: String] = [:]
        for child in element.elements {
            let name = child.name.lowercased()
            let value = child.text.trimmedWhitespace
            switch name {
            case "url", "link": object[name == "url" ? "href" : "link"] = base.entering(child).resolve(value)
            default: object[name] = value
            }
        }
        return object
    }

    /// feedparser's names for the Dublin Core terms dates.
    static func rssDateKey(_ name: String) -> String {
        switch name {
        case "issued", "pubDate": "published"
        case "created": "created"
        default: "updated"
        }
    }

    /// RSS text, which is HTML (escaped, or markup written inline), sanitized.
    /// Text without markup stays plain text.
    static func rssConstruct(_ element: XMLElement, base: Base) -> TextConstruct {
        let nodes = element.elements.isEmpty ? HTMLParser.parseFragment(element.text) : element.children
        let hasMarkup = nodes.contains { if case .element = $0 { true } else { false } }
        guard hasMarkup else {
            return TextConstruct(
                type: "text/plain", language: base.language, base: base.string, value: element.text.trimmedWhitespace)
        }
        let value =
            element.elements.isEmpty
            ? HTMLSanitizer.sanitize(element.text, base: base) : HTMLSanitizer.sanitize(nodes: nodes, base: base)
        return TextConstruct(type: "text/html", language: base.language, base: base.string, value: value)
    }
}
