/// A feed to read, as configured.
public struct FeedConfig: Codable, Sendable, Equatable {
    public var id: String
    public var url: String
    public var title: String
    /// A folder for the feed (kept from and written to OPML).
    public var category: String?
    /// The least time between two fetches of this feed, in seconds (config: minutes, or "6h").
    public var interval: Double?
    /// What the feed is about, when it says: `health` for a feed that carries only health and care
    /// news, which counts as some context for its stories (never enough alone).
    public var subject: FeedSubject?

    public init(
        id: String, url: String, title: String, category: String? = nil, interval: Double? = nil,
        subject: FeedSubject? = nil
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.category = category
        self.interval = interval
        self.subject = subject
    }
}

/// What a feed is about (`subject` in `feeds.json`).
public enum FeedSubject: String, Codable, Sendable, CaseIterable {
    /// Health and care news only (a trust, the NHS, a health journal).
    case health
    /// Anything (a national or regional news feed).
    case general
}

/// One term of a theme: a word or phrase, how much it counts, and whether case matters.
public struct ThemeTerm: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    public var text: String
    /// How much a hit on this term counts, relative to an ordinary term (1).
    public var weight: Double
    /// Match only this exact capitalisation (for acronyms such as `AI` or `ICB`).
    public var caseSensitive: Bool
    /// Match the words as written (any case, plural `s` allowed), without stemming: `prevention`
    /// then does not match the verb "prevent".
    public var exact: Bool

    public init(_ text: String, weight: Double = 1, caseSensitive: Bool = false, exact: Bool = false) {
        self.text = text
        self.weight = weight
        self.caseSensitive = caseSensitive
        self.exact = exact
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// A priority theme: what to look for, what rules a hit out, and what adds weight.
public struct Theme: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    public var include: [ThemeTerm]
    public var exclude: [ThemeTerm]
    /// Terms that add to the score of an item that already matched an include term.
    public var boost: [ThemeTerm]

    public init(
        id: String, name: String, description: String? = nil, include: [ThemeTerm], exclude: [ThemeTerm] = [],
        boost: [ThemeTerm] = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.include = include
        self.exclude = exclude
        self.boost = boost
    }
}

/// An innovation hub and the themes it cares about.
public struct Hub: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var themes: [String]
    /// Local place names (Dorset, Poole; Liverpool, Wirral) that raise the score of local items.
    public var places: [String]
    /// The score an item needs to match one of this hub's themes (default: the configuration's).
    public var threshold: Double?
    /// What a place name adds to the score of a theme the item already hit (default: the configuration's).
    public var placeBoost: Double?
    /// Email addresses the hub's digest is sent to.
    public var recipients: [String]
    /// A Microsoft Teams or Slack incoming webhook the digest is posted to.
    public var webhook: Webhook?
    /// Whether an empty digest is still delivered ("nothing new"); default: `digest.sendEmpty`.
    public var sendEmpty: Bool?

    public init(
        id: String, name: String, themes: [String], places: [String] = [], threshold: Double? = nil,
        placeBoost: Double? = nil, recipients: [String] = [], webhook: Webhook? = nil, sendEmpty: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.themes = themes
        self.places = places
        self.threshold = threshold
        self.placeBoost = placeBoost
        self.recipients = recipients
        self.webhook = webhook
        self.sendEmpty = sendEmpty
    }

    /// True when the digest goes somewhere other than files: email or a webhook.
    public var hasDelivery: Bool { !recipients.isEmpty || webhook != nil }
}

/// An incoming webhook of a chat service.
public struct Webhook: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case slack, teams }
    public var url: String
    public var kind: Kind

    public init(url: String, kind: Kind) {
        self.url = url
        self.kind = kind
    }
}

/// The hubs' static sites, from the configuration's optional `site` object: `fetch` and `digest`
/// write one folder per hub in `out` after each run.
public struct SiteSettings: Sendable, Equatable {
    /// The folder that holds one site folder per hub (relative paths are read from the configuration's folder).
    public var out: String
    /// The hubs to write sites for (default: every hub).
    public var hubs: [String]

    public init(out: String, hubs: [String] = []) {
        self.out = out
        self.hubs = hubs
    }
}

/// Defaults for digests, from the configuration's optional `digest` object.
public struct DigestSettings: Sendable, Equatable {
    /// Deliver a digest that has nothing new ("nothing new"), or skip it.
    public var sendEmpty = false
    /// Stories below this priority are left out of digests (`digest.minPriority`, default 0.2).
    public var minPriority: Double = 0.2
    /// How many stories the "Top stories" section holds (`digest.top`, default 5; 0 leaves it out).
    public var top = 5
    /// Administrators who get the feed problems in detail (`digest.adminEmail`): hub readers see one line.
    public var adminEmail: [String] = []

    public init(sendEmpty: Bool = false, minPriority: Double = 0.2, top: Int = 5, adminEmail: [String] = []) {
        self.sendEmpty = sendEmpty
        self.minPriority = minPriority
        self.top = top
        self.adminEmail = adminEmail
    }
}

/// Where and how digests are sent by email. The password is never in the configuration:
/// it comes from the environment variable `passwordEnv` or the file `passwordFile`.
public struct SMTPSettings: Sendable, Equatable {
    /// `smtp://host:port` (STARTTLS when offered) or `smtps://host:port`.
    public var url: String
    public var from: String
    public var username: String?
    public var passwordEnv: String?
    public var passwordFile: String?
    /// For smtp:// URLs: require STARTTLS (true) or use it when the server offers it (false).
    public var requireTLS: Bool = false

