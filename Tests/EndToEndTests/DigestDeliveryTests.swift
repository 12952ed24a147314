import Foundation
import HorizonTesting
import Testing

/// A real SMTP server (Python's aiosmtpd, Tests/Support/smtp_server.py) on 127.0.0.1.
final class SMTPServer {
    let process = Process()
    let input = Pipe()
    let port: Int
    let mailbox: String

    init(mailbox: String, refuse: Bool = false, user: String? = nil, password: String? = nil, delay: Double = 0) throws
    {
        self.mailbox = mailbox
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", repositoryRoot() + "/Tests/Support/smtp_server.py", "--dir", mailbox]
        if refuse { arguments.append("--refuse") }
        if delay > 0 { arguments += ["--delay", "\(delay)"] }
        if let user, let password { arguments += ["--user", user, "--password", password] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("ready "),
            let port = Int(text.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [
                    NSLocalizedDescriptionKey:
                        "the SMTP server did not start (is aiosmtpd installed? pip install aiosmtpd): \(text)"
                ])
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The messages received, in order, as files.
    var messages: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mailbox)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! }.map {
            mailbox + "/" + $0
        }
    }

    func envelope(_ message: String) throws -> [String: Any] {
        let path = String(message.dropLast(4)) + ".json"
        return try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }
}

@Suite("Digest delivery", .serialized)
struct DigestDeliveryTests {
    /// The demo with SMTP settings, recipients for Dorset and a webhook for Cheshire and Merseyside.
    func setUp(smtpPort: Int, webhook: String? = nil, admin: Bool = false) throws -> (TemporaryDirectory, Horizon) {
        let (directory, horizon) = try demo()
        let path = directory.file("demo/feeds.json")
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        config["smtp"] = [
            "url": "smtp://127.0.0.1:\(smtpPort)", "from": "Horizon <horizon@example.org>", "username": "horizon",
            "passwordEnv": "HORIZON_TEST_SMTP_PASSWORD",
        ]
        var hubs = try #require(config["hubs"] as? [[String: Any]])
        hubs[0]["recipients"] = ["innovation@dorset.example.org", "analyst@dorset.example.org"]
        if let webhook { hubs[1]["webhook"] = ["url": webhook, "kind": "teams"] }
        config["hubs"] = hubs
        if admin { config["digest"] = ["adminEmail": "ops@example.org"] }
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        #expect(try horizon.run("--config", "demo/feeds.json", "--data", "data", "fetch").status == 0)
        return (directory, horizon)
    }

    static let secret = "s3cret-Pa55"

    @Test("--send: a valid MIME message with both parts, the right headers and the items; a second send sends nothing")
    func send() throws {
        let mailbox = TemporaryDirectory()
        let smtp = try SMTPServer(mailbox: mailbox.path, user: "horizon", password: DigestDeliveryTests.secret)
        let webhook = try TestHTTPServer { _ in .init(status: 200, contentType: "text/plain", body: "1") }
        let (directory, horizon) = try setUp(smtpPort: smtp.port, webhook: webhook.url("/hook"), admin: true)
        let environment = ["HORIZON_TEST_SMTP_PASSWORD": DigestDeliveryTests.secret]
        let result = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--log-level", "debug",
            environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            !result.stdout.contains(DigestDeliveryTests.secret) && !result.stderr.contains(DigestDeliveryTests.secret))

