import ArgumentParser
import Foundation
import Logging

/// How log lines look on stderr.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options that set up logging (swift-log, to stderr).
struct LogOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical (default: warning, or $HORIZON_LOG_LEVEL).",
            valueName: "level"))
    var logLevel: LevelOption?

    /// swift-log's levels, as the command line spells them.
    enum LevelOption: String, ExpressibleByArgument, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
        var level: Logger.Level { Logger.Level(rawValue: rawValue)! }
    }

    @Option(help: "text or json (one JSON object per line).")
    var logFormat: LogFormat = .text

    /// Bootstraps swift-log once for the process.
    func bootstrap() {
        let level =
            logLevel?.level
            ?? ProcessInfo.processInfo.environment["HORIZON_LOG_LEVEL"].flatMap {
                Logger.Level(rawValue: $0.lowercased())
            }
            ?? .warning
        let format = logFormat
        LoggingBootstrap.once(level: level, format: format)
    }
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    private static let lock = NSLock()

    static func once(level: Logger.Level, format: LogFormat) {
        lock.withLock {
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler = StderrLogHandler(label: label, format: format)
                handler.logLevel = level
                return handler
            }
        }
    }
}

/// Writes one line per message to stderr: text (`2026-11-22T07:00:00Z warning horizon.fetch: message key=value`)
/// or JSON (`{"time", "level", "label", "message", ...metadata}`).
struct StderrLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let time = ISO8601DateFormatter().string(from: Date())
        let line: String
        switch format {
        case .text:
            let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "\(time) \(event.level) \(label): \(event.message)" + (pairs.isEmpty ? "" : " " + pairs)
        case .json:
            var object: [String: String] = [
                "time": time, "level": event.level.rawValue, "label": label, "message": "\(event.message)",
            ]
            for (key, value) in merged where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
