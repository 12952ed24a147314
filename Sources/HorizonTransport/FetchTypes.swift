public import Foundation

/// One document to fetch.
public struct FetchRequest: Sendable, Equatable {
    /// The caller's name for this request (a feed id); responses carry it back.
    public var id: String
    public var url: String
    /// Extra request headers, e.g. `If-None-Match`.
    public var headers: [String: String]

    public init(id: String, url: String, headers: [String: String] = [:]) {
        self.id = id
        self.url = url
        self.headers = headers
    }
}

/// What came back for one request. A transport failure has `error` set and status 0.
public struct FetchResponse: Sendable {
    public var id: String
    public var requestedURL: String
    /// The URL after redirects.
    public var effectiveURL: String
    /// HTTP status; 200 for a `file://` document read successfully.
    public var status: Int
    /// Response headers of the final response, names lower-cased (the last value wins).
    public var headers: [String: String]
    public var body: Data
    /// Why the transfer failed, in one line; nil when a response arrived.
    public var error: String?
    /// Every redirect followed, in order.
    public var redirectChain: [RedirectHop] = []
    public var redirects: Int { redirectChain.count }
    /// Seconds from start to end of the transfer.
    public var duration: Double

    public var isSuccess: Bool { error == nil && (200..<300).contains(status) }

    public init(
        id: String, requestedURL: String, effectiveURL: String, status: Int, headers: [String: String], body: Data,
        error: String? = nil, redirectChain: [RedirectHop] = [], duration: Double
    ) {
        self.id = id
        self.requestedURL = requestedURL
        self.effectiveURL = effectiveURL
        self.status = status
        self.headers = headers
        self.body = body
        self.error = error
        self.redirectChain = redirectChain
        self.duration = duration
    }
}

/// One redirect: the status that asked for it, where from and where to.
public struct RedirectHop: Sendable, Equatable {
    public var status: Int
    public var from: String
    public var to: String

    public init(status: Int, from: String, to: String) {
        self.status = status
        self.from = from
        self.to = to
    }

    /// 301 and 308 say the resource has moved for good.
    public var isPermanent: Bool { status == 301 || status == 308 }
}

/// How politely and how far the fetcher goes.
public struct FetchOptions: Sendable {
    /// Transfers under way at once.
    public var maxConcurrent = 16
    /// Transfers under way at once to one host.
    public var maxPerHost = 2
    public var connectTimeout: Double = 15
    /// Longest a whole transfer may take.
    public var totalTimeout: Double = 60
    /// A transfer slower than `lowSpeedBytes` per second for `lowSpeedSeconds` is abandoned.
    public var lowSpeedBytes = 64
    public var lowSpeedSeconds = 20
    /// Bodies larger than this are abandoned while they arrive (after decompression).
    public var maxBodyBytes = 10 * 1024 * 1024
    public var maxRedirects = 5
    public var userAgent = "Horizon/0.1 (health-innovation horizon scanning)"
    /// Whether the responses `fetch` returns keep their bodies. A caller that takes each body in
    /// `received` (a run parses it there) sets this to false, so that no body outlives its parse.
    public var keepsBodies = true

    public init() {}
}
