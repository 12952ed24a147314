import Foundation
import HorizonTesting
import Testing

/// A hub that, by its decisions, wants falls and frailty stories and not rostering ones, through real runs.
@Suite("Learning through runs", .serialized)
struct LearningRunTests {
    let places = [
        "Poole", "Wirral", "Leeds", "Derby", "Hull", "Bath", "York", "Ely", "Truro", "Wells", "Ripon", "Looe",
    ]

    func feed(_ stories: [(id: String, title: String, summary: String)]) -> String {
        var xml =
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>https://example.org/</link>"
        for story in stories {
            xml +=
                "<item><title>\(story.title)</title><link>https://example.org/\(story.id)</link><guid>\(story.id)</guid>"
                + "<pubDate>Mon, 30 Nov 2026 09:00:00 GMT</pubDate><description>\(story.summary)</description></item>"
        }
        return xml + "</channel></rss>"
    }

    func priorities(_ directory: TemporaryDirectory) throws -> [String: Double] {
        let object = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json"))))
                as? [String: Any])
        var result: [String: Double] = [:]
        for item in (object["items"] as? [[String: Any]]) ?? [] {
            let link = (item["link"] as? String ?? "").replacingOccurrences(of: "https://example.org/", with: "")
            result[link] = (item["priorities"] as? [String: Double])?["h"]
        }
        return result
    }

    @Test("decisions move the priorities of undecided stories at the next run, even one that brings nothing new")
    func learnsThroughRuns() throws {
        let directory = TemporaryDirectory()
        let horizon = Horizon(directory: directory.path)
        var stories: [(id: String, title: String, summary: String)] = []
        for n in 0..<12 {
            stories.append(
                (
                    "w\(n)", "Falls team in \(places[n]) helps frail patients",
                    "Frailty and falls at home, with NHS nurses."
                ))
            stories.append(
                (
                    "u\(n)", "Rostering system for \(places[n]) hospital staff",
                    "Workforce rostering software for NHS wards."
                ))
        }
        stories.append(
            ("new-falls", "Falls service for frail patients in Dorset", "Frailty support at home from NHS nurses."))
        stories.append(
            ("new-rota", "Rostering software for Dorset hospital staff", "Workforce rostering for NHS wards."))
        _ = try directory.write("feed.xml", feed(stories))
        _ = try directory.write(
            "feeds.json",
            """
            {"feeds": [{"id": "f", "url": "file:feed.xml"}],
             "themes": [{"id": "care", "name": "Care", "include": ["falls", "frailty", "rostering", "workforce"]}],
             "hubs": [{"id": "h", "name": "Hub", "themes": ["care"]}],
             "matching": {"context": true}}
            """)
        let base = ["--config", "feeds.json", "--data", "data"]
        #expect(try horizon.run(arguments: base + ["fetch", "--quiet"]).status == 0)
        let before = try priorities(directory)
        #expect(before.count == 26)

        // 24 decisions, by id: falls wanted, rostering rejected.
        let json = try horizon.run(arguments: base + ["search", "--format", "json", "--limit", "100"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        func ids(_ prefix: String) -> [String] {
            items.filter { ($0["link"] as? String ?? "").hasPrefix("https://example.org/\(prefix)") }
                .compactMap { $0["id"] as? String }
        }
        try horizon.run(arguments: base + ["mark", "--hub", "h", "--status", "shortlisted", "--by", "t"] + ids("w"))
        try horizon.run(arguments: base + ["mark", "--hub", "h", "--status", "rejected", "--by", "t"] + ids("u"))

        // The feed has not changed: the run brings nothing, but applies the decisions.
        #expect(try horizon.run(arguments: base + ["fetch", "--quiet", "--all"]).status == 0)
        let after = try priorities(directory)
        let wanted = (try #require(before["new-falls"]), try #require(after["new-falls"]))
        let unwanted = (try #require(before["new-rota"]), try #require(after["new-rota"]))
        #expect(wanted.1 > wanted.0, "\(wanted)")
        #expect(unwanted.1 < unwanted.0 && unwanted.1 < 0.2, "\(unwanted)")
        // Decided stories keep their priorities.
        for n in 0..<12 { #expect(after["w\(n)"] == before["w\(n)"] && after["u\(n)"] == before["u\(n)"]) }
        // The noise is out of the digest, still searchable.
        let digest = try horizon.run(arguments: base + ["digest", "--seen-since", "3000d", "--dry-run"]).stdout
        let search = try horizon.run(arguments: base + ["search", "Rostering Dorset"]).stdout
        #expect(search.contains("Rostering software for Dorset hospital staff"))
        // The 12 shortlisted stories and the new falls story; not the rejected ones, nor the new rota story.
        #expect(digest.contains("h: 13 items"), "\(digest)")
        // Fewer than learnAfter: nothing moves.
        _ = try directory.write(
            "strict.json",
            try String(contentsOfFile: directory.file("feeds.json"), encoding: .utf8).replacingOccurrences(
                of: "\"context\": true", with: "\"context\": true, \"learnAfter\": 30"))
        try horizon.run(arguments: ["--config", "strict.json", "--data", "data", "themes", "rematch"])
        #expect(try priorities(directory)["new-rota"] == before["new-rota"])
    }
}
