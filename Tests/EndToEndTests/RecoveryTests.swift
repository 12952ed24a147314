import Foundation
import HorizonTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Horizon run as an administrator runs it from cron: damage, typos, permissions, full disks,
/// overlapping sends and an outage must each fail loudly, name the cause and lose nothing.
@Suite("Unattended and recoverable", .serialized)
struct RecoveryTests {
    /// The ids in a catalogue file.
    func ids(_ path: String) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let items = try #require((object as? [String: Any])?["items"] as? [[String: Any]])
        return Set(items.compactMap { $0["id"] as? String })
    }

    /// Adds a new story at the top of one of the demo's feeds.
    func publish(_ directory: TemporaryDirectory, _ slug: String) throws {
        let path = directory.file("demo/samples/nhs-england.xml")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let item = """
            <item><title>Virtual wards for frailty: \(slug)</title><link>https://www.england.nhs.uk/\(slug)</link>\
            <guid>\(slug)</guid><description>Virtual wards for older people living with frailty.</description></item>
            """
        text = text.replacingOccurrences(
            of: "<item>", with: item + "<item>", options: [], range: text.range(of: "<item>"))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func fetch(_ horizon: Horizon) throws -> Horizon.Result {
        try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch")
    }

    @Test("a truncated catalogue stops fetch and digest (exit 1) with one line naming it and the repair")
    func truncatedCatalogue() throws {
        let (directory, horizon) = try demo()
        #expect(try fetch(horizon).status == 0)
        let catalogue = directory.file("data/catalogue.json")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: catalogue)[.size] as? Int)
        #expect(truncate(catalogue, off_t(size / 2)) == 0)
        // No feed changed: the run would never have read the catalogue before.
        let run = try fetch(horizon)
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("error: data/catalogue.json is damaged: "))
        #expect(run.stderr.contains("horizon repair"))
        let digest = try horizon.run("--config", "demo/feeds.json", "--data", "data", "digest")
        #expect(digest.status == 1)
        #expect(digest.stderr.contains("data/catalogue.json is damaged") && digest.stderr.contains("horizon repair"))
        // Nothing was written over the damaged file.
        #expect(try FileManager.default.attributesOfItem(atPath: catalogue)[.size] as? Int == size / 2)
    }

    @Test("repair restores the last good copy, and the next fetch brings back every story of the last good run")
    func repairThenFetch() throws {
        let (directory, horizon) = try demo()
        #expect(try fetch(horizon).status == 0)
        try publish(directory, "story-after-the-backup")
        #expect(try fetch(horizon).status == 0)
        let lastGood = try ids(directory.file("data/catalogue.json"))
        let backup = try ids(directory.file("data/catalogue.json.bak"))
        #expect(lastGood.count == backup.count + 1)

        let catalogue = directory.file("data/catalogue.json")
        try Data("{\"schemaVersion\": 1, \"items\": [{\"id\": ".utf8).write(to: URL(fileURLWithPath: catalogue))
        let dry = try horizon.run("--config", "demo/feeds.json", "--data", "data", "repair", "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("restored from data/catalogue.json.bak") && dry.stdout.contains("(dry run"))
        #expect((try? ids(catalogue)) == nil)  // a dry run changes nothing

        let repair = try horizon.run("--config", "demo/feeds.json", "--data", "data", "repair")
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(
            repair.stdout.contains(
                "data/catalogue.json: restored from data/catalogue.json.bak (\(backup.count) stories"))
        #expect(repair.stdout.contains("will be read in full on the next run"))
        #expect(try ids(catalogue) == backup)
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory.file("data"))
        #expect(kept.contains { $0.hasPrefix("catalogue.json.damaged-") })

        #expect(try fetch(horizon).status == 0)
        #expect(try ids(catalogue) == lastGood)
        let again = try horizon.run("--config", "demo/feeds.json", "--data", "data", "repair")
        #expect(again.stdout.contains("nothing to repair"))
    }

    @Test("a deleted catalogue with no copy: repair makes every feed due, and the next fetch reads them all again")
    func deletedCatalogue() throws {
        let (directory, horizon) = try demo()
        #expect(try fetch(horizon).status == 0)
        let stories = try ids(directory.file("data/catalogue.json"))
        for name in ["catalogue.json", "catalogue.json.bak", "catalogue.stamp", "search.idx"] {
            unlink(directory.file("data/" + name))
        }
        let repair = try horizon.run("--config", "demo/feeds.json", "--data", "data", "repair")
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("data/catalogue.json is missing"))
        #expect(repair.stdout.contains("lost: data/catalogue.json: no intact copy"))
        #expect(try fetch(horizon).status == 0)
        #expect(try ids(directory.file("data/catalogue.json")) == stories)
    }

    @Test("repair restores damaged feed states and triage decisions from their copies")
    func repairStatesAndTriage() throws {
        let (directory, horizon) = try demo()
        #expect(try fetch(horizon).status == 0)
        #expect(try fetch(horizon).status == 0)  // the second run keeps the first's states as the copy
        let id = try #require(try ids(directory.file("data/catalogue.json")).sorted().first)
        for status in ["watching", "shortlisted"] {
            let mark = try horizon.run(
                "--config", "demo/feeds.json", "--data", "data", "mark", "--hub", "dorset", id, "--status", status,
                "--by", "A. Analyst")
            #expect(mark.status == 0, "\(mark.stderr)")
        }
        try Data("{\"feeds\": ".utf8).write(to: URL(fileURLWithPath: directory.file("data/feeds-state.json")))
        try Data("[garbage".utf8).write(to: URL(fileURLWithPath: directory.file("data/triage.json")))
        let repair = try horizon.run("--config", "demo/feeds.json", "--data", "data", "repair")
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("data/feeds-state.json: restored from data/feeds-state.json.bak"))
        #expect(repair.stdout.contains("data/triage.json: restored from data/triage.json.bak"))
        let show = try horizon.run("--config", "demo/feeds.json", "--data", "data", "show", id)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Status: watching"))  // the copy before the last decision
    }

    @Test(
        "each typo is an error with the closest key, in every command",
        arguments: [
            ("hubs", "recipents", "hubs[0].recipents: unknown key; did you mean \"recipients\"?"),
            ("matching", "treshold", "matching.treshold: unknown key; did you mean \"threshold\"?"),
            ("themes", "exlude", "themes[0].exlude: unknown key; did you mean \"exclude\"?"),
            ("feeds", "titel", "feeds[0].titel: unknown key; did you mean \"title\"?"),
        ])
    func typos(place: String, key: String, expected: String) throws {
        let (directory, horizon) = try demo()
        let path = directory.file("demo/feeds.json")
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        if var list = config[place] as? [[String: Any]] {
            list[0][key] = ["x"]
            config[place] = list
        } else {
            var object = try #require(config[place] as? [String: Any])
            object[key] = 3
            config[place] = object
        }
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        let check = try horizon.run("--config", "demo/feeds.json", "--data", "data", "config", "check")
        #expect(check.status == 64)
        #expect(check.stdout.contains("demo/feeds.json: \(expected)"), "\(check.stdout)")
        for command in [["fetch"], ["digest"], ["search", "frailty"]] {
            let run = try horizon.run(arguments: ["--config", "demo/feeds.json", "--data", "data"] + command)
            #expect(run.status == 64, "\(command)")
            #expect(run.stderr == "error: demo/feeds.json: \(expected)\n", "\(command): \(run.stderr)")
        }
    }

    @Test("a JSON syntax error is reported with its line and column")
    func syntaxError() throws {
        let (directory, horizon) = try demo()
        try "{\n  \"contact\": \"x\",\n  \"feeds\": [\n    {\"id\": \"a\" \"url\": \"file:a.xml\"}\n  ]\n}\n"
            .write(toFile: directory.file("bad.json"), atomically: true, encoding: .utf8)
        let run = try horizon.run("--config", "bad.json", "fetch")
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("error: bad.json: line 4, column 16: not valid JSON ("), "\(run.stderr)")
    }

    @Test("an unset secret variable fails config check, before any send")
    func unsetSecret() throws {
        let (directory, horizon) = try demo()
        let path = directory.file("demo/feeds.json")
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        config["smtp"] = [
            "url": "smtp://127.0.0.1:1", "from": "h@example.org", "passwordEnv": "HORIZON_TEST_UNSET_SECRET",
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        let check = try horizon.run("--config", "demo/feeds.json", "--data", "data", "config", "check")
        #expect(check.status == 64)
        #expect(
            check.stdout.contains(
                "demo/feeds.json: smtp: the environment variable HORIZON_TEST_UNSET_SECRET (smtp.passwordEnv) is not set"
            ))
        let set = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "config", "check",
            environment: ["HORIZON_TEST_UNSET_SECRET": "x"])
        #expect(set.status == 0, "\(set.stdout)")
    }

    /// Runs horizon as an unprivileged user (root passes every permission check).
    func runUnprivileged(_ horizon: Horizon, _ arguments: [String]) throws -> ChildProcess.Result {
        guard getuid() == 0 else {
            return try ChildProcess.run(Horizon.binary, arguments, directory: horizon.directory)
        }
        return try ChildProcess.run(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Horizon.binary] + arguments,
            directory: horizon.directory)
    }

    @Test("a data directory the user cannot write: every writer says permission denied and exits 1, not 75")
    func unwritableDataDirectory() throws {
        let (directory, horizon) = try demo()
        #expect(try fetch(horizon).status == 0)
        let id = try #require(try ids(directory.file("data/catalogue.json")).sorted().first)
        // Readable by everyone, writable by its owner only; the run is not its owner.
        for path in [directory.path, directory.file("demo"), directory.file("demo/samples"), directory.file("data")] {
            #expect(chmod(path, 0o755) == 0)
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.file("data")) {
            chmod(directory.file("data/" + file), 0o644)
        }
        if getuid() != 0 { chmod(directory.file("data"), 0o555) }
        defer { chmod(directory.file("data"), 0o755) }
        for command in [["fetch"], ["mark", "--hub", "dorset", id, "--status", "watching", "--by", "A"], ["digest"]] {
            let run = try runUnprivileged(horizon, ["--config", "demo/feeds.json", "--data", "data"] + command)
            let stderr = String(decoding: run.stderr, as: UTF8.self)
            #expect(run.status == 1, "\(command): \(stderr)")
            #expect(stderr.contains("permission denied"), "\(command): \(stderr)")
            #expect(!stderr.contains("another run holds the lock"), "\(command): \(stderr)")
        }
        let check = try runUnprivileged(horizon, ["--config", "demo/feeds.json", "--data", "data", "config", "check"])
        #expect(check.status == 64)
        #expect(
            String(decoding: check.stdout, as: UTF8.self).contains(
                "data: the data directory is not writable (permission denied)"))
    }

    @Test("two digest sends at once deliver one message to a real SMTP server")
    func concurrentSends() throws {
        let mailbox = TemporaryDirectory()
        // A slow server: the first send is still talking to it when the second starts.
        let smtp = try SMTPServer(mailbox: mailbox.path, delay: 1.5)
        let (directory, horizon) = try demo()
        let path = directory.file("demo/feeds.json")
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        config["smtp"] = ["url": "smtp://127.0.0.1:\(smtp.port)", "from": "Horizon <horizon@example.org>"]
        var hubs = try #require(config["hubs"] as? [[String: Any]])
        hubs[0]["recipients"] = ["innovation@dorset.example.org"]
        config["hubs"] = hubs
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        #expect(try fetch(horizon).status == 0)

        let arguments = ["--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--hub", "dorset"]
        let results = Results()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread {
                let result = try? horizon.run(arguments: arguments)
                results.add(result)
                group.leave()
            }.start()
        }
        group.wait()
        let statuses = results.all.map { $0?.status ?? -1 }.sorted()
        #expect(smtp.messages.count == 1)
        // One delivers; the other finds the lock held (75) or, had it come later, nothing new.
        #expect(statuses == [0, 75] || statuses == [0, 0], "\(statuses)")
        if statuses == [0, 75] {
            #expect(results.all.contains { $0?.stderr.contains("another run holds the lock") == true })
        }
    }

    @Test(
        "a send while another holds the digest lock exits 75 naming it; with --wait it goes ahead once the lock is free"
    )
    func digestLockWait() throws {
        let (directory, horizon) = try demo()
        #expect(try fetch(horizon).status == 0)
        let fd = open(directory.file("data/.digest.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let arguments = ["--config", "demo/feeds.json", "--data", "data", "digest", "--send"]
        let held = try horizon.run(arguments: arguments)
        #expect(held.status == 75)
        #expect(held.stderr.contains("another run holds the lock (data/.digest.lock)"), "\(held.stderr)")
        // Released half a second into a run that waits up to ten.
        Thread {
            usleep(500_000)
            flock(fd, LOCK_UN)
            close(fd)
        }.start()
        let waited = try horizon.run(arguments: arguments + ["--wait", "10"])
        #expect(waited.status == 0, "\(waited.stderr)")
    }

    final class Results: @unchecked Sendable {  // `items` is only touched under `lock`
        private var items: [Horizon.Result?] = []
        private let lock = NSLock()
        func add(_ result: Horizon.Result?) { lock.withLock { items.append(result) } }
        var all: [Horizon.Result?] { lock.withLock { items } }
    }

    @Test("a full disk during a save leaves every file as it was, and no partial file behind")
    func diskFull() throws {
        let (directory, horizon) = try demo()
        #expect(try fetch(horizon).status == 0)
        try publish(directory, "story-on-a-full-disk")
        let data = directory.file("data")
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: data) {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: data + "/" + name))
            }
            return files
        }
        let before = try snapshot()
        // A file size limit below the catalogue's size: the write fails with EFBIG part way through.
        let run = try ChildProcess.run(
            "/usr/bin/prlimit",
            ["--fsize=12000", Horizon.binary, "--config", "demo/feeds.json", "--data", "data", "fetch"],
            directory: directory.path)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 1, "\(stderr)")
        #expect(stderr.contains("data/catalogue.json: cannot write: file too large"), "\(stderr)")
        #expect(try snapshot() == before)
        // The story is not lost: the next run, with room, stores it.
        #expect(try fetch(horizon).status == 0)
        #expect(
            try String(contentsOfFile: directory.file("data/catalogue.json"), encoding: .utf8).contains(
                "story-on-a-full-disk"))
    }

    @Test("with every host unresolvable, the report is one grouped line and the run ends at once")
    func outage() throws {
        let directory = TemporaryDirectory()
        let feeds = (0..<12).map { index -> [String: Any] in
            ["id": "feed-\(index)", "url": "https://feeds\(index).horizon-test.invalid/rss", "title": "Feed \(index)"]
        }
        let config: [String: Any] = [
            "feeds": feeds, "themes": [["id": "t", "name": "T", "include": ["frailty"]]],
            "hubs": [["id": "h", "name": "H", "themes": ["t"]]],
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: directory.file("feeds.json")))
        // A network namespace of its own, with nothing but a loopback that is down: no name resolves,
        // and nothing leaves this machine.
        let started = Date()
        let run = try ChildProcess.run(
            "/usr/bin/unshare", ["--net", "--", Horizon.binary, "--config", "feeds.json", "--data", "data", "fetch"],
            directory: directory.path)
        let elapsed = Date().timeIntervalSince(started)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 0, "\(stderr)")
        let lines = stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(stderr)")
        #expect(lines.first == "horizon fetch: 12 of 12 feeds failed")
        #expect(lines.last?.hasPrefix("  12 feeds could not resolve the host name") == true, "\(stderr)")
        #expect(lines.last?.contains("e.g. feed-") == true)
        #expect(elapsed < 10)
    }
}

