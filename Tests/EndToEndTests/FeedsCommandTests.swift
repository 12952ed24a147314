import Foundation
import HorizonTesting
import Testing

@Suite("horizon feeds", .serialized)
struct FeedsCommandTests {
    static let config = """
        {
          "feeds": [
            { "id": "nhs-england", "url": "https://www.england.nhs.uk/feed/", "title": "NHS England", "category": "National" },
            { "id": "dhsc", "url": "https://www.gov.uk/search/news-and-communications.atom?organisations%5B%5D=department-of-health-and-social-care", "title": "DHSC & friends", "category": "National" },
            { "id": "digital-health", "url": "https://www.digitalhealth.net/feed/", "title": "Digital Health", "category": "Trade press" },
            { "id": "htn", "url": "https://htn.co.uk/feed/", "title": "HTN" },
            { "id": "bbc-health", "url": "http://feeds.bbci.co.uk/news/health/rss.xml", "title": "BBC Health" }
          ],
          "themes": [ { "id": "t", "name": "T", "include": ["frailty"] } ],
          "hubs": [ { "id": "h", "name": "H", "themes": ["t"] } ]
        }
        """

    static let newsboat = "/usr/bin/newsboat"

    func newsboat(_ directory: TemporaryDirectory, _ arguments: [String]) throws -> (Int32, String) {
        guard FileManager.default.isExecutableFile(atPath: FeedsCommandTests.newsboat) else {
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [NSFilePathErrorKey: "newsboat is not installed (scripts/setup.sh test installs it)"])
        }
        let result = try ChildProcess.run(
            FeedsCommandTests.newsboat, arguments, directory: directory.path,
            environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        return (result.status, String(decoding: result.stdout, as: UTF8.self))
    }

    @Test("newsboat imports our OPML export with no feed lost")
    func exportToNewsboat() throws {
        let directory = TemporaryDirectory()
        try directory.write("feeds.json", FeedsCommandTests.config)
        let horizon = Horizon(directory: directory.path)
        #expect(try horizon.run("feeds", "export", "--out", "ours.opml").status == 0)
        let (status, _) = try newsboat(directory, ["-u", "urls", "-c", "cache.db", "-i", "ours.opml"])
        #expect(status == 0)
        let urls = try String(contentsOfFile: directory.file("urls"), encoding: .utf8)
        let config = try #require(
            try JSONSerialization.jsonObject(with: Data(FeedsCommandTests.config.utf8)) as? [String: Any])
        for feed in try #require(config["feeds"] as? [[String: String]]) {
            #expect(urls.contains(feed["url"]!), "newsboat lost \(feed["url"]!)")
        }
        #expect(urls.contains("\"Trade press\""))  // folders become newsboat tags
    }

    @Test("we import newsboat's OPML export with no feed lost, and again adds nothing")
    func importFromNewsboat() throws {
        let directory = TemporaryDirectory()
        try directory.write("feeds.json", FeedsCommandTests.config)
        let theirURLs = [
            "https://www.england.nhs.uk/feed/", "https://www.nice.org.uk/rss/news.xml", "https://www.ukri.org/feed/",
            "https://innovations.bmj.com/rss/current.xml",
        ]
        try directory.write("urls", theirURLs.map { "\($0) \"health\"" }.joined(separator: "\n") + "\n")
        let (status, opml) = try newsboat(directory, ["-u", "urls", "-c", "cache.db", "-e"])
        #expect(status == 0)
        try directory.write("theirs.opml", opml)
        let horizon = Horizon(directory: directory.path)
        let result = try horizon.run("feeds", "import", "theirs.opml")
        #expect(result.status == 0)
        #expect(result.stdout.contains("duplicate: https://www.england.nhs.uk/feed/ is already feed \"nhs-england\""))
        #expect(result.stdout.hasSuffix("3 added, 1 duplicate, 0 skipped\n"))
        let check = try horizon.run("config", "check")
        #expect(check.status == 0)
        let config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.file("feeds.json"))))
                as? [String: Any])
        let urls = try #require(config["feeds"] as? [[String: Any]]).compactMap { $0["url"] as? String }
        for url in theirURLs { #expect(urls.contains(url)) }
        #expect(urls.count == 8)
        let again = try horizon.run("feeds", "import", "theirs.opml")
        #expect(again.stdout.hasSuffix("0 added, 4 duplicates, 0 skipped\n"))
    }

    @Test("the shipped feeds.json round-trips through OPML into a new configuration with every id, URL and folder kept")
    func roundTrip() throws {
        let directory = TemporaryDirectory()
        let horizon = Horizon(directory: directory.path)
        let shipped = repositoryRoot() + "/feeds.json"
        #expect(try horizon.run("--config", shipped, "feeds", "export", "--out", "ours.opml").status == 0)
        let started = try horizon.run("--config", "new/feeds.json", "feeds", "import", "ours.opml", "--init")
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("started new/feeds.json: add themes and hubs"))
        func feeds(_ path: String) throws -> [String: [String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            let list = try #require((object as? [String: Any])?["feeds"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0) })
        }
        let before = try feeds(shipped)
        let after = try feeds(directory.file("new/feeds.json"))
        #expect(before.count >= 30)
        #expect(Set(after.keys) == Set(before.keys))
        for (id, feed) in before {
            #expect(after[id]?["url"] as? String == feed["url"] as? String, "\(id)")
            #expect(after[id]?["category"] as? String == feed["category"] as? String, "\(id)")
        }
        // The new configuration loads; a second --init refuses to overwrite it.
        #expect(try horizon.run("--config", "new/feeds.json", "feeds", "status").status == 0)
        let again = try horizon.run("--config", "new/feeds.json", "feeds", "import", "ours.opml", "--init")
        #expect(again.status == 64 && again.stderr.contains("exists already"))
        #expect(
            try String(contentsOfFile: directory.file("ours.opml"), encoding: .utf8).contains(
                "horizon:id=\"govuk-dhsc\""))
    }

    @Test("file: feeds import like others, and the demo's feeds fetch from the new configuration")
    func fileFeeds() throws {
        let (directory, horizon) = try demo()
        #expect(try horizon.run("--config", "demo/feeds.json", "feeds", "export", "--out", "demo.opml").status == 0)
        let imported = try horizon.run("--config", "copy/feeds.json", "feeds", "import", "demo.opml", "--init")
        #expect(imported.stdout.contains("5 added, 0 duplicates, 0 skipped"), "\(imported.stdout)")
        #expect(imported.stdout.contains("added nhs-england: file:"))
        let fetched = try horizon.run("--config", "copy/feeds.json", "--data", "data", "fetch", "--quiet")
        #expect(fetched.stderr.contains("1 of 5 feeds failed"))  // the demo's retired feed, missing on purpose
        let catalogue = try String(contentsOfFile: directory.file("data/catalogue.json"), encoding: .utf8)
        #expect(catalogue.contains("Virtual wards to support 50,000 more older people"))
    }

    @Test("feeds add finds a page's feed on 127.0.0.1 and adds it with its title")
    func add() throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/news":
                .init(
                    status: 200, contentType: "text/html",
                    body:
                        "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/news.rss\"></head></html>"
                )
            case "/news.rss":
                .init(
                    status: 200, contentType: "application/rss+xml",
                    body: "<rss version=\"2.0\"><channel><title>Local Trust News</title></channel></rss>")
            default: .init(status: 404)
            }
        }
        let directory = TemporaryDirectory()
        try directory.write("feeds.json", FeedsCommandTests.config)
        let horizon = Horizon(directory: directory.path)
        let dry = try horizon.run("feeds", "add", server.url("/news"), "--dry-run")
        #expect(
            dry.stdout.hasPrefix(
                "would add local-trust-news: \(server.url("/news.rss")) (rss20, <link rel=alternate>): Local Trust News"
            ))
        let result = try horizon.run("feeds", "add", server.url("/news"), "--category", "Local")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("added local-trust-news: "))
        let again = try horizon.run("feeds", "add", server.url("/news"))
        #expect(again.stdout == "\(server.url("/news.rss")) is already feed \"local-trust-news\"\n")
        let missing = try horizon.run("feeds", "add", server.url("/nothing"))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("HTTP 404"))
        let export = try horizon.run("feeds", "export")
        #expect(export.stdout.contains("<outline text=\"Local\" title=\"Local\">"))
    }
}

