public import Foundation

/// Runs a program to its end and returns its exit status, standard output and standard error.
///
/// Both pipes are read at once (standard error on a thread of its own): a child that fills one
/// pipe's buffer while the parent waits on the other would otherwise never finish.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
    }

    public static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String]? = nil,
        input: Data? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        try process.run()
        let stderr = Collected()
        let reader = Thread { stderr.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        if let input, let inputPipe {
            let writer = inputPipe.fileHandleForWriting
            Thread {
                writer.write(input)
                try? writer.close()
            }.start()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr.wait())
    }

    /// Data handed from the reading thread, waited for once.
    private final class Collected: @unchecked Sendable {  // `data` is written once, before `done` is signalled
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        func set(_ value: Data) {
            data = value
            done.signal()
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
