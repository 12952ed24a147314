import Foundation
import HorizonTesting
import Testing

/// The command line as an analyst uses it: tables that fit, advice on typos, empty results explained.
@Suite("A command line analysts enjoy", .serialized)
struct AnalystCommandLineTests {
    let base = ["--config", "demo/feeds.json", "--data", "data"]

    func fetched() throws -> (TemporaryDirectory, Horizon) {
        let (directory, horizon) = try demo()
        _ = try horizon.run(arguments: base + ["fetch", "--quiet"])
        return (directory, horizon)
    }

    @Test("in an 80-column terminal the search table fits, statuses shown, titles keep the room; ids still work")
    func eightyColumns() throws {
        let (directory, horizon) = try fetched()
        defer { withExtendedLifetime(directory) {} }
        let all = try horizon.run(arguments: base + ["search", "--format", "json"]).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(all.utf8)) as? [[String: Any]])
        let id = try #require(rows.first?["id"] as? String)
        #expect(
            try horizon.run(arguments: base + ["mark", id, "--hub", "dorset", "--status", "shortlisted", "--by", "t"])
                .status == 0)
        let table = try horizon.runInTerminal(base + ["search", "--hub", "dorset"], columns: 80)
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 4)
        for line in lines {
            let visible = line.replacingOccurrences(of: "\u{1B}[1;33m", with: "").replacingOccurrences(
                of: "\u{1B}[0m", with: "")
            #expect(visible.count <= 80, "\(visible.count): \(visible)")
        }
        #expect(lines[0].hasPrefix("ID "))
        #expect(lines[0].contains("STATUS") && lines[0].contains("TITLE"))
        #expect(lines.contains { $0.contains("shortlisted") })
        // The title gets at least 40 of the 80 columns.
        let titleStart = try #require(lines[0].range(of: "TITLE")).lowerBound.utf16Offset(in: lines[0])
        #expect(80 - titleStart >= 40, "\(lines[0])")
        #expect(lines.contains { $0.hasSuffix("…") && $0.count == 80 })
        // The short ids the table shows are accepted by show.
        let shortID = try #require(lines.dropFirst().first?.split(separator: " ").first.map(String.init))
        #expect(shortID.count >= 8 && shortID.count < 16)
        #expect(try horizon.run(arguments: base + ["show", shortID]).status == 0)
    }

    @Test("unknown hub, theme, feed and status values get the likely one; a misspelt word gets indexed words")
    func suggestions() throws {
        let (directory, horizon) = try fetched()
        defer { withExtendedLifetime(directory) {} }
        let hub = try horizon.run(arguments: base + ["search", "care", "--hub", "dorsett"])
        #expect(hub.status == 64)
        #expect(hub.stderr.contains("--hub \"dorsett\": no such hub in demo/feeds.json; did you mean \"dorset\"?"))
        let theme = try horizon.run(arguments: base + ["export", "--theme", "frailty"])
        #expect(theme.status == 64)
        #expect(theme.stderr.contains("did you mean \"ageing-frailty\"?"))
        let status = try horizon.run(arguments: base + ["search", "--status", "shortlist"])
        #expect(status.status == 64 && status.stderr.contains("did you mean \"shortlisted\"?"))
        let mark = try horizon.run(
            arguments: base + ["mark", "09e2", "--status", "watchng", "--hub", "dorset", "--by", "t"])
        #expect(mark.status == 64 && mark.stderr.contains("did you mean \"watching\"?"))
        let digest = try horizon.run(arguments: base + ["digest", "--hub", "dorst"])
        #expect(digest.status == 64 && digest.stderr.contains("did you mean \"dorset\"?"))
        let feed = try horizon.run(arguments: base + ["search", "care", "--feed", "nhs-englnd"])
        #expect(feed.stderr.contains("--feed \"nhs-englnd\": not in demo/feeds.json; did you mean \"nhs-england\"?"))
        // The feed filter is what emptied it, and the output says so.
        #expect(feed.stdout.hasPrefix("no items found: --feed nhs-englnd leaves none of the"))

        let word = try horizon.run(arguments: base + ["search", "fraility"])
        #expect(word.stdout == "no items found: no item has the word \"fraility\"; did you mean \"frailty\"?\n")
        let together = try horizon.run(arguments: base + ["search", "frailty", "pharmacy"])
        #expect(together.stdout.hasPrefix("no items found: the query's words never match together (items with each: "))
        let since = try horizon.run(arguments: base + ["search", "frailty", "--since", "2030-01-01"])
        #expect(since.stdout.hasPrefix("no items found: --since 2030-01-01 leaves none of the "))
    }

    @Test("export --hub carries only that hub's themes, best score and priority, in CSV and JSON")
    func exportPerHub() throws {
        let (directory, horizon) = try fetched()
        defer { withExtendedLifetime(directory) {} }
        // The demo's shared stories are matched by both hubs.
        let everything = try horizon.run(arguments: base + ["export", "--format", "json"]).stdout
        let all = try #require(try JSONSerialization.jsonObject(with: Data(everything.utf8)) as? [[String: Any]])
        let shared = all.filter { item in
            Set(((item["matches"] as? [[String: Any]]) ?? []).compactMap { $0["hub"] as? String }).count == 2
        }
        #expect(!shared.isEmpty)
        for hub in ["dorset", "cheshire-merseyside"] {
            let json = try horizon.run(arguments: base + ["export", "--hub", hub, "--format", "json"]).stdout
            let items = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(!items.isEmpty)
            for item in items {
                let hubs = Set(((item["matches"] as? [[String: Any]]) ?? []).compactMap { $0["hub"] as? String })
                #expect(hubs == [hub])
                #expect(Set((item["priorities"] as? [String: Double] ?? [:]).keys) == [hub])
                #expect((item["priority"] as? Double) == (item["priorities"] as? [String: Double])?[hub])
            }
            let csv = try horizon.run(arguments: base + ["export", "--hub", hub]).stdout
            let rows = csv.split(separator: "\r\n").dropFirst()
            #expect(rows.count == items.count)
            for item in items {
                let row = try #require(rows.first { $0.hasPrefix(item["id"] as? String ?? "?") })
                // Every theme in the row is the hub's; best_score is the hub's best.
                let best = ((item["matches"] as? [[String: Any]]) ?? []).compactMap { $0["score"] as? Double }.max()
                #expect(!row.contains(hub == "dorset" ? "cheshire-merseyside/" : "dorset/"))
                #expect(row.contains(String(format: ",%.3f,", best ?? -1)))
            }
        }
    }

    @Test("bash completion offers hub, theme, feed and status values from the configuration on the line")
    func completions() throws {
        let (directory, horizon) = try demo()
        let script = try horizon.run("--generate-completion-script", "bash")
        #expect(script.status == 0)
        try directory.write("horizon.bash", script.stdout)
        let folder = (Horizon.binary as NSString).deletingLastPathComponent
        // Bash's own completion machinery, as a shell runs it on <Tab>.
        try directory.write(
            "complete.sh",
            """
            export PATH='\(folder)':"$PATH"
            source ./horizon.bash
            offer() {
              COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
              COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
              _horizon horizon "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
              echo "$(printf '%s ' "${COMPREPLY[@]}")"
            }
            offer horizon --config demo/feeds.json search --hub ""
            offer horizon --config demo/feeds.json export --theme ageing
            offer horizon --config demo/feeds.json search --feed nhs
            offer horizon --config demo/feeds.json mark --status sh
            offer horizon --config demo/feeds.json search --status shortlisted,ass
            offer horizon --config demo/feeds.json digest --hub ches
            offer horizon --config missing.json search --hub ""

            """)
        let run = try ChildProcess.run("/bin/bash", ["complete.sh"], directory: directory.path)
        let lines = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        #expect(lines.count >= 7)
        #expect(lines[0] == "dorset cheshire-merseyside ")
        #expect(lines[1] == "ageing-frailty ")
        #expect(lines[2] == "nhs-england ")
        #expect(lines[3] == "shortlisted ")
        #expect(lines[4] == "shortlisted,assessing ")
        #expect(lines[5] == "cheshire-merseyside ")
        #expect(lines[6] == " ")  // nothing offered
    }
}
