import Foundation
import HorizonTesting
import Testing

@Suite("horizon config check")
struct ConfigCheckTests {
    @Test("the shipped configuration and a fresh data directory are fine")
    func shipped() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: repositoryRoot() + "/feeds.json", toPath: directory.file("feeds.json"))
        let result = try Horizon(directory: directory.path).run("config", "check")
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "feeds.json: ok: 34 feeds, 15 themes, 2 hubs\ndata: ok: not created yet (the first fetch creates it)\n"
        )
    }

    @Test("every problem on its own line with its place, exit 64")
    func problems() throws {
        let directory = TemporaryDirectory()
        try directory.write(
            "feeds.json",
            """
            {"feeds": [{"id": "a", "url": "https://x.org/f"}, {"id": "b", "url": "https://x.org/f"}, {"id": "c"},
                       {"id": "a", "url": "ftp://y.org/f"}, {"id": "d", "url": "https://d.org/f", "title": 5}],
             "themes": [{"id": "t1", "name": "T1", "include": ["x", {"term": "y", "weight": -1}]}, {"id": "t2", "name": "T2", "include": []}],
             "hubs": [{"id": "h", "name": "H", "themes": []},
                      {"id": "h2", "name": "H2", "themes": ["t9"]},
                      {"id": "h3", "name": "H3", "themes": ["t2"], "recipients": ["team@example.org", "not an address"]}],
             "matching": {"threshold": "high"}}
            """)
        let result = try Horizon(directory: directory.path).run("config", "check")
        #expect(result.status == 64)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let expected = [
            "feeds.json: themes[0] (\"t1\"): include[1]: weight must be above 0",
            "feeds.json: themes[1] (\"t2\"): include is empty: a theme needs at least one term",
            "feeds.json: hubs[1] (\"h2\"): themes[0]: unknown theme id \"t9\"",
            "feeds.json: feeds[2] (\"c\"): url is missing",
            "feeds.json: feeds[3] (\"a\"): duplicate feed id \"a\"",
            "feeds.json: feeds[4] (\"d\"): title must be a string",
            "feeds.json: matching: threshold must be a number",
            "feeds.json: feeds[1] (\"b\"): url is the same as feed \"a\"'s",
            "feeds.json: hubs[0] (\"h\"): themes is empty: the hub will match nothing",
            "feeds.json: hubs[2] (\"h3\"): has recipients but smtp is missing (smtp.url and smtp.from)",
            "feeds.json: hubs[2] (\"h3\"): recipients[1] \"not an address\" is not an email address",
        ]
        #expect(lines == expected)
    }

    @Test("SMTP settings are checked when present")
    func smtp() throws {
        let directory = TemporaryDirectory()
        try directory.write(
            "feeds.json",
            """
            {"feeds": [], "themes": [{"id": "t", "name": "T", "include": ["x"]}],
             "hubs": [{"id": "h", "name": "H", "themes": ["t"], "recipients": ["team@example.org"]}],
             "smtp": {"url": "http://mail.example.org", "from": "horizon@example.org"}}
            """)
        let result = try Horizon(directory: directory.path).run("config", "check")
        #expect(result.status == 64)
        #expect(
            result.stdout.contains("feeds.json: smtp: url \"http://mail.example.org\" must be smtp:// or smtps://\n"))
        #expect(result.stdout.contains("feeds.json: feeds is empty: nothing will be fetched\n"))
    }

    @Test("the data directory: not a directory, unreadable catalogue, cannot be created")
    func dataDirectory() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: repositoryRoot() + "/feeds.json", toPath: directory.file("feeds.json"))
        let horizon = Horizon(directory: directory.path)
        try directory.write("file", "x")
        let notDirectory = try horizon.run("config", "check", "--data", "file")
        #expect(notDirectory.status == 64)
        #expect(notDirectory.stdout == "file: the data directory is not a directory\n")
        try directory.write("data/catalogue.json", "{broken")
        let broken = try horizon.run("config", "check")
        #expect(broken.status == 64)
        #expect(broken.stdout.hasPrefix("data/catalogue.json: the catalogue is not valid JSON"))
        let nowhere = try horizon.run("config", "check", "--data", "file/data")
        #expect(nowhere.status == 64)
        #expect(nowhere.stdout == "file/data: the data directory does not exist and file is not a directory\n")
    }
}

@Suite("Shell completions")
struct CompletionTests {
    @Test("completion scripts are generated for bash, zsh and fish", arguments: ["bash", "zsh", "fish"])
    func completions(_ shell: String) throws {
        let result = try Horizon(directory: NSTemporaryDirectory()).run("--generate-completion-script", shell)
        #expect(result.status == 0)
        #expect(result.stdout.contains("horizon"))
        #expect(result.stdout.contains("fetch"))
    }
}
