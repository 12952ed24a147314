import ArgumentParser
import Foundation
import HorizonCore

/// Options every command takes: where the configuration and the data directory are.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The configuration file (default: $HORIZON_CONFIG, else ./feeds.json).", valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The data directory holding the catalogue and run state (default: $HORIZON_DATA, else ./data).",
            valueName: "dir"))
    var data: String?

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["HORIZON_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "feeds.json"
    }

    @OptionGroup var logging: LogOptions

    var dataDirectory: String {
        data ?? ProcessInfo.processInfo.environment["HORIZON_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
    }

    /// The configuration when its file exists (commands that read only the catalogue work without
    /// one); a file that exists but is invalid is an error, as in every command.
    func loadConfigIfPresent() throws(ConfigError) -> HorizonConfig? {
        guard FileManager.default.fileExists(atPath: configPath) else {
            logging.bootstrap()
            return nil
        }
        return try loadConfig()
    }

    /// Loads the configuration (sets up logging first).
    func loadConfig() throws(ConfigError) -> HorizonConfig {
        logging.bootstrap()
        return try ConfigLoader.load(path: configPath)
    }
}

/// A failure the command line finds itself (a bad option value, an unknown id).
struct CLIFailure: HorizonError {
    let kind: FailureKind
    let message: String

    /// Invalid usage: exit 64.
    static func usage(_ message: String) -> CLIFailure { CLIFailure(kind: .usage, message: message) }
    /// The run could not complete: exit 1.
    static func failed(_ message: String) -> CLIFailure { CLIFailure(kind: .io, message: message) }
}

/// A subcommand: `execute()` does the work. Every failure a library reports is a `HorizonError`;
/// here, and only here, it becomes `error: ...` on stderr and the exit code of its kind.
protocol HorizonCommand: AsyncParsableCommand {
    func execute() async throws
}

extension HorizonCommand {
    func run() async throws {
        // Past a file size limit (ulimit -f), a write then fails with EFBIG, which is reported and
        // leaves every file as it was, instead of the signal killing the process mid-save.
        signal(SIGXFSZ, SIG_IGN)
        do {
            try await execute()
        } catch let failure as any HorizonError {
            Output.error(failure.message)
            throw ExitCode(failure.kind.exitCode)
        }
    }
}
