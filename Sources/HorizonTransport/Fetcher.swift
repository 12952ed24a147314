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

    /// Fetches every request and returns one response for each, in the order of `requests`.
    /// `progress` is called on the fetch thread after each transfer ends (done, total);
    /// `received` with each response as soon as it is complete (to start work on it while others
    /// are still arriving; it must return quickly).
    public func fetch(
        _ requests: [FetchRequest], progress: (@Sendable (Int, Int) -> Void)? = nil,
        received: (@Sendable (FetchResponse) -> Void)? = nil
    ) async -> [FetchResponse] {
        if let failure = CurlGlobal.failure {
            return requests.map {
                FetchResponse(
                    id: $0.id, requestedURL: $0.url, effectiveURL: $0.url, status: 0, headers: [:], body: Data(),
                    error: failure, duration: 0)
            }
        }
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
        guard let colon = bytes.firstIndex(of: 0x3A), bytes[colon...].starts(with: [0x3A, 0x2F, 0x2F]) else {
            return ""
        }
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
    /// Transfers finished, for `progress`.
    var done = 0
    /// Hosts whose name did not resolve on this run: their other feeds are not tried again.
    var unresolved: Set<String> = []
    /// Whether any host name resolved on this run. When none did and several failed, the
    /// resolver (or the network) is down, and the remaining requests fail at once rather than
    /// each waiting for its own time-out.
    var resolvedAny = false
    static let hostsBeforeGivingUp = 3
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
        defer { _ = curl_multi_cleanup(multi) }  // every handle has left it by then; nothing to recover
        admit(multi)
        while !active.isEmpty {
            var running: Int32 = 0
            let performed = curl_multi_perform(multi, &running)
            guard performed == CURLM_OK else {
                abandon(multi, because: "libcurl: \(String(cString: curl_multi_strerror(performed)))")
                break
            }
            var pending: Int32 = 0
            while let message = curl_multi_info_read(multi, &pending) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                    let transfer = active.removeValue(forKey: handle)
                else { continue }
                var code = horizon_curl_msg_result(message)
                if curl_multi_remove_handle(multi, handle) != CURLM_OK && code == CURLE_OK { code = CURLE_FAILED_INIT }
                let outcome = finish(transfer, code: code)
                cleanup(transfer)
                perHost[transfer.host, default: 1] -= 1
                if code == CURLE_COULDNT_RESOLVE_HOST {
                    unresolved.insert(transfer.host)
                } else if !transfer.url.lowercased().hasPrefix("file:") {
                    resolvedAny = true
                }
                switch outcome {
                case .done(let response):
                    complete(transfer.index, response)
                case .follow(let job):
                    queue.insert(job, at: 0)
                }
            }
            admit(multi)
            if !active.isEmpty && curl_multi_poll(multi, nil, 0, 250, nil) != CURLM_OK {
                usleep(10_000)  // no wait on the sockets: do not spin
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
            if let reason = notTried(job) {
                queue.remove(at: index)
                complete(requestIndex, failed(requests[requestIndex], reason))
                continue
            }
            let transfer = Transfer(
                index: requestIndex, request: requests[requestIndex], url: job.url, hops: job.hops,
                maxBody: options.maxBodyBytes)
            queue.remove(at: index)
            let handle: UnsafeMutableRawPointer
            switch configure(transfer) {
            case .success(let made): handle = made
            case .failure(let failure):
                cleanup(transfer)
                results[requestIndex] = failed(transfer.request, failure.message)
                continue
            }
            if startTimes[requestIndex] == nil { startTimes[requestIndex] = Date() }
            let added = curl_multi_add_handle(multi, handle)
            guard added == CURLM_OK else {
                cleanup(transfer)
                results[requestIndex] = failed(
                    transfer.request, "libcurl: \(String(cString: curl_multi_strerror(added)))")
                continue
            }
            active[handle] = transfer
            perHost[transfer.host, default: 0] += 1
        }
    }

    /// A finished request: its response is kept and handed on.
    private func complete(_ index: Int, _ response: FetchResponse) {
        received?(response)
        var kept = response
        if !options.keepsBodies { kept.body = Data() }
        results[index] = kept
        done += 1
        progress?(done, requests.count)
    }

    /// Why a job is failed without a transfer: its host did not resolve earlier in the run, or no
    /// host name resolves at all.
    private func notTried(_ job: Job) -> String? {
        guard !job.url.lowercased().hasPrefix("file:") else { return nil }
        if unresolved.contains(job.host) {
            return "Couldn't resolve host name: \(job.host) (not tried again on this run)"
        }
        if !resolvedAny && unresolved.count >= MultiLoop.hostsBeforeGivingUp {
            return
                "Couldn't resolve host name: not tried, as no host name resolved on this run (\(unresolved.count) tried)"
        }
        return nil
    }

    /// A new easy handle for the transfer, or why libcurl would not make one.
    private func configure(_ transfer: Transfer) -> Result<UnsafeMutableRawPointer, TransferFailure> {
        guard let handle = curl_easy_init() else {
            return .failure(TransferFailure("could not create a libcurl handle"))
        }
        transfer.handle = handle
        var settings = EasySettings(handle)
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        settings.set(CURLOPT_URL, transfer.url)
        // Only the first hop may be file:; redirects are followed here, one by one, to http(s) only,
        // so that each hop's status is known (301/308 are remembered, 302/307 are not).
        settings.set(CURLOPT_PROTOCOLS_STR, transfer.hops.isEmpty ? "http,https,file" : "http,https")
        settings.set(CURLOPT_FOLLOWLOCATION, 0)
        settings.set(CURLOPT_NOSIGNAL, 1)
        settings.set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl has
        settings.set(CURLOPT_USERAGENT, options.userAgent)
        settings.set(CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        settings.set(CURLOPT_TIMEOUT_MS, Int(options.totalTimeout * 1000))
        settings.set(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytes)
        settings.set(CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        settings.set(CURLOPT_MAXFILESIZE_LARGE, offset: options.maxBodyBytes)
        settings.set(CURLOPT_WRITEFUNCTION, callback: writeCallback)
        settings.set(CURLOPT_WRITEDATA, pointer: context)
        settings.set(CURLOPT_HEADERFUNCTION, callback: headerCallback)
        settings.set(CURLOPT_HEADERDATA, pointer: context)
        settings.set(CURLOPT_ERRORBUFFER, pointer: transfer.errorBuffer)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in transfer.request.headers.sorted(by: { $0.key < $1.key }) {
            guard let appended = curl_slist_append(list, "\(name): \(value)") else {  // libcurl copies the string
                settings.refuse("libcurl could not add a request header (out of memory)")
                break
            }
            list = appended
        }
        if let list {
            transfer.headerList = list
            settings.set(CURLOPT_HTTPHEADER, list: list)
        }
        if let failure = settings.failure { return .failure(TransferFailure(failure)) }
        return .success(handle)
    }

    enum Outcome {
        case done(FetchResponse)
        case follow(Job)
    }

    private func finish(_ transfer: Transfer, code: CURLcode) -> Outcome {
        let handle = transfer.handle
        var status = 0
        let effective = transfer.url
        var code = code
        if let handle {
            if let known = EasySettings.responseCode(handle) {
                status = known
            } else if code == CURLE_OK {
                code = CURLE_FAILED_INIT
            }
        }
        if code == CURLE_OK, [301, 302, 303, 307, 308].contains(status), let location = transfer.headers["location"] {
            guard
                let target = URL(
                    string: location.trimmingCharacters(in: .whitespaces), relativeTo: URL(string: transfer.url))?
                    .absoluteString,
                let scheme = URL(string: target)?.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else {
                return .done(
                    failedResponse(transfer, status: status, "redirect to a URL that is not http(s): \(location)"))
            }
            let hops = transfer.hops + [RedirectHop(status: status, from: transfer.url, to: target)]
            if hops.count > options.maxRedirects {
                return .done(
                    failedResponse(transfer, status: status, "more than \(options.maxRedirects) redirects", hops: hops))
            }
            if target == transfer.url || target == transfer.request.url
                || transfer.hops.contains(where: { $0.from == target })
            {
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
                status: error == nil ? status : 0, headers: transfer.headers,
                body: error == nil ? transfer.body : Data(),
                error: error, redirectChain: transfer.hops, duration: duration))
    }

    private func failedResponse(_ transfer: Transfer, status: Int, _ message: String, hops: [RedirectHop]? = nil)
        -> FetchResponse
    {
        FetchResponse(
            id: transfer.request.id, requestedURL: transfer.request.url, effectiveURL: transfer.url, status: 0,
            headers: transfer.headers, body: Data(), error: message, redirectChain: hops ?? transfer.hops,
            duration: startTimes[transfer.index].map { Date().timeIntervalSince($0) } ?? 0)
    }

    /// Ends every transfer under way or queued with `message` (the multi handle failed).
    private func abandon(_ multi: UnsafeMutableRawPointer, because message: String) {
        for (handle, transfer) in active {
            _ = curl_multi_remove_handle(multi, handle)  // the multi handle is broken; the transfer ends either way
            cleanup(transfer)
            results[transfer.index] = failed(transfer.request, message)
        }
        active.removeAll()
        for job in queue { results[job.index] = failed(requests[job.index], message) }
        queue.removeAll()
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

/// Why a transfer could not start, in one line.
struct TransferFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
