import Foundation
import HorizonTesting
import Testing

/// The digest as a hub lead reads it: what matters first, ids that work, feed trouble in one line.
@Suite("The digest a hub lead reads", .serialized)
struct DigestReadingTests {
    func fetchDemo() throws -> (TemporaryDirectory, Horizon) {
        let (directory, horizon) = try demo()
        _ = try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch", "--quiet")
        return (directory, horizon)
    }

    func digestFiles(_ directory: TemporaryDirectory, _ folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.file(folder))
        where name.hasPrefix("dorset-") {
            files[(name as NSString).pathExtension] = try String(
                contentsOfFile: directory.file("\(folder)/\(name)"), encoding: .utf8)
        }
        return files
    }

    @Test("top stories lead, by priority; then followed, rising and the rest by theme; every id printed works")
    func orderAndIDs() throws {
        let (directory, horizon) = try fetchDemo()
        #expect(
            try horizon.run(
                "--config", "demo/feeds.json", "--data", "data", "digest", "--hub", "dorset", "--seen-since", "30d",
                "--format", "md,txt,html", "--out", "digests"
            ).status == 0)
        let files = try digestFiles(directory, "digests")
        let markdown = try #require(files["md"])
        // The header says what "new" means.
        #expect(markdown.contains("New means first seen by Horizon since "))
        let top = try #require(markdown.range(of: "## Top stories (5)"))
        let rising = try #require(markdown.range(of: "**Rising:**"))
        let rest = try #require(markdown.range(of: "## More stories by theme"))
        #expect(top.lowerBound < rising.lowerBound && rising.lowerBound < rest.lowerBound)
        // Top stories by priority, highest first.
        let topText = String(markdown[top.upperBound..<rising.lowerBound])
        let priorities = topText.components(separatedBy: "· priority ").dropFirst().compactMap {
            Double($0.prefix(4))
        }
        #expect(priorities.count == 5)
        #expect(priorities == priorities.sorted(by: >))
        // No needless escapes: the theme name keeps its parentheses.
        #expect(markdown.contains("Digital transformation (analogue to digital)"))
        #expect(!markdown.contains("\\("))
        // Every id the digest prints is accepted by show or innovations show.
        let ids = Set(
            markdown.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        #expect(ids.count >= 10, "\(ids)")
        for id in ids {
            let command = id.hasPrefix("inv-") ? ["innovations", "show", id] : ["show", id]
            let shown = try horizon.run(arguments: ["--config", "demo/feeds.json", "--data", "data"] + command)
            #expect(shown.status == 0, "\(id): \(shown.stderr)")
        }
        // The text and HTML parts carry the same ids.
        for id in ids {
            #expect(files["txt"]?.contains(id) == true)
            #expect(files["html"]?.contains(">\(id)</code>") == true)
        }
    }

    @Test("in an outage hub readers get one line; feeds status and the fetch report group it by cause")
    func outage() throws {
        let (directory, horizon) = try fetchDemo()
        // Every feed now on a host that cannot resolve, fetched in a network namespace with no network.
        let path = directory.file("demo/feeds.json")
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let feeds = try #require(config["feeds"] as? [[String: Any]])
        config["feeds"] = feeds.map { feed -> [String: Any] in
            var feed = feed
            feed["url"] = "https://\(feed["id"] ?? "x").horizon-test.invalid/feed"
            return feed
        }
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        let run = try ChildProcess.run(
            "/usr/bin/unshare",
            ["--net", "--", Horizon.binary, "--config", "demo/feeds.json", "--data", "data", "fetch", "--all"],
            directory: directory.path)
        let report = String(decoding: run.stderr, as: UTF8.self)
        #expect(report.contains("horizon fetch: 5 of 5 feeds failed\n  5 feeds could not resolve the host name"))

        #expect(
            try horizon.run(
                "--config", "demo/feeds.json", "--data", "data", "digest", "--hub", "dorset", "--seen-since", "30d",
                "--format", "md,txt,html", "--out", "outage"
            ).status == 0)
        for (format, text) in try digestFiles(directory, "outage") {
            #expect(text.components(separatedBy: "5 of 5 feeds could not be read").count == 2, "\(format)")
            #expect(!text.contains("resolve"), "\(format)")
            #expect(!text.contains("horizon-test.invalid"), "\(format)")
            #expect(!text.contains("NHS England is failing"), "\(format)")
        }

        let status = try horizon.run("--config", "demo/feeds.json", "--data", "data", "feeds", "status")
        #expect(status.status == 0)
        let summary = try #require(status.stdout.components(separatedBy: "\n\n").last)
        #expect(summary.hasPrefix("5 of 5 feeds could not be read:\n"))
        #expect(summary.split(separator: "\n").count == 2, "\(summary)")
        #expect(summary.contains("  5 feeds could not resolve the host name"))
    }
}

@Suite("The same dates in every command")
struct SameDatesTests {
    @Test(
        "--since and --until choose stories by their own date in search, export and digest; --seen-since by first seen")
    func sinceMeansTheSame() throws {
        let (directory, horizon) = try demo()
        defer { withExtendedLifetime(directory) {} }
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        _ = try horizon.run(arguments: base + ["fetch", "--quiet"])
        let span = ["--since", "2026-11-20", "--until", "2026-11-20"]
        func ids(_ output: String) throws -> Set<String> {
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
            return Set(rows.compactMap { $0["id"] as? String })
        }
        let searched = try ids(
            horizon.run(arguments: base + ["search", "--hub", "dorset", "--format", "json"] + span).stdout)
        let exported = try ids(
            horizon.run(arguments: base + ["export", "--hub", "dorset", "--format", "json"] + span).stdout)
        #expect(!searched.isEmpty)
        #expect(searched == exported)
        // Every story dated 20 November, and only those.
        let all = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    horizon.run(arguments: base + ["search", "--hub", "dorset", "--format", "json"]).stdout.utf8))
                as? [[String: Any]])
        let twentieth = Set(
            all.filter {
                (($0["published"] ?? $0["updated"] ?? $0["firstSeen"]) as? String)?.hasPrefix("2026-11-20") == true
            }.compactMap { $0["id"] as? String })
        #expect(searched == twentieth)

        #expect(
            try horizon.run(
                arguments: base + ["digest", "--hub", "dorset", "--format", "md", "--out", "d", "--min-priority", "0"]
                    + span
            ).status == 0)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.file("d")).first)
        let markdown = try String(contentsOfFile: directory.file("d/\(file)"), encoding: .utf8)
        #expect(markdown.contains("These are the stories dated from 20 Nov 2026 to 20 Nov 2026 by their sources"))
        let shown = markdown.components(separatedBy: "id `").dropFirst().map { String($0.prefix { $0 != "`" }) }
        #expect(shown.count == twentieth.count)
        #expect(shown.allSatisfy { id in twentieth.contains { $0.hasPrefix(id) } })

        // First seen: everything was seen just now, nothing before 2000.
        let seen = try ids(
            horizon.run(arguments: base + ["search", "--hub", "dorset", "--seen-since", "1h", "--format", "json"])
                .stdout)
        #expect(seen.count == all.count)
        let none = try horizon.run(arguments: base + ["search", "--seen-until", "2000-01-01", "--format", "json"])
        #expect(try ids(none.stdout).isEmpty)
    }
}
