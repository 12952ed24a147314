public import Foundation
import HorizonCatalogue
public import HorizonCore
import HorizonInnovations
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
        let items: [Item]
        let active: [Item]
        let triage: TriageLog
        do {
            let store = CatalogueStore(directory: dataDirectory)
            try store.requireIntact()
            items = try store.loadAllItems()
            active = try store.loadActive().items
            triage = try TriageStore(directory: dataDirectory).load()
        } catch {
            throw RunError(error)
        }
        // The records and weekly counts are made by runs; a missing or damaged file is made afresh.
        let innovationStore = InnovationStore(directory: dataDirectory)
        let innovations = (try? innovationStore.load())?.innovations ?? []
        let trends = try? innovationStore.loadTrends()
        let health = FeedHealth.all(
            config: config, items: active, states: FeedStates.load(from: dataDirectory), now: now)
        var outcomes: [Outcome] = []
        for hub in hubs {
            let site = Site(
                SiteInput(
                    hub: hub, config: config, items: items, triage: triage.forHub(hub.id), innovations: innovations,
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

    /// After a run: the sites the configuration's `site` block asks for, one folder per hub in `out`.
    public func runConfigured(now: Date = Date()) throws(RunError) -> [Outcome] {
        guard let settings = config.site else { return [] }
        let hubs = settings.hubs.isEmpty ? config.hubs : config.hubs.filter { settings.hubs.contains($0.id) }
        return try run(hubs: hubs, folder: { (settings.out as NSString).appendingPathComponent($0.id) }, now: now)
    }
}
