public import Foundation

/// feedparser's key names for what the parser found, for the conformance checker.
public enum NeutralShape {
    /// A document that is not a feed: feedparser's shape for it.
    public static let notAFeed = #"{"bozo": true, "bozo_exception": "NonXMLContentType", "entries": [], "feed": {}}"#

    public static func document(_ feed: ParsedFeed) -> [String: Any] {
        var shape: [String: Any] = [
            "bozo": feed.isRecovered, "version": feed.format.rawValue, "entries": feed.entries.map(entry),
        ]
        if feed.isRecovered { shape["bozo_exception"] = "SAXParseException" }
        if let encoding = feed.encoding { shape["encoding"] = encoding.lowercased() }
        shape["feed"] = head(feed)
        return shape
    }

    /// `link`, and `links` holding it as the alternate (details, when known, replace `links`).
    static func putLink(_ link: String?, into shape: inout [String: Any]) {
        guard let link else { return }
        shape["link"] = link
        shape["links"] = [["rel": "alternate", "type": "text/html", "href": link]]
    }

    /// The feed-level keys (also an entry's `source`).
    static func head(_ feed: ParsedFeed) -> [String: Any] {
        var head: [String: Any] = [:]
        put(feed.details["title"], plain: feed.title, as: "title", into: &head)
        put(feed.details["subtitle"], plain: feed.subtitle, as: "subtitle", into: &head)
        put(feed.details["rights"], plain: "", as: "rights", into: &head)
        put(feed.details["info"], plain: "", as: "info", into: &head)
        putLink(feed.link, into: &head)
        metadata(feed.metadata, into: &head)
        if let language = feed.language { head["language"] = language }
        if let updated = feed.updated { head["updated_parsed"] = timeStruct(updated) }
        for (key, url) in feed.metadata.images { head[key] = url }
        if let href = feed.metadata.fields["href"] { head["href"] = href }
        return head
    }

    static func entry(_ entry: ParsedEntry) -> [String: Any] {
        var shape: [String: Any] = [:]
        put(entry.details["title"], plain: entry.title, as: "title", into: &shape)
        put(entry.details["summary"], plain: entry.summary, as: "summary", into: &shape)
        put(entry.details["rights"], plain: "", as: "rights", into: &shape)
        putLink(entry.link, into: &shape)
        if let id = entry.id { shape["id"] = id }
        if !entry.contents.isEmpty {
            shape["content"] = entry.contents.map(detail)
        } else if let content = entry.content {
            shape["content"] = [["type": "text/html", "value": content]]
        }
        if let published = entry.published { shape["published_parsed"] = timeStruct(published) }
        if let updated = entry.updated { shape["updated_parsed"] = timeStruct(updated) }
        if let author = entry.authors.first {
            shape["author"] = author
            shape["authors"] = entry.authors.map { ["name": $0] }
        }
        if !entry.categories.isEmpty {
            shape["tags"] = entry.categories.map { ["term": $0, "scheme": NSNull(), "label": NSNull()] }
        }
        metadata(entry.metadata, into: &shape)
        if let source = entry.source.first { shape["source"] = head(source) }
        return shape
    }

