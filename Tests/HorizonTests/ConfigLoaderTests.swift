import Foundation
import HorizonCore
import HorizonTesting
import Testing

@Suite("Configuration")
struct ConfigLoaderTests {
    static let valid = """
        {
          "feeds": [
            {"id": "nhs", "url": "https://www.england.nhs.uk/feed/", "title": "NHS England"},
            {"id": "local", "url": "file:samples/local.xml", "title": "Local"}
          ],
          "themes": [{"id": "frailty", "name": "Frailty", "include": ["frailty"], "exclude": ["anti-ageing"]}],
          "hubs": [{"id": "dorset", "name": "Dorset", "themes": ["frailty"]}]
        }
        """

    func parse(_ json: String) throws(ConfigError) -> HorizonConfig {
        try ConfigLoader.parse(
            Data(json.utf8), label: "feeds.json", baseDirectory: URL(fileURLWithPath: "/srv/horizon"))
    }

    func message(_ json: String) -> String? {
        do {
            _ = try parse(json)
            return nil
        } catch {
            return error.message
        }
    }

    /// `valid` with one substring replaced.
    func variant(_ target: String, _ replacement: String) -> String {
        precondition(ConfigLoaderTests.valid.contains(target))
        return ConfigLoaderTests.valid.replacingOccurrences(of: target, with: replacement)
    }

    @Test("a valid configuration loads, relative file: URLs resolved against its folder")
    func valid() throws {
        let config = try parse(ConfigLoaderTests.valid)
        #expect(config.feeds.map(\.id) == ["nhs", "local"])
        #expect(config.feeds[1].url == "file:///srv/horizon/samples/local.xml")
        #expect(config.themes.first?.exclude == ["anti-ageing"])
        #expect(config.hubs.first?.themes == ["frailty"])
    }

    static let errors: [(String, String, String)] = [
        ("\"url\": \"https://www.england.nhs.uk/feed/\", ", "", "feeds.json: feeds[0] (\"nhs\"): url is missing"),
        (
            "https://www.england.nhs.uk/feed/", "ftp://example.org/feed",
            "feeds.json: feeds[0] (\"nhs\"): url \"ftp://example.org/feed\" must be http, https or file"
        ),
        ("\"id\": \"local\"", "\"id\": \"nhs\"", "feeds.json: feeds[1] (\"nhs\"): duplicate feed id \"nhs\""),
        (
            "\"themes\": [\"frailty\"]", "\"themes\": [\"frailty\", \"winter\"]",
            "feeds.json: hubs[0] (\"dorset\"): themes[1]: unknown theme id \"winter\""
        ),
        ("\"include\": [\"frailty\"], ", "", "feeds.json: themes[0] (\"frailty\"): include is missing"),
        (
            "\"include\": [\"frailty\"]", "\"include\": []",
            "feeds.json: themes[0] (\"frailty\"): include is empty: a theme needs at least one term"
        ),
        ("\"name\": \"Dorset\", ", "", "feeds.json: hubs[0] (\"dorset\"): name is missing"),
        ("\"id\": \"nhs\", ", "\"id\": 7, ", "feeds.json: feeds[0]: id must be a string"),
        (
            "\"id\": \"nhs\", ", "\"id\": \"nhs england\", ",
            "feeds.json: feeds[0] (\"nhs england\"): id may hold only letters, digits, '-', '_' and '.'"
        ),
        (
            "https://www.england.nhs.uk/feed/", "https://",
            "feeds.json: feeds[0] (\"nhs\"): url \"https://\" is not a valid URL"
        ),
    ]

    @Test("invalid configurations are refused with one line naming the place", arguments: errors)
    func invalid(_ target: String, _ replacement: String, _ expected: String) {
        #expect(message(variant(target, replacement)) == expected)
    }

