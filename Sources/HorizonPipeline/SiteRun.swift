public import Foundation
import HorizonCatalogue
public import HorizonCore
import HorizonInnovations
import HorizonSearch
import HorizonSite

/// Builds and writes hubs' static sites (`horizon site`, and after `fetch` and `digest` when the
/// configuration has a `site` block) from the data directory: every story (archive included), the
/// decisions, the innovation records and weekly counts, and the feeds' health.
public struct SiteRun: Sendable {
    public var config: HorizonConfig
    public var dataDirectory: String

    public init(config: HorizonConfig, dataDirectory: String) {
        self.config = config
        self.dataDirectory = dataDirectory
    }

    /// What was written for one hub.
    public struct Outcome: Sendable {
        public var hub: String
        public var folder: String
        public var pages: Int
        /// Files written because they changed, files left as they were, pages removed.
        public var written: Int
        public var unchanged: Int
        public var removed: Int
    }

    /// Writes the site of each hub into the folder `folder` gives it.
    public func run(hubs: [Hub], folder: (Hub) -> String, now: Date = Date()) throws(RunError) -> [Outcome] {
        let active: [Item]
        let session: SearchSession?
        do {
            let store = CatalogueStore(directory: dataDirectory)
            try store.requireIntact()
            active = try store.loadActive().items
            // Every story, archive months included, is read through the search indexes: memory-mapped,
            // never decoded whole.
            session = try SearchSession.open(directory: dataDirectory)
        } catch {
            throw RunError(error)
        }
        let triage = session?.triage ?? TriageLog()
        // The records and weekly counts are made by runs; without them the site has no innovations
        // and its charts are counted from the stories.
        let innovationStore = InnovationStore(directory: dataDirectory)
        let innovations = (try? innovationStore.load())?.innovations ?? []
        let trends = try? innovationStore.loadTrends()
        let health = FeedHealth.all(
            config: config, items: active, states: FeedStates.load(from: dataDirectory), now: now)
        let summaries = Dictionary(active.map { ($0.id, $0.summary) }) { a, _ in a }
        var outcomes: [Outcome] = []
        for hub in hubs {
            let stories = session.map { SiteRun.stories(of: hub.id, in: $0.index, summaries: summaries) } ?? []
            let site = Site(
                SiteInput(
                    hub: hub, config: config, items: stories, triage: triage.forHub(hub.id), innovations: innovations,
                    trends: trends, feedHealth: health, now: now))
            let target = folder(hub)
            do {
                let written = try SiteWriter(folder: target).write(site)
                outcomes.append(
                    Outcome(
                        hub: hub.id, folder: target, pages: site.files.count, written: written.written,
                        unchanged: written.unchanged, removed: written.removed))
            } catch {
                throw RunError(error)
            }
        }
        return outcomes
    }

    /// The stories a hub's themes matched, from the search indexes, with the summaries of the
    /// stories of `catalogue.json`.
    static func stories(of hub: String, in index: SearchCorpus, summaries: [String: String]) -> [SiteStory] {
        guard let hubIndex = index.hubs.firstIndex(of: hub) else { return [] }
        var stories: [SiteStory] = []
        for doc in 0..<index.docCount where !index.isSuperseded(doc) {
            var themes: [(Int, Double)] = []
            index.forEachMatch(doc) { matchHub, theme, score in
                if matchHub == hubIndex { themes.append((theme, score)) }
            }
            guard !themes.isEmpty else { continue }
            themes.sort { $0.1 > $1.1 }
            let feeds = index.feedIndexes(doc)
            let id = index.id(doc)
            stories.append(
                SiteStory(
                    id: id, title: index.title(doc), link: index.link(doc),
                    date: Date(timeIntervalSince1970: Double(index.date(doc))),
                    firstSeen: Date(timeIntervalSince1970: Double(index.firstSeen(doc))),
                    feed: feeds.first.map { index.feeds[$0] } ?? "", sources: feeds.count,
                    themes: themes.map { index.themes[$0.0] }, priority: index.priority(doc, hub: hubIndex),
                    summary: summaries[id] ?? ""))
        }
        return stories
    }

    /// After a run: the sites the configuration's `site` block asks for, one folder per hub in `out`.
    public func runConfigured(now: Date = Date()) throws(RunError) -> [Outcome] {
        guard let settings = config.site else { return [] }
        let hubs = settings.hubs.isEmpty ? config.hubs : config.hubs.filter { settings.hubs.contains($0.id) }
        return try run(hubs: hubs, folder: { (settings.out as NSString).appendingPathComponent($0.id) }, now: now)
    }
}
