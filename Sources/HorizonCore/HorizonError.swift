/// What kind of failure an error is: the command line turns it into an exit code in one place
/// (`exitCode`), and a person reading the message knows where to look.
public enum FailureKind: Sendable, Equatable {
    /// The command was used wrongly (an unknown option value, a malformed query).
    case usage
    /// The configuration cannot be used.
    case configuration
    /// A file or directory could not be read or written (permissions, disk full, missing).
    case io
    /// A stored file is damaged or of another format.
    case data
    /// A server could not be reached or answered with an error.
    case network
    /// Another run holds the data directory's lock.
    case locked

    /// The documented exit code: 64 for bad usage or configuration, 75 when another run holds the
    /// lock (try again later), 1 when the run could not complete.
    public var exitCode: Int32 {
        switch self {
        case .usage, .configuration: 64
        case .locked: 75
        case .io, .data, .network: 1
        }
    }
}

/// An error of one of Horizon's modules: its kind, and one line that names the file, feed or field
/// and the cause.
public protocol HorizonError: Error, CustomStringConvertible {
    var kind: FailureKind { get }
    /// One line, never with a secret in it.
    var message: String { get }
}

extension HorizonError {
    public var description: String { message }
}
