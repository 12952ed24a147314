import ArgumentParser
import Foundation
import HorizonCatalogue
import HorizonCore
import HorizonMatch
import HorizonParse
import HorizonSearch
import HorizonXML

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "horizon-bench",
        abstract: "Benchmarks of Horizon's stages on a corpus from ../shared/bench/gen_corpus.py.",
        subcommands: [
            MatchBench.self, MergeBench.self, ParseBench.self, CatalogueBench.self, IndexBench.self, AgeBench.self,
            TrendsBench.self, ReadBench.self,
        ])
}

/// Wall and CPU time of `body`.
func measure<T>(_ body: () throws -> T) rethrows -> (T, wall: Double, cpu: Double) {
    let wallStart = DispatchTime.now().uptimeNanoseconds
    let cpuStart = clock()
    let result = try body()
    let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
    return (result, wall, cpu)
}

/// The feed files of a generated corpus, parsed into entries.
func corpusEntries(_ directory: String) throws -> [ParsedEntry] {
    let list = try String(contentsOfFile: directory + "/files.txt", encoding: .utf8)
    var entries: [ParsedEntry] = []
    for line in list.split(separator: "\n") {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + line))
        if let feed = try? FeedParser.parse(data) { entries += feed.entries }
    }
    return entries
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

struct MatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract:
            "Time matching N items against every hub and theme of a configuration (with its context layer), and their priorities."
    )

    @Option(help: "A corpus folder written by gen_corpus.py (its items are cycled to reach --items).")
    var corpus: String

    @Option(help: "The configuration whose themes and hubs are used.")
    var config = "feeds.json"

    @Option(help: "How many items to match.")
    var items = 100_000

    @Option(help: "Runs; the best is reported.")
    var runs = 3

    func run() throws {
        let configuration = try ConfigLoader.load(path: config)
        let entries = try corpusEntries(corpus)
        guard !entries.isEmpty else { throw ValidationError("no entries in \(corpus)") }
        let texts = (0..<items).map { index in
            let entry = entries[index % entries.count]
            return (title: entry.title, summary: entry.summary)
        }
        let words = texts.reduce(0) {
            $0 + $1.title.split(separator: " ").count + $1.summary.split(separator: " ").count
        }
        print(
            "items: \(items) (\(entries.count) distinct), words: \(words), hubs: \(configuration.hubs.count), themes: \(configuration.themes.count)"
        )
        var best = (wall: Double.infinity, cpu: 0.0, matched: 0)
        for run in 1...runs {
            let (matches, wall, cpu) = measure { () -> [[ThemeMatch]] in
                let matcher = ThemeMatcher(config: configuration)
                let matches = matcher.matchAll(texts)
                // Each matched hub's priority from its themes, as a run stores it.
                var prioritized = 0
                for found in matches where !found.isEmpty {
                    for hub in configuration.hubs where Priority.value(found.filter { $0.hub == hub.id }) != nil {
                        prioritized += 1
                    }
                }
                return prioritized >= 0 ? matches : []
            }
            let matched = matches.filter { !$0.isEmpty }.count
            print(
                String(
                    format: "run %d: wall %.3f s, cpu %.3f s, %.0f items/s, %d items matched", run, wall, cpu,
                    Double(items) / wall, matched))
            if wall < best.wall { best = (wall, cpu, matched) }
        }
        print(
            String(
                format: "best: wall %.3f s, cpu %.3f s, %.0f items/s; peak memory %.0f MB", best.wall, best.cpu,
                Double(items) / best.wall, peakMemoryMB()))
    }
}

