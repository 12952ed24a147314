import Foundation
import HorizonCore
import HorizonXML

/// Atom 0.3 and 1.0: the head, entries, links, people and text constructs.
extension FeedParser {
    static func readAtom(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        readAtomHead(root, base: base, html: html, into: &feed)
        feed.language = root.attribute("lang", namespace: NS.xml).flatMap(Base.languageTag)
        feed.entries = root.elements.filter { $0.name == "entry" && isAtom($0.namespace) }.map {
            readAtomEntry($0, base: base.entering($0), html: html)
        }
    }

    /// The feed-level elements of an Atom feed, or of an entry's `source`.
    static func readAtomHead(_ root: XMLElement, base: Base, html: Detail, into feed: inout ParsedFeed) {
        for child in root.elements where isAtom(child.namespace) {
            switch child.name {
            case "title":
                feed.title = atomText(child)
                if html.all { feed.details["title"] = atomConstruct(child, base: base.entering(child)) }
            case "subtitle", "tagline":
                feed.subtitle = atomText(child)
                if html.all { feed.details["subtitle"] = atomConstruct(child, base: base.entering(child)) }
            case "rights", "copyright", "info":
                if html.all {
                    feed.details[child.name == "info" ? "info" : "rights"] = atomConstruct(
                        child, base: base.entering(child))
                }
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

    static func readAtomEntry(_ element: XMLElement, base: Base, html: Detail) -> ParsedEntry {
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
                if html.all {
                    entry.metadata.dates[child.name == "created" ? "created" : "published"] =
                        child.text.trimmedWhitespace
                }
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
                    readAtomHead(
                        child, base: base.entering(child), html: Detail(all: true, display: true), into: &source)
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
    static func atomText(_ element: XMLElement) -> String {
        let type = (element.attribute("type") ?? "text").lowercased()
        let mode = element.attribute("mode")?.lowercased()
        if let decoded = base64Text(element) {
            return type.contains("html") || (type.contains("/") && decoded.contains("<"))
                ? PlainText.fromHTML(decoded) : PlainText.collapse(decoded)
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
    static func atomLink(_ element: XMLElement, base: Base) -> FeedLink? {
        guard let href = element.attribute("href") else { return nil }
        let rel = element.attribute("rel") ?? "alternate"
        return FeedLink(
            rel: rel, type: element.attribute("type") ?? (rel == "self" ? "application/atom+xml" : nil),
            href: base.entering(element).resolve(href),
            title: element.attribute("title"), length: element.attribute("length"),
            hreflang: element.attribute("hreflang"))
    }

    /// Atom people, categories, ids and generators, as details.
    static func readAtomMetadata(_ element: XMLElement, base: Base, into metadata: inout FeedMetadata) {
        func text(_ name: String) -> String? {
            element.elements.first { $0.name == name && isAtom($0.namespace) }.map { $0.text.trimmedWhitespace }.flatMap
            { $0.isEmpty ? nil : $0 }
        }
        switch element.name {
        case "author", "contributor":
            let person = FeedPerson(
                name: text("name"), email: text("email"),
                href: (text("uri") ?? text("url") ?? text("homepage")).map(base.entering(element).resolve))
            if element.name == "author" {
                metadata.authors.append(person)
            } else {
                metadata.contributors.append(person)
            }
        case "category":
            if let term = element.attribute("term") {
                metadata.tags.append(
                    FeedTag(term: term, scheme: element.attribute("scheme"), label: element.attribute("label")))
            }
        case "id": metadata.id = element.text.trimmedWhitespace
        case "generator":
            metadata.generator = element.text.trimmedWhitespace
            var detail: [String: String] = [:]
            if !element.text.trimmedWhitespace.isEmpty { detail["name"] = element.text.trimmedWhitespace }
            if let uri = element.attribute("uri") ?? element.attribute("url") {
                detail["href"] = base.entering(element).resolve(uri)
            }
            if let version = element.attribute("version") { detail["version"] = version }
            metadata.objects["generator_detail"] = detail
        default: break
        }
    }

    /// The text of a base64 construct, decoded: Atom 0.3's `mode="base64"`, or Atom 1.0 text of a
    /// media type that is neither text nor XML.
    static func base64Text(_ element: XMLElement) -> String? {
        let type = element.attribute("type")?.lowercased() ?? "text"
        let binary =
            element.namespace == NS.atom10 && type.utf8.contains(0x2F) && !type.hasPrefix("text/")
            && !type.hasSuffix("xml")
        guard element.attribute("mode")?.lowercased() == "base64" || binary else { return nil }
        let compact = element.text.filter { !$0.isWhitespace }
        return Data(base64Encoded: compact).map { String(decoding: $0, as: UTF8.self) }
    }

    /// An Atom text construct: its media type, language, base, and value (sanitized HTML for html and
    /// xhtml, the text itself for text).
    static func atomConstruct(_ element: XMLElement, base: Base) -> TextConstruct {
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
            let nodes =
                declared == "xhtml" && elements.count == 1 && elements[0].name == "div"
                ? elements[0].children : element.children
            construct.type = "application/xhtml+xml"
            construct.value = HTMLSanitizer.sanitize(nodes: nodes, base: base)
        } else if declared == "html" || declared == "text/html" || mode == "escaped" || !element.elements.isEmpty {
            construct.type = "text/html"
            construct.value =
                element.elements.isEmpty
                ? HTMLSanitizer.sanitize(element.text, base: base)
                : HTMLSanitizer.sanitize(nodes: element.children, base: base)
        } else {
            construct.type = declared == "text" ? "text/plain" : declared
            construct.value = element.text.trimmedWhitespace
        }
        return construct
    }
}
