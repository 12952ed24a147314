public import Foundation
public import HorizonCatalogue
public import HorizonCore
public import HorizonInnovations

/// One story as the site shows it: what a page needs, for one hub. Stories of the archive come from
/// the search indexes (no summary); those of `catalogue.json` carry their summary.
public struct SiteStory: Sendable {
    public var id: String
    public var title: String
    public var link: String
    /// The story's own date (published, else updated, else first seen).
    public var date: Date
    public var firstSeen: Date
    /// The primary feed's id, and how many feeds carried the story.
    public var feed: String
    public var sources: Int
    /// The hub's themes that matched, best first.
    public var themes: [String]
    public var priority: Double?
    public var summary: String

    public init(
        id: String, title: String, link: String, date: Date, firstSeen: Date, feed: String, sources: Int,
        themes: [String], priority: Double?, summary: String = ""
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.date = date
        self.firstSeen = firstSeen
        self.feed = feed
        self.sources = sources
        self.themes = themes
        self.priority = priority
        self.summary = summary
    }
}

/// What one hub's site is made from: the stories its themes matched, its decisions, the innovation
/// records and weekly counts, and the feeds' health.
public struct SiteInput: Sendable {
    public var hub: Hub
    public var config: HorizonConfig
    /// The stories the hub's themes matched (any order).
    public var items: [SiteStory]
    /// The hub's decisions (and those that belong to no hub).
    public var triage: TriageLog
    public var innovations: [Innovation]
    public var trends: TrendCounts?
    public var feedHealth: [FeedHealth]
    public var now: Date

    public init(
        hub: Hub, config: HorizonConfig, items: [SiteStory], triage: TriageLog, innovations: [Innovation],
        trends: TrendCounts?, feedHealth: [FeedHealth], now: Date
    ) {
        self.hub = hub
        self.config = config
        self.items = items
        self.triage = triage
        self.innovations = innovations
        self.trends = trends
        self.feedHealth = feedHealth
        self.now = now
    }
}

/// A hub's static horizon site: every page as bytes, by its path inside the site folder.
///
/// Pages link to each other by relative paths, so the folder works from `file://` and from any web
/// server; nothing is loaded from outside it. Every page carries a Content-Security-Policy that
/// allows only the site's own style sheet and scripts.
public struct Site: Sendable {
    public var files: [String: [UInt8]] = [:]

    /// The stories a theme page lists, newest first (the search page finds the rest).
    public static let storiesPerTheme = 100
    /// The stories an innovation page lists under each stage, newest first.
    public static let storiesPerStage = 50
    /// The stories the home page leads with.
    public static let topStories = 10

    /// A site with no files (to fill by hand).
    public static var empty: Site { Site(files: [:]) }

    init(files: [String: [UInt8]]) {
        self.files = files
    }

    public init(_ input: SiteInput) {
        let model = SiteModel(input)
        let pages = SitePages(model: model)
        files["style.css"] = Array(SiteAssets.css.utf8)
        files["search.js"] = Array(SiteAssets.searchScript.utf8)
        files["index.html"] = pages.home()
        files["board.html"] = pages.board()
        files["search.html"] = pages.search()
        files["search-data.js"] = pages.searchData()
        for theme in model.themes { files["themes/\(theme.id).html"] = pages.theme(theme) }
        for record in model.innovations { files["innovations/\(record.id).html"] = pages.innovation(record) }
    }
}

/// The hub's view of its inputs, worked out once for every page.
struct SiteModel {
    let input: SiteInput
    let hub: Hub
    let now: Date
    /// The hub's themes, in its order.
    let themes: [Theme]
    /// The stories the hub's themes matched, newest first.
    let matched: [SiteStory]
    /// The same, by each theme that matched them.
    let storiesByTheme: [String: [SiteStory]]
    /// Innovations with a story in one of the hub's themes, latest activity first.
    let innovations: [Innovation]
    let innovationIDs: Set<String>
    /// The innovation each item belongs to (the first record that holds it).
    let innovationOf: [String: Innovation]
    let itemsByID: [String: Int]
    /// The weekly counts runs store (nil before any run stored them).
    let counts: TrendCounts?