@Suite("Decisions belong to a hub", .serialized)
struct HubDecisionTests {
    /// An item the demo's two hubs both matched.
    func sharedItem(_ directory: TemporaryDirectory) throws -> String { try #require(try sharedItems(directory).first) }

    /// The items the demo's two hubs both matched.
    func sharedItems(_ directory: TemporaryDirectory) throws -> [String] {
        let object = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json"))))
        let items = try #require((object as? [String: Any])?["items"] as? [[String: Any]])
        let shared = items.filter { item in
            let hubs = Set(((item["matches"] as? [[String: Any]]) ?? []).compactMap { $0["hub"] as? String })
            return hubs.isSuperset(of: ["dorset", "cheshire-merseyside"])
        }
        return shared.compactMap { $0["id"] as? String }
    }

    func ids(_ result: Horizon.Result) throws -> [String] {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return rows.compactMap { $0["id"] as? String }
    }

    @Test("mark needs a hub when there are several; HORIZON_HUB gives one; an unknown hub gets a suggestion")
    func markNeedsHub() throws {
        let (directory, horizon) = try demo()
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        #expect(try horizon.run(arguments: base + ["fetch"]).status == 0)
        let id = try sharedItem(directory)
        let missing = try horizon.run(arguments: base + ["mark", id, "--status", "watching", "--by", "A"])
        #expect(missing.status == 64)
        #expect(
            missing.stderr
                == "error: decisions belong to a hub: give --hub (or set HORIZON_HUB) to one of dorset, cheshire-merseyside\n"
        )
        let typo = try horizon.run(
            arguments: base + ["mark", id, "--status", "watching", "--by", "A", "--hub", "dorsett"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("--hub \"dorsett\": no such hub in demo/feeds.json; did you mean \"dorset\"?"))
        let viaEnvironment = try horizon.run(
            arguments: base + ["mark", id, "--status", "watching", "--by", "A"],
            environment: ["HORIZON_HUB": "cheshire-merseyside"])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        let show = try horizon.run(arguments: base + ["show", id])
        #expect(show.stdout.contains("  cheshire-merseyside: watching\n"))
        #expect(show.stdout.contains("  dorset: new\n"))
    }

    @Test(
        "two hubs decide apart: each hub's search, export and digest read its own decisions; older ones count for both")
    func decideApart() throws {
        let (directory, horizon) = try demo()
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        #expect(try horizon.run(arguments: base + ["fetch"]).status == 0)
        let id = try sharedItem(directory)
        let mark = try horizon.run(
            arguments: base + [
                "mark", id, "--status", "rejected", "--by", "A", "--hub", "dorset", "--note", "not for us",
            ])
        #expect(mark.status == 0, "\(mark.stderr)")
        func search(_ hub: String, _ status: String) throws -> [String] {
            try ids(
                horizon.run(arguments: base + ["search", "--hub", hub, "--status", status, "--format", "json"]))
        }
        #expect(try search("dorset", "rejected") == [id])
        #expect(try search("cheshire-merseyside", "rejected").isEmpty)
        #expect(try search("cheshire-merseyside", "new").contains(id))
        let export = try horizon.run(
            arguments: base + ["export", "--hub", "cheshire-merseyside", "--format", "json"])
        let exported = try #require(
            try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(exported.first { $0["id"] as? String == id }?["status"] as? String == "new")
        // The digest leaves out what this hub rejected, not what the other hub did.
        for (hub, holds) in [("dorset", false), ("cheshire-merseyside", true)] {
            let digest = try horizon.run(
                arguments: base + [
                    "digest", "--hub", hub, "--seen-since", "3650d", "--format", "txt", "--out", "out-\(hub)",
                ])
            #expect(digest.status == 0, "\(digest.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.file("out-\(hub)"))
            let text = try String(contentsOfFile: directory.file("out-\(hub)/" + files[0]), encoding: .utf8)
            let title =
                try #require(
                    try JSONSerialization.jsonObject(
                        with: Data(horizon.run(arguments: base + ["show", id, "--format", "json"]).stdout.utf8))
                        as? [String: Any])["title"] as? String
            #expect(text.contains(try #require(title)) == holds, "\(hub)")
        }
        // A decision recorded before decisions had a hub counts for every hub.
        let path = directory.file("data/triage.json")
        var file = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var events = try #require(file["events"] as? [[String: Any]])
        let other = try #require(try sharedItems(directory).dropFirst().first)
        events.append(["item": other, "status": "parked", "at": "2026-11-01T09:00:00Z", "by": "B"])
        file["events"] = events
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: path))
        #expect(try search("dorset", "parked") == [other])
        #expect(try search("cheshire-merseyside", "parked") == [other])
    }
}
