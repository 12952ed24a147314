import Foundation
import HorizonCore
import HorizonXML

/// Media RSS (`media:`) thumbnails, content and descriptions on entries.
extension FeedParser {
    /// Media RSS: categories, thumbnails, player, and title and description (also inside media:group).
    static func readMedia(_ element: XMLElement, base: Base, into entry: inout ParsedEntry) {
        switch element.name {
        case "group", "content":
            for child in element.elements where child.namespace == NS.media {
                readMedia(child, base: base.entering(child), into: &entry)
            }
        case "category":
            let term = element.text.trimmedWhitespace
            guard !term.isEmpty else { return }
            entry.metadata.tags.append(
                FeedTag(
                    term: term, scheme: element.attribute("scheme") ?? "http://search.yahoo.com/mrss/category_schema",
                    label: element.attribute("label")))
        case "thumbnail":
            if let url = element.attribute("url") { entry.metadata.thumbnails.append(base.resolve(url)) }
        case "player":
            if let url = element.attribute("url") {
                entry.metadata.objects["media_player"] = ["url": base.resolve(url)]
            }
        case "title":
            if entry.title.isEmpty {
                entry.title = PlainText.collapse(element.text)
                entry.details["title"] = TextConstruct(
                    type: "text/plain", language: base.language, base: base.string,
                    value: element.text.trimmedWhitespace)
            }
        case "description":
            if entry.summary.isEmpty {
                entry.summary = PlainText.collapse(element.text)
                entry.details["summary"] = TextConstruct(
                    type: "text/plain", language: base.language, base: base.string,
                    value: element.text.trimmedWhitespace)
            }
        default:
            break
        }
    }
}
