import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 for tests: each connection gets one response from the
/// handler, then is closed. Responses can misbehave on purpose (drip slowly, stop short).
public final class TestHTTPServer: @unchecked Sendable {
    // @unchecked: the mutable counters are guarded by `lock`; the socket is only closed in stop().
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Seconds to wait between body bytes (a server that drips).
        public var dripInterval: Double?
        /// Close the connection after this many body bytes, although Content-Length promised more.
        public var truncateAfter: Int?
        /// Seconds to wait before answering at all.
        public var delay: Double?

        public init(
            status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], dripInterval: Double? = nil,
            truncateAfter: Int? = nil, delay: Double? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.dripInterval = dripInterval
            self.truncateAfter = truncateAfter
            self.delay = delay
        }

        public init(status: Int = 200, contentType: String, body: String) {
            self.init(status: status, headers: [("Content-Type", contentType)], body: Array(body.utf8))
        }
    }

    public let port: Int
    private let socketFD: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var _requests: [Request] = []
    private var _active = 0
    private var _maxActive = 0
    private var stopped = false

    public init(handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT/path`
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received so far.
    public var requests: [Request] { lock.withLock { _requests } }
    /// The most connections that were being answered at the same time.
    public var maxConcurrent: Int { lock.withLock { _maxActive } }

    public func stop() {
        let wasStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        // Only shut the socket down here: the accept thread closes it when it leaves. Closing it
        // here would free the descriptor number while that thread may still call accept() on it,
        // and a listening socket opened meanwhile by another test could reuse the number.
        if !wasStopped { shutdown(socketFD, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        defer { close(socketFD) }
        while true {
            let client = accept(socketFD, nil, nil)
            if lock.withLock({ stopped }) {
                if client >= 0 { close(client) }
                return
            }
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        guard let request = readRequest(client) else { return }
        lock.withLock {
            _requests.append(request)
            _active += 1
            _maxActive = max(_maxActive, _active)
        }
        // The active window ends before the body is sent: the client cannot finish this transfer
        // (and start another) until the body arrives, so counting cannot race with it.
        var counted = true
        func leave() {
            if counted {
                lock.withLock { _active -= 1 }
                counted = false
            }
        }
        defer { leave() }
        let response = handler(request)
        if let delay = response.delay { Thread.sleep(forTimeInterval: delay) }
        var head = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        var hasLength = false
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
            if name.lowercased() == "content-length" || name.lowercased() == "transfer-encoding" { hasLength = true }
        }
        if !hasLength { head += "Content-Length: \(response.body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        leave()
        guard send(client, Array(head.utf8)) else { return }
        guard request.method != "HEAD" else { return }
        let body = response.truncateAfter.map { Array(response.body.prefix($0)) } ?? response.body
        if let interval = response.dripInterval {
            for byte in body {
                guard send(client, [byte]) else { return }
                Thread.sleep(forTimeInterval: interval)
                if lock.withLock({ stopped }) { return }
            }
        } else {
            _ = send(client, body)
        }
    }

    private func readRequest(_ client: Int32) -> Request? {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !buffer.containsHeaderEnd {
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            if buffer.count > 1 << 20 { return nil }
        }
        let headerEnd = buffer.headerEnd
        let text = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Array(buffer[(headerEnd + 4)...])
        let length = headers["content-length"].flatMap(Int.init) ?? 0
        while body.count < length && body.count < 16 << 20 {
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            body.append(contentsOf: chunk[0..<count])
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
    }

    private func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    private func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

extension [UInt8] {
    /// The index of the blank line (CRLF CRLF) that ends the headers, or `count`.
    fileprivate var headerEnd: Int {
        guard count >= 4 else { return count }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
            return i
        }
        return count
    }

    fileprivate var containsHeaderEnd: Bool { headerEnd < count }
}
