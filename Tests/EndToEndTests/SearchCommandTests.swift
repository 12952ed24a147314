import Foundation
import HorizonTesting
import Testing

@Suite("search, mark, show and export", .serialized)
struct SearchCommandTests {
    /// The demo fetched once, and the id of its virtual-ward story.
    func fetchedDemo() throws -> (TemporaryDirectory, Horizon, String) {
        let (directory, horizon) = try demo()
        try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch", "--quiet")
        #expect(
            FileManager.default.fileExists(atPath: directory.file("data/search.idx")), "the fetch run writes the index")
        let json = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "search", "\"virtual wards\"", "--format", "json")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(results.count == 1)
        return (directory, horizon, try #require(results.first?["id"] as? String))
    }

    @Test("table, json, jsonl and csv; fields and filters; errors exit 64 naming the problem")
    func formats() throws {
        let (directory, horizon, _) = try fetchedDemo()
        defer { withExtendedLifetime(directory) {} }
        let h = { (arguments: [String]) throws -> Horizon.Result in
            try horizon.run(arguments: ["--config", "demo/feeds.json", "--data", "data", "search"] + arguments)
        }
        let table = try h(["remote", "monitoring"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("ID  "))
        #expect(table.stdout.contains("Wirral care homes use remote monitoring"))
        #expect(!table.stdout.contains("\u{1B}["), "no colour off a terminal")

        let lines = try h(["theme:digital-transformation", "--format", "jsonl", "--sort", "date"]).stdout.split(
            separator: "\n")
        #expect(lines.count >= 3)
        let objects = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(
            objects.allSatisfy {
                ($0["matches"] as? [[String: Any]])?.contains { $0["theme"] as? String == "digital-transformation" }
                    == true
            })
        let dates = objects.map { ($0["published"] as? String) ?? "" }
        #expect(dates == dates.sorted(by: >))

        let csv = try h(["care", "--hub", "dorset", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,date,status,title,link,sources,themes,best_score,"))
        #expect(csv.stdout.contains("\r\n"))

        // An exclusion typed as its own argument is part of the query, not an option.
        let excluded = try h(["care", "-homes", "--format", "json"])
        #expect(excluded.status == 0)
        let kept = try #require(try JSONSerialization.jsonObject(with: Data(excluded.stdout.utf8)) as? [[String: Any]])
        #expect(!kept.isEmpty && kept.allSatisfy { !(($0["title"] as? String) ?? "").lowercased().contains("homes") })

        let none = try h(["telescope"])
        #expect(none.status == 0 && none.stdout.contains("no items found"))

        let badHub = try h(["care", "--hub", "atlantis"])
        #expect(badHub.status == 64 && badHub.stderr.contains("--hub \"atlantis\": no such hub"))
        let badQuery = try h(["(care"])
        #expect(badQuery.status == 64 && badQuery.stderr.contains("unbalanced '('"))
        let badStatus = try h(["--status", "maybe"])
        #expect(badStatus.status == 64 && badStatus.stderr.contains("not a status (statuses: new, watching"))
    }

    @Test("on a terminal the table fits the width and highlights the words found; NO_COLOR turns colour off")
    func terminal() throws {
        let (directory, horizon, _) = try fetchedDemo()
        defer { withExtendedLifetime(directory) {} }
        let arguments = ["--config", "demo/feeds.json", "--data", "data", "search", "ward", "support"]
        let coloured = try horizon.runInTerminal(arguments)
        #expect(coloured.stdout.contains("\u{1B}[1;33mwards\u{1B}[0m to \u{1B}[1;33msupport\u{1B}[0m"))
        let plain = try horizon.runInTerminal(arguments, environment: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let narrow = try horizon.runInTerminal(arguments, environment: ["NO_COLOR": "1", "COLUMNS": "80"])
        #expect(narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("mark keeps every decision with who, when and why; show prints the history; search, export and prune use it")
    func triage() throws {
        let (directory, horizon, id) = try fetchedDemo()
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        let first = try horizon.run(
            arguments: base + [
                "mark", "--hub", "dorset", String(id.prefix(6)), "--status", "shortlisted", "--note",
                "fits frailty, \"winter\"", "--by",
                "Ann Analyst",
            ])
        #expect(first.status == 0)
        #expect(first.stdout.contains("\(id) shortlisted (was new)"))
        let second = try horizon.run(
            arguments: base + ["mark", "--hub", "dorset", id, "--status", "assessing"],
            environment: ["HORIZON_USER": "bob"])
        #expect(second.stdout.contains("assessing (was shortlisted)"))

        let show = try horizon.run(arguments: base + ["show", id])
        #expect(show.stdout.contains("Status: assessing"))
        #expect(show.stdout.contains("shortlisted by Ann Analyst: fits frailty, \"winter\""))
        #expect(show.stdout.contains("assessing by bob"))
        let shownJSON = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try horizon.run(arguments: base + ["show", id, "--format", "json"]).stdout.utf8))
                as? [String: Any])
        #expect(shownJSON["status"] as? String == "assessing")
        #expect((shownJSON["statusHistory"] as? [[String: Any]])?.count == 2)

        let assessing = try horizon.run(arguments: base + ["search", "status:assessing", "--format", "json"])
        let found = try #require(
            try JSONSerialization.jsonObject(with: Data(assessing.stdout.utf8)) as? [[String: Any]])
        #expect(found.map { $0["id"] as? String } == [id])
        let others = try horizon.run(arguments: base + ["search", "--status", "new", "--format", "json"])
        let rest = try #require(try JSONSerialization.jsonObject(with: Data(others.stdout.utf8)) as? [[String: Any]])
        #expect(!rest.isEmpty && !rest.contains { $0["id"] as? String == id })

        let export = try horizon.run(arguments: base + ["export", "--status", "assessing", "--out", "board.csv"])
        #expect(export.status == 0)
        #expect(export.stdout == "1 item written to board.csv\n")
        let csv = try String(contentsOfFile: directory.file("board.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 2)
        #expect(rows[1].hasPrefix("\(id),") && rows[1].contains(",assessing,") && rows[1].contains(",bob,"))
        let bom = try horizon.run(arguments: base + ["export", "--bom"])
        #expect(bom.stdout.hasPrefix("\u{FEFF}id,"))
        let exportJSON = try horizon.run(arguments: base + ["export", "--format", "json"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(exportJSON.stdout.utf8)) as? [[String: Any]])
        #expect(all.count == 11)

        // Digests: --status picks statuses; rejected items are left out by default.
        let only = try horizon.run(
            arguments: base + ["digest", "--seen-since", "30d", "--dry-run", "--status", "assessing"])
        #expect(only.stdout.contains("dorset: 1 item\n"))
        let before = try horizon.run(arguments: base + ["digest", "--seen-since", "30d", "--dry-run"]).stdout
        try horizon.run(
            arguments: base + ["mark", "--hub", "dorset", id, "--status", "rejected", "--note", "already commissioned"])
        let after = try horizon.run(arguments: base + ["digest", "--seen-since", "30d", "--dry-run"]).stdout
        #expect(before.contains("dorset: 8 items") && after.contains("dorset: 7 items"), "\(before) \(after)")
        try horizon.run(arguments: base + ["mark", "--hub", "dorset", id, "--status", "assessing"])
        // The export keeps the latest note given, although the latest decision came without one.
        let noted = try horizon.run(arguments: base + ["export", "--status", "assessing"])
        let row = noted.stdout.split(separator: "\r\n").first { $0.hasPrefix(id) } ?? ""
        #expect(row.contains("assessing") && row.contains("already commissioned"), "\(row)")

        // The history is in triage.json, which fetch runs never rewrite.
        try horizon.run(arguments: base + ["fetch", "--quiet", "--all"])
        #expect(try horizon.run(arguments: base + ["show", id]).stdout.contains("Status: assessing"))

        let unknown = try horizon.run(
            arguments: base + ["mark", "--hub", "dorset", "ffffffffffff", "--status", "parked"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no item with id \"ffffffffffff\""))
        let badStatus = try horizon.run(arguments: base + ["mark", "--hub", "dorset", id, "--status", "maybe"])
        #expect(badStatus.status == 64 && badStatus.stderr.contains("--status \"maybe\""))
    }

    @Test(
        "priorities: stored per matched hub, explained by show, carried by search, export and digest, filtered by --min-priority"
    )
    func priorities() throws {
        let (directory, horizon, id) = try fetchedDemo()
        defer { withExtendedLifetime(directory) {} }
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        let catalogue = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json"))))
                as? [String: Any])
        let items = try #require(catalogue["items"] as? [[String: Any]])
        for item in items {
            let hubs = Set(((item["matches"] as? [[String: Any]]) ?? []).compactMap { $0["hub"] as? String })
            let priorities = (item["priorities"] as? [String: Double]) ?? [:]
            #expect(Set(priorities.keys) == hubs, "only the hubs it matched: \(item["title"] ?? "")")
            #expect(priorities.values.allSatisfy { (0...1).contains($0) })
        }

        let show = try horizon.run(arguments: base + ["show", id]).stdout
        #expect(show.contains("Priority:\n  cheshire-merseyside 0.") && show.contains("\n  dorset 0."), "\(show)")
        #expect(show.contains("    themes: ageing-frailty") && show.contains("    context: "))

        let json = try horizon.run(
            arguments: base + ["search", "--hub", "dorset", "--format", "json", "--sort", "date"])
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(
            !results.isEmpty && results.allSatisfy { ($0["priority"] as? Double).map { (0...1).contains($0) } ?? false }
        )
        let priorities = results.compactMap { $0["priority"] as? Double }
        let floor = priorities.sorted()[priorities.count / 2]
        let high = try horizon.run(
            arguments: base + ["search", "--hub", "dorset", "--min-priority", "\(floor)", "--format", "jsonl"])
        let kept = high.stdout.split(separator: "\n").count
        #expect(kept == priorities.count { $0 >= floor } && kept < priorities.count)
        let bad = try horizon.run(arguments: base + ["search", "--min-priority", "2"])
        #expect(bad.status == 64 && bad.stderr.contains("--min-priority"))

        let csv = try horizon.run(arguments: base + ["export", "--hub", "dorset"]).stdout
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows[0].hasSuffix(",summary,priority"))
        #expect(rows.dropFirst().allSatisfy { Double($0.split(separator: ",").last.map(String.init) ?? "") != nil })

        // The digest orders each theme's stories by priority and leaves out those below --min-priority.
        let all = try horizon.run(arguments: base + ["digest", "--seen-since", "30d", "--dry-run", "--hub", "dorset"])
            .stdout
        let fewer = try horizon.run(
            arguments: base + [
                "digest", "--seen-since", "30d", "--dry-run", "--hub", "dorset", "--min-priority", "\(floor)",
            ]
        ).stdout
        func count(_ text: String) -> Int? {
            text.firstMatch(of: /dorset: (\d+) item/).flatMap { Int($0.1) }
        }
        #expect(count(fewer) == priorities.count { $0 >= floor } && count(all) == priorities.count, "\(all) \(fewer)")
    }

    @Test("themes learn cross-validates a hub's decisions; below learnAfter the model does not take part")
    func learn() throws {
        let (directory, horizon, _) = try fetchedDemo()
        defer { withExtendedLifetime(directory) {} }
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        let json = try horizon.run(
            arguments: base + ["search", "--hub", "dorset", "--format", "json", "--sort", "date"])
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            .compactMap { $0["id"] as? String }
        #expect(ids.count >= 4)
        try horizon.run(
            arguments: base + ["mark", "--hub", "dorset", ids[0], ids[1], "--status", "shortlisted", "--by", "t"])
        try horizon.run(
            arguments: base + ["mark", "--hub", "dorset", ids[2], ids[3], "--status", "rejected", "--by", "t"])
        let report = try horizon.run(arguments: base + ["themes", "learn", "--hub", "dorset", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(
            object["decisions"] as? Int == 4 && object["active"] as? Bool == false && object["learnAfter"] as? Int == 20
        )
        #expect((object["withLearning"] as? [String: Double])?["rocAUC"] != nil)
        let text = try horizon.run(arguments: base + ["themes", "learn", "--hub", "dorset"]).stdout
        #expect(text.contains("dorset: 4 decisions") && text.contains("precision@10"))
        let typo = try horizon.run(arguments: base + ["themes", "learn", "--hub", "dorsett"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean \"dorset\"?"))
    }

    @Test("prune keeps triaged items even when they match nothing")
    func pruneKeepsDecisions() throws {
        let (directory, horizon, _) = try fetchedDemo()
        let base = ["--config", "demo/feeds.json", "--data", "data"]
        let unmatched = try horizon.run(arguments: base + ["search", "--format", "json", "--limit", "100"])
        let items = try #require(
            try JSONSerialization.jsonObject(with: Data(unmatched.stdout.utf8)) as? [[String: Any]])
        let lonely = items.filter { ($0["matches"] as? [Any])?.isEmpty == true }.compactMap { $0["id"] as? String }
        #expect(lonely.count >= 2)
        try horizon.run(arguments: base + ["mark", "--hub", "dorset", lonely[0], "--status", "watching"])
        // Make every item look first seen in 2020.
        let path = directory.file("data/catalogue.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let aged = try Regex(#""firstSeen":"[^"]*""#)
        try Data(text.replacing(aged, with: #""firstSeen":"2020-01-01T00:00:00Z""#).utf8).write(
            to: URL(fileURLWithPath: path))
        let prune = try horizon.run(arguments: base + ["prune", "--older-than", "30"])
        #expect(prune.status == 0)
        #expect(prune.stdout.hasPrefix("\(lonely.count - 1) of 11 items removed"), "\(prune.stdout)")
        let kept = try horizon.run(arguments: base + ["search", "status:watching", "--format", "json"])
        let found = try #require(try JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [[String: Any]])
        #expect(found.map { $0["id"] as? String } == [lonely[0]])
        #expect(try horizon.run(arguments: base + ["show", lonely[1]]).status == 64)
    }
}
