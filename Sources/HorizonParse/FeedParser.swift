public import Foundation
import HorizonXML
import HorizonCore

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
        _ data: Data, url: String? = nil, contentType: String? = nil, contentLanguage: String? = nil, sanitizedHTML: Bool = false,
        displayHTML: Bool = false
    ) throws(FeedParseError) -> ParsedFeed {
        let detail = Detail(all: sanitizedHTML, display: sanitizedHTML || displayHTML)
        let bytes = [UInt8](data)
        if let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }), first == 0x7B {
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
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    // MARK: RSS 0.9x and 2.0

    private static func readRSS(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
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

    // MARK: RSS 1.0 and 0.90 (RDF)

    private static func readRDF(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        let channel = root.element(named: "channel")
        feed.format = channel?.namespace == NS.rss090 || root.elements.contains(where: { $0.namespace == NS.rss090 }) ? .rss090 : .rss10
        if let channel { readChannel(channel, base: base.entering(channel), html: html, into: &feed) }
        var items = root.elements(named: "item")
        if items.isEmpty, let channel { items = channel.elements(named: "item") }
        feed.entries = items.map { readRSSItem($0, base: base.entering($0), html: html) }
    }

    private static func readChannel(_ channel: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
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
            case ("managingEditor", nil), ("author", nil), ("creator", NS.dc?), ("author", NS.dc?):
                if html.all { feed.metadata.authors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
            case ("contributor", NS.dc?):
                if html.all { feed.metadata.contributors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
            case ("category", nil), ("subject", NS.dc?):
                if html.all { feed.metadata.tags.append(FeedTag(term: child.text.trimmedWhitespace, scheme: child.attribute("domain"))) }
            case ("generator", nil):
                if html.all { feed.metadata.generator = child.text.trimmedWhitespace }
            case ("webMaster", nil), ("publisher", NS.dc?):
                if html.all { feed.metadata.publisher = FeedPerson(rss: PlainText.collapse(child.text)) }
            case ("docs", nil), ("newLocation", nil):
                if html.all { feed.metadata.fields[child.name.lowercased()] = base.entering(child).resolve(child.text) }
            case ("image", nil), ("image", NS.rss10?), ("image", NS.rss090?), ("textInput", nil), ("textinput", nil), ("textinput", NS.rss10?):
                if html.all { feed.metadata.objects[child.name.lowercased()] = rssObject(child, base: base.entering(child)) }
            case ("cloud", nil):
                if html.all {
                    var cloud: [String: String] = [:]
                    for attribute in child.attributes { cloud[attribute.name.lowercased()] = attribute.value }
                    feed.metadata.objects["cloud"] = cloud
                }
            case ("title", NS.dc?):
                if feed.title.isEmpty { feed.title = htmlText(child) }
            case ("copyright", nil), ("rights", NS.dc?):
                if html.all { feed.details["rights"] = rssConstruct(child, base: base.entering(child)) }
            case ("language", let ns) where !isForeign(ns) || ns == NS.dc:
                feed.language = Base.languageTag(child.text)
            case ("lastBuildDate", nil), ("pubDate", nil), ("date", NS.dc?):
                feed.updated = feed.updated ?? FeedDate.parse(child.text)
                if html.all { feed.metadata.dates[child.name == "pubDate" ? "published" : "updated"] = child.text.trimmedWhitespace }
            case ("issued", NS.dcterms?), ("created", NS.dcterms?), ("modified", NS.dcterms?):
                if html.all { feed.metadata.dates[rssDateKey(child.name)] = child.text.trimmedWhitespace }
            case ("valid", NS.dcterms?):
                // start=2002-10-13T09:00+01:00;end=2002-10-17T17:00+01:00;scheme=W3C-DTF
                if html.all {
                    for part in child.text.split(separator: ";") {
                        let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                        if pair.count == 2, pair[0] == "start" || pair[0] == "end" { feed.metadata.dates["validity_" + pair[0]] = pair[1] }
                    }
                }
            case ("ttl", nil):
                feed.ttlMinutes = Int(child.text.trimmedWhitespace)
                if html.all { feed.metadata.fields["ttl"] = child.text.trimmedWhitespace }
            case ("updatePeriod", NS.syndication?):
                feed.updatePeriod = child.text.trimmedWhitespace
            case ("updateFrequency", NS.syndication?):
                feed.updateFrequency = Int(child.text.trimmedWhitespace)
            case ("skipHours", nil):
                feed.skipHours = child.elements(named: "hour").compactMap { Int($0.text.trimmedWhitespace) }.filter { (0...24).contains($0) }.map { $0 % 24 }
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

    /// Media RSS: categories, thumbnails, player, and title and description (also inside media:group).
    private static func readMedia(_ element: XMLElement, base: Base, into entry: inout ParsedEntry) {
        switch element.name {
        case "group", "content":
            for child in element.elements where child.namespace == NS.media { readMedia(child, base: base.entering(child), into: &entry) }
        case "category":
            let term = element.text.trimmedWhitespace
            guard !term.isEmpty else { return }
            entry.metadata.tags.append(FeedTag(
                term: term, scheme: element.attribute("scheme") ?? "http://search.yahoo.com/mrss/category_schema", label: element.attribute("label")))
        case "thumbnail":
            if let url = element.attribute("url") { entry.metadata.thumbnails.append(base.resolve(url)) }
        case "player":
            if let url = element.attribute("url") { entry.metadata.objects["media_player"] = ["url": base.resolve(url)] }
        case "title":
            if entry.title.isEmpty {
                entry.title = PlainText.collapse(element.text)
                entry.details["title"] = TextConstruct(type: "text/plain", language: base.language, base: base.string, value: element.text.trimmedWhitespace)
            }
        case "description":
            if entry.summary.isEmpty {
                entry.summary = PlainText.collapse(element.text)
                entry.details["summary"] = TextConstruct(type: "text/plain", language: base.language, base: base.string, value: element.text.trimmedWhitespace)
            }
        default:
            break
        }
    }

    /// Apple's podcast namespace, however its URI is cased.
    static func isITunes(_ namespace: String) -> Bool {
        namespace.lowercased().hasSuffix("/podcast-1.0.dtd")
    }

    /// Podcast details (`itunes:`): block, explicit, categories, keywords, image, owner, duration.
    private static func readITunes(_ element: XMLElement, base: Base, into metadata: inout FeedMetadata) {
        let text = element.text.trimmedWhitespace
        switch element.name {
        case "block", "explicit":
            // As written: " yes " is not "yes" to the podcast directories either.
            metadata.fields["itunes_" + element.name] = element.text
        case "duration", "subtitle", "author":
            metadata.fields["itunes_" + element.name] = text
        case "category":
            func categories(_ element: XMLElement) {
                if let term = element.attribute("text"), !term.isEmpty, !metadata.tags.contains(where: { $0.term == term }) {
                    metadata.tags.append(FeedTag(term: term, scheme: "http://www.itunes.com/"))
                }
                for child in element.elements where child.name == "category" { categories(child) }
            }
            categories(element)
        case "keywords":
            for keyword in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !keyword.isEmpty {
                if !metadata.tags.contains(where: { $0.term == keyword }) { metadata.tags.append(FeedTag(term: keyword, scheme: "http://www.itunes.com/")) }
            }
        case "image":
            if let href = element.attribute("href") ?? element.attribute("url"), !href.isEmpty {
                metadata.objects["image", default: [:]]["href"] = base.entering(element).resolve(href)
            }
        case "owner":
            let name = element.elements.first { $0.name == "name" }?.text.trimmedWhitespace
            let email = element.elements.first { $0.name == "email" }?.text.trimmedWhitespace
            metadata.publisher = FeedPerson(name: name, email: email)
        default:
            break
        }
    }

    private static func readRSSItem(_ item: XMLElement, base: Base, html: Detail) -> ParsedEntry {
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
                if html.display, descriptionHTML == nil { descriptionHTML = rssConstruct(child, base: base.entering(child)) }
            case ("body", nil), ("body", NS.xhtml?), ("fullitem", nil):
                entry.content = entry.content ?? htmlText(child)
                if html.display, entry.contents.isEmpty { entry.contents.append(rssConstruct(child, base: base.entering(child))) }
            case ("encoded", NS.content?):
                entry.content = htmlText(child)
                if html.display { entry.contents.append(rssConstruct(child, base: base.entering(child))) }
            case ("pubDate", nil), ("date", NS.dc?), ("issued", NS.dcterms?), ("created", NS.dcterms?):
                entry.published = entry.published ?? FeedDate.parse(child.text)
                if html.all { entry.metadata.dates[child.name == "date" ? "updated" : rssDateKey(child.name)] = child.text.trimmedWhitespace }
            case ("modified", NS.dcterms?), ("updated", NS.atom10?):
                entry.updated = entry.updated ?? FeedDate.parse(child.text)
                if html.all { entry.metadata.dates["updated"] = child.text.trimmedWhitespace }
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
                if html.all { entry.metadata.tags.append(FeedTag(term: child.text.trimmedWhitespace, scheme: child.attribute("domain"))) }
            case ("subject", NS.dc?):
                appendUnique(PlainText.collapse(child.text), to: &entry.categories)
                if html.all { entry.metadata.tags.append(FeedTag(term: child.text.trimmedWhitespace)) }
            case ("language", NS.dc?):
                if html.all { entry.metadata.fields["language"] = Base.languageTag(child.text) }
            case ("comments", nil):
                if html.all { entry.metadata.fields["comments"] = base.entering(child).resolve(child.text) }
            case ("license", _) where child.namespace.map { $0.lowercased().contains("creativecommons") || $0 == "http://web.resource.org/cc/" } == true:
                if html.all { entry.metadata.fields["license"] = child.attribute("resource", namespace: NS.rdf) ?? child.text.trimmedWhitespace }
            case ("publisher", NS.dc?):
                if html.all { entry.metadata.publisher = FeedPerson(rss: PlainText.collapse(child.text)) }
            case ("rights", NS.dc?):
                if html.all { entry.details["rights"] = rssConstruct(child, base: base.entering(child)) }
            case ("source", nil):
                if html.all {
                    var source = ParsedFeed()
                    source.title = PlainText.collapse(child.text)
                    if let url = child.attribute("url") { source.metadata.fields["href"] = base.entering(child).resolve(url) }
                    entry.source = [source]
                }
            case ("enclosure", let ns) where !isForeign(ns):
                if html.all, let url = child.attribute("url") {
                    entry.metadata.links.append(FeedLink(
                        rel: "enclosure", type: child.attribute("type"), href: base.entering(child).resolve(url), length: child.attribute("length")))
                }
            case (_, NS.media?) where html.all, (_, NS.mediaWithoutSlash?) where html.all:
                readMedia(child, base: base.entering(child), into: &entry)
            case (_, let ns?) where html.all && isITunes(ns):
                readITunes(child, base: base, into: &entry.metadata)
                if child.name == "summary", description == nil {
                    description = htmlText(child)
                    descriptionHTML = rssConstruct(child, base: base.entering(child))
                }
                if child.name == "author" { entry.metadata.authors.append(FeedPerson(rss: PlainText.collapse(child.text))) }
            default:
                break
            }
        }
        if entry.id == nil, let about = item.attribute("about", namespace: NS.rdf) { entry.id = about }
        if entry.link == nil, guidIsPermalink, let guid = entry.id, isWebURL(guid) { entry.link = base.resolve(guid) }
        if html.all {
            if entry.id != nil { entry.metadata.guidIsLink = guidIsPermalink && entry.link == entry.id.map(base.resolve) }
            if let link = entry.link {
                // The alternate link first, unless it came only from the guid (after the enclosures, as written).
                let position = guidIsPermalink && entry.link == entry.id.map(base.resolve) ? entry.metadata.links.count : 0
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

    // MARK: Atom 0.3 and 1.0

    private static func readAtom(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        readAtomHead(root, base: base, html: html, into: &feed)
        feed.language = root.attribute("lang", namespace: NS.xml).flatMap(Base.languageTag)
        feed.entries = root.elements.filter { $0.name == "entry" && isAtom($0.namespace) }.map {
            readAtomEntry($0, base: base.entering($0), html: html)
        }
    }

    /// The feed-level elements of an Atom feed, or of an entry's `source`.
    private static func readAtomHead(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        for child in root.elements where isAtom(child.namespace) {
            switch child.name {
            case "title":
                feed.title = atomText(child)
                if html.all { feed.details["title"] = atomConstruct(child, base: base.entering(child)) }
            case "subtitle", "tagline":
                feed.subtitle = atomText(child)
                if html.all { feed.details["subtitle"] = atomConstruct(child, base: base.entering(child)) }
            case "rights", "copyright", "info":
                if html.all { feed.details[child.name == "info" ? "info" : "rights"] = atomConstruct(child, base: base.entering(child)) }
            case "link":
                if (child.attribute("rel") ?? "alternate") == "alternate", let href = child.attribute("href"),
                    feed.link == nil
                {
                    feed.link = base.entering(child).resolve(href)
                }
                if html.all, let link = atomLink(child, base: base) { feed.metadata.links.append(link) }
            case "author", "contributor", "category", "id", "generator":
                if html.all { readAtomMetadata(child, base: base, into: &feed.metadata) }
            case "updated", "modified":
                feed.updated = FeedDate.parse(child.text)
                if html.all { feed.metadata.dates["updated"] = child.text.trimmedWhitespace }
            case "icon", "logo":
                if html.all { feed.metadata.images[child.name] = base.entering(child).resolve(child.text) }
            default: break
            }
        }
    }

    private static func readAtomEntry(_ element: XMLElement, base: Base, html: Detail) -> ParsedEntry {
        var entry = ParsedEntry()
        var summary: String?
        var summaryHTML: TextConstruct?
        for child in element.elements {
            guard isAtom(child.namespace) else {
                if child.namespace == NS.dc && child.name == "subject" {
                    appendUnique(PlainText.collapse(child.text), to: &entry.categories)
                }
                continue
            }
            switch child.name {
            case "id": entry.id = child.text.trimmedWhitespace
            case "title":
                entry.title = atomText(child)
                if html.all { entry.details["title"] = atomConstruct(child, base: base.entering(child)) }
            case "link":
                let rel = child.attribute("rel") ?? "alternate"
                if rel == "alternate", entry.link == nil, let href = child.attribute("href") {
                    entry.link = base.entering(child).resolve(href)
                }
                if html.all, let link = atomLink(child, base: base) { entry.metadata.links.append(link) }
            case "summary":
                summary = atomText(child)
                if html.display { summaryHTML = atomConstruct(child, base: base.entering(child)) }
            case "content":
                entry.content = atomText(child)
                if html.display { entry.contents.append(atomConstruct(child, base: base.entering(child))) }
            case "published", "issued", "created":
                entry.published = entry.published ?? FeedDate.parse(child.text)
                if html.all { entry.metadata.dates[child.name == "created" ? "created" : "published"] = child.text.trimmedWhitespace }
            case "updated", "modified":
                entry.updated = FeedDate.parse(child.text)
                if html.all { entry.metadata.dates["updated"] = child.text.trimmedWhitespace }
            case "author", "contributor":
                if child.name == "author" {
                    let name = child.element(named: "name").map { PlainText.collapse($0.text) } ?? ""
                    appendUnique(name.isEmpty ? PlainText.collapse(child.text) : name, to: &entry.authors)
                }
                if html.all { readAtomMetadata(child, base: base, into: &entry.metadata) }
            case "category":
                let term = child.attribute("label") ?? child.attribute("term") ?? child.text
                appendUnique(PlainText.collapse(term), to: &entry.categories)
                if html.all { readAtomMetadata(child, base: base, into: &entry.metadata) }
            case "rights", "copyright":
                if html.all { entry.details["rights"] = atomConstruct(child, base: base.entering(child)) }
            case "source":
                if html.all {
                    var source = ParsedFeed()
                    readAtomHead(child, base: base.entering(child), html: Detail(all: true, display: true), into: &source)
                    entry.source = [source]
                }
            default: break
            }
        }
        entry.summary = summary ?? entry.content ?? ""
        entry.details["summary"] = summary == nil ? entry.contents.first : summaryHTML
        return entry
    }

    /// The plain text of an Atom text construct (text, html or xhtml; Atom 0.3's modes too).
    private static func atomText(_ element: XMLElement) -> String {
        let type = (element.attribute("type") ?? "text").lowercased()
        let mode = element.attribute("mode")?.lowercased()
        if let decoded = base64Text(element) {
            return type.contains("html") || (type.contains("/") && decoded.contains("<")) ? PlainText.fromHTML(decoded) : PlainText.collapse(decoded)
        }
        if type == "xhtml" || type == "application/xhtml+xml" || mode == "xml" || !element.elements.isEmpty {
            return PlainText.fromNodes(element.children)
        }
        if type == "html" || type == "text/html" || mode == "escaped" {
            return PlainText.fromHTML(element.text)
        }
        return PlainText.collapse(element.text)
    }

    /// An Atom link element, resolved; nil without an href.
    private static func atomLink(_ element: XMLElement, base: Base) -> FeedLink? {
        guard let href = element.attribute("href") else { return nil }
        let rel = element.attribute("rel") ?? "alternate"
        return FeedLink(
            rel: rel, type: element.attribute("type") ?? (rel == "self" ? "application/atom+xml" : nil), href: base.entering(element).resolve(href),
            title: element.attribute("title"), length: element.attribute("length"), hreflang: element.attribute("hreflang"))
    }

    /// Atom people, categories, ids and generators, as details.
    private static func readAtomMetadata(_ element: XMLElement, base: Base, into metadata: inout FeedMetadata) {
        func text(_ name: String) -> String? {
            element.elements.first { $0.name == name && isAtom($0.namespace) }.map { $0.text.trimmedWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        }
        switch element.name {
        case "author", "contributor":
            let person = FeedPerson(
                name: text("name"), email: text("email"), href: (text("uri") ?? text("url") ?? text("homepage")).map(base.entering(element).resolve))
            if element.name == "author" { metadata.authors.append(person) } else { metadata.contributors.append(person) }
        case "category":
            if let term = element.attribute("term") {
                metadata.tags.append(FeedTag(term: term, scheme: element.attribute("scheme"), label: element.attribute("label")))
            }
        case "id": metadata.id = element.text.trimmedWhitespace
        case "generator":
            metadata.generator = element.text.trimmedWhitespace
            var detail: [String: String] = [:]
            if !element.text.trimmedWhitespace.isEmpty { detail["name"] = element.text.trimmedWhitespace }
            if let uri = element.attribute("uri") ?? element.attribute("url") { detail["href"] = base.entering(element).resolve(uri) }
            if let version = element.attribute("version") { detail["version"] = version }
            metadata.objects["generator_detail"] = detail
        default: break
        }
    }

    /// An RSS image or text input: its child elements as fields (`url` as `href`).
    private static func rssObject(_ element: XMLElement, base: Base) -> [String: String] {
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

    /// The text of a base64 construct, decoded: Atom 0.3's `mode="base64"`, or Atom 1.0 text of a
    /// media type that is neither text nor XML.
    static func base64Text(_ element: XMLElement) -> String? {
        let type = element.attribute("type")?.lowercased() ?? "text"
        let binary = element.namespace == NS.atom10 && type.utf8.contains(0x2F) && !type.hasPrefix("text/") && !type.hasSuffix("xml")
        guard element.attribute("mode")?.lowercased() == "base64" || binary else { return nil }
        let compact = element.text.filter { !$0.isWhitespace }
        return Data(base64Encoded: compact).map { String(decoding: $0, as: UTF8.self) }
    }

    /// An Atom text construct: its media type, language, base, and value (sanitized HTML for html and
    /// xhtml, the text itself for text).
    private static func atomConstruct(_ element: XMLElement, base: Base) -> TextConstruct {
        let declared = (element.attribute("type") ?? "text").lowercased()
        let mode = element.attribute("mode")?.lowercased()
        var construct = TextConstruct(type: "text/plain", language: base.language, base: base.string, value: "")
        if let decoded = base64Text(element) {
            let html = declared.contains("html") || declared.contains("/") && decoded.contains("<")
            construct.type = declared.contains("html") ? "text/html" : (declared == "text" ? "text/plain" : declared)
            construct.value = html ? HTMLSanitizer.sanitize(decoded, base: base) : decoded
        } else if declared == "xhtml" || declared == "application/xhtml+xml" || mode == "xml" {
            // The wrapping <div> of Atom 1.0 xhtml content is not part of the text (Atom 0.3 keeps it).
            let elements = element.elements
            let nodes = declared == "xhtml" && elements.count == 1 && elements[0].name == "div" ? elements[0].children : element.children
            construct.type = "application/xhtml+xml"
            construct.value = HTMLSanitizer.sanitize(nodes: nodes, base: base)
        } else if declared == "html" || declared == "text/html" || mode == "escaped" || !element.elements.isEmpty {
            construct.type = "text/html"
            construct.value = element.elements.isEmpty
                ? HTMLSanitizer.sanitize(element.text, base: base) : HTMLSanitizer.sanitize(nodes: element.children, base: base)
        } else {
            construct.type = declared == "text" ? "text/plain" : declared
            construct.value = element.text.trimmedWhitespace
        }
        return construct
    }

    /// RSS text, which is HTML (escaped, or markup written inline), sanitized.
    /// Text without markup stays plain text.
    private static func rssConstruct(_ element: XMLElement, base: Base) -> TextConstruct {
        let nodes = element.elements.isEmpty ? HTMLParser.parseFragment(element.text) : element.children
        let hasMarkup = nodes.contains { if case .element = $0 { true } else { false } }
        guard hasMarkup else {
            return TextConstruct(type: "text/plain", language: base.language, base: base.string, value: element.text.trimmedWhitespace)
        }
        let value = element.elements.isEmpty ? HTMLSanitizer.sanitize(element.text, base: base) : HTMLSanitizer.sanitize(nodes: nodes, base: base)
        return TextConstruct(type: "text/html", language: base.language, base: base.string, value: value)
    }

    // MARK: Helpers

    /// RSS text is HTML in practice, escaped (usual) or written as markup (common too).
    private static func htmlText(_ element: XMLElement) -> String {
        element.elements.isEmpty ? PlainText.fromHTML(element.text) : PlainText.fromNodes(element.children)
    }

    /// True for namespaces that are neither none nor an RSS namespace.
    private static func isForeign(_ namespace: String?) -> Bool {
        guard let namespace else { return false }
        return namespace != NS.rss10 && namespace != NS.rss090 && !namespace.hasPrefix("http://backend.userland.com/rss")
            && !namespace.hasPrefix("http://blogs.law.harvard.edu/tech/rss")
    }

    private static func isAtom(_ namespace: String?) -> Bool {
        namespace == NS.atom10 || namespace == NS.atom03 || namespace == nil
    }

    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    private static func appendUnique(_ value: String, to list: inout [String]) {
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
        guard let declared = element.attribute("base", namespace: NS.xml) else { return Base(url: url, language: language) }
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
        let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["%", "#"])) ?? trimmed
        return URL(string: encoded, relativeTo: url)?.absoluteString ?? trimmed
    }
}