    public init(
        url: String, from: String, username: String? = nil, passwordEnv: String? = nil, passwordFile: String? = nil,
        requireTLS: Bool = false
    ) {
        self.url = url
        self.from = from
        self.username = username
        self.passwordEnv = passwordEnv
        self.passwordFile = passwordFile
        self.requireTLS = requireTLS
    }
}

/// How hard Horizon may push publishers' servers (`fetch` in the configuration); nil means the default.
public struct FetchLimits: Sendable, Equatable {
    /// Transfers at once (default 16).
    public var maxConcurrent: Int?
    /// Transfers at once to one host (default 2).
    public var maxPerHost: Int?
    /// The longest one transfer may take, in seconds (default 60).
    public var timeoutSeconds: Double?
    /// The largest body accepted, in megabytes (default 10).
    public var maxBodyMB: Double?

    public init(
        maxConcurrent: Int? = nil, maxPerHost: Int? = nil, timeoutSeconds: Double? = nil, maxBodyMB: Double? = nil
    ) {
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
        self.timeoutSeconds = timeoutSeconds
        self.maxBodyMB = maxBodyMB
    }
}

/// Defaults for matching, from the configuration's optional `matching` object.
public struct MatchSettings: Sendable, Equatable {
    /// The score an item needs to match a theme.
    public var threshold: Double = 2
    /// What a hub's place name adds to a theme the item already hit.
    public var placeBoost: Double = 1
    /// Context that rules every theme out ("horoscope", "fun run"): exclude terms shared by all themes.
    public var exclude: [ThemeTerm] = []
    /// A theme must also score at least this fraction of the item's best theme, so that a passing
    /// mention beside the story's real subject does not label it.
    public var relativeThreshold: Double = 0
    /// The health-and-care context layer (`matching.context`); nil: every theme hit counts.
    public var context: ContextSettings?
    /// Decisions a hub needs before its own model takes part in its priorities (`matching.learnAfter`).
    public var learnAfter: Int = 20

    public init(
        threshold: Double = 2, placeBoost: Double = 1, exclude: [ThemeTerm] = [], relativeThreshold: Double = 0,
        context: ContextSettings? = nil, learnAfter: Int = 20
    ) {
        self.threshold = threshold
        self.placeBoost = placeBoost
        self.exclude = exclude
        self.relativeThreshold = relativeThreshold
        self.context = context
        self.learnAfter = learnAfter
    }
}

/// The health-and-care context layer: a theme hit counts only when the item's context evidence
/// (weighted health and care words, minus words of other trades) reaches `threshold`.
public struct ContextSettings: Sendable, Equatable {
    /// The evidence an item needs (default 2: one strong word such as "patients", or two weaker ones).
    public var threshold: Double = 2
    /// Use the built-in health and care lexicon (default true); `terms` and `against` add to it.
    public var standard: Bool = true
    /// More context words, each with a weight above 0.
    public var terms: [ThemeTerm] = []
    /// Words of other subjects (livestock, films, property), each with the weight it takes away.
    public var against: [ThemeTerm] = []
    /// What a feed whose `subject` is `health` adds to each of its stories (default 1).
    public var healthFeed: Double = 1

    public init(
        threshold: Double = 2, standard: Bool = true, terms: [ThemeTerm] = [], against: [ThemeTerm] = [],
        healthFeed: Double = 1
    ) {
        self.threshold = threshold
        self.standard = standard
        self.terms = terms
        self.against = against
        self.healthFeed = healthFeed
    }
}

/// The whole configuration (`feeds.json`).
public struct HorizonConfig: Sendable, Equatable {
    public var feeds: [FeedConfig]
    public var themes: [Theme]
    public var hubs: [Hub]
    /// A URL or address where publishers can reach whoever runs this instance (sent in the User-Agent).
    public var contact: String?
    public var matching: MatchSettings
    public var smtp: SMTPSettings?
    public var digest: DigestSettings
    /// Join the same story told by another outlet with another URL and edited text (`dedup.similarStories`).
    public var similarStories: Bool = false
    /// `horizon prune`'s default age, in days (`catalogue.pruneAfterDays`).
    public var pruneAfterDays: Int?
    /// Keep each story's summary as sanitized HTML too, for display (`catalogue.keepHTML`).
    public var keepHTML: Bool = false
    /// Fetch limits from the optional `fetch` object; nil keeps the defaults.
    public var fetchLimits = FetchLimits()
    /// Innovations the analysts follow by name (`innovations`).
    public var innovations: [WatchedInnovation] = []
    /// Where `fetch` and `digest` regenerate the hubs' static sites after each run (`site`), if anywhere.
    public var site: SiteSettings?

    public init(
        feeds: [FeedConfig], themes: [Theme], hubs: [Hub], contact: String? = nil,
        matching: MatchSettings = MatchSettings(), smtp: SMTPSettings? = nil, digest: DigestSettings = DigestSettings()
    ) {
        self.feeds = feeds
        self.themes = themes
        self.hubs = hubs
        self.contact = contact
        self.matching = matching
        self.smtp = smtp
        self.digest = digest
    }

    public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }
    public func hub(_ id: String) -> Hub? { hubs.first { $0.id == id } }
    public func feed(_ id: String) -> FeedConfig? { feeds.first { $0.id == id } }
}

/// A configuration that cannot be used, with a message naming the file and the place.
public struct ConfigError: HorizonError, Equatable {
    public let message: String
    public var kind: FailureKind { .configuration }
    public init(_ message: String) { self.message = message }
}