    @Test("fetch limits: read when given, checked, and applied to the run")
    func fetchLimits() throws {
        let config = try parse(
            variant(
                "\"hubs\":",
                "\"fetch\": {\"maxPerHost\": 4, \"maxConcurrent\": 8, \"timeoutSeconds\": 30, \"maxBodyMB\": 2}, \"hubs\":"
            ))
        #expect(config.fetchLimits == FetchLimits(maxConcurrent: 8, maxPerHost: 4, timeoutSeconds: 30, maxBodyMB: 2))
        #expect(
            message(variant("\"hubs\":", "\"fetch\": {\"maxPerHost\": 0}, \"hubs\":"))
                == "feeds.json: fetch: maxPerHost must be above 0")
        #expect(try parse(ConfigLoaderTests.valid).fetchLimits == FetchLimits())
    }

    @Test("missing top-level keys and bad JSON")
    func structure() {
        #expect(message("{\"themes\": [], \"hubs\": []}") == "feeds.json: feeds is missing")
        #expect(message("[1, 2]") == "feeds.json: the top level must be a JSON object with feeds, themes and hubs")
        #expect(message("{\"feeds\": [,]}") == "feeds.json: line 1, column 12: not valid JSON (Invalid value)")
    }

    @Test(
        "a JSON syntax error is placed by line and column",
        arguments: [
            ("{\n  \"feeds\": [\n    {\"id\": \"a\",, \"url\": \"x\"}\n  ]\n}\n", "line 3, column 16"),
            ("{\n  \"feeds\": [\n", "line 3, column 1"),
            ("{\"contact\": \"é\", \"feeds\": [}", "line 1, column 28"),  // characters, not bytes
        ])
    func syntaxPosition(text: String, position: String) {
        let found = message(text) ?? ""
        #expect(found.hasPrefix("feeds.json: \(position): not valid JSON ("), "\(found)")
    }

    @Test(
        "an unknown key anywhere is an error that names its path and the closest known key",
        arguments: [
            ("hubs", "recipents", "hubs[0].recipents: unknown key; did you mean \"recipients\"?"),
            ("matching", "treshold", "matching.treshold: unknown key; did you mean \"threshold\"?"),
            ("themes", "exlude", "themes[0].exlude: unknown key; did you mean \"exclude\"?"),
            ("feeds", "titel", "feeds[0].titel: unknown key; did you mean \"title\"?"),
            ("root", "hubz", "hubz: unknown key; did you mean \"hubs\"?"),
            (
                "hubs", "colour",
                "hubs[0].colour: unknown key; known keys here: id, name, placeBoost, places, recipients, sendEmpty, themes, threshold, webhook"
            ),
        ])
    func unknownKeys(place: String, key: String, expected: String) throws {
        var root = try #require(
            try JSONSerialization.jsonObject(with: Data(ConfigLoaderTests.valid.utf8)) as? [String: Any])
        switch place {
        case "root":
            root[key] = 1
        case "matching":
            root["matching"] = [key: 3]
        default:
            var list = try #require(root[place] as? [[String: Any]])
            list[0][key] = "x"
            root[place] = list
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
        #expect(message(text) == "feeds.json: \(expected)")
    }

    @Test("a misspelt key inside a term object is found too")
    func unknownTermKey() throws {
        var root = try #require(
            try JSONSerialization.jsonObject(with: Data(ConfigLoaderTests.valid.utf8)) as? [String: Any])
        var themes = try #require(root["themes"] as? [[String: Any]])
        themes[0]["include"] = [["term": "frailty", "wieght": 2]]
        root["themes"] = themes
        let text = String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
        #expect(message(text) == "feeds.json: themes[0].include[0].wieght: unknown key; did you mean \"weight\"?")
    }

    @Test(
        "closest known names",
        arguments: [
            ("recipents", "recipients"), ("titel", "title"), ("dorsett", "dorset"), ("frailty", nil), ("xyz", nil),
        ] as [(String, String?)])
    func suggestions(typed: String, expected: String?) {
        #expect(
            Suggestion.closest(typed, among: ["recipients", "title", "dorset", "ageing-frailty", "id"]) == expected)
    }

    @Test("a missing file is named")
    func missingFile() {
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/feeds.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "/nonexistent/feeds.json: cannot read the file (no such file)")
        }
    }

    @Test("the shipped feeds.json and the demo configuration are valid")
    func shippedConfigs() throws {
        let root = repositoryRoot()
        let real = try ConfigLoader.load(path: root + "/feeds.json")
        #expect(real.themes.count == 15)
        #expect(real.hub("dorset") != nil && real.hub("cheshire-merseyside") != nil)
        #expect(real.feeds.count >= 20)
        #expect(real.feeds.allSatisfy { $0.url.hasPrefix("http") })
        let demo = try ConfigLoader.load(path: root + "/demo/feeds.json")
        #expect(demo.feeds.allSatisfy { $0.url.hasPrefix("file:///") })
    }
}
