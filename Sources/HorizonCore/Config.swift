/// A feed to read, as configured.
public struct FeedConfig: Codable, Sendable, Equatable {
    public var id: String
    public var url: String
    public var title: String

    public init(id: String, url: String, title: String) {
        self.id = id
        self.url = url
        self.title = title
    }
}

/// A priority theme: what to look for and what rules a hit out.
public struct Theme: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    public var include: [String]
    public var exclude: [String]

    public init(id: String, name: String, description: String? = nil, include: [String], exclude: [String] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.include = include
        self.exclude = exclude
    }
}

/// An innovation hub and the themes it cares about.
public struct Hub: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var themes: [String]

    public init(id: String, name: String, themes: [String]) {
        self.id = id
        self.name = name
        self.themes = themes
    }
}

/// The whole configuration (`feeds.json`).
public struct HorizonConfig: Sendable, Equatable {
    public var feeds: [FeedConfig]
    public var themes: [Theme]
    public var hubs: [Hub]
    /// A URL or address where publishers can reach whoever runs this instance (sent in the User-Agent).
    public var contact: String?

    public init(feeds: [FeedConfig], themes: [Theme], hubs: [Hub], contact: String? = nil) {
        self.feeds = feeds
        self.themes = themes
        self.hubs = hubs
        self.contact = contact
    }

    public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }
    public func hub(_ id: String) -> Hub? { hubs.first { $0.id == id } }
    public func feed(_ id: String) -> FeedConfig? { feeds.first { $0.id == id } }
}

/// A configuration that cannot be used, with a message naming the file and the place.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
