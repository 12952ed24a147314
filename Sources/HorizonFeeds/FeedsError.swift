public import HorizonCore

/// Why a change to the feed list could not be made: the message names the file or URL.
public struct FeedsError: HorizonError {
    public let kind: FailureKind
    public let message: String

    public init(_ kind: FailureKind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
