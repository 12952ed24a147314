import Foundation
import HorizonCore
import HorizonXML

/// Apple's podcast namespace (`itunes:`), in feedparser's key names.
extension FeedParser {
    /// Apple's podcast namespace, however its URI is cased.
    static func isITunes(_ namespace: String) -> Bool {
        namespace.lowercased().hasSuffix("/podcast-1.0.dtd")
    }

    /// Podcast details (`itunes:`): block, explicit, categories, keywords, image, owner, duration.
    static func readITunes(_ element: XMLElement, base: Base, into metadata: inout FeedMetadata) {
        let text = element.text.trimmedWhitespace
        switch element.name {
        case "block", "explicit":
            // As written: " yes " is not "yes" to the podcast directories either.
            metadata.fields["itunes_" + element.name] = element.text
        case "duration", "subtitle", "author":
            metadata.fields["itunes_" + element.name] = text
        case "category":
            func categories(_ element: XMLElement) {
                if let term = element.attribute("text"), !term.isEmpty,
                    !metadata.tags.contains(where: { $0.term == term })
                {
                    metadata.tags.append(FeedTag(term: term, scheme: "http://www.itunes.com/"))
                }
                for child in element.elements where child.name == "category" { categories(child) }
            }
            categories(element)
        case "keywords":
            for keyword in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !keyword.isEmpty {
                if !metadata.tags.contains(where: { $0.term == keyword }) {
                    metadata.tags.append(FeedTag(term: keyword, scheme: "http://www.itunes.com/"))
                }
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
}
