import Foundation
import HorizonTesting
import HorizonTransport
import Testing

@Suite("Fetching with libcurl")
struct FetcherTests {
    static let rss = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>"

    @Test("HTTP: body, status, headers and User-Agent")
    func http() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/feed":
                .init(
                    status: 200, headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"v1\"")],
                    body: Array(FetcherTests.rss.utf8))
            default: .init(status: 404, contentType: "text/plain", body: "no")
            }
        }
        var options = FetchOptions()
        options.userAgent = "HorizonTest/1.0 (+https://example.org/contact)"
        let responses = await Fetcher(options: options).fetch([
            FetchRequest(id: "a", url: server.url("/feed")),
            FetchRequest(id: "b", url: server.url("/missing")),
        ])
        #expect(responses.map(\.id) == ["a", "b"])
        #expect(responses[0].isSuccess)
        #expect(String(decoding: responses[0].body, as: UTF8.self) == FetcherTests.rss)
        #expect(responses[0].headers["etag"] == "\"v1\"")
        #expect(responses[0].headers["content-type"] == "application/rss+xml")
        #expect(responses[1].status == 404)
        #expect(responses[1].error == nil)
        #expect(!responses[1].isSuccess)
        #expect(server.requests.first?.headers["user-agent"] == "HorizonTest/1.0 (+https://example.org/contact)")
    }

    @Test("file:// documents, present and missing")
    func files() async throws {
        let directory = TemporaryDirectory()
        let path = try directory.write("feed.xml", FetcherTests.rss)
        let responses = await Fetcher().fetch([
            FetchRequest(id: "ok", url: URL(fileURLWithPath: path).absoluteString),
            FetchRequest(id: "gone", url: URL(fileURLWithPath: directory.file("none.xml")).absoluteString),
        ])
        #expect(responses[0].status == 200)
        #expect(responses[0].body.count == FetcherTests.rss.utf8.count)
        #expect(responses[1].error != nil)
        #expect(responses[1].status == 0)
    }

    @Test("a closed port fails with a reason, quickly")
    func refused() async throws {
        // Nothing listens on port 1; a just-stopped server's port could be taken by another test.
        let response = await Fetcher().fetch([FetchRequest(id: "x", url: "http://127.0.0.1:1/x")])[0]
        #expect(response.error?.isEmpty == false)
    }

    @Test("bodies over the limit are abandoned while they arrive")
    func oversized() async throws {
        let server = try TestHTTPServer { _ in
            .init(status: 200, headers: [("Transfer-Encoding", "identity")], body: Array(repeating: 65, count: 300_000))
        }
        var options = FetchOptions()
        options.maxBodyBytes = 100_000
        let response = await Fetcher(options: options).fetch([FetchRequest(id: "big", url: server.url("/big"))])[0]
        #expect(response.error == "body larger than 100000 bytes")
        #expect(response.body.isEmpty)
    }

    @Test("redirects are followed to http, never to file:")
    func redirects() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/old": .init(status: 302, headers: [("Location", "/new")])
            case "/new": .init(status: 200, contentType: "application/rss+xml", body: FetcherTests.rss)
            case "/evil": .init(status: 302, headers: [("Location", "file:///etc/passwd")])
            default: .init(status: 404)
            }
        }
        let responses = await Fetcher().fetch([
            FetchRequest(id: "moved", url: server.url("/old")),
            FetchRequest(id: "evil", url: server.url("/evil")),
        ])
        #expect(responses[0].status == 200)
        #expect(responses[0].effectiveURL == server.url("/new"))
        #expect(responses[0].redirects == 1)
        #expect(responses[1].error != nil)
        #expect(responses[1].body.isEmpty)
    }

    @Test("no more than the per-host limit at once, and every request answered")
    func politeness() async throws {
        let server = try TestHTTPServer { _ in
            .init(status: 200, headers: [("Content-Type", "text/xml")], body: Array(FetcherTests.rss.utf8), delay: 0.15)
        }
        var options = FetchOptions()
        options.maxPerHost = 2
        let requests = (0..<8).map { FetchRequest(id: "f\($0)", url: server.url("/f\($0)")) }
        let responses = await Fetcher(options: options).fetch(requests)
        #expect(responses.allSatisfy { $0.isSuccess })
        #expect(responses.map(\.id) == requests.map(\.id))
        #expect(server.maxConcurrent <= 2)
        #expect(server.maxConcurrent == 2)
    }

    @Test("a server that stops short is an error, not a feed")
    func truncated() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, body: Array(FetcherTests.rss.utf8), truncateAfter: 10)
        }
        let response = await Fetcher().fetch([FetchRequest(id: "cut", url: server.url("/cut"))])[0]
        #expect(response.error != nil)
    }

    @Test("request headers are sent")
    func requestHeaders() async throws {
        let server = try TestHTTPServer { _ in .init(status: 304) }
        let response = await Fetcher().fetch([
            FetchRequest(id: "c", url: server.url("/c"), headers: ["If-None-Match": "\"v1\""])
        ])[0]
        #expect(response.status == 304)
        #expect(server.requests.first?.headers["if-none-match"] == "\"v1\"")
    }
}
