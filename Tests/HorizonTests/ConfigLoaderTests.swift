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
        let bad = message("{\"feeds\": [,]}") ?? ""
        #expect(bad.hasPrefix("feeds.json: not valid JSON ("))
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