@Suite("horizon feeds status and apply-redirects")
struct FeedHealthCommandTests {
    @Test("a feed that moved for good is reported, then written into feeds.json on request")
    func redirects() throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/old.rss": .init(status: 301, headers: [("Location", "/new.rss")])
            case "/new.rss":
                .init(
                    status: 200, contentType: "application/rss+xml",
                    body:
                        "<rss version=\"2.0\"><channel><title>Moved</title><item><title>x</title><link>https://m.example.org/1</link></item></channel></rss>"
                )
            case "/gone.rss": .init(status: 410)
            default: .init(status: 500)
            }
        }
        let directory = TemporaryDirectory()
        try directory.write(
            "feeds.json",
            """
            {
              "feeds": [
                { "id": "moved", "url": "\(server.url("/old.rss"))", "title": "Moved feed" },
                { "id": "gone", "url": "\(server.url("/gone.rss"))", "title": "Gone feed" },
                { "id": "broken", "url": "\(server.url("/broken.rss"))", "title": "Broken feed" }
              ],
              "themes": [ { "id": "t", "name": "T", "include": ["x"] } ],
              "hubs": []
            }
            """)
        let horizon = Horizon(directory: directory.path)
        for _ in 1...3 { _ = try horizon.run("fetch", "--all") }
        let status = try horizon.run("feeds", "status", "--format", "json")
        #expect(status.status == 0)
        let feeds = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        let states = Dictionary(uniqueKeysWithValues: feeds.map { ($0["feed"] as! String, $0["state"] as! String) })
        #expect(states == ["moved": "redirected", "gone": "gone", "broken": "failing"])
        #expect(feeds.first { $0["feed"] as? String == "broken" }?["consecutiveFailures"] as? Int == 3)
        let table = try horizon.run("feeds", "status")
        #expect(table.stdout.hasPrefix("FEED "))
        #expect(table.stdout.contains("redirected"))
        let terminal = try horizon.runInTerminal(["fetch", "--all"])
        #expect(terminal.stdout.contains("Gone feed is gone (HTTP 410)"))
        #expect(terminal.stdout.contains("Moved feed has moved to \(server.url("/new.rss"))"))

        let dry = try horizon.run("feeds", "apply-redirects", "--dry-run")
        #expect(
            dry.stdout == "moved: \(server.url("/old.rss")) -> \(server.url("/new.rss"))\n(dry run: nothing changed)\n")
        let applied = try horizon.run("feeds", "apply-redirects")
        #expect(applied.status == 0)
        let config = try String(contentsOfFile: directory.file("feeds.json"), encoding: .utf8)
        #expect(
            config.contains("{ \"id\": \"moved\", \"url\": \"\(server.url("/new.rss"))\", \"title\": \"Moved feed\" }"))
        #expect(!config.contains("/old.rss"))
        let after = try horizon.run("feeds", "status", "--format", "json")
        #expect(after.stdout.contains("\"state\" : \"ok\""))
        #expect(try horizon.run("feeds", "apply-redirects").stdout == "no feed has moved\n")
    }
}
