internal import CCurlShim
import Foundation

/// An email ready to send: the envelope (sender and recipients) and the whole RFC 5322 message.
public struct MailEnvelope: Sendable {
    public var from: String
    public var recipients: [String]
    /// Headers and body, lines ending in CRLF.
    public var message: [UInt8]

    public init(from: String, recipients: [String], message: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.message = message
    }
}

/// How a delivery went: success, or why not in one line (never with a password in it).
public struct DeliveryResult: Sendable, Equatable {
    public var ok: Bool
    /// The last SMTP or HTTP response code.
    public var code: Int
    public var error: String?
    /// The HTTP response body, for webhooks.
    public var body: String

    public init(ok: Bool, code: Int, error: String?, body: String) {
        self.ok = ok
        self.code = code
        self.error = error
        self.body = body
    }

    static func failure(_ message: String, code: Int = 0) -> DeliveryResult {
        DeliveryResult(ok: false, code: code, error: message, body: "")
    }
}

/// Sends mail through libcurl's SMTP: `smtp://` (STARTTLS when offered, or required) and `smtps://`.
public struct SMTPClient: Sendable {
    public var url: String
    public var username: String?
    public var password: String?
    public var requireTLS: Bool
    public var timeout: Double

    public init(
        url: String, username: String? = nil, password: String? = nil, requireTLS: Bool = false, timeout: Double = 60
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.requireTLS = requireTLS
        self.timeout = timeout
    }

    public func send(_ envelope: MailEnvelope) async -> DeliveryResult {
        let client = self
        return await runOnThread {
            let transfer = OneShot(upload: envelope.message)
            guard transfer.settings != nil else { return .failure(CurlGlobal.failure ?? "could not start libcurl") }
            transfer.settings?.set(CURLOPT_URL, client.url)
            transfer.settings?.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
            transfer.settings?.set(CURLOPT_MAIL_FROM, "<\(envelope.from)>")
            for recipient in envelope.recipients { transfer.append(header: "<\(recipient)>") }
            transfer.settings?.set(CURLOPT_MAIL_RCPT, list: transfer.headers)
            transfer.settings?.set(
                CURLOPT_USE_SSL, Int(client.requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
            if let username = client.username { transfer.settings?.set(CURLOPT_USERNAME, username) }
            if let password = client.password { transfer.settings?.set(CURLOPT_PASSWORD, password) }
            transfer.settings?.set(CURLOPT_UPLOAD, 1)
            transfer.settings?.set(CURLOPT_TIMEOUT_MS, Int(client.timeout * 1000))
            return transfer.perform()
        }
    }
}

/// POSTs a body to a URL through libcurl (webhooks).
public struct HTTPPoster: Sendable {
    public var userAgent: String
    public var timeout: Double

    public init(userAgent: String = FetchOptions().userAgent, timeout: Double = 30) {
        self.userAgent = userAgent
        self.timeout = timeout
    }

    public func post(_ body: [UInt8], to url: String, contentType: String) async -> DeliveryResult {
        let poster = self
        return await runOnThread {
            let transfer = OneShot(upload: nil)
            guard transfer.settings != nil else { return .failure(CurlGlobal.failure ?? "could not start libcurl") }
            transfer.settings?.set(CURLOPT_URL, url)
            transfer.settings?.set(CURLOPT_PROTOCOLS_STR, "http,https")
            transfer.settings?.set(CURLOPT_USERAGENT, poster.userAgent)
            transfer.append(header: "Content-Type: \(contentType)")
            transfer.settings?.set(CURLOPT_HTTPHEADER, list: transfer.headers)
            transfer.setPostBody(body)
            transfer.settings?.set(CURLOPT_TIMEOUT_MS, Int(poster.timeout * 1000))
            let result = transfer.perform()
            guard result.ok else { return result }
            if !(200..<300).contains(result.code) {
                return DeliveryResult(ok: false, code: result.code, error: "HTTP \(result.code)", body: result.body)
            }
            return result
        }
    }
}

/// Runs blocking libcurl work on a thread of its own, never on the cooperative pool.
private func runOnThread(_ body: @escaping @Sendable () -> DeliveryResult) async -> DeliveryResult {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.name = "horizon-deliver"
        thread.start()
    }
}

/// One easy transfer with its buffers; created, performed and freed on one thread.
private final class OneShot {
    let handle: UnsafeMutableRawPointer?
    var headers: UnsafeMutablePointer<curl_slist>?
    let upload: [UInt8]?
    var uploadOffset = 0
    var postBody: UnsafeMutablePointer<UInt8>?
    var response = Data()
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// The handle's options, and the first one libcurl refused.
    var settings: EasySettings?

