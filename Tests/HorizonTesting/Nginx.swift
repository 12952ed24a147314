import Foundation

/// A real nginx serving a folder on 127.0.0.1 with a private configuration (ETag, Last-Modified,
/// gzip), started for a test and stopped with it. Its access log records status, bytes, the
/// conditional headers and the content encoding of every request.
public final class Nginx {
    public static let binary = "/usr/sbin/nginx"
    public let port: Int
    public let root: String
    let process = Process()
    let work: TemporaryDirectory

    public init(root: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Nginx.binary) else {
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [NSFilePathErrorKey: "nginx is not installed (scripts/setup.sh test installs nginx-light)"])
        }
        self.root = root
        work = TemporaryDirectory()
        port = try Nginx.freePort()
        let config = """
            worker_processes 1;
            daemon off;
            pid \(work.path)/nginx.pid;
            error_log \(work.path)/error.log warn;
            events { worker_connections 256; }
            http {
                types {
                    application/rss+xml rss; application/atom+xml atom; application/rdf+xml rdf; text/xml xml;
                    text/html html; text/css css; application/javascript js;
                }
                default_type application/octet-stream;
                log_format test '$status $body_bytes_sent "$request" inm="$http_if_none_match" ims="$http_if_modified_since" ae="$http_accept_encoding" ce="$sent_http_content_encoding"';
                access_log \(work.path)/access.log test;
                client_body_temp_path \(work.path)/body;
                proxy_temp_path \(work.path)/proxy;
                fastcgi_temp_path \(work.path)/fastcgi;
                uwsgi_temp_path \(work.path)/uwsgi;
                scgi_temp_path \(work.path)/scgi;
                etag on;
                gzip on;
                gzip_min_length 256;
                gzip_types application/rss+xml application/atom+xml application/rdf+xml text/xml;
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
                }
            }
            """
        try config.write(toFile: work.file("nginx.conf"), atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: Nginx.binary)
        process.arguments = ["-c", work.file("nginx.conf"), "-p", work.path, "-e", work.file("error.log")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until it answers.
        for _ in 0..<100 {
            if Nginx.canConnect(port) { return }
            usleep(50_000)
        }
        throw CocoaError(
            .fileReadUnknown,
            userInfo: [
                NSLocalizedDescriptionKey:
                    "nginx did not start: \((try? String(contentsOfFile: work.file("error.log"), encoding: .utf8)) ?? "")"
            ])
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The access log's lines so far.
    public var log: [String] {
        ((try? String(contentsOfFile: work.file("access.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(
            String.init)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
