import Foundation
import HorizonTesting
import Testing

/// The hub's static site, checked in a real headless Chromium: pages load with no console error
/// and no request outside the folder, search finds a story, hostile titles stay inert, links resolve.
@Suite("The hub's horizon site", .serialized)
struct SiteTests {
    static let chromium = "/usr/bin/chromium"

    /// A feed whose stories match Dorset's themes and try every trick on a page (the first title is
    /// escaped twice, so that the story's title really holds `<script>`).
    static let hostileFeed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>
        <item><title>&amp;lt;script&amp;gt;document.title="pwned"&amp;lt;/script&amp;gt; Virtual wards for older people with frailty</title>
        <link>javascript:alert(1)</link><guid>h1</guid>
        <description>Frailty services for older people: &lt;img src=x onerror="document.title='pwned'"&gt; hospital at home.</description></item>
        <item><title>"&gt;&lt;img src=x onerror=alert(2)&gt; Falls prevention for older people living with frailty</title>
        <link>https://hostile.example/a"onmouseover="alert(3)</link><guid>h2</guid>
        <description>&lt;a href="javascript:alert(4)"&gt;click&lt;/a&gt; frailty, older people, care home residents.</description></item>
        </channel></rss>
        """

    /// The demo with the hostile feed, fetched, with decisions, and Dorset's site written.
    func built() throws -> (TemporaryDirectory, Horizon, String) {
        let (directory, horizon) = try demo()
        try directory.write("demo/samples/hostile.xml", SiteTests.hostileFeed)
        let path = directory.file("demo/feeds.json")
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var feeds = try #require(config["feeds"] as? [[String: Any]])
        feeds.append(["id": "hostile", "url": "file:samples/hostile.xml", "title": "Hostile <b>feed</b>"])
        config["feeds"] = feeds
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        _ = try horizon.run(arguments: base + ["fetch", "--quiet"])
        let list = try horizon.run(arguments: base + ["search", "--hub", "dorset", "--format", "json"]).stdout
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        let first = try #require(items.first?["id"] as? String)
        #expect(
            try horizon.run(
                arguments: base + [
                    "mark", first, "--hub", "dorset", "--status", "shortlisted", "--by", "A <b>Analyst</b>", "--note",
                    "<script>alert(5)</script> for the board",
                ]
            ).status == 0)
        let site = try horizon.run(arguments: base + ["site", "--hub", "dorset", "--out", "site"])
        #expect(site.status == 0, "\(site.stderr)")
        return (directory, horizon, directory.file("site"))
    }

    /// Loads a page in headless Chromium (`width` pixels wide): the DOM after its scripts ran, and
    /// the console's lines.
    func load(_ url: String, width: Int = 1280) throws -> (dom: String, console: [String]) {
        guard FileManager.default.isExecutableFile(atPath: SiteTests.chromium) else {
            throw CocoaError(
                .fileNoSuchFile, userInfo: [NSFilePathErrorKey: "chromium is not installed (scripts/setup.sh test)"])
        }
        let profile = TemporaryDirectory()
        let run = try ChildProcess.run(
            SiteTests.chromium,
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr",
                "--v=0", "--user-data-dir=\(profile.path)", "--window-size=\(width),900", "--virtual-time-budget=3000",
                "--dump-dom", url,
            ])
        let console = String(decoding: run.stderr, as: UTF8.self).split(separator: "\n").map(String.init).filter {
            $0.contains(":CONSOLE")
        }
        return (String(decoding: run.stdout, as: UTF8.self), console)
    }

    /// Every file of the site, by its path inside it.
    func files(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            result[path] = try String(contentsOfFile: folder + "/" + path, encoding: .utf8)
        }
        return result
    }

    @Test("each kind of page loads in Chromium with no console error; search finds a known story")
    func pagesLoad() throws {
        let (directory, _, site) = try built()
        defer { withExtendedLifetime(directory) {} }
        let all = try files(site)
        let theme = try #require(all.keys.sorted().first { $0.hasPrefix("themes/") })
        let innovation = try #require(all.keys.sorted().first { $0.hasPrefix("innovations/") })
        for page in ["index.html", "board.html", "search.html", theme, innovation] {
            let loaded = try load("file://\(site)/\(page)")
            #expect(loaded.console.isEmpty, "\(page): \(loaded.console)")
            #expect(loaded.dom.contains("<main id=\"main\">"), "\(page)")
        }
        // In-browser search: the demo's virtual wards story, by its words, with its id.
        let search = try load("file://\(site)/search.html?q=virtual%20wards%20winter")
        #expect(search.console.isEmpty, "\(search.console)")
        #expect(search.dom.contains("Virtual wards to support 50,000 more older people with frailty this winter"))
        #expect(search.dom.contains("<code>09e20540bd83c0d3</code>"))
        #expect(search.dom.contains("story · 20 November 2026 · id "))
        #expect(search.dom.contains("found for"))
        let none = try load("file://\(site)/search.html?q=zzzunknownword")
        #expect(none.dom.contains("Nothing found for"))
    }

    @Test(
        "served by a real nginx, the pages load with no console error, search works, and every request stays in the site"
    )
    func served() throws {
        let (directory, _, site) = try built()
        defer { withExtendedLifetime(directory) {} }
        let server = try Nginx(root: site)
        for page in ["/index.html", "/board.html", "/search.html?q=virtual%20wards%20winter"] {
            let loaded = try load(server.url(page))
            #expect(loaded.console.isEmpty, "\(page): \(loaded.console)")
            #expect(loaded.dom.contains("<main id=\"main\">"), "\(page)")
            if page.hasPrefix("/search") { #expect(loaded.dom.contains("<code>09e20540bd83c0d3</code>")) }
        }
        // What the browser asked for: pages, the style sheet and the scripts, every one found.
        let requests = server.log
        #expect(requests.contains { $0.contains("GET /style.css") })
        #expect(
            requests.contains { $0.contains("GET /search-data.js") }
                && requests.contains { $0.contains("GET /search.js") })
        #expect(requests.allSatisfy { $0.hasPrefix("200 ") || $0.contains("favicon.ico") }, "\(requests)")
    }

    @Test(
        "every link, button and field takes the keyboard's focus, the skip link first; all text has contrast of 4.5 or more"
    )
    func keyboardAndContrast() throws {
        let (directory, _, site) = try built()
        defer { withExtendedLifetime(directory) {} }
        let checker = try String(contentsOfFile: repositoryRoot() + "/Tests/Support/site-check.js", encoding: .utf8)
        try checker.write(toFile: site + "/site-check.js", atomically: true, encoding: .utf8)
        let all = try files(site)
        let theme = try #require(all.keys.sorted().first { $0.hasPrefix("themes/") })
        let innovation = try #require(all.keys.sorted().first { $0.hasPrefix("innovations/") })
        for page in ["index.html", "board.html", "search.html", theme, innovation] {
            // A copy of the page that also loads the checker (a file of the site, as its policy asks).
            let depth = page.contains("/") ? "../" : ""
            let copy = (page as NSString).deletingPathExtension + "-checked.html"
            let html = try #require(all[page]).replacingOccurrences(
                of: "</head>", with: "<script src=\"\(depth)site-check.js\" defer></script>\n</head>")
            try html.write(toFile: site + "/" + copy, atomically: true, encoding: .utf8)
            for width in [390, 1280] {
                let loaded = try load("file://\(site)/\(copy)", width: width)
                #expect(loaded.console.isEmpty, "\(page): \(loaded.console)")
                let report = try #require(
                    loaded.dom.components(separatedBy: "<pre id=\"site-check\">").dropFirst().first?
                        .components(separatedBy: "</pre>").first, "\(page)")
                let json = report.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
                    of: "&lt;", with: "<"
                ).replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
                let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                #expect((result["problems"] as? [String])?.isEmpty == true, "\(page): \(result)")
                #expect((result["focusable"] as? Int ?? 0) >= 4, "\(page)")
                #expect(result["first"] as? String == "skip", "\(page)")
                #expect((result["contrast"] as? Double ?? 0) >= 4.5, "\(page) at \(width): \(result)")
            }
        }
    }

    @Test("hostile titles, summaries, links, names and notes stay inert on every page and in search")
    func hostile() throws {
        let (directory, _, site) = try built()
        defer { withExtendedLifetime(directory) {} }
        let all = try files(site)
        let pages = all.filter { $0.key.hasSuffix(".html") }
        #expect(pages.values.contains { $0.contains("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;") })
        #expect(pages.values.contains { $0.contains("&quot;&gt; Falls prevention") })
        for (path, html) in pages {
            #expect(!html.contains("<script>"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            #expect(!html.lowercased().contains("href=\"javascript:"), "\(path)")
            #expect(!html.contains("onerror=alert") && !html.contains("onerror=\"document"), "\(path)")
            #expect(!html.contains("\"onmouseover="), "\(path)")
            let loaded = try load("file://\(site)/\(path)")
            #expect(!loaded.dom.contains("<title>pwned"), "\(path)")
            #expect(loaded.console.isEmpty, "\(path): \(loaded.console)")
        }
        // The search index is data, not code: nothing in it can close the script or open a tag.
        let data = try #require(all["search-data.js"])
        #expect(!data.contains("<") && !data.contains(">"))
        let search = try load("file://\(site)/search.html?q=frailty")
        #expect(search.console.isEmpty, "\(search.console)")
        #expect(search.dom.contains("&lt;script&gt;document.title=\"pwned\"&lt;/script&gt;"))
        #expect(!search.dom.contains("<title>pwned"))
        #expect(!search.dom.contains("href=\"javascript:"))
    }

    @Test("every page has a strict Content-Security-Policy; nothing comes from outside; every internal link resolves")
    func linksAndPolicy() throws {
        let (directory, horizon, site) = try built()
        defer { withExtendedLifetime(directory) {} }
        let all = try files(site)
        #expect(all.keys.contains("index.html") && all.keys.contains("board.html") && all.keys.contains("search.html"))
        #expect(all.keys.filter { $0.hasPrefix("themes/") }.count >= 5)
        for (path, html) in all where path.hasSuffix(".html") {
            let policy = try #require(
                html.range(of: "<meta http-equiv=\"Content-Security-Policy\" content=\"").map {
                    String(html[$0.upperBound...].prefix { $0 != "\"" })
                }, "\(path)")
            #expect(policy.contains("default-src 'none'"))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval") && !policy.contains("http"))
            // Scripts and style sheets are files of the site.
            for attribute in ["src=\"", "<link rel=\"stylesheet\" href=\""] {
                for part in html.components(separatedBy: attribute).dropFirst() {
                    let target = String(part.prefix { $0 != "\"" })
                    #expect(!target.contains("://"), "\(path): \(target)")
                }
            }
            // Internal links resolve; outside links are only http(s) or mailto.
            for part in html.components(separatedBy: "href=\"").dropFirst() {
                let target = String(part.prefix { $0 != "\"" })
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") {
                    continue
                }
                if target.hasPrefix("#") { continue }
                let file = String(target.prefix { $0 != "#" && $0 != "?" })
                let resolved = URL(fileURLWithPath: site + "/" + path).deletingLastPathComponent()
                    .appendingPathComponent(file).standardizedFileURL.path
                #expect(resolved.hasPrefix(site), "\(path): \(target)")
                #expect(FileManager.default.fileExists(atPath: resolved), "\(path): \(target)")
            }
        }
        // A rebuild with nothing new rewrites nothing.
        let again = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "site", "--hub", "dorset", "--out", "site")
        #expect(again.status == 0)
        let before = try files(site)
        #expect(before == all)
    }

    @Test(
        "a site block makes fetch regenerate each hub's site, rewriting only what changed; --all; foreign folders refused"
    )
    func configured() throws {
        let (directory, horizon) = try demo()
        let path = directory.file("demo/feeds.json")
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        config["site"] = ["out": "../sites"]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        #expect(try horizon.run(arguments: base + ["fetch", "--quiet"]).status <= 1)
        for hub in ["dorset", "cheshire-merseyside"] {
            #expect(FileManager.default.fileExists(atPath: directory.file("sites/\(hub)/index.html")), "\(hub)")
        }
        let style = directory.file("sites/dorset/style.css")
        let styleWritten = try #require(
            try FileManager.default.attributesOfItem(atPath: style)[.modificationDate] as? Date)
        // A new story: the next fetch rewrites the pages that show it, and leaves the style sheet alone.
        let sample = directory.file("demo/samples/nhs-england.xml")
        var feed = try String(contentsOfFile: sample, encoding: .utf8)
        feed = feed.replacingOccurrences(
            of: "<item>",
            with: """
                <item><title>Frailty hubs for older people open in Poole</title><link>https://www.england.nhs.uk/frailty-hubs-poole</link>\
                <guid>frailty-hubs-poole</guid><description>Older people living with frailty get a new service.</description></item><item>
                """, options: [], range: feed.range(of: "<item>"))
        try feed.write(toFile: sample, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try horizon.run(arguments: base + ["fetch", "--quiet"]).status <= 1)
        let home = try String(contentsOfFile: directory.file("sites/dorset/index.html"), encoding: .utf8)
        #expect(home.contains("Frailty hubs for older people open in Poole"))
        #expect(try FileManager.default.attributesOfItem(atPath: style)[.modificationDate] as? Date == styleWritten)

        let all = try horizon.run(arguments: base + ["site", "--all", "--out", "all"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.file("all/cheshire-merseyside/board.html")))

        try directory.write("foreign/notes.txt", "mine")
        let refused = try horizon.run(arguments: base + ["site", "--hub", "dorset", "--out", "foreign"])
        #expect(refused.status == 64 && refused.stderr.contains("is not a Horizon site folder"))
        #expect(try String(contentsOfFile: directory.file("foreign/notes.txt"), encoding: .utf8) == "mine")

        config["site"] = ["out": "../sites", "hubs": ["dorsett"]]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        let typo = try horizon.run(arguments: base + ["fetch"])
        #expect(
            typo.status == 64
                && typo.stderr.contains("site: hubs[0] \"dorsett\" is not a hub; did you mean \"dorset\"?"))
    }
}
