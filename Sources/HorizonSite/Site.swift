public import Foundation
public import HorizonCatalogue
public import HorizonCore
public import HorizonInnovations

/// What one hub's site is made from: its stories (the catalogue and its archive), its decisions,
/// the innovation records and weekly counts, and the feeds' health.
public struct SiteInput: Sendable {
    public var hub: Hub
    public var config: HorizonConfig
    public var items: [Item]
    /// The hub's decisions (and those that belong to no hub).
    public var triage: TriageLog
    public var innovations: [Innovation]
    public var trends: TrendCounts?
    public var feedHealth: [FeedHealth]
    public var now: Date

    public init(
        hub: Hub, config: HorizonConfig, items: [Item], triage: TriageLog, innovations: [Innovation],
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
    let matched: [Item]
    /// Innovations with a story in one of the hub's themes, latest activity first.
    let innovations: [Innovation]
    let innovationIDs: Set<String>
    /// The innovation each item belongs to (the first record that holds it).
    let innovationOf: [String: Innovation]
    let itemsByID: [String: Item]
    /// The stored weekly counts, or counts made from the stories when no run has stored them.
    let counts: TrendCounts

    init(_ input: SiteInput) {
        self.input = input
        hub = input.hub
        now = input.now
        themes = input.hub.themes.compactMap { input.config.theme($0) }
        let hubID = input.hub.id
        matched = input.items.filter { item in item.matches.contains { $0.hub == hubID } }
            .sorted { $0.date != $1.date ? $0.date > $1.date : $0.id < $1.id }
        let prefix = hubID + "/"
        innovations = input.innovations.filter { record in record.themes.contains { $0.hasPrefix(prefix) } }
            .sorted { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id < $1.id }
        innovationIDs = Set(innovations.map(\.id))
        var of: [String: Innovation] = [:]
        for record in innovations {
            for story in record.items where of[story.id] == nil { of[story.id] = record }
        }
        innovationOf = of
        itemsByID = Dictionary(matched.map { ($0.id, $0) }) { a, _ in a }
        counts = input.trends ?? TrendCounts(items: input.items, records: input.innovations, now: input.now)
    }

    func priority(_ item: Item) -> Double { item.priorities?[hub.id] ?? 0 }

    /// The top stories first seen in the last 7 days by priority; the latest ones when there are none.
    var topStories: [Item] {
        let week = matched.filter { now.timeIntervalSince($0.firstSeen) <= 7 * 86_400 && $0.firstSeen <= now }
        let pool = week.isEmpty ? Array(matched.prefix(Site.topStories)) : week
        return Array(
            pool.sorted { priority($0) != priority($1) ? priority($0) > priority($1) : $0.date > $1.date }
                .prefix(Site.topStories))
    }

    /// The last 12 complete weeks of one of the hub's themes, and whether the latest surged.
    func trend(_ theme: String) -> ThemeTrend? {
        TrendReading.trends(counts, hub: hub.id, themes: [theme], weeks: 12, now: now).first
    }

    /// Innovations of the hub gaining publishers (from the weekly counts).
    var gaining: [TrendCounts.Gaining] {
        counts.gaining.filter { gaining in gaining.themes.contains { $0.hasPrefix(hub.id + "/") } }
    }

    /// Followed innovations (watching, shortlisted, assessing) with a story first seen in the last 7 days.
    var followedWithNews: [(record: Innovation, status: TriageStatus, stories: [Innovation.Story])] {
        let following: Set<TriageStatus> = [.watching, .shortlisted, .assessing]
        return innovations.compactMap { record in
            let status = input.triage.status(of: record.id)
            guard following.contains(status) else { return nil }
            let recent = record.items.filter { story in
                (itemsByID[story.id]?.firstSeen).map { now.timeIntervalSince($0) <= 7 * 86_400 } ?? false
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
            let title = record?.name ?? itemsByID[id]?.title ?? event.title ?? id
            result[event.status, default: []].append((id, title, event, record != nil))
        }
        return result.mapValues { $0.sorted { $0.2.at > $1.2.at } }
    }
}
