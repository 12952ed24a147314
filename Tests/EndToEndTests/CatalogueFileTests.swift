import Foundation
import HorizonTesting
import Testing

@Suite("The catalogue file", .serialized)
struct CatalogueFileTests {
    /// Validates a JSON file against schema/catalogue.schema.json with Python's jsonschema.
    func validate(_ file: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
            file, repositoryRoot() + "/schema/catalogue.schema.json",
        ]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    @Test("the catalogue the demo writes is valid against the JSON Schema; a broken one is not")
    func schema() throws {
        let (directory, horizon) = try demo()
        #expect(try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch").status == 0)
        let (status, message) = try validate(directory.file("data/catalogue.json"))
        #expect(status == 0, "\(message)")
        var object = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: directory.file("data/catalogue.json")))) as? [String: Any])
        var items = try #require(object["items"] as? [[String: Any]])
        // The demo keeps HTML: summaries marked up by their feed carry it, sanitized; plain ones do not.
        let marked = items.compactMap { $0["summaryHTML"] as? String }
        #expect(!marked.isEmpty)
        #expect(marked.allSatisfy { $0.contains("<p>") && !$0.lowercased().contains("<script") })
        #expect(items.contains { $0["summaryHTML"] == nil })
        items[0]["id"] = "not-an-id"
        object["items"] = items
        try JSONSerialization.data(withJSONObject: object).write(
            to: URL(fileURLWithPath: directory.file("broken.json")))
        let (brokenStatus, brokenMessage) = try validate(directory.file("broken.json"))
        #expect(brokenStatus != 0)
        #expect(brokenMessage.contains("not-an-id"))
    }

    @Test("show explains an item's sources and matches; prune removes old unmatched items only")
    func showAndPrune() throws {
        let (directory, horizon) = try demo()
        #expect(try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch").status == 0)
        let search = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "search", "virtual", "wards", "--format", "json")
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])?.first?["id"]
                as? String)
        let show = try horizon.run("--config", "demo/feeds.json", "--data", "data", "show", id)
        #expect(show.status == 0)
        #expect(show.stdout.contains("Sources (3):"))
        #expect(show.stdout.contains("(primary; seen"))
        #expect(show.stdout.contains("(same URL; seen"))
        #expect(show.stdout.contains("(same story (0."))
        #expect(show.stdout.contains("dorset / ageing-frailty"))
        let json = try horizon.run("--config", "demo/feeds.json", "--data", "data", "show", id, "--format", "json")
        #expect(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["id"] as? String == id)
        #expect(
            try horizon.run("--config", "demo/feeds.json", "--data", "data", "show", "0000000000000000").status == 64)

        // Age the catalogue by a year: the 3 unmatched items go, the 8 matched stay.
        let path = directory.file("data/catalogue.json")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        text = text.replacingOccurrences(of: "\"firstSeen\":\"\(year)-", with: "\"firstSeen\":\"\(year - 1)-")
        try directory.write("data/catalogue.json", text)
        let dry = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "prune", "--older-than", "30", "--dry-run")
        #expect(dry.stdout.hasPrefix("3 of 11 items would be removed"))
        let pruned = try horizon.run("--config", "demo/feeds.json", "--data", "data", "prune", "--older-than", "30")
        #expect(pruned.stdout.hasPrefix("3 of 11 items removed"))
        let remaining = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect((remaining["items"] as? [Any])?.count == 8)
    }
}
