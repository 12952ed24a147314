public import Foundation
import HorizonCore

/// When each hub's digest was last delivered (`digest-state.json` in the data directory): the next
/// digest starts there, so no story comes twice and none is skipped when a day is missed.
public struct DigestState: Codable, Sendable, Equatable {
    public struct Hub: Codable, Sendable, Equatable {
        /// The end of the period the last delivered digest covered.
        public var lastDelivered: Date
        public var lastItems: Int

        public init(lastDelivered: Date, lastItems: Int) {
            self.lastDelivered = lastDelivered
            self.lastItems = lastItems
        }
    }

    public var hubs: [String: Hub] = [:]

    /// The last feed report sent to the administrators: the same problems are not sent again within a day.
    public struct FeedReport: Codable, Sendable, Equatable {
        public var sent: Date
        /// What the problems were (`FeedProblems.key`).
        public var lines: [String]

        public init(sent: Date, lines: [String]) {
            self.sent = sent
            self.lines = lines
        }
    }

    public var feedReport: FeedReport?

    public init() {}

    public static func path(in directory: String) -> String {
        DataDirectory(directory).digestState
    }
}
