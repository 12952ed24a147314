import Foundation

/// What Python's email package makes of a message (Tests/Support/check_mime.py).
public struct ParsedMail {
    public var headers: [(String, String)]
    public var type: String
    public var defects: [String]
    public var parts: [(type: String, charset: String?, text: String)]

    public init(file: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot() + "/Tests/Support/check_mime.py", file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file])
        }
        headers = ((object["headers"] as? [[String]]) ?? []).map { ($0[0], $0[1]) }
        type = object["type"] as? String ?? ""
        defects = object["defects"] as? [String] ?? []
        parts = ((object["parts"] as? [[String: Any]]) ?? []).map {
            ($0["type"] as? String ?? "", $0["charset"] as? String, $0["text"] as? String ?? "")
        }
    }

    public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}
