import Foundation
import HorizonTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `horizon` binary.
struct Horizon {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary built beside the test bundle (`swift build --build-tests` builds both;
    /// `swift test` alone does not relink executables).
    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "horizon"
        ).path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        if let found = ProcessInfo.processInfo.environment["HORIZON_BINARY"] { return found }
        return repositoryRoot() + "/.build/debug/horizon"
    }()

    let directory: String

    @discardableResult
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Result {
        try run(arguments: arguments, environment: environment)
    }

    @discardableResult
    func run(arguments: [String], environment: [String: String] = [:]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: Horizon.binary) else {
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [NSFilePathErrorKey: Horizon.binary + " (build it first: swift build --build-tests)"])
        }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "HORIZON_CONFIG")
        env.removeValue(forKey: "HORIZON_DATA")
        // Decisions name who made them: a machine without $USER (a container) gets one.
        if (env["USER"] ?? "").isEmpty && (env["HORIZON_USER"] ?? "").isEmpty { env["HORIZON_USER"] = "tester" }
        env.merge(environment) { $1 }
        let result = try ChildProcess.run(Horizon.binary, arguments, directory: directory, environment: env)
        return Result(
            status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}

/// A copy of the bundled demo in a fresh directory, and horizon to run there.
func demo() throws -> (TemporaryDirectory, Horizon) {
    let directory = TemporaryDirectory()
    try FileManager.default.copyItem(atPath: repositoryRoot() + "/demo", toPath: directory.file("demo"))
    return (directory, Horizon(directory: directory.path))
}

@Suite("The horizon command", .serialized)
struct CommandLineTests {
    @Test("the main job on the offline demo: fetch, store, digest, search; twice adds nothing")
    func demoRun() throws {
        let (directory, horizon) = try demo()
        let first = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "fetch", "--log-level", "info", "--log-format", "json")
        #expect(first.status == 0)
        #expect(first.stdout == "")  // not a terminal: nothing on stdout
        #expect(first.stderr.contains("horizon fetch: 1 of 5 feeds failed\n  retired-feed: "))
        let finished = try #require(Horizon.logEvents(first.stderr).first { $0["message"] == "run finished" })
        #expect(finished["fetched"] == "4")
        #expect(finished["failed"] == "1")
        #expect(finished["new"] == "11")  // 12 entries; one is another outlet's telling of a story
        #expect(finished["matched"] == "8")
        #expect(Horizon.logEvents(first.stderr).filter { $0["message"] == "feed fetched" }.count == 4)

        let catalogueData = try Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json")))
        let catalogue = try #require(try JSONSerialization.jsonObject(with: catalogueData) as? [String: Any])
        #expect(catalogue["schemaVersion"] as? Int == 1)
        let items = try #require(catalogue["items"] as? [[String: Any]])
        #expect(items.count == 11)
        #expect(items.filter { !(($0["matches"] as? [Any]) ?? []).isEmpty }.count == 8)

        let second = try horizon.run(
            "fetch", "--config", "demo/feeds.json", "--data", "data", "--log-level", "info", "--log-format", "json")
        #expect(second.status == 0)
        let again = try #require(Horizon.logEvents(second.stderr).first { $0["message"] == "run finished" })
        #expect(again["new"] == "0")
        #expect(again["unchanged"] == "4")  // the same files again: nothing parsed
        #expect(again["catalogue"] == "unchanged")

