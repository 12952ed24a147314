import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore

/// Options every command takes: where the configuration and the data directory are.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file (default: $HORIZON_CONFIG, else ./feeds.json).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The data directory holding the catalogue and run state (default: $HORIZON_DATA, else ./data).", valueName: "dir"))
    var data: String?

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["HORIZON_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "feeds.json"
    }

    @OptionGroup var logging: LogOptions

    var dataDirectory: String {
        data ?? ProcessInfo.processInfo.environment["HORIZON_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
    }

    /// Takes the data directory's lock (no waiting), or stops with exit code 75.
    func lockDataDirectory() throws -> DirectoryLock {
        do {
            return try DirectoryLock(directory: dataDirectory)
        } catch {
            throw CLIFailure.locked(error.description)
        }
    }

    /// Reads the catalogue, or stops with exit code 1 and a one-line message naming the file.
    func loadCatalogue() throws -> Catalogue {
        do {
            return try CatalogueStore(directory: dataDirectory).load()
        } catch {
            throw CLIFailure.failed(error.description)
        }
    }

    /// Loads the configuration, or stops with exit code 64 and a one-line message.
    func loadConfig() throws -> HorizonConfig {
        logging.bootstrap()
        do {
            return try ConfigLoader.load(path: configPath)
        } catch {
            throw CLIFailure.usage(error.message)
        }
    }
}

/// How a command fails: a message for stderr and the documented exit code.
enum CLIFailure: Error {
    /// Invalid configuration or usage: exit 64.
    case usage(String)
    /// The run could not complete: exit 1.
    case failed(String)
    /// Another run holds the lock: exit 75.
    case locked(String)

    var exitCode: ExitCode {
        switch self {
        case .usage: ExitCode(64)
        case .failed: ExitCode(1)
        case .locked: ExitCode(75)
        }
    }

    var message: String {
        switch self {
        case .usage(let message), .failed(let message), .locked(let message): message
        }
    }
}

/// A subcommand: `execute()` does the work; failures become `error: ...` and an exit code.
protocol HorizonCommand: AsyncParsableCommand {
    func execute() async throws
}

extension HorizonCommand {
    func run() async throws {
        do {
            try await execute()
        } catch let failure as CLIFailure {
            Output.error(failure.message)
            throw failure.exitCode
        }
    }
}

enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Silent on success: when asked, or when output goes somewhere other than a terminal (cron).
    static func quiet(_ requested: Bool) -> Bool { requested || !isTerminal }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Text on one line: line breaks and tabs become spaces.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
    }

    /// An aligned table; the last column takes what is left of the terminal's width (never cut off a terminal).
    static func table(_ headers: [String], _ rows: [[String]], caps: [Int]? = nil) {
        var widths = headers.indices.map { column in
            min(caps?[column] ?? 40, max(headers[column].count, rows.map { $0[column].count }.max() ?? 0))
        }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        widths[widths.count - 1] = width.map { max(20, $0 - fixed) } ?? Int.max
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let columnWidth = widths[column]
                let text = cell.count > columnWidth ? String(cell.prefix(columnWidth - 1)) + "…" : cell
                return column == cells.count - 1 ? text : text.padding(toLength: columnWidth, withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(headers))
        for row in rows { print(line(row)) }
    }

    /// The terminal's width; nil when output is not a terminal (lines are then never cut).
    static var width: Int? {
        guard isTerminal else { return nil }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
