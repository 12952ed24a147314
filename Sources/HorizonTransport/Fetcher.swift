internal import CCurlShim
import Foundation

/// Fetches documents concurrently through libcurl's multi interface.
///
/// The blocking multi loop runs on a thread of its own, never on Swift's cooperative pool;
/// all curl handles are created, used and freed on that thread.
public struct Fetcher: Sendable {
    public var options: FetchOptions

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
    }

    static let ensureGlobalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Fetches every request and returns one response for each, in the order of `requests`.
    /// `progress` is called on the fetch thread after each transfer ends (done, total);
    /// `received` with each response as soon as it is complete (to start work on it while others
    /// are still arriving; it must return quickly).
    public func fetch(
        _ requests: [FetchRequest], progress: (@Sendable (Int, Int) -> Void)? = nil,
        received: (@Sendable (FetchResponse) -> Void)? = nil
    ) async -> [FetchResponse] {
        _ = Fetcher.ensureGlobalInit
        let options = self.options
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let loop = MultiLoop(requests: requests, options: options, progress: progress, received: received)
                continuation.resume(returning: loop.run())
            }
            thread.name = "horizon-fetch"
            thread.start()
        }
    }
}

/// One transfer's state, reached from libcurl's callbacks through an unmanaged pointer.
/// Confined to the fetch thread.
final class Transfer {
    let index: Int
    let request: FetchRequest
    /// The URL of this hop (the request's, or a redirect's target).
    let url: String
    let hops: [RedirectHop]
    let host: String
    let maxBody: Int
    var handle: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var body = Data()
    var headers: [String: String] = [:]
    var tooLarge = false
    /// libcurl writes its error detail here; it keeps the pointer, so the memory is allocated by hand.
    let errorBuffer: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        return buffer
    }()

    init(index: Int, request: FetchRequest, url: String, hops: [RedirectHop], maxBody: Int) {
        self.index = index
        self.request = request
        self.url = url
        self.hops = hops
        self.maxBody = maxBody
        self.host = Transfer.host(of: url)
    }

    deinit { errorBuffer.deallocate() }

    static func host(of url: String) -> String {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: 0x3A), bytes[colon...].starts(with: [0x3A, 0x2F, 0x2F]) else { return "" }
        let authority = bytes[(colon + 3)...].prefix { $0 != 0x2F && $0 != 0x3F && $0 != 0x23 }
        return String(decoding: authority, as: UTF8.self).lowercased()
    }
}

private let writeCallback: horizon_curl_data_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    if transfer.body.count + length > transfer.maxBody {
        transfer.tooLarge = true
        return 0  // makes libcurl abort with CURLE_WRITE_ERROR
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { transfer.body.append($0, count: length) }
    return length
}

private let headerCallback: horizon_curl_data_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    if line.hasPrefix("HTTP/") {
        transfer.headers = [:]  // a new response (after a redirect or 100 Continue)
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        if !name.isEmpty { transfer.headers[name] = value }
    }
    return length
}

/// The multi loop: admits transfers within the global and per-host limits, drives them,
/// and collects the results. Lives and dies on the fetch thread.
final class MultiLoop {
    let requests: [FetchRequest]
    let options: FetchOptions
    let progress: (@Sendable (Int, Int) -> Void)?
    let received: (@Sendable (FetchResponse) -> Void)?
    var results: [FetchResponse?]
    /// Transfers waiting for a slot: a request, or a redirect to follow.
    struct Job {
        var index: Int
        var url: String
        var hops: [RedirectHop]
        /// The URL's host, read once: `admit` looks at every waiting job each time a slot frees.
        var host: String

        init(index: Int, url: String, hops: [RedirectHop]) {
            self.index = index
            self.url = url
            self.hops = hops
            host = Transfer.host(of: url)
        }
    }
    var queue: [Job]
    var active: [UnsafeMutableRawPointer: Transfer] = [:]
    var perHost: [String: Int] = [:]
    let started = Date()
    var startTimes: [Int: Date] = [:]

    init(
        requests: [FetchRequest], options: FetchOptions, progress: (@Sendable (Int, Int) -> Void)?,
        received: (@Sendable (FetchResponse) -> Void)? = nil
    ) {
        self.requests = requests
        self.options = options
        self.progress = progress
        self.received = received
        self.results = Array(repeating: nil, count: requests.count)
        self.queue = requests.indices.map { Job(index: $0, url: requests[$0].url, hops: []) }
    }

