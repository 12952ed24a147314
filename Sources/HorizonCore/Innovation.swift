public import Foundation

/// Where an innovation stands, from a registered trial to national spread.
public enum LifecycleStage: String, Codable, Sendable, CaseIterable, Comparable {
    /// A trial registered, recruiting or under way.
    case research
    /// Results, an evaluation or a publication.
    case evidence
    /// Approval, clearance, a licence or a marking.
    case regulatory
    /// NICE or national guidance, an early value assessment.
    case guidance
    /// An award, an investment, a procurement or a contract.
    case funding
    /// A local pilot or go-live.
    case adoption
    /// A national or multi-region rollout.
    case spread
    case other

    /// The stages in lifecycle order.
    public static func < (a: LifecycleStage, b: LifecycleStage) -> Bool { a.ordinal < b.ordinal }

    /// Its place in the lifecycle, from 0 (`research`) to 7 (`other`).
    public var ordinal: Int {
        switch self {
        case .research: 0
        case .evidence: 1
        case .regulatory: 2
        case .guidance: 3
        case .funding: 4
        case .adoption: 5
        case .spread: 6
        case .other: 7
        }
    }
}

/// An innovation that analysts follow by name (`feeds.json` `"innovations"`): every story naming it,
/// or carrying one of its identifiers, joins its record.
public struct WatchedInnovation: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    /// As written in the configuration ("NCT04368728", "10.1136/bmj.n71", "TA943").
    public var identifiers: [String]

    public init(name: String, aliases: [String] = [], identifiers: [String] = []) {
        self.name = name
        self.aliases = aliases
        self.identifiers = identifiers
    }
}

/// One record per innovation: the stories about it across feeds, sites and months.
public struct Innovation: Codable, Sendable, Equatable, Identifiable {
    /// `inv-` and 8 hex digits, from the innovation's name (or first identifier): the same across rebuilds.
    public var id: String
    public var name: String
    /// Other names it was seen under (spellings, brand names), and the watchlist's aliases.
    public var aliases: [String]
    public var identifiers: [Identifier]
    /// The stage of its latest story that has one.
    public var stage: LifecycleStage
    public var firstSeen: Date
    public var lastSeen: Date
    /// How many distinct sites carried its stories.
    public var publishers: Int
    /// `hub/theme` pairs its stories matched, most frequent first.
    public var themes: [String]
    /// Whether the record comes from the watchlist.
    public var watched: Bool
    /// Its stories, oldest first.
    public var items: [Story]

    /// One story of an innovation.
    public struct Story: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var link: String
        public var date: Date
        public var stage: LifecycleStage
        /// The sites that carried it.
        public var sites: [String]

        public init(id: String, title: String, link: String, date: Date, stage: LifecycleStage, sites: [String]) {
            self.id = id
            self.title = title
            self.link = link
            self.date = date
            self.stage = stage
            self.sites = sites
        }
    }

    public init(
        id: String, name: String, aliases: [String], identifiers: [Identifier], stage: LifecycleStage,
        firstSeen: Date, lastSeen: Date, publishers: Int, themes: [String], watched: Bool, items: [Story]
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.identifiers = identifiers
        self.stage = stage
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.publishers = publishers
        self.themes = themes
        self.watched = watched
        self.items = items
    }

    /// The themes of one hub (`hub/theme` pairs with that hub).
    public func themes(forHub hub: String) -> [String] {
        themes.compactMap { pair in
            let parts = pair.split(separator: "/", maxSplits: 1)
            return parts.count == 2 && parts[0] == hub ? String(parts[1]) : nil
        }
    }
}