    init(upload: [UInt8]?) {
        handle = CurlGlobal.failure == nil ? curl_easy_init() : nil
        self.upload = upload
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        guard let handle else { return }
        settings = EasySettings(handle)
        let context = Unmanaged.passUnretained(self).toOpaque()
        settings?.set(CURLOPT_NOSIGNAL, 1)
        settings?.set(CURLOPT_CONNECTTIMEOUT_MS, 15_000)
        settings?.set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        settings?.set(CURLOPT_WRITEFUNCTION, callback: oneShotWrite)
        settings?.set(CURLOPT_WRITEDATA, pointer: context)
        if upload != nil {
            settings?.set(CURLOPT_READFUNCTION, callback: oneShotRead)
            settings?.set(CURLOPT_READDATA, pointer: context)
        }
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
        if let headers { curl_slist_free_all(headers) }
        postBody?.deallocate()
        errorBuffer.deallocate()
    }

    func append(header: String) {
        guard let appended = curl_slist_append(headers, header) else {  // libcurl copies the string
            settings?.refuse("libcurl could not add a header line (out of memory)")
            return
        }
        headers = appended
    }

    func setPostBody(_ body: [UInt8]) {
        guard handle != nil else { return }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, body.count))
        buffer.initialize(from: body, count: body.count)
        postBody = buffer  // libcurl does not copy POSTFIELDS; it lives until deinit
        settings?.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: body.count)
        settings?.set(CURLOPT_POSTFIELDS, pointer: buffer)
    }

    func perform() -> DeliveryResult {
        guard let handle else { return .failure(CurlGlobal.failure ?? "could not start libcurl") }
        if let failure = settings?.failure { return .failure(failure) }
        let code = curl_easy_perform(handle)
        let status = EasySettings.responseCode(handle) ?? 0
        let body = String(decoding: response, as: UTF8.self)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let summary = String(cString: curl_easy_strerror(code))
            var message = detail.isEmpty ? summary : "\(summary): \(detail)"
            if status > 0 && !message.contains("\(status)") { message += " (server replied \(status))" }
            return DeliveryResult(ok: false, code: status, error: message, body: body)
        }
        return DeliveryResult(ok: true, code: status, error: nil, body: body)
    }
}

private let oneShotWrite: horizon_curl_data_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<OneShot>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    if transfer.response.count < 1 << 20 {
        data.withMemoryRebound(to: UInt8.self, capacity: length) { transfer.response.append($0, count: length) }
    }
    return length
}

private let oneShotRead: horizon_curl_data_callback = { buffer, size, count, context in
    guard let buffer, let context else { return 0 }
    let transfer = Unmanaged<OneShot>.fromOpaque(context).takeUnretainedValue()
    guard let upload = transfer.upload else { return 0 }
    let length = min(size * count, upload.count - transfer.uploadOffset)
    guard length > 0 else { return 0 }
    upload.withUnsafeBufferPointer { source in
        buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            $0.update(from: source.baseAddress! + transfer.uploadOffset, count: length)
        }
    }
    transfer.uploadOffset += length
    return length
}
