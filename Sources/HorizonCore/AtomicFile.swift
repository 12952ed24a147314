public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durable file replacement: write a temporary file beside the target, fsync it, rename it over
/// the target, then fsync the directory. A crash at any moment leaves either the old file or
/// the new one, never a mix.
public enum AtomicFile {
    public struct WriteError: HorizonError {
        public let path: String
        public let reason: String
        public var kind: FailureKind { .io }
        public var message: String { "\(path): cannot write: \(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        try write(to: path) { fd in data.withUnsafeBytes { writeAll(fd, $0) } }
    }

    /// Writes `parts` one after another as the file's contents.
    public static func write(parts: [[UInt8]], to path: String) throws(WriteError) {
        try write(to: path) { fd in
            for part in parts {
                if let failure = part.withUnsafeBytes({ writeAll(fd, $0) }) { return failure }
            }
            return nil
        }
    }

    /// Writes `parts` as the file's contents, and keeps the file it replaces as `path.bak`. On a
    /// failure (a full disk, say) neither the file nor its backup changes.
    public static func write(parts: [[UInt8]], to path: String, keepingBackup: Bool) throws(WriteError) {
        try write(streamingTo: path, keepingBackup: keepingBackup) { sink in
            for part in parts { part.withUnsafeBytes { sink.write($0) } }
        }
    }

    /// Where `write(streamingTo:)`'s producer puts the file's bytes, piece by piece; after the
    /// first failure the rest is dropped and the write fails.
    public struct Sink {
        let fd: Int32
        var failure: String?

        public mutating func write(_ bytes: UnsafeRawBufferPointer) {
            guard failure == nil else { return }
            failure = AtomicFile.writeAll(fd, bytes)
        }
    }

    /// Writes what `produce` hands to its sink, so that a large file never has to be whole in
    /// memory; keeps the file it replaces as `path.bak` when asked. On a failure neither changes.
    public static func write(
        streamingTo path: String, keepingBackup: Bool = false, _ produce: (inout Sink) -> Void
    ) throws(WriteError) {
        let fill: (Int32) -> String? = { fd in
            var sink = Sink(fd: fd)
            produce(&sink)
            return sink.failure
        }
        guard keepingBackup, access(path, F_OK) == 0 else { return try write(to: path, fill) }
        let pending = path + ".bak.new"
        unlink(pending)
        // A hard link costs nothing; a file system without them gets a copy.
        if link(path, pending) != 0 { _ = try? FileManager.default.copyItem(atPath: path, toPath: pending) }
        do {
            try write(to: path, fill)
        } catch {
            unlink(pending)
            throw error
        }
        rename(pending, path + ".bak")
    }

    /// `fill` writes the contents to the temporary file and returns why it failed, if it did.
    private static func write(to path: String, _ fill: (Int32) -> String?) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: errnoText()) }
        var failure = fill(fd)
        if failure == nil && fsync(fd) != 0 { failure = errnoText() }
        close(fd)
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }

    private static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < raw.count {
            let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errnoText()
            }
            offset += written
        }
        return nil
    }

    static func errnoText() -> String { SystemError.describe(errno) }
}

/// An exclusive lock on the data directory, so that two runs never write at once.
public final class DirectoryLock {
    /// The lock could not be taken: another run holds it (`.locked`, exit 75), or the lock file
    /// cannot be created (`.io`: permission denied, read-only file system, missing directory).
    public struct Busy: HorizonError {
        public let path: String
        /// Why the lock file could not be opened; nil when another run holds the lock.
        public var reason: String?
        public var kind: FailureKind { reason == nil ? .locked : .io }
        public var message: String {
            guard let reason else { return "another run holds the lock (\(path))" }
            return "\(path): cannot create the lock file: \(reason)"
        }
    }

    private let fd: Int32
    public let path: String

    /// Takes the lock, waiting up to `wait` seconds for a run that holds it. `name` is the lock
    /// file: `.lock` for runs that write the catalogue, another name for files runs never write.
    public init(directory: String, name: String = DataDirectory.runLock, wait: Double = 0) throws(Busy) {
        path = (directory as NSString).appendingPathComponent(name)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Busy(path: path, reason: SystemError.describe(errno)) }
        let deadline = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(fd)
                throw Busy(path: path)
            }
            usleep(100_000)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// A failed system call's cause as a person names it, with the system's own words after it.
public enum SystemError {
    public static func describe(_ code: Int32) -> String {
        let system = String(cString: strerror(code))
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOSPC, EDQUOT: return "disk full (\(system.lowercased()))"
        case EROFS: return "read-only file system"
        case ENOENT: return "no such file or directory"
        case EFBIG: return "file too large for this system's limit (\(system.lowercased()))"
        default: return system.lowercased()
        }
    }
}
