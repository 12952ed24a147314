public import Foundation
public import HorizonCore
public import HorizonDigest
import HorizonTransport

/// Sends a hub's digest to its channels: an email to its recipients through the configured SMTP
/// server, and a post to its chat webhook, both over libcurl (`HorizonTransport`).
public struct DigestDelivery: Sendable {
    /// How one channel went: done, or why not in one line (never with a password in it).
    public struct Result: Sendable, Equatable {
        public var ok: Bool
        public var error: String?

        public init(ok: Bool, error: String? = nil) {
            self.ok = ok
            self.error = error
        }
    }

    public var smtp: SMTPSettings?
    /// Where secrets named by variable are looked up (the process's environment by default).
    public var environment: [String: String]

    public init(smtp: SMTPSettings?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.smtp = smtp
        self.environment = environment
    }

    /// Emails the digest to the hub's recipients.
    public func email(_ digest: Digest, to recipients: [String], now: Date) async -> Result {
        guard let smtp else { return Result(ok: false, error: "the configuration has no smtp settings") }
        return await send(DigestEmail.build(digest, from: smtp.from, to: recipients, date: now), to: recipients)
    }

    /// Emails a plain-text report (the feed problems, to administrators).
    public func email(subject: String, text: String, to recipients: [String], now: Date) async -> Result {
        guard let smtp else { return Result(ok: false, error: "the configuration has no smtp settings") }
        let message = DigestEmail.build(
            subject: subject, parts: [("text/plain", text)], from: smtp.from, to: recipients, tag: "feeds", date: now)
        return await send(message, to: recipients)
    }

    private func send(_ message: [UInt8], to recipients: [String]) async -> Result {
        guard let smtp else { return Result(ok: false, error: "the configuration has no smtp settings") }
        let password: String?
        switch SMTPSecret.resolve(smtp, environment: environment) {
        case .success(let value): password = value
        case .failure(let problem): return Result(ok: false, error: problem.message)
        }
        let client = SMTPClient(url: smtp.url, username: smtp.username, password: password, requireTLS: smtp.requireTLS)
        let sent = await client.send(
            MailEnvelope(from: DigestEmail.address(smtp.from), recipients: recipients, message: message))
        return Result(ok: sent.ok, error: sent.ok ? nil : sent.error ?? "error \(sent.code)")
    }

    /// Posts the digest to a Slack or Teams incoming webhook.
    public func post(_ digest: Digest, to webhook: Webhook) async -> Result {
        let body = webhook.kind == .slack ? DigestWebhook.slack(digest) : DigestWebhook.teams(digest)
        let posted = await HTTPPoster().post(body, to: webhook.url, contentType: "application/json")
        return Result(ok: posted.ok, error: posted.ok ? nil : posted.error ?? "error")
    }
}

/// The SMTP password, from the variable or file that `smtp.passwordEnv` or `smtp.passwordFile` names.
public enum SMTPSecret {
    public static func resolve(_ smtp: SMTPSettings, environment: [String: String])
        -> Swift.Result<String?, ConfigError>
    {
        if let variable = smtp.passwordEnv {
            guard let value = environment[variable] else {
                return .failure(ConfigError("the environment variable \(variable) (smtp.passwordEnv) is not set"))
            }
            return .success(value)
        }
        if let file = smtp.passwordFile {
            guard let contents = FileManager.default.contents(atPath: file) else {
                return .failure(ConfigError("\(file) (smtp.passwordFile) cannot be read"))
            }
            return .success(String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .newlines))
        }
        return .success(nil)
    }
}
