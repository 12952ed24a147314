import ArgumentParser
import Foundation
import HorizonCore
import HorizonInnovations
import HorizonParse

/// A replayed synthetic year of weekly theme counts: does a surge show in its first complete week,
/// and how often does a theme without one flag a surge?
struct TrendsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract:
            "Replay synthetic years week by week: detection of an injected surge, and false surges per theme per quarter."
    )

    @Option(help: "Synthetic years to replay (each with its own random counts).")
    var years = 20

    @Option(help: "How many times the surging theme's usual rate its surge weeks have.")
    var surge = 5.0

    @Option(help: "The z of the upper limit.")
    var z = TrendReading.defaultZ

    @Option(help: "Weeks of baseline before the latest.")
    var baseline = TrendReading.baselineWeeks
    @Option(
        help:
            "The shape of the gamma that mixes each week's rate (burstiness: smaller is burstier); 0 for plain Poisson counts."
    )
    var shape = 5

    func run() throws {
        var rng = SplitMix(seed: 2026)
        // Usual weekly means of 15 themes, from quiet to busy, as in the shipped hubs' matches.
        let means: [Double] = [0.5, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15, 20]
        let surgeTheme = 6  // a theme with 3 stories a week
        let surgeWeek = 30
        var detected = 0
        var falseByQuarter: [Int] = []
        let start = Date(
            timeIntervalSince1970: Double(TrendCounts.weekStart(Date(timeIntervalSince1970: 1_735_689_600))) * 86_400)
        for _ in 0..<years {
            var items: [Item] = []
            for week in 0..<52 {
                for (theme, mean) in means.enumerated() {
                    // Bursty news: a gamma-mixed Poisson (negative binomial, shape 5); winter weeks busier.
                    let burst = shape > 0 ? rng.gamma(shape: shape) / Double(shape) : 1
                    var rate = mean * burst * (week < 9 || week > 44 ? 1.2 : 1)
                    if theme == surgeTheme && (surgeWeek..<(surgeWeek + 2)).contains(week) { rate = mean * surge }
                    for n in 0..<rng.poisson(rate) {
                        let date = start.addingTimeInterval(Double(week * 7) * 86_400 + Double(n % 7) * 86_400 + 3_600)
                        let site = "site\(rng.next() % 25).example"
                        items.append(
                            Item(
                                id: "\(week)-\(theme)-\(n)", title: "t", link: "https://\(site)/x", summary: "",
                                published: date, firstSeen: date, lastSeen: date,
                                sources: [
                                    ItemSource(feed: site, link: "https://\(site)/x", guid: nil, firstSeen: date)
                                ],
                                matches: [ThemeMatch(hub: "h", theme: "theme\(theme)", score: 3, terms: ["w\(theme)"])])
                        )
                    }
                }
            }
            var falses = [Int](repeating: 0, count: means.count * 4)
            for week in 13..<52 {
                // The run at the start of week+1 sees week as the latest complete one.
                let now = start.addingTimeInterval(Double((week + 1) * 7) * 86_400 + 3_600)
                let counts = TrendCounts(items: items.filter { $0.date < now }, records: [], now: now)
                let trends = TrendReading.trends(
                    counts, hub: nil, themes: means.indices.map { "theme\($0)" }, weeks: 12, now: now, z: z,
                    baselineWeeks: baseline)
                for (theme, trend) in trends.enumerated() where trend.surge {
                    if theme == surgeTheme && week == surgeWeek {
                        detected += 1
                    } else if !(theme == surgeTheme && (surgeWeek..<(surgeWeek + 2)).contains(week)) {
                        falses[theme * 4 + week / 13] += 1
                    }
                }
            }
            // Weeks 0 to 12 are the first baseline, never read: only the three quarters read count.
            falseByQuarter += falses.indices.filter { $0 % 4 != 0 }.map { falses[$0] }
        }
        let quarters = falseByQuarter.count
        let over = falseByQuarter.count { $0 > 1 }
        print(
            String(
                format:
                    "z %.2f, gamma shape %d, %d synthetic years, 15 themes: the injected surge (%.0fx a 3-a-week theme) flagged in its first week in %d of %d; false surges per theme per quarter: mean %.2f, max %d, quarters with more than one: %d of %d",
                z, shape, years, surge, detected, years, Double(falseByQuarter.reduce(0, +)) / Double(quarters),
                falseByQuarter.max() ?? 0, over, quarters))
    }
}

/// A small deterministic generator (SplitMix64), with the draws the bench needs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Knuth's method; rates here are small.
    mutating func poisson(_ rate: Double) -> Int {
        let limit = exp(-rate)
        var product = uniform()
        var count = 0
        while product > limit {
            product *= uniform()
            count += 1
        }
        return count
    }

    /// Gamma with an integer shape: a sum of exponentials.
    mutating func gamma(shape: Int) -> Double {
        (0..<shape).reduce(0) { total, _ in total - log(max(uniform(), 1e-12)) }
    }
}

/// What reading stories on the way to innovations costs, part by part, on one core.
struct ReadBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Time reading a corpus's stories for identifiers, innovations and stages, on one core, part by part.")

    @Option(help: "A corpus folder written by gen_corpus.py.")
    var corpus: String

    @Option(help: "The configuration whose watchlist and places are used.")
    var config = "feeds.json"

    func run() throws {
        let finder = InnovationFinder(config: try ConfigLoader.load(path: config))
        let entries = try corpusEntries(corpus)
        let stories = entries.map { ($0.title, $0.summary, $0.link ?? "") }
        let (_, identifiers, _) = measure { stories.map { IdentifierFinder.find(in: [$0.0, $0.1, $0.2]).count } }
        let (readings, read, _) = measure { stories.map { finder.read(title: $0.0, summary: $0.1, link: $0.2) } }
        let (known, build, _) = measure {
            KnownNames(watchlist: finder.watchlistEntries, readings.flatMap(\.innovations))
        }
        let (_, adding, _) = measure {
            zip(stories, readings).map { finder.adding(known, to: $1, title: $0.0, summary: $0.1).count }
        }
        let items = zip(entries, readings).enumerated().map { n, pair -> Item in
            var item = Item(
                id: "\(n)", title: pair.0.title, link: pair.0.link ?? "", summary: pair.0.summary,
                published: pair.0.published, firstSeen: Date(), lastSeen: Date(),
                sources: [ItemSource(feed: "f", link: pair.0.link ?? "", guid: nil, firstSeen: Date())],
                matches: [ThemeMatch(hub: "h", theme: "t\(n % 15)", score: 3, terms: ["a", "b"])])
            item.innovations = pair.1.innovations
            item.identifiers = pair.1.identifiers
            return item
        }
        let (records, grouping, _) = measure { InnovationGrouping.group(items, watchlist: finder.watchlistEntries) }
        let (_, counting, _) = measure { TrendCounts(items: items, records: records, now: Date()).weeks.count }
        let (_, encoding, _) = measure { try? HorizonJSON.encoder().encode(records) }
        print(
            String(
                format:
                    "%d stories, one core: identifiers %.2f s (within reading); reading (identifiers, names, stage) %.2f s; known names %.2f s + %.2f s; grouping %.2f s; weekly counts %.2f s; encoding the records %.2f s",
                stories.count, identifiers, read, build, adding, grouping, counting, encoding))
    }
}