struct MergeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Time merging every entry of a corpus into an empty catalogue, with and without joining similar stories (layer 3), as a cold run does on one core."
    )

    @Option(help: "A corpus folder written by gen_corpus.py.")
    var corpus: String

    @Option(help: "Runs; the best is reported.")
    var runs = 5

    func run() throws {
        let list = try String(contentsOfFile: corpus + "/files.txt", encoding: .utf8)
        var entries: [IncomingEntry] = []
        for (index, line) in list.split(separator: "\n").enumerated() {
            let data = try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + line))
            guard let feed = try? FeedParser.parse(data) else { continue }
            entries += feed.entries.map {
                IncomingEntry(
                    feed: "f\(index)", guid: $0.id, link: $0.link, title: $0.title, summary: $0.summary,
                    published: $0.published)
            }
        }
        let now = Date()
        var fingerprintWall = Double.infinity
        for _ in 1...runs {
            let (_, wall, _) = measure { entries.map { StoryFingerprint(title: $0.title, summary: $0.summary) } }
            fingerprintWall = min(fingerprintWall, wall)
        }
        print(String(format: "fingerprints alone (one core): best %.3f s", fingerprintWall))
        let made = entries.map { entry in
            var entry = entry
            entry.fingerprint = StoryFingerprint(title: entry.title, summary: entry.summary)
            return entry
        }
        var serialWall = Double.infinity
        for _ in 1...runs {
            let (_, wall, _) = measure { () -> Int in
                var catalogue = Catalogue()
                catalogue.joinsSimilarStories = true
                catalogue.reserveCapacity(adding: entries.count)
                for entry in made { catalogue.add(entry, at: now) }
                return catalogue.items.count
            }
            serialWall = min(serialWall, wall)
        }
        print(String(format: "merging with fingerprints made beforehand: best %.3f s", serialWall))
        for similar in [false, true] {
            var best = (wall: Double.infinity, items: 0)
            for _ in 1...runs {
                let (count, wall, _) = measure { () -> Int in
                    var catalogue = Catalogue()
                    catalogue.joinsSimilarStories = similar
                    catalogue.reserveCapacity(adding: entries.count)
                    // As a run does: fingerprints on every core (there, as feeds are parsed), then the merge.
                    let ready =
                        similar
                        ? Parallel.map(entries.count, shares: Parallel.shares(for: entries.count, minimum: 1_000)) {
                            range in
                            entries[range].map { entry in
                                var entry = entry
                                entry.fingerprint = StoryFingerprint(title: entry.title, summary: entry.summary)
                                return entry
                            }
                        }.flatMap { $0 } : entries
                    for entry in ready { catalogue.add(entry, at: now) }
                    return catalogue.items.count
                }
                if wall < best.wall { best = (wall, count) }
            }
            print(
                String(
                    format: "similar stories %@: %d entries into %d stories, best %.3f s", similar ? "on " : "off",
                    entries.count, best.items, best.wall))
        }
    }
}

struct ParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Time parsing every feed of a corpus (MB/s, items/s).")

    @Option(help: "A corpus folder written by gen_corpus.py.")
    var corpus: String

    @Option(help: "Runs; the best is reported.")
    var runs = 3

    @Flag(help: "Time only the XML stage (libxml2 and the tree), not the feed semantics.")
    var xmlOnly = false

    @Option(help: "Parse this many documents at once (1: one core, as xmllint and sfeed run).")
    var jobs = 1

    @Flag(help: "Keep each summary as sanitized HTML too (as fetch does with catalogue.keepHTML).")
    var displayHTML = false

    func run() throws {
        let list = try String(contentsOfFile: corpus + "/files.txt", encoding: .utf8).split(separator: "\n")
        let documents = try list.map { try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + $0)) }
        let bytes = documents.reduce(0) { $0 + $1.count }
        var best = Double.infinity
        var items = 0
        for run in 1...runs {
            let (count, wall, cpu) = measure {
                let one: @Sendable (Data) -> Int = { [xmlOnly, displayHTML] document in
                    xmlOnly
                        ? (XMLParser.parse([UInt8](document)).root?.elements.count ?? 0)
                        : ((try? FeedParser.parse(document, displayHTML: displayHTML))?.entries.count ?? 0)
                }
                guard jobs > 1 else { return documents.reduce(0) { $0 + one($1) } }
                let counts = Counts(documents.count)
                DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                    for index in stride(from: worker, to: documents.count, by: jobs) {
                        counts.set(index, one(documents[index]))
                    }
                }
                return counts.total
            }
            items = count
            print(
                String(
                    format: "run %d: %.3f s wall, %.3f s cpu, %.1f MB/s, %.0f items/s", run, wall, cpu,
                    Double(bytes) / 1e6 / wall, Double(count) / wall))
            best = min(best, wall)
        }
        print(
            String(
                format: "best: %.3f s, %.1f MB/s, %.0f items/s (%d feeds, %d items, %.1f MB); peak memory %.0f MB",
                best, Double(bytes) / 1e6 / best, Double(items) / best, documents.count, items, Double(bytes) / 1e6,
                peakMemoryMB()))
    }
}