    func run() -> [FetchResponse] {
        guard let multi = curl_multi_init() else {
            return requests.map { failed($0, "could not start libcurl") }
        }
        defer { curl_multi_cleanup(multi) }
        var done = 0
        admit(multi)
        while !active.isEmpty {
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var pending: Int32 = 0
            while let message = curl_multi_info_read(multi, &pending) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                    let transfer = active.removeValue(forKey: handle)
                else { continue }
                let code = horizon_curl_msg_result(message)
                curl_multi_remove_handle(multi, handle)
                let outcome = finish(transfer, code: code)
                cleanup(transfer)
                perHost[transfer.host, default: 1] -= 1
                switch outcome {
                case .done(let response):
                    results[transfer.index] = response
                    done += 1
                    received?(response)
                    progress?(done, requests.count)
                case .follow(let job):
                    queue.insert(job, at: 0)
                }
            }
            admit(multi)
            if !active.isEmpty {
                curl_multi_poll(multi, nil, 0, 250, nil)
            }
        }
        return results.enumerated().map { $0.element ?? failed(requests[$0.offset], "not fetched") }
    }

    /// Starts queued transfers while the limits allow; a host at its limit waits its turn.
    private func admit(_ multi: UnsafeMutableRawPointer) {
        var index = 0
        while index < queue.count && active.count < options.maxConcurrent {
            let job = queue[index]
            if perHost[job.host, default: 0] >= options.maxPerHost {
                index += 1
                continue
            }
            let requestIndex = job.index
            let transfer = Transfer(
                index: requestIndex, request: requests[requestIndex], url: job.url, hops: job.hops,
                maxBody: options.maxBodyBytes)
            queue.remove(at: index)
            guard let handle = configure(transfer) else {
                results[requestIndex] = failed(transfer.request, "could not create a libcurl handle")
                continue
            }
            active[handle] = transfer
            perHost[transfer.host, default: 0] += 1
            if startTimes[requestIndex] == nil { startTimes[requestIndex] = Date() }
            curl_multi_add_handle(multi, handle)
        }
    }

    private func configure(_ transfer: Transfer) -> UnsafeMutableRawPointer? {
        guard let handle = curl_easy_init() else { return nil }
        transfer.handle = handle
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        horizon_curl_easy_setopt_string(handle, CURLOPT_URL, transfer.url)
        // Only the first hop may be file:; redirects are followed here, one by one, to http(s) only,
        // so that each hop's status is known (301/308 are remembered, 302/307 are not).
        horizon_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, transfer.hops.isEmpty ? "http,https,file" : "http,https")
        horizon_curl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        horizon_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        horizon_curl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl has
        horizon_curl_easy_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        horizon_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        horizon_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(options.totalTimeout * 1000))
        horizon_curl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytes)
        horizon_curl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        horizon_curl_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes))
        horizon_curl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback)
        horizon_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        horizon_curl_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback)
        horizon_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        horizon_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in transfer.request.headers.sorted(by: { $0.key < $1.key }) {
            list = curl_slist_append(list, "\(name): \(value)")  // libcurl copies the string
        }
        if let list {
            transfer.headerList = list
            horizon_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        }
        return handle
    }

    enum Outcome {
        case done(FetchResponse)
        case follow(Job)
    }

    private func finish(_ transfer: Transfer, code: CURLcode) -> Outcome {
        let handle = transfer.handle
        var status = 0
        let effective = transfer.url
        if let handle {
            horizon_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        }
        if code == CURLE_OK, [301, 302, 303, 307, 308].contains(status), let location = transfer.headers["location"] {
            guard let target = URL(string: location.trimmingCharacters(in: .whitespaces), relativeTo: URL(string: transfer.url))?.absoluteString,
                let scheme = URL(string: target)?.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else {
                return .done(failedResponse(transfer, status: status, "redirect to a URL that is not http(s): \(location)"))
            }
            let hops = transfer.hops + [RedirectHop(status: status, from: transfer.url, to: target)]
            if hops.count > options.maxRedirects {
                return .done(failedResponse(transfer, status: status, "more than \(options.maxRedirects) redirects", hops: hops))
            }
            if target == transfer.url || target == transfer.request.url || transfer.hops.contains(where: { $0.from == target }) {
                return .done(failedResponse(transfer, status: status, "redirect loop at \(target)", hops: hops))
            }
            return .follow(Job(index: transfer.index, url: target, hops: hops))
        }
        var error: String? = nil
        if transfer.tooLarge || code == CURLE_FILESIZE_EXCEEDED {
            error = "body larger than \(transfer.maxBody) bytes"
        } else if code != CURLE_OK {
            let detail = String(cString: transfer.errorBuffer)
            let summary = String(cString: curl_easy_strerror(code))
            error = detail.isEmpty ? summary : "\(summary): \(detail)"
        } else if status == 0 && effective.lowercased().hasPrefix("file:") {
            status = 200
        }
        let duration = startTimes[transfer.index].map { Date().timeIntervalSince($0) } ?? 0
        return .done(
            FetchResponse(
                id: transfer.request.id, requestedURL: transfer.request.url, effectiveURL: effective,
                status: error == nil ? status : 0, headers: transfer.headers, body: error == nil ? transfer.body : Data(),
                error: error, redirectChain: transfer.hops, duration: duration))
    }

    private func failedResponse(_ transfer: Transfer, status: Int, _ message: String, hops: [RedirectHop]? = nil) -> FetchResponse {
        FetchResponse(
            id: transfer.request.id, requestedURL: transfer.request.url, effectiveURL: transfer.url, status: 0,
            headers: transfer.headers, body: Data(), error: message, redirectChain: hops ?? transfer.hops,
            duration: startTimes[transfer.index].map { Date().timeIntervalSince($0) } ?? 0)
    }

    private func cleanup(_ transfer: Transfer) {
        if let handle = transfer.handle { curl_easy_cleanup(handle) }
        if let list = transfer.headerList { curl_slist_free_all(list) }
        transfer.handle = nil
        transfer.headerList = nil
    }

    private func failed(_ request: FetchRequest, _ message: String) -> FetchResponse {
        FetchResponse(
            id: request.id, requestedURL: request.url, effectiveURL: request.url, status: 0, headers: [:],
            body: Data(), error: message, duration: 0)
    }
}