        // The hub's digest, then the feed problems for the administrators.
        #expect(smtp.messages.count == 2)
        let message = try #require(smtp.messages.first)
        let envelope = try smtp.envelope(message)
        #expect(envelope["from"] as? String == "horizon@example.org")
        #expect(envelope["to"] as? [String] == ["innovation@dorset.example.org", "analyst@dorset.example.org"])
        let mail = try ParsedMail(file: message)
        #expect(mail.defects.isEmpty)
        #expect(mail.type == "multipart/alternative")
        #expect(mail.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(mail.parts.allSatisfy { $0.charset == "utf-8" })
        #expect(mail.header("From") == "Horizon <horizon@example.org>")
        #expect(mail.header("To") == "innovation@dorset.example.org, analyst@dorset.example.org")
        #expect(mail.header("Subject")?.hasPrefix("Horizon digest for Dorset Innovation Hub: 8 stories (") == true)
        #expect(mail.header("Message-ID")?.hasSuffix("@example.org>") == true)
        #expect(mail.header("Date")?.hasSuffix("+0000") == true)
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(
            mail.parts[0].text.contains("Virtual wards to support 50,000 more older people with frailty this winter"))
        // Hub readers get one line on the feeds; the administrators get which feed and why.
        #expect(mail.parts[0].text.contains("! Feeds: 1 of 5 feeds could not be read."))
        #expect(!mail.parts[0].text.contains("Retired feed"))
        let report = try ParsedMail(file: smtp.messages[1])
        #expect(try smtp.envelope(smtp.messages[1])["to"] as? [String] == ["ops@example.org"])
        #expect(report.header("Subject")?.hasPrefix("Horizon feed problems: 1 of 5 feeds could not be read") == true)
        #expect(report.parts.map(\.type) == ["text/plain"])
        #expect(report.parts[0].text.contains("- Retired feed (missing on purpose"))
        #expect(report.parts[0].text.contains("Couldn't open file"))
        #expect(
            mail.parts[1].text.contains("<a href=\"https://www.england.nhs.uk/2026/11/virtual-wards-frailty-winter/\""))
        #expect(!mail.parts[0].text.contains("horoscope"))

        // The webhook got a Teams message card for Cheshire and Merseyside.
        let post = try #require(webhook.requests.first { $0.method == "POST" })
        #expect(post.headers["content-type"] == "application/json")
        let card = try #require(try JSONSerialization.jsonObject(with: Data(post.body)) as? [String: String])
        #expect(card["@type"] == "MessageCard")
        #expect(card["title"] == "Horizon digest: Cheshire and Merseyside (Health Innovation North West Coast)")
        #expect(
            card["text"]?.contains(
                "[Liverpool trusts go live with shared electronic patient record](https://www.digitalhealth.net/2026/11/liverpool-epr-go-live/)"
            ) == true)

        let state = try String(contentsOfFile: directory.file("data/digest-state.json"), encoding: .utf8)
        #expect(state.contains("\"dorset\"") && state.contains("\"cheshire-merseyside\""))

        let again = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "digest", "--send", environment: environment)
        #expect(again.status == 0)
        // Nothing new for the hubs, and the same feed problems are not sent twice in a day.
        let subjects = try smtp.messages.map { try ParsedMail(file: $0).header("Subject") ?? "" }
        #expect(smtp.messages.count == 2, "\(subjects)")
        #expect(webhook.requests.filter { $0.method == "POST" }.count == 1)
    }

    @Test("a server that refuses the message leaves the state unchanged; the next delivery sends the same stories")
    func refused() throws {
        let refusing = try SMTPServer(mailbox: TemporaryDirectory().path, refuse: true)
        let (directory, horizon) = try setUp(smtpPort: refusing.port)
        let environment = ["HORIZON_TEST_SMTP_PASSWORD": "x"]
        let result = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--hub", "dorset",
            environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: digest dorset: 8 items"))
        #expect(result.stderr.contains("email: not sent: "))
        #expect(result.stderr.contains("550"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("data/digest-state.json")))

        let mailbox = TemporaryDirectory()
        let accepting = try SMTPServer(mailbox: mailbox.path)
        var config = try String(contentsOfFile: directory.file("demo/feeds.json"), encoding: .utf8)
        config = config.replacingOccurrences(of: "127.0.0.1:\(refusing.port)", with: "127.0.0.1:\(accepting.port)")
        try directory.write("demo/feeds.json", config)
        let retry = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--hub", "dorset",
            environment: environment)
        #expect(retry.status == 0)
        let mail = try ParsedMail(file: try #require(accepting.messages.first))
        #expect(mail.header("Subject")?.contains("8 stories") == true)
    }

    @Test("sendEmpty delivers a 'nothing new' digest; the password can come from a file")
    func sendEmptyAndPasswordFile() throws {
        let mailbox = TemporaryDirectory()
        let smtp = try SMTPServer(mailbox: mailbox.path, user: "horizon", password: "from-a-file")
        let (directory, horizon) = try setUp(smtpPort: smtp.port)
        try directory.write("smtp-password", "from-a-file\n")
        var config = try String(contentsOfFile: directory.file("demo/feeds.json"), encoding: .utf8)
        config = config.replacingOccurrences(
            of: "\"passwordEnv\":\"HORIZON_TEST_SMTP_PASSWORD\"",
            with: "\"passwordFile\":\"\(directory.file("smtp-password"))\"")
        config = config.replacingOccurrences(of: "\"hubs\":", with: "\"digest\":{\"sendEmpty\":true},\"hubs\":")
        try directory.write("demo/feeds.json", config)
        #expect(
            try horizon.run("--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--hub", "dorset")
                .status == 0)
        #expect(
            try horizon.run("--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--hub", "dorset")
                .status == 0)
        #expect(smtp.messages.count == 2)
        let empty = try ParsedMail(file: smtp.messages[1])
        #expect(empty.header("Subject")?.hasPrefix("Horizon digest for Dorset Innovation Hub: nothing new") == true)
        #expect(empty.parts[0].text.contains("Nothing new matched this hub's themes."))
        #expect(try smtp.envelope(smtp.messages[0])["login"] as? String == "horizon")
    }

    @Test("--dry-run writes, sends and records nothing; a missing password is a clear error")
    func dryRun() throws {
        let mailbox = TemporaryDirectory()
        let smtp = try SMTPServer(mailbox: mailbox.path)
        let (directory, horizon) = try setUp(smtpPort: smtp.port)
        let dry = try horizon.run("--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("dorset: 8 items; email: would send to 2 recipients"))
        #expect(dry.stdout.hasSuffix("(dry run: nothing written, sent or recorded)\n"))
        #expect(smtp.messages.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.file("data/digests")))
        #expect(!FileManager.default.fileExists(atPath: directory.file("data/digest-state.json")))
        let noPassword = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "digest", "--send", "--hub", "dorset")
        #expect(noPassword.status == 1)
        #expect(
            noPassword.stderr.contains(
                "the environment variable HORIZON_TEST_SMTP_PASSWORD (smtp.passwordEnv) is not set"))
    }

    @Test("formats md, html and txt are written; without --send a hub that has recipients keeps its state")
    func formats() throws {
        let smtp = try SMTPServer(mailbox: TemporaryDirectory().path)
        let (directory, horizon) = try setUp(smtpPort: smtp.port)
        let result = try horizon.run(
            "--config", "demo/feeds.json", "--data", "data", "digest", "--hub", "dorset", "--format", "md,html,txt",
            "--out", "out")
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.file("out")).sorted()
        #expect(files.map { ($0 as NSString).pathExtension } == ["html", "md", "txt"])
        #expect(!FileManager.default.fileExists(atPath: directory.file("data/digest-state.json")))
        let text = try String(contentsOfFile: directory.file("out/" + files[2]), encoding: .utf8)
        #expect(text.hasPrefix("HORIZON DIGEST: DORSET INNOVATION HUB\n"))
        // Cheshire and Merseyside has no recipients or webhook: its files are its delivery.
        #expect(
            try horizon.run("--config", "demo/feeds.json", "--data", "data", "digest", "--hub", "cheshire-merseyside")
                .status == 0)
        let state = try String(contentsOfFile: directory.file("data/digest-state.json"), encoding: .utf8)
        #expect(state.contains("cheshire-merseyside") && !state.contains("\"dorset\""))
        let bad = try horizon.run("--config", "demo/feeds.json", "digest", "--format", "pdf")
        #expect(bad.status == 64)
    }
}