        let digest = try horizon.run("--config", "demo/feeds.json", "--data", "data", "digest", "--hub", "dorset")
        #expect(digest.status == 0)
        #expect(digest.stdout == "" && digest.stderr == "")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.file("data/digests")).sorted()
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasPrefix("dorset-") })
        let markdownName = try #require(files.first { $0.hasSuffix(".md") })
        let markdown = try String(contentsOfFile: directory.file("data/digests/" + markdownName), encoding: .utf8)
        #expect(markdown.contains("# Horizon digest: Dorset Innovation Hub"))
        #expect(markdown.contains("Virtual wards to support 50,000 more older people with frailty this winter"))
        #expect(!markdown.contains("horoscope"))
        #expect(!markdown.contains("Winter fuel"))

        let search = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "search", "virtual", "ward", "--format", "json")
        #expect(search.status == 0)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
        #expect(results.count >= 1)
        #expect(results.allSatisfy { ($0["title"] as? String)?.lowercased().contains("virtual ward") == true })

        let table = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "search", "frailty", "--hub", "cheshire-merseyside")
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("ID"))
    }

    @Test("on a terminal: a summary line and warnings; not on a terminal or --quiet: silent unless a feed failed")
    func terminalAndQuiet() throws {
        let (directory, horizon) = try demo()
        let terminal = try horizon.runInTerminal(["--config", "demo/feeds.json", "--data", "data", "fetch"])
        #expect(terminal.status == 0)
        #expect(terminal.stdout.contains("warning: feed \"retired-feed\""))
        #expect(
            terminal.stdout.contains(
                "feeds: 4 fetched, 1 failed; items: 11 new, 8 new matched, 2 merged; catalogue: 11 items"))
        let quietTerminal = try horizon.runInTerminal([
            "--config", "demo/feeds.json", "--data", "data", "fetch", "--quiet", "--all",
        ])
        #expect(quietTerminal.stdout.hasPrefix("horizon fetch: 1 of 5 feeds failed"))
        #expect(!quietTerminal.stdout.contains("feeds: 4 fetched"))
        let digest = try horizon.runInTerminal(["--config", "demo/feeds.json", "--data", "data", "digest"])
        #expect(digest.stdout.contains("dorset: 8 items -> "))

        // Without the failing feed a cron run prints nothing at all.
        var config = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: directory.file("demo/feeds.json")))) as? [String: Any])
        config["feeds"] = (config["feeds"] as? [[String: Any]])?.filter { $0["id"] as? String != "retired-feed" }
        try JSONSerialization.data(withJSONObject: config).write(
            to: URL(fileURLWithPath: directory.file("demo/healthy.json")))
        let cron = try horizon.run("--config", "demo/healthy.json", "--data", "data", "fetch")
        #expect(cron.status == 0)
        #expect(cron.stdout == "" && cron.stderr == "")
        let text = try horizon.run("--config", "demo/healthy.json", "--data", "data", "fetch", "--log-level", "info")
        #expect(text.stderr.contains(" info horizon.fetch: run finished "))
    }

    @Test("environment variables name the configuration and data directory")
    func environment() throws {
        let (directory, horizon) = try demo()
        let result = try horizon.run(
            "fetch", environment: ["HORIZON_CONFIG": "demo/feeds.json", "HORIZON_DATA": "state"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.file("state/catalogue.json")))
    }

    @Test("an invalid configuration exits 64 with one line naming the place")
    func invalidConfig() throws {
        let directory = TemporaryDirectory()
        try directory.write(
            "feeds.json",
            """
            {"feeds": [{"id": "nice-news", "title": "NICE"}], "themes": [], "hubs": []}
            """)
        let result = try Horizon(directory: directory.path).run("fetch")
        #expect(result.status == 64)
        #expect(result.stderr == "error: feeds.json: feeds[0] (\"nice-news\"): url is missing\n")
        let missing = try Horizon(directory: directory.path).run("fetch", "--config", "nope.json")
        #expect(missing.status == 64)
        #expect(missing.stderr == "error: nope.json: cannot read the file (no such file)\n")
    }

    @Test("an unreadable catalogue exits 1 and is left as it was")
    func brokenCatalogue() throws {
        let (directory, horizon) = try demo()
        try directory.write("data/catalogue.json", "{broken")
        let result = try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: data/catalogue.json is damaged: the catalogue is not valid JSON"))
        #expect(try String(contentsOfFile: directory.file("data/catalogue.json"), encoding: .utf8) == "{broken")
        let digest = try horizon.run("--config", "demo/feeds.json", "--data", "data", "digest")
        #expect(digest.status == 1)
        #expect(digest.stderr.hasPrefix("error: data/catalogue.json is damaged: the catalogue is not valid JSON"))
    }

    @Test("a second run while one holds the lock exits 75")
    func lockHeld() throws {
        let (directory, horizon) = try demo()
        try FileManager.default.createDirectory(atPath: directory.file("data"), withIntermediateDirectories: true)
        let fd = open(directory.file("data/.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let result = try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch")
        #expect(result.status == 75)
        #expect(result.stderr.contains("another run holds the lock"))
        close(fd)
        #expect(try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch").status == 0)
    }

    @Test(
        "help for every command says what it does, with an example",
        arguments: [
            [], ["fetch"], ["digest"], ["search"], ["parse"], ["themes"], ["themes", "test"], ["themes", "eval"],
            ["themes", "rematch"], ["config"], ["config", "check"], ["feeds"], ["feeds", "add"], ["feeds", "import"],
            ["feeds", "export"], ["feeds", "status"], ["feeds", "apply-redirects"], ["show"], ["prune"], ["mark"],
            ["export"], ["themes", "learn"], ["identify"], ["innovations"], ["trends"], ["innovations", "show"],
        ])
    func help(_ command: [String]) throws {
        let horizon = Horizon(directory: NSTemporaryDirectory())
        let process = try horizon.run(arguments: command + ["--help"])
        #expect(process.status == 0)
        #expect(process.stdout.contains("OVERVIEW:"))
        #expect(process.stdout.contains("Example"))
    }

    @Test("identify prints the identifiers in text or in a file of items, without a catalogue")
    func identify() throws {
        let directory = TemporaryDirectory()
        let horizon = Horizon(directory: directory.path)
        let text = try horizon.run(
            "identify", "--text", "Trial NCT04368728 reported (doi:10.1136/bmj.n71); NICE TA943.", "--format", "json")
        #expect(text.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.stdout.utf8)) as? [[String: Any]])
        let found = (objects.first?["identifiers"] as? [[String: String]]) ?? []
        #expect(found.map { $0["type"] ?? "" } == ["nct", "doi", "nice"])
        #expect(found.first?["url"] == "https://clinicaltrials.gov/study/NCT04368728")
        _ = try directory.write(
            "items.json",
            #"{"items": [{"id": "a", "title": "Results out", "summary": "See the paper.", "link": "https://pubmed.ncbi.nlm.nih.gov/32156342/"}, {"id": "b", "title": "Call 01202 123456", "summary": "BH1 1AA"}]}"#
        )
        let file = try horizon.run("identify", "--file", "items.json")
        #expect(
            file.stdout
                == "a:\n  stage: evidence\n  pmid 32156342  https://pubmed.ncbi.nlm.nih.gov/32156342/\nb:\n  stage: other\n  no identifiers\n"
        )
        #expect(try horizon.run("identify").status == 64)
    }

    @Test("a fetch stores each story's identifiers in the catalogue; search JSON carries them")
    func storedIdentifiers() throws {
        let directory = TemporaryDirectory()
        let horizon = Horizon(directory: directory.path)
        _ = try directory.write(
            "feed.xml",
            """
            <?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link>
            <item><title>Trial NCT04368728 reports</title><link>https://example.org/a</link>
            <description>Results in the BMJ (doi:10.1136/bmj.n71).</description></item>
            <item><title>Hospital opens new car park</title><link>https://example.org/b</link>
            <description>Call 01202 123456.</description></item></channel></rss>
            """)
        _ = try directory.write(
            "feeds.json",
            #"{"feeds": [{"id": "f", "url": "file:feed.xml"}], "themes": [{"id": "t", "name": "T", "include": ["trial"]}], "hubs": [{"id": "h", "name": "H", "themes": ["t"]}]}"#
        )
        #expect(try horizon.run("--data", "data", "fetch", "--quiet").status == 0)
        let json = try horizon.run("--data", "data", "search", "--format", "json", "--sort", "date")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let byLink = Dictionary(uniqueKeysWithValues: items.map { ($0["link"] as? String ?? "", $0) })
        let found = (byLink["https://example.org/a"]?["identifiers"] as? [[String: String]]) ?? []
        #expect(found.map { "\($0["type"] ?? "") \($0["value"] ?? "")" } == ["nct NCT04368728", "doi 10.1136/bmj.n71"])
        #expect(byLink["https://example.org/b"]?["identifiers"] == nil)
    }

    @Test(
        "a fetch groups stories into innovations; list, show, mark by innovation id, and rebuild gives the same records"
    )
    func innovations() throws {
        let directory = TemporaryDirectory()
        let horizon = Horizon(directory: directory.path)
        _ = try directory.write(
            "one.xml",
            """
            <?xml version="1.0"?><rss version="2.0"><channel><title>One</title><link>https://one.example/</link>
            <item><title>Trial of Brain in Hand begins</title><link>https://one.example/a</link>
            <pubDate>Mon, 03 Feb 2025 09:00:00 GMT</pubDate>
            <description>Brain in Hand, a digital self-management app for autistic adults, is being tested in a randomised trial (ISRCTN12345678).</description></item>
            <item><title>Council approves leisure centre</title><link>https://one.example/b</link>
            <pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate><description>Councillors met.</description></item>
            </channel></rss>
            """)
        _ = try directory.write(
            "two.xml",
            """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Two</title><link>https://two.example/</link>
            <item><title>Brain in Hand rolled out across England</title><link>https://two.example/c</link>
            <pubDate>Wed, 10 Sep 2025 09:00:00 GMT</pubDate>
            <description>NHS England announced a national rollout for autistic adults.</description></item>
            <item><title>Registry update for autism study</title><link>https://two.example/d</link>
            <pubDate>Thu, 11 Sep 2025 09:00:00 GMT</pubDate><description>See ISRCTN12345678.</description></item>
            </channel></rss>
            """)
        _ = try directory.write(
            "feeds.json",
            #"{"feeds": [{"id": "one", "url": "file:one.xml"}, {"id": "two", "url": "file:two.xml"}], "themes": [{"id": "autism", "name": "Autism", "include": ["autistic"]}], "hubs": [{"id": "h", "name": "H", "themes": ["autism"]}], "matching": {"threshold": 1}, "innovations": [{"name": "PReCePT", "aliases": ["Preventing Cerebral Palsy in Pre Term labour"]}]}"#
        )
        #expect(try horizon.run("--data", "data", "fetch", "--quiet").status == 0)
        let list = try horizon.run("--data", "data", "innovations", "--format", "json")
        #expect(list.status == 0, "\(list.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let record = try #require(records.first { $0["name"] as? String == "Brain in Hand" })
        for key in [
            "id", "name", "aliases", "identifiers", "stage", "firstSeen", "lastSeen", "publishers", "themes", "items",
        ] {
            #expect(record[key] != nil, "\(key)")
        }
        #expect(record["stage"] as? String == "spread")
        #expect(record["publishers"] as? Int == 2)
        #expect((record["items"] as? [[String: Any]])?.count == 3)  // the registry update joins by its ISRCTN
        #expect(record["firstSeen"] as? String == "2025-02-03T09:00:00Z")
        #expect((record["themes"] as? [String]) == ["h/autism"])
        let id = try #require(record["id"] as? String)
        // A story shows its stage, innovations and identifiers.
        let first = try #require((record["items"] as? [[String: Any]])?.first?["id"] as? String)
        let story = try horizon.run("--data", "data", "show", first)
        for text in ["Stage: research", "Innovations: Brain in Hand", "isrctn ISRCTN12345678"] {
            #expect(story.stdout.contains(text), "\(text)")
        }
        #expect(try horizon.run("--data", "data", "innovations", "--stage", "research").stdout == "no innovations\n")
        #expect(try horizon.run("--data", "data", "innovations", "--stage", "spred").status == 64)
        #expect(try horizon.run("--data", "data", "innovations", "brain", "england").stdout.contains(id))
        // The search language: exclusions, OR, stems and fields.
        #expect(!(try horizon.run("--data", "data", "innovations", "brain -england").stdout.contains(id)))
        #expect(try horizon.run("--data", "data", "innovations", "leisure OR rolling").stdout.contains(id))
        #expect(try horizon.run("--data", "data", "innovations", "theme:autism").stdout.contains(id))
        #expect(try horizon.run("--data", "data", "innovations", "source:two.example").stdout.contains(id))
        #expect(try horizon.run("--data", "data", "innovations", "(brain").status == 64)
        #expect(
            try horizon.run("--data", "data", "innovations", "leisure").stdout == "no innovations match \"leisure\"\n")
        // Marked by its id; show prints the timeline, links and the decision.
        let mark = try horizon.run(
            "--data", "data", "mark", String(id.prefix(8)), "--status", "watching", "--by", "ana", "--note", "follow")
        #expect(mark.status == 0, "\(mark.stderr)")
        #expect(try horizon.run("--data", "data", "innovations", "status:watching").stdout.contains(id))
        // Without --by, $HORIZON_USER or $USER, mark asks who decided (never "unknown").
        let nobody = try horizon.run(
            arguments: ["--data", "data", "mark", id, "--status", "assessing"],
            environment: ["USER": "", "HORIZON_USER": ""])
        #expect(nobody.status == 64 && nobody.stderr.contains("give --by NAME"))
        let show = try horizon.run("--data", "data", "innovations", "show", "brain-in-hand")
        #expect(show.status == 0, "\(show.stderr)")
        for text in [
            "[\(id)]", "research:", "spread:", "https://www.isrctn.com/ISRCTN12345678", "watching", "ana", "follow",
        ] {
            #expect(show.stdout.contains(text), "\(text)")
        }
        #expect(
            try horizon.run("--data", "data", "innovations", "show", "Brian in Hand").stderr.contains("did you mean"))
        // What is rising: every theme's weeks, Monday first, oldest first.
        let trends = try horizon.run("--data", "data", "trends", "--format", "json", "--weeks", "6")
        #expect(trends.status == 0, "\(trends.stderr)")
        let themes = try #require(try JSONSerialization.jsonObject(with: Data(trends.stdout.utf8)) as? [[String: Any]])
        #expect(themes.map { $0["theme"] as? String } == ["autism"])
        for key in ["theme", "weeks", "baseline", "threshold", "surge", "score", "drivers"] {
            #expect(themes.first?[key] != nil, "\(key)")
        }
        let weeks = try #require(themes.first?["weeks"] as? [[String: Any]])
        #expect(weeks.count == 6)
        let starts = weeks.compactMap { $0["start"] as? String }.compactMap {
            ISO8601DateFormatter().date(from: $0 + "T00:00:00Z")
        }
        #expect(starts.count == 6 && starts == starts.sorted())
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        #expect(starts.allSatisfy { calendar.component(.weekday, from: $0) == 2 })
        #expect(try horizon.run("--data", "data", "trends", "--weeks", "0").status == 64)
        let gaining = try horizon.run("--data", "data", "trends", "--innovations", "--format", "json")
        #expect((try JSONSerialization.jsonObject(with: Data(gaining.stdout.utf8)) as? [Any]) != nil)
        // Rebuilt from the catalogue: the same records.
        let before = try #require(FileManager.default.contents(atPath: directory.path + "/data/innovations.json"))
        #expect(try horizon.run("--data", "data", "innovations", "rebuild").status == 0)
        let after = try #require(FileManager.default.contents(atPath: directory.path + "/data/innovations.json"))
        #expect(before == after)
        // Records older than the catalogue (a run killed between the two writes) are made again by the
        // next run, even one that brings no news.
        let recordsPath = directory.path + "/data/innovations.json"
        let old = Date(timeIntervalSinceNow: -86_400)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: recordsPath)
        #expect(try horizon.run("--data", "data", "fetch", "--quiet").status == 0)
        let touched = try FileManager.default.attributesOfItem(atPath: recordsPath)[.modificationDate] as? Date
        #expect((touched ?? old) > old.addingTimeInterval(3_600))
        #expect(FileManager.default.contents(atPath: recordsPath) == after)
        // A watchlist typo is named.
        _ = try directory.write(
            "bad.json",
            #"{"feeds": [], "themes": [], "hubs": [], "innovations": [{"name": "X", "alias": ["Y"], "identifiers": ["NCT1"]}]}"#
        )
        let bad = try horizon.run("--config", "bad.json", "config", "check")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("innovations[0].alias") || bad.stdout.contains("innovations[0].alias"))
    }

    @Test("a followed innovation's new story comes back in the hub's digest under its own heading, matched or not")
    func followedInnovation() throws {
        let directory = TemporaryDirectory()
        let horizon = Horizon(directory: directory.path)
        func feed(_ items: String) throws {
            _ = try directory.write(
                "one.xml",
                """
                <?xml version="1.0"?><rss version="2.0"><channel><title>One</title><link>https://one.example/</link>
                <item><title>Brain in Hand helps autistic adults</title><link>https://one.example/a</link>
                <description>Brain in Hand, a digital self-management app for autistic adults, is being piloted.</description></item>
                \(items)</channel></rss>
                """)
        }
        try feed("")
        _ = try directory.write(
            "feeds.json",
            #"{"feeds": [{"id": "one", "url": "file:one.xml"}], "themes": [{"id": "autism", "name": "Autism", "include": ["autistic"]}], "hubs": [{"id": "h", "name": "H", "themes": ["autism"]}], "matching": {"threshold": 1}}"#
        )
        #expect(try horizon.run("--data", "data", "fetch", "--quiet").status == 0)
        let list = try horizon.run("--data", "data", "innovations", "--format", "json")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let id = try #require(records.first { $0["name"] as? String == "Brain in Hand" }?["id"] as? String)
        #expect(try horizon.run("--data", "data", "mark", id, "--status", "watching", "--by", "ana").status == 0)
        // A new story about it that matches no theme of the hub.
        try feed(
            """
            <item><title>Brain in Hand rolled out in Wirral</title><link>https://one.example/b</link>
            <description>The service goes live next month.</description></item>
            """)
        #expect(try horizon.run("--data", "data", "fetch", "--quiet").status == 0)
        #expect(try horizon.run("--data", "data", "digest", "--seen-since", "1h", "--format", "md,txt").status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.file("data/digests"))
        let markdown = try String(
            contentsOfFile: directory.file("data/digests/" + (files.first { $0.hasSuffix(".md") } ?? "")),
            encoding: .utf8)
        #expect(markdown.contains("## Followed innovations and stories (1)"))
        #expect(markdown.contains("### Brain in Hand (watching, `\(id)`)"))
        #expect(markdown.contains("[Brain in Hand rolled out in Wirral](<https://one.example/b>)"))
        let text = try String(
            contentsOfFile: directory.file("data/digests/" + (files.first { $0.hasSuffix(".txt") } ?? "")),
            encoding: .utf8)
        #expect(text.contains("Followed innovations and stories (1)"))
    }

    @Test("a theme that surged last week shows in the digest's Rising line and in trends")
    func risingLine() throws {
        let directory = TemporaryDirectory()
        let horizon = Horizon(directory: directory.path)
        // The Monday that starts this week (UTC), and stories in the middle of earlier weeks.
        let day = 86_400.0
        let today = (Date().timeIntervalSince1970 / day).rounded(.down)
        let monday = Date(timeIntervalSince1970: (today - (today + 3).truncatingRemainder(dividingBy: 7)) * day)
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var items = ""
        var n = 0
        func add(weeksBack: Int, count: Int) {
            for _ in 0..<count {
                n += 1
                let date = monday.addingTimeInterval(-Double(weeksBack) * 7 * day + 3.5 * day)
                items += """
                    <item><title>Support for autistic adults, story \(n)</title><link>https://one.example/\(n)</link>
                    <pubDate>\(format.string(from: date))</pubDate><description>Autistic adults and their families.</description></item>
                    """
            }
        }
        for week in 2...13 { add(weeksBack: week, count: 2) }
        add(weeksBack: 1, count: 12)
        _ = try directory.write(
            "one.xml",
            """
            <?xml version="1.0"?><rss version="2.0"><channel><title>One</title><link>https://one.example/</link>
            \(items)</channel></rss>
            """)
        _ = try directory.write(
            "feeds.json",
            #"{"feeds": [{"id": "one", "url": "file:one.xml"}], "themes": [{"id": "autism", "name": "Autism", "include": ["autistic"]}], "hubs": [{"id": "h", "name": "H", "themes": ["autism"]}], "matching": {"threshold": 1}}"#
        )
        #expect(try horizon.run("--data", "data", "fetch", "--quiet").status == 0)
        let trends = try horizon.run("--data", "data", "trends", "--hub", "h")
        #expect(trends.stdout.contains("SURGE"), "\(trends.stdout)")
        #expect(try horizon.run("--data", "data", "digest", "--seen-since", "1h", "--format", "md").status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.file("data/digests"))
        let markdown = try String(
            contentsOfFile: directory.file("data/digests/" + (files.first { $0.hasSuffix(".md") } ?? "")),
            encoding: .utf8)
        #expect(markdown.contains("**Rising:** Autism: 12 stories last week, usually 2"), "\(markdown.prefix(600))")
    }

    @Test("bad usage exits 64")
    func badUsage() throws {
        let (directory, horizon) = try demo()
        defer { withExtendedLifetime(directory) {} }
        #expect(try horizon.run("--config", "demo/feeds.json", "digest", "--hub", "atlantis").status == 64)
        #expect(try horizon.run("--config", "demo/feeds.json", "digest", "--since", "yesterday-ish").status == 64)
        #expect(try horizon.run("no-such-command").status == 64)
    }
}

extension Horizon {
    /// The JSON log lines (`--log-format json`) of an output, as string dictionaries.
    static func logEvents(_ stderr: String) -> [[String: String]] {
        stderr.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{") else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
        }
    }

    /// Runs horizon with a pseudo-terminal for its output (util-linux `script`); stdout and stderr
    /// together. With `columns`, the terminal is that wide (as `stty` sets it, no `$COLUMNS`).
    func runInTerminal(_ arguments: [String], environment: [String: String] = [:], columns: Int? = nil) throws
        -> Result
    {
        var quoted = ([Horizon.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        if let columns { quoted = "stty cols \(columns) rows 50; " + quoted }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "100"
        if columns != nil { env.removeValue(forKey: "COLUMNS") }
        env.removeValue(forKey: "NO_COLOR")
        // Decisions name who made them: a machine without $USER (a container) gets one.
        if (env["USER"] ?? "").isEmpty && (env["HORIZON_USER"] ?? "").isEmpty { env["HORIZON_USER"] = "tester" }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"), stderr: "")
    }
}
