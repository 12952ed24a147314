import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonInnovations

/// The site's pages as HTML: semantic markup, every piece of feed text escaped, only http(s) and
/// mailto links clickable, dates in words, ids shown for `horizon mark`.
struct SitePages {
    let model: SiteModel

    static let policy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'"

    // MARK: Layout

    /// A whole page: `depth` is how many folders below the site's root it lies.
    func page(title: String, depth: Int, current: String, body: String, scripts: [String] = []) -> [UInt8] {
        let root = String(repeating: "../", count: depth)
        let h = SiteHTML.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(SitePages.policy)">
            <title>\(h(title)) · \(h(model.hub.name)) horizon</title>
            <link rel="stylesheet" href="\(root)style.css">

            """
        for script in scripts { out += "<script src=\"\(root)\(script)\" defer></script>\n" }
        out += "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
        out +=
            "<header class=\"top\"><p class=\"brand\"><a href=\"\(root)index.html\">\(h(model.hub.name)) horizon</a></p>\n"
        out += "<nav aria-label=\"Site\"><ul>"
        for (name, file) in [("Home", "index.html"), ("Board", "board.html"), ("Search", "search.html")] {
            let here = name == current ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(root)\(file)\"\(here)>\(name)</a></li>"
        }
        out += "</ul></nav></header>\n<main id=\"main\">\n" + body + "</main>\n"
        out +=
            "<footer><p>Made by Horizon on \(h(SiteHTML.day(model.now))). Ids work with <code>horizon show</code>, <code>horizon innovations show</code> and <code>horizon mark</code>.</p></footer>\n"
        out += "</body>\n</html>\n"
        return Array(out.utf8)
    }

    /// A story as a list entry: its title as a link, source, date, theme, priority and id.
    func story(_ item: SiteStory, depth: Int, summary: Bool = false) -> String {
        let h = SiteHTML.escape
        let root = String(repeating: "../", count: depth)
        var out =
            "<li class=\"story\"><h3>" + SiteHTML.link(item.title.isEmpty ? "(untitled)" : item.title, item.link)
            + "</h3>\n<p class=\"meta\">"
        var meta = [
            h(source(item)), "<time datetime=\"\(SiteHTML.isoDay(item.date))\">\(h(SiteHTML.day(item.date)))</time>",
        ]
        if item.sources > 1 {
            meta.append("also in \(item.sources - 1) other source\(item.sources == 2 ? "" : "s")")
        }
        if let best = item.themes.first, let theme = model.input.config.theme(best) {
            meta.append("<a href=\"\(root)themes/\(SiteHTML.pathPart(theme.id)).html\">\(h(theme.name))</a>")
        }
        if let priority = item.priority { meta.append("priority \(String(format: "%.2f", priority))") }
        let status = model.input.triage.status(of: item.id)
        if status != .new { meta.append("<strong>\(status.rawValue)</strong>") }
        out += meta.joined(separator: " · ") + "</p>\n"
        if summary {
            let text = HTMLText.snippet(item.summary)
            if !text.isEmpty { out += "<p>\(h(text))</p>\n" }
        }
        out += "<p class=\"ids\">id <code>\(h(item.id))</code>"
        if let record = model.innovationOf[item.id], model.innovationIDs.contains(record.id) {
            out +=
                " · innovation <a href=\"\(root)innovations/\(SiteHTML.pathPart(record.id)).html\">\(h(record.name))</a> <code>\(h(record.id))</code>"
        }
        return out + "</p></li>\n"
    }

    func source(_ item: SiteStory) -> String {
        model.input.config.feed(item.feed)?.title ?? item.feed
    }

    // MARK: Home

    func home() -> [UInt8] {
        let h = SiteHTML.escape
        var body = "<h1>\(h(model.hub.name)): the horizon</h1>\n"
        let top = model.topStories
        let recent = top.contains { model.now.timeIntervalSince($0.firstSeen) <= 7 * 86_400 }
        body += "<section aria-labelledby=\"top\"><h2 id=\"top\">Top stories</h2>\n"
        body +=
            "<p class=\"lead\">\(recent ? "The stories first seen in the last 7 days that matter most to the hub, by priority." : "Nothing new in the last 7 days: the latest stories.")</p>\n"
        body +=
            top.isEmpty
            ? "<p>No story has matched the hub's themes yet.</p>\n"
            : "<ol class=\"stories\">\n" + top.map { story($0, depth: 0, summary: true) }.joined() + "</ol>\n"
        body += "</section>\n"

        body += "<section aria-labelledby=\"rising\"><h2 id=\"rising\">Rising</h2>\n"
        let surging = model.themes.compactMap { theme in
            let trend = model.trend(theme.id)
            return trend.surge ? (theme, trend) : nil
        }
        let gaining = model.gaining
        if surging.isEmpty && gaining.isEmpty {
            body += "<p>No theme surged last week, and no innovation is gaining publishers.</p>\n"
        } else {
            body += "<ul>\n"
            for (theme, trend) in surging {
                body +=
                    "<li><a href=\"themes/\(SiteHTML.pathPart(theme.id)).html\">\(h(theme.name))</a>: \(trend.weeks.last?.stories ?? 0) stories last week, usually \(String(format: "%.0f", trend.baseline))</li>\n"
            }
            for record in gaining.prefix(5) {
                let name =
                    model.innovationIDs.contains(record.id)
                    ? "<a href=\"innovations/\(SiteHTML.pathPart(record.id)).html\">\(h(record.name))</a>"
                    : h(record.name)
                body += "<li>\(name): \(record.newPublishers.count) new publishers</li>\n"
            }
            body += "</ul>\n"
        }
        body += "</section>\n"

        body += "<section aria-labelledby=\"followed\"><h2 id=\"followed\">Followed innovations with news</h2>\n"
        let followed = model.followedWithNews
        if followed.isEmpty {
            body += "<p>No innovation the hub follows has news this week.</p>\n"
        } else {
            body += "<ul>\n"
            for (record, status, stories) in followed {
                body +=
                    "<li><a href=\"innovations/\(SiteHTML.pathPart(record.id)).html\">\(h(record.name))</a> (\(status.rawValue)): \(stories.count) new stor\(stories.count == 1 ? "y" : "ies"), latest: \(SiteHTML.link(stories[0].title, stories[0].link))</li>\n"
            }
            body += "</ul>\n"
        }
        body += "</section>\n"

        body += "<section aria-labelledby=\"themes\"><h2 id=\"themes\">Themes</h2>\n<ul class=\"columns\">\n"
        for theme in model.themes {
            let count = (model.storiesByTheme[theme.id] ?? []).count(where: now7)
            body +=
                "<li><a href=\"themes/\(SiteHTML.pathPart(theme.id)).html\">\(h(theme.name))</a> <span class=\"count\">\(count) this week</span></li>\n"
        }
        body += "</ul></section>\n"

        let problems = FeedProblems(model.input.feedHealth)
        let feeds =
            problems.summary.map { "Feeds: \($0)." }
            ?? "Feeds: all \(model.input.feedHealth.count) are being read."
        body += "<section aria-labelledby=\"feeds\"><h2 id=\"feeds\">Feed health</h2><p>\(h(feeds))</p></section>\n"
        return page(title: "Home", depth: 0, current: "Home", body: body)
    }

    func now7(_ item: SiteStory) -> Bool { model.now.timeIntervalSince(item.firstSeen) <= 7 * 86_400 }

    // MARK: Themes

    func theme(_ theme: Theme) -> [UInt8] {
        let h = SiteHTML.escape
        let stories = model.storiesByTheme[theme.id] ?? []
        var body = "<h1>\(h(theme.name))</h1>\n"
        if let description = theme.description { body += "<p class=\"lead\">\(h(description))</p>\n" }
        body += "<section aria-labelledby=\"weeks\"><h2 id=\"weeks\">The last 12 weeks</h2>\n"
        do {
            let trend = model.trend(theme.id)
            body += SiteChart.weeks(trend, themeName: theme.name)
            if trend.surge {
                body +=
                    "<p><strong>Surging:</strong> last week is above the usual \(String(format: "%.0f", trend.baseline)) a week.</p>\n"
            }
        }
        body += "</section>\n"
        body += "<section aria-labelledby=\"stories\"><h2 id=\"stories\">Stories (\(stories.count))</h2>\n"
        if stories.count > Site.storiesPerTheme {
            body +=
                "<p>The latest \(Site.storiesPerTheme); <a href=\"../search.html\">search</a> finds the others.</p>\n"
        }
        body +=
            stories.isEmpty
            ? "<p>None yet.</p>\n"
            : "<ol class=\"stories\">\n" + stories.prefix(Site.storiesPerTheme).map { story($0, depth: 1) }.joined()
                + "</ol>\n"
        body += "</section>\n"
        let key = "\(model.hub.id)/\(theme.id)"
        let records = model.innovations.filter { $0.themes.contains(key) }
        body += "<section aria-labelledby=\"innovations\"><h2 id=\"innovations\">Innovations (\(records.count))</h2>\n"
        if records.isEmpty {
            body += "<p>None named yet.</p>\n"
        } else {
            body +=
                "<table><thead><tr><th scope=\"col\">Innovation</th><th scope=\"col\">Stage</th><th scope=\"col\">Publishers</th><th scope=\"col\">Latest</th></tr></thead><tbody>\n"
            for record in records.prefix(50) {
                body +=
                    "<tr><td data-label=\"Innovation\"><a href=\"../innovations/\(SiteHTML.pathPart(record.id)).html\">\(h(record.name))</a></td><td data-label=\"Stage\">\(record.stage.rawValue)</td><td data-label=\"Publishers\">\(record.publishers)</td><td data-label=\"Latest\">\(h(SiteHTML.day(record.lastSeen)))</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        body += "</section>\n"
        return page(title: theme.name, depth: 1, current: "", body: body)
    }

    // MARK: Innovations

    func innovation(_ record: Innovation) -> [UInt8] {
        let h = SiteHTML.escape
        var body = "<h1>\(h(record.name))</h1>\n"
        body +=
            "<p class=\"lead\">Stage: <strong>\(record.stage.rawValue)</strong> · \(record.publishers) publisher\(record.publishers == 1 ? "" : "s") · first seen \(h(SiteHTML.day(record.firstSeen))), latest \(h(SiteHTML.day(record.lastSeen))) · id <code>\(h(record.id))</code></p>\n"
        if !record.aliases.isEmpty { body += "<p>Also called: \(record.aliases.map(h).joined(separator: ", "))</p>\n" }
        let themes = record.themes.filter { $0.hasPrefix(model.hub.id + "/") }.compactMap { key in
            model.input.config.theme(String(key.dropFirst(model.hub.id.count + 1)))
        }
        if !themes.isEmpty {
            body +=
                "<p>Themes: "
                + themes.map { "<a href=\"../themes/\(SiteHTML.pathPart($0.id)).html\">\(h($0.name))</a>" }.joined(
                    separator: ", ") + "</p>\n"
        }
        if !record.identifiers.isEmpty {
            body += "<section aria-labelledby=\"ids\"><h2 id=\"ids\">Identifiers</h2><ul>\n"
            for identifier in record.identifiers {
                body +=
                    "<li>\(identifier.type.rawValue.uppercased()) \(SiteHTML.link(identifier.value, identifier.url))</li>\n"
            }
            body += "</ul></section>\n"
        }
        body += "<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">Timeline by stage</h2>\n"
        for stage in LifecycleStage.allCases.reversed() {
            let stories = record.items.filter { $0.stage == stage }.sorted { $0.date > $1.date }
            guard !stories.isEmpty else { continue }
            body += "<h3>\(stage.rawValue.capitalized) (\(stories.count))</h3>\n<ul>\n"
            for story in stories.prefix(Site.storiesPerStage) {
                let sites = story.sites.isEmpty ? "" : " · " + story.sites.map(h).joined(separator: ", ")
                body +=
                    "<li>\(SiteHTML.link(story.title, story.link)) · <time datetime=\"\(SiteHTML.isoDay(story.date))\">\(h(SiteHTML.day(story.date)))</time>\(sites) · id <code>\(h(story.id))</code></li>\n"
            }
            body += "</ul>\n"
            if stories.count > Site.storiesPerStage {
                body +=
                    "<p>The latest \(Site.storiesPerStage) of \(stories.count); <a href=\"../search.html\">search</a> finds the others.</p>\n"
            }
        }
        body += "</section>\n"
        body += "<section aria-labelledby=\"triage\"><h2 id=\"triage\">Triage history</h2>\n"
        body += history(model.input.triage.history(of: record.id))
        body += "</section>\n"
        return page(title: record.name, depth: 1, current: "", body: body)
    }

    func history(_ events: [TriageEvent]) -> String {
        let h = SiteHTML.escape
        guard !events.isEmpty else {
            return "<p>No decision yet: <code>horizon mark ID --status STATUS</code> records one.</p>\n"
        }
        var out =
            "<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">Decision</th><th scope=\"col\">Why</th></tr></thead><tbody>\n"
        for event in events.reversed() {
            out +=
                "<tr><td data-label=\"When\">\(h(SiteHTML.day(event.at)))</td><td data-label=\"Who\">\(h(event.by))</td><td data-label=\"Decision\">\(event.status.rawValue)</td><td data-label=\"Why\">\(h(event.note ?? ""))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    // MARK: Board

    func board() -> [UInt8] {
        let h = SiteHTML.escape
        var body =
            "<h1>The board: \(h(model.hub.name))</h1>\n<p class=\"lead\">Items and innovations by the hub's decisions as of \(h(SiteHTML.day(model.now))), latest first, for the decision meeting. It prints as it shows.</p>\n"
        let decided = model.decided
        for status in [TriageStatus.shortlisted, .assessing, .adopted, .watching, .parked, .rejected] {
            let entries = decided[status] ?? []
            body +=
                "<section aria-labelledby=\"\(status.rawValue)\"><h2 id=\"\(status.rawValue)\">\(status.rawValue.capitalized) (\(entries.count))</h2>\n"
            guard !entries.isEmpty else {
                body += "<p>None.</p></section>\n"
                continue
            }
            body +=
                "<table><thead><tr><th scope=\"col\">Item or innovation</th><th scope=\"col\">Id</th><th scope=\"col\">Decided</th><th scope=\"col\">Note</th></tr></thead><tbody>\n"
            for entry in entries {
                let title: String
                if entry.innovation, model.innovationIDs.contains(entry.id) {
                    title =
                        "<a href=\"innovations/\(SiteHTML.pathPart(entry.id)).html\">\(h(entry.title))</a> <span class=\"kind\">innovation</span>"
                } else if let item = model.item(entry.id) {
                    title = SiteHTML.link(item.title, item.link)
                } else {
                    title = h(entry.title)
                }
                body +=
                    "<tr><td data-label=\"Item or innovation\">\(title)</td><td data-label=\"Id\"><code>\(h(entry.id))</code></td><td data-label=\"Decided\">\(h(SiteHTML.day(entry.event.at))) by \(h(entry.event.by))</td><td data-label=\"Note\">\(h(model.input.triage.latestNote(of: entry.id) ?? ""))</td></tr>\n"
            }
            body += "</tbody></table></section>\n"
        }
        return page(title: "Board", depth: 0, current: "Board", body: body)
    }

    // MARK: Search

    func search() -> [UInt8] {
        let body = """
            <h1>Search</h1>
            <form role="search" action="search.html" method="get">
            <label for="q">Words in a story's or an innovation's title</label>
            <input id="q" name="q" type="search" autocomplete="off">
            <button type="submit">Search</button>
            </form>
            <p id="summary" role="status">Type words and press Search. Without scripts, the theme pages list the stories and the board lists the decisions.</p>
            <ol id="results" class="results"></ol>

            """
        return page(title: "Search", depth: 0, current: "Search", body: body, scripts: ["search-data.js", "search.js"])
    }

    /// The search index: a script that sets `horizonSearch` to the hub's innovations and stories,
    /// each `[kind, title, page or link, id, date]` (JSON strings: nothing in them runs).
    func searchData() -> [UInt8] {
        var out = Array("window.horizonSearch = [\n".utf8)
        out.reserveCapacity(model.matched.count * 160)
        for record in model.innovations {
            SiteHTML.appendJSONRow(
                &out,
                [
                    "i",
                    record.name + (record.aliases.isEmpty ? "" : " (" + record.aliases.joined(separator: ", ") + ")"),
                    "innovations/\(SiteHTML.pathPart(record.id)).html", record.id, SiteHTML.isoDay(record.lastSeen),
                ])
        }
        for item in model.matched {
            let link = SiteHTML.safeLink(item.link) ?? ""
            SiteHTML.appendJSONRow(&out, ["s", item.title, link, item.id, SiteHTML.isoDay(item.date)])
        }
        out += Array("];\n".utf8)
        return out
    }
}
