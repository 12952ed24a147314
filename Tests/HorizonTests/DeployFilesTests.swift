import Foundation
import HorizonTesting
import Testing

/// The operations guide's instructions for cron, systemd and Docker (docs/operations.md) must be the files in deploy/.
@Suite("Deployment files")
struct DeployFilesTests {
    let root = repositoryRoot()

    func read(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

    func jobLines(_ path: String) throws -> [String] {
        try read(path).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    @Test(
        "every line of the crontabs stands in the operations guide",
        arguments: ["deploy/crontab", "deploy/docker-crontab"])
    func crontabs(_ path: String) throws {
        let readme = try read("docs/operations.md")
        let lines = try jobLines(path)
        #expect(!lines.isEmpty)
        for line in lines { #expect(readme.contains(line + "\n"), "docs/operations.md lacks: \(line)") }
    }

    @Test("the systemd units exist, run horizon's commands, and the operations guide names each one")
    func systemd() throws {
        let readme = try read("docs/operations.md")
        let units = try FileManager.default.contentsOfDirectory(atPath: root + "/deploy/systemd").sorted()
        #expect(
            units == ["horizon-digest.service", "horizon-digest.timer", "horizon-fetch.service", "horizon-fetch.timer"])
        for unit in units { #expect(readme.contains(unit)) }
        for service in units where service.hasSuffix(".service") {
            let text = try read("deploy/systemd/" + service)
            let command = service == "horizon-fetch.service" ? "fetch" : "digest"
            #expect(text.contains("ExecStart=/usr/local/bin/horizon \(command) "))
            #expect(text.contains("Environment=HORIZON_DATA=/var/lib/horizon"))
        }
        #expect(try read("deploy/systemd/horizon-digest.timer").contains("OnCalendar=*-*-* 07:00:00"))
        #expect(try read("deploy/systemd/horizon-fetch.timer").contains("OnCalendar=hourly"))
    }

    @Test("the Dockerfile matches the operations guide's docker commands")
    func docker() throws {
        let dockerfile = try read("Dockerfile")
        let readme = try read("docs/operations.md")
        #expect(dockerfile.contains("VOLUME [\"/data\"]"))
        #expect(dockerfile.contains("ENTRYPOINT [\"horizon\"]"))
        #expect(dockerfile.contains("USER 10001:10001"))
        #expect(dockerfile.contains("HEALTHCHECK"))
        #expect(dockerfile.contains("COPY feeds.json /etc/horizon/feeds.json"))
        #expect(readme.contains("docker run --rm -v horizon-data:/data horizon fetch"))
        #expect(dockerfile.filter { $0 == "\n" }.count > 10)
        #expect(dockerfile.components(separatedBy: "\nFROM ").count == 3, "two stages")
    }
}
