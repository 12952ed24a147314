import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
enum JSONFeedParser {
    static func parse(_ data: Data, url: String?) throws(FeedParseError) -> ParsedFeed {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FeedParseError("not a feed: invalid JSON")
        }
        guard let version = object["version"] as? String, version.contains("jsonfeed.org") else {
            throw FeedParseError("not a feed: JSON without a JSON Feed version")
        }
        var feed = ParsedFeed()
        feed.format = .jsonFeed
        feed.encoding = "utf-8"
        let base = Base(url ?? "")
        feed.title = PlainText.collapse(object["title"] as? String ?? "")
        feed.link = (object["home_page_url"] as? String).map(base.resolve)
        feed.subtitle = PlainText.collapse(object["description"] as? String ?? "")
        feed.language = object["language"] as? String
        for case let item as [String: Any] in object["items"] as? [Any] ?? [] {
            var entry = ParsedEntry()
            if let id = item["id"] { entry.id = "\(id)" }
            entry.title = PlainText.fromHTML(item["title"] as? String ?? "")
            entry.link = (item["url"] as? String ?? item["external_url"] as? String).map(base.resolve)
            let html = (item["content_html"] as? String).map(PlainText.fromHTML)
            let text = (item["content_text"] as? String).map(PlainText.collapse)
            entry.content = html ?? text
            entry.summary = (item["summary"] as? String).map(PlainText.fromHTML) ?? entry.content ?? ""
            entry.published = (item["date_published"] as? String).flatMap(FeedDate.parse)
            entry.updated = (item["date_modified"] as? String).flatMap(FeedDate.parse)
            var authors = item["authors"] as? [[String: Any]] ?? []
            if let author = item["author"] as? [String: Any] { authors.append(author) }
            entry.authors = authors.compactMap { $0["name"] as? String }
            entry.categories = item["tags"] as? [String] ?? []
            feed.entries.append(entry)
        }
        return feed
    }
}
