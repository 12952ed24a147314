import Foundation
import HorizonTesting
import Testing

@Suite("horizon themes", .serialized)
struct ThemesCommandTests {
    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("test --text prints the themes, scores and reasons; --format json has the agreed shape")
    func testText() throws {
        let (directory, horizon) = try demo()
        defer { withExtendedLifetime(directory) {} }
        let text = try horizon.run(
            "--config", "demo/feeds.json", "themes", "test", "--text",
            "Virtual ward for older people living with frailty")
        #expect(text.status == 0)
        #expect(text.stdout.contains("✓ ageing-frailty"))
        #expect(text.stdout.contains("✓ hospital-to-community"))
        #expect(text.stdout.contains("virtual ward (title, +3)"))
        // With a hub, every part of a score is listed, its place boost too, and they add up.
        let local = try horizon.run(
            "--config", "demo/feeds.json", "themes", "test", "--hub", "dorset", "--text",
            "Poole hospital trials virtual ward for frail older people")
        let line = local.stdout.split(separator: "\n").first { $0.contains("✓ ageing-frailty") } ?? ""
        #expect(line.contains("place Poole (title, +"), "\(line)")
        let parts = line.split(separator: "+").dropFirst().compactMap { Double($0.prefix { $0.isNumber || $0 == "." }) }
        let score = line.split(separator: " ").dropFirst(2).first.flatMap { Double($0.dropLast()) }
        #expect(score != nil && abs(parts.reduce(0, +) - (score ?? 0)) < 0.01, "\(line)")

        let result = try horizon.run(
            "--config", "demo/feeds.json", "themes", "test", "--text", "Maternity pay rises", "--format", "json")
        #expect(result.status == 0)
        let array = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array[0]["id"] as? String == "text")
        #expect((array[0]["themes"] as? [String]) == [])
        #expect((array[0]["scores"] as? [String: Double]) == [:])
        let explanation = try #require((array[0]["explanations"] as? [[String: Any]])?.first)
        #expect(explanation["theme"] as? String == "maternity-neonatal")
        #expect(explanation["vetoed"] as? Bool == true)
    }

    @Test("test --file with a hub scores every item for that hub")
    func testFile() throws {
        let (directory, horizon) = try demo()
        try directory.write(
            "items.json",
            """
            {"items": [
              {"id": "a", "title": "Falls sensors in Poole care homes", "summary": "Older people in care homes."},
              {"id": "b", "title": "Shared care record for Liverpool", "summary": "Data sharing across the region."},
              {"id": "c", "title": "Your horoscope: Cancer", "summary": ""}
            ]}
            """)
        let result = try horizon.run(
            "--config", "demo/feeds.json", "themes", "test", "--file", "items.json", "--hub", "dorset", "--format",
            "json")
        #expect(result.status == 0)
        let array = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(array.map { $0["id"] as? String } == ["a", "b", "c"])
        #expect((array[0]["themes"] as? [String])?.contains("ageing-frailty") == true)
        let scores = try #require(array[0]["scores"] as? [String: Double])
        #expect((scores["ageing-frailty"] ?? 0) > 0)
        #expect((array[1]["themes"] as? [String])?.contains("data-evaluation") == false)  // not a Dorset theme
        #expect((array[2]["themes"] as? [String]) == [])

        let missing = try horizon.run("--config", "demo/feeds.json", "themes", "test", "--file", "nope.json")
        #expect(missing.status == 64)
        #expect(missing.stderr == "error: nope.json: cannot read the file\n")
    }

    @Test("eval prints precision, recall and F1 at item and label level")
    func eval() throws {
        let (directory, horizon) = try demo()
        try directory.write(
            "labelled.json",
            """
            {"items": [
              {"id": "1", "title": "Frailty virtual ward", "summary": "", "labels": ["ageing-frailty", "hospital-to-community"]},
              {"id": "2", "title": "Your horoscope: Cancer", "summary": "", "labels": []},
              {"id": "3", "title": "Council meeting", "summary": "", "labels": ["workforce"]}
            ]}
            """)
        let result = try horizon.run(
            "--config", "demo/feeds.json", "themes", "eval", "--labelled", "labelled.json", "--format", "json")
        #expect(result.status == 0)
        let report = try #require(try json(result.stdout) as? [String: Any])
        let items = try #require(report["items"] as? [String: Double])
        #expect(items["precision"] == 1)
        #expect(items["recall"] == 0.5)
        let labels = try #require(report["labels"] as? [String: Double])
        #expect(labels["tp"] == 2)
        #expect(labels["fn"] == 1)
        let text = try horizon.run("--config", "demo/feeds.json", "themes", "eval", "--labelled", "labelled.json")
        #expect(text.stdout.contains("items (relevant or not)"))
        #expect(text.stdout.contains("3: -[workforce] +[]"))
    }

    @Test("rematch reports what each hub gained and lost, and --dry-run saves nothing")
    func rematch() throws {
        let (directory, horizon) = try demo()
        #expect(try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json")))
        let unchanged = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "themes", "rematch", "--dry-run")
        #expect(unchanged.stdout.hasPrefix("no hub or theme gained or lost an item"))

        // Drop "frailty" and "older people" from the ageing theme: frailty stories leave Dorset's ageing theme.
        var config = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: directory.file("demo/feeds.json")))) as? [String: Any])
        var themes = try #require(config["themes"] as? [[String: Any]])
        let index = try #require(themes.firstIndex { $0["id"] as? String == "ageing-frailty" })
        themes[index]["include"] = ["falls prevention"]
        config["themes"] = themes
        try JSONSerialization.data(withJSONObject: config).write(
            to: URL(fileURLWithPath: directory.file("demo/changed.json")))

        let dry = try horizon.run("--config", "demo/changed.json", "--data", "data", "themes", "rematch", "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("dorset/ageing-frailty"))
        #expect(dry.stdout.contains("(dry run: nothing saved)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json"))) == before)

        let applied = try horizon.run("--config", "demo/changed.json", "--data", "data", "themes", "rematch")
        #expect(applied.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json"))) != before)
        let again = try horizon.run("--config", "demo/changed.json", "--data", "data", "themes", "rematch", "--dry-run")
        #expect(again.stdout.hasPrefix("no hub or theme gained or lost an item"))
    }
}