    /// People, links, tags and ids in feedparser's shape.
    static func metadata(_ metadata: FeedMetadata, into shape: inout [String: Any]) {
        func person(_ p: FeedPerson) -> [String: Any] {
            var out: [String: Any] = [:]
            if let name = p.name { out["name"] = name }
            if let email = p.email { out["email"] = email }
            if let href = p.href { out["href"] = href }
            return out
        }
        if !metadata.authors.isEmpty {
            shape["authors"] = metadata.authors.map(person)
            shape["author_detail"] = person(metadata.authors[0])
            if let display = metadata.authors[0].display { shape["author"] = display }
        }
        if !metadata.contributors.isEmpty { shape["contributors"] = metadata.contributors.map(person) }
        if !metadata.links.isEmpty {
            shape["links"] = metadata.links.map { link -> [String: Any] in
                var out: [String: Any] = ["rel": link.rel, "href": link.href]
                if let type = link.type { out["type"] = type }
                if let title = link.title { out["title"] = title }
                if let length = link.length { out["length"] = length }
                if let hreflang = link.hreflang { out["hreflang"] = hreflang }
                return out
            }
            if shape["link"] == nil, let alternate = metadata.links.first(where: { $0.rel == "alternate" }) {
                shape["link"] = alternate.href
            }
        }
        if !metadata.tags.isEmpty {
            shape["tags"] = metadata.tags.map {
                ["term": $0.term, "scheme": $0.scheme ?? NSNull(), "label": $0.label ?? NSNull()] as [String: Any]
            }
        }
        if let id = metadata.id { shape["id"] = id }
        if let generator = metadata.generator { shape["generator"] = generator }
        if let guidIsLink = metadata.guidIsLink { shape["guidislink"] = guidIsLink }
        if let publisher = metadata.publisher {
            shape["publisher_detail"] = person(publisher)
            if let display = publisher.display { shape["publisher"] = display }
        }
        for (key, value) in metadata.fields {
            switch key {
            // feedparser's readings of the podcast flags.
            case "itunes_block": shape[key] = value == "yes" ? 1 : 0
            case "itunes_explicit":
                if ["yes", "explicit", "true"].contains(value) {
                    shape[key] = true
                } else if ["clean", "false", "no"].contains(value) {
                    shape[key] = false
                } else {
                    shape[key] = NSNull()
                }
            case "itunes_subtitle": shape["subtitle"] = shape["subtitle"] ?? value
            case "itunes_author": shape["author"] = shape["author"] ?? value
            default: shape[key] = value
            }
        }
        for (key, object) in metadata.objects {
            shape[key] = object.mapValues { value -> Any in
                if let number = Int(value), key == "image" { return number }
                return value
            }
        }
        if !metadata.thumbnails.isEmpty { shape["media_thumbnail"] = metadata.thumbnails.map { ["url": $0] } }
        for (key, text) in metadata.dates {
            shape[key] = text
            if let date = FeedDate.parse(text) { shape[key + "_parsed"] = timeStruct(date) }
        }
    }

    static func detail(_ construct: TextConstruct) -> [String: Any] {
        [
            "type": construct.type, "language": construct.language ?? NSNull(), "base": construct.base,
            "value": construct.value,
        ]
    }

    /// `key` and `key_detail` from a text construct, else the plain text.
    static func put(_ construct: TextConstruct?, plain: String, as key: String, into shape: inout [String: Any]) {
        if let construct {
            shape[key] = construct.value
            shape[key + "_detail"] = detail(construct)
        } else if !plain.isEmpty {
            shape[key] = plain
        }
    }

    /// Text that holds markup is given as sanitized HTML, other text as plain text.
    static func markup(_ html: String?, plain: String) -> String? {
        if let html, html.contains("<") { return html }
        return plain.isEmpty ? nil : plain
    }

    /// Python's time.struct_time in UTC: year, month, day, hour, minute, second, weekday (Monday 0), day of year, 0.
    public static func timeStruct(_ date: Date) -> [Int] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let dayOfYear = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
        return [c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, (c.weekday! + 5) % 7, dayOfYear, 0]
    }
}

extension NeutralShape {
    /// How the conformance checker's http mode serves a document: its URL, headers (names
    /// lower-cased) and the content type, base URL and language they imply.
    public struct HTTPContext: Sendable {
        public var url: String
        public var headers: [String: String] = [:]

        /// `headersJSON` is the checker's `FEEDPARSER_CONFORMANCE_HEADERS`, a JSON object.
        public init(url: String, headersJSON: String?) {
            self.url = url
            if let headersJSON,
                let decoded = try? JSONSerialization.jsonObject(with: Data(headersJSON.utf8)) as? [String: Any]
            {
                for (name, value) in decoded { headers[name.lowercased()] = "\(value)" }
            }
        }

        /// The document's base: Content-Location when it is an http(s) URL, else the URL.
        public var base: String {
            if let location = headers["content-location"],
                let resolved = URL(string: location, relativeTo: URL(string: url)),
                ["http", "https"].contains(resolved.scheme?.lowercased() ?? "")
            {
                return resolved.absoluteString
            }
            return url
        }

        /// The response-level keys feedparser adds for a document served over http.
        public func annotate(_ shape: inout [String: Any]) {
            guard !headers.isEmpty else { return }
            shape["headers"] = headers
            shape["href"] = url
            if let etag = headers["etag"] { shape["etag"] = etag }
            if let modified = headers["last-modified"], !modified.isEmpty {
                shape["modified"] = modified
                if let date = FeedDate.parse(modified) { shape["modified_parsed"] = NeutralShape.timeStruct(date) }
            }
            if var feedPart = shape["feed"] as? [String: Any], feedPart["language"] == nil,
                let language = headers["content-language"]
            {
                feedPart["language"] = language
                shape["feed"] = feedPart
            }
        }
    }
}