    init(_ input: SiteInput) {
        self.input = input
        hub = input.hub
        now = input.now
        themes = input.hub.themes.compactMap { input.config.theme($0) }
        let hubID = input.hub.id
        let sorted = input.items.sorted { $0.date != $1.date ? $0.date > $1.date : $0.id < $1.id }
        matched = sorted
        var byTheme: [String: [SiteStory]] = [:]
        for story in sorted { for theme in Set(story.themes) { byTheme[theme, default: []].append(story) } }
        storiesByTheme = byTheme
        let prefix = hubID + "/"
        innovations = input.innovations.filter { record in record.themes.contains { $0.hasPrefix(prefix) } }
            .sorted { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id < $1.id }
        innovationIDs = Set(innovations.map(\.id))
        var of: [String: Innovation] = [:]
        for record in innovations {
            for story in record.items where of[story.id] == nil { of[story.id] = record }
        }
        innovationOf = of
        itemsByID = Dictionary(sorted.indices.map { (sorted[$0].id, $0) }) { a, _ in a }
        counts = input.trends
    }

    func item(_ id: String) -> SiteStory? { itemsByID[id].map { matched[$0] } }

    func priority(_ item: SiteStory) -> Double { item.priority ?? 0 }

    /// The top stories first seen in the last 7 days by priority; the latest ones when there are none.
    var topStories: [SiteStory] {
        let week = matched.filter { now.timeIntervalSince($0.firstSeen) <= 7 * 86_400 && $0.firstSeen <= now }
        let pool = week.isEmpty ? Array(matched.prefix(Site.topStories)) : week
        return Array(
            pool.sorted { priority($0) != priority($1) ? priority($0) > priority($1) : $0.date > $1.date }
                .prefix(Site.topStories))
    }

    /// The last 12 complete weeks of one of the hub's themes, and whether the latest surged: from the
    /// weekly counts runs store, else counted from the stories (without a surge test).
    func trend(_ theme: String) -> ThemeTrend {
        if let counts, let trend = TrendReading.trends(counts, hub: hub.id, themes: [theme], weeks: 12, now: now).first
        {
            return trend
        }
        let current = TrendCounts.weekStart(now)
        let starts = (1...12).reversed().map { current - 7 * $0 }
        var stories = [Int](repeating: 0, count: 12)
        for story in storiesByTheme[theme] ?? [] {
            if let at = starts.firstIndex(of: TrendCounts.weekStart(story.date)) { stories[at] += 1 }
        }
        return ThemeTrend(
            theme: theme,
            weeks: starts.indices.map { (Date(timeIntervalSince1970: Double(starts[$0]) * 86_400), stories[$0], 0) },
            baseline: 0, threshold: 0, surge: false, score: 0, drivers: [])
    }

    /// Innovations of the hub gaining publishers (from the weekly counts).
    var gaining: [TrendCounts.Gaining] {
        (counts?.gaining ?? []).filter { gaining in gaining.themes.contains { $0.hasPrefix(hub.id + "/") } }
    }

    /// Followed innovations (watching, shortlisted, assessing) with a story first seen in the last 7 days.
    var followedWithNews: [(record: Innovation, status: TriageStatus, stories: [Innovation.Story])] {
        let following: Set<TriageStatus> = [.watching, .shortlisted, .assessing]
        return innovations.compactMap { record in
            let status = input.triage.status(of: record.id)
            guard following.contains(status) else { return nil }
            let recent = record.items.filter { story in
                (item(story.id)?.firstSeen).map { now.timeIntervalSince($0) <= 7 * 86_400 } ?? false
            }
            return recent.isEmpty ? nil : (record, status, recent)
        }
    }

    /// Items and innovations with a decision, by their latest status.
    var decided: [TriageStatus: [(id: String, title: String, event: TriageEvent, innovation: Bool)]] {
        var result: [TriageStatus: [(String, String, TriageEvent, Bool)]] = [:]
        let records = Dictionary(input.innovations.map { ($0.id, $0) }) { a, _ in a }
        for id in input.triage.decidedItems {
            guard let event = input.triage.latestEvent(of: id), event.status != .new else { continue }
            let record = records[id]
            let title = record?.name ?? item(id)?.title ?? event.title ?? id
            result[event.status, default: []].append((id, title, event, record != nil))
        }
        return result.mapValues { $0.sorted { $0.2.at > $1.2.at } }
    }
}