struct CatalogueBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract:
            "Time loading and rewriting the whole catalogue of a data directory (archive and catalogue.json), as prune and rematch do."
    )

    @Option(help: "The data directory.")
    var data: String

    func run() throws {
        let store = CatalogueStore(directory: data)
        let (items, loadWall, loadCPU) = try measure { try store.loadAllItems() }
        let copy = CatalogueStore(directory: NSTemporaryDirectory() + "/horizon-bench-\(getpid())")
        let (written, saveWall, saveCPU) = try measure { try copy.saveAll(items) }
        let size = written.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0)
        }
        try? FileManager.default.removeItem(atPath: copy.directory)
        print(
            String(
                format:
                    "%d items: load %.3f s (cpu %.3f), save %.3f s (cpu %.3f), %d files, %.1f MB; peak memory %.0f MB",
                items.count, loadWall, loadCPU, saveWall, saveCPU, written.count, Double(size) / 1e6, peakMemoryMB()))
    }
}

struct AgeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "age",
        abstract:
            "Copy a data directory's catalogue with its stories spread evenly over the past --days (as if collected over years), archived as a run would, with search indexes."
    )

    @Option(help: "The data directory to read.")
    var data: String

    @Option(help: "The data directory to write (created).")
    var out: String

    @Option(help: "Days of history to spread the stories over, ending now.")
    var days = 760.0

    @Option(
        help:
            "Archive as a run this many days ago would have (stories unseen for up to 60 + this many days stay in catalogue.json)."
    )
    var archivedDaysAgo = 0.0

    func run() throws {
        let items = try CatalogueStore(directory: data).loadAllItems()
        let now = Date()
        let aged = items.enumerated().map { index, item in
            var item = item
            let age = days * 86_400 * (1 - Double(index) / Double(max(1, items.count)))
            item.firstSeen = now.addingTimeInterval(-age)
            // Most stories are carried for a few days after they first appear.
            item.lastSeen = min(now, item.firstSeen.addingTimeInterval(Double(index % 5) * 86_400))
            for i in item.sources.indices { item.sources[i].firstSeen = item.firstSeen }
            return item
        }
        let store = CatalogueStore(directory: out)
        let (written, wall, _) = try measure {
            try store.saveAll(aged, now: now.addingTimeInterval(-archivedDaysAgo * 86_400))
        }
        for file in written { try SearchIndexFile.write(file) }
        let active = written.last?.items.count ?? 0
        print(
            "\(aged.count) stories over \(Int(days)) days: \(active) in catalogue.json, \(aged.count - active) in \(written.count - 1) archive months (written in \(String(format: "%.1f", wall)) s)"
        )
    }
}

struct IndexBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Time building the search index of a data directory's catalogue.json (as each fetch run does).")

    @Option(help: "The data directory.")
    var data: String

    func run() throws {
        let store = CatalogueStore(directory: data)
        let (catalogue, loadWall, _) = try measure { try store.loadActive() }
        let mapped = try MappedFile(path: store.path)
        let (bytes, buildWall, buildCPU) = try measure {
            try SearchIndexBuilder.build(items: catalogue.items, catalogue: mapped)
        }
        print(
            String(
                format:
                    "%d items: catalogue load %.3f s (not part of the index); index build %.3f s (cpu %.3f), %.1f MB; peak memory %.0f MB",
                catalogue.items.count, loadWall, buildWall, buildCPU, Double(bytes.count) / 1e6, peakMemoryMB()))
    }
}

/// Per-document results written from several threads (each index by one thread only).
final class Counts: @unchecked Sendable {
    private var values: [Int]
    private let lock = NSLock()
    init(_ count: Int) { values = [Int](repeating: 0, count: count) }
    func set(_ index: Int, _ value: Int) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
    var total: Int { values.reduce(0, +) }
}
