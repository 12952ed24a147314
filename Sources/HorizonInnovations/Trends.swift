public import Foundation
public import HorizonCore

/// What is rising: each theme's weekly counts of stories and of distinct publishers, kept by every
/// run in `trends.json` so that `horizon trends`, the digest and the site read a small file rather
/// than the whole catalogue.
public struct TrendCounts: Codable, Sendable, Equatable {
    public var schemaVersion = 1
    /// When the counts were made.
    public var made: Date
    /// Every week with a story, oldest first.
    public var weeks: [Week]
    /// Innovations that gained publishers in the 14 days before `made`.
    public var gaining: [Gaining]

    /// One week, from Monday 00:00 UTC.
    public struct Week: Codable, Sendable, Equatable {
        public var start: Date
        /// By theme id (every hub's matches together) and by `hub/theme`.
        public var themes: [String: ThemeWeek]
    }

    public struct ThemeWeek: Codable, Sendable, Equatable {
        public var stories: Int
        /// How many distinct sites carried its stories.
        public var publishers: Int
        /// The terms that matched most, and in how many stories (at most 10).
        public var terms: [String: Int]
        /// The innovations with most stories, by name (at most 10).
        public var innovations: [String: Int]
    }

    /// An innovation whose stories reached new sites lately.
    public struct Gaining: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// Sites with a story in the last 14 days and none before.
        public var newPublishers: [String]
        public var publishers: Int
        public var themes: [String]
    }

    /// How many weeks the file keeps, ending with `now`'s.
    public static let keptWeeks = 104

    /// Counts `items` by the week of their date (published, else first seen), for the last
    /// `keptWeeks` weeks; `records` give the innovations of each story and who gained publishers by `now`.
    public init(items: [Item], records: [Innovation], now: Date) {
        made = now
        var recordsOf: [String: [String]] = [:]
        for record in records { for story in record.items { recordsOf[story.id, default: []].append(record.name) } }
        struct Key: Hashable {
            var week: Int
            var theme: String
        }
        struct Tally {
            var stories = 0
            var publishers = Set<String>()
            var terms: [String: Int] = [:]
            var innovations: [String: Int] = [:]
        }
        let first = TrendCounts.weekStart(now) - 7 * (TrendCounts.keptWeeks - 1)
        var tallies: [Key: Tally] = [:]
        for index in items.indices where !items[index].matches.isEmpty {
            let date = items[index].date
            let week = TrendCounts.weekStart(date)
            guard week >= first, date <= now else { continue }
            let item = items[index]
            let sites = Set(item.sources.map { InnovationGrouping.site($0.link) }.filter { !$0.isEmpty })
            var terms: [String: Set<String>] = [:]
            for match in item.matches {
                terms[match.theme, default: []].formUnion(match.terms)
                terms["\(match.hub)/\(match.theme)", default: []].formUnion(match.terms)
            }
            for (theme, words) in terms {
                let key = Key(week: week, theme: theme)
                tallies[key, default: Tally()].stories += 1
                tallies[key, default: Tally()].publishers.formUnion(sites)
                for word in words { tallies[key, default: Tally()].terms[word, default: 0] += 1 }
                for record in recordsOf[item.id] ?? [] {
                    tallies[key, default: Tally()].innovations[record, default: 0] += 1
                }
            }
        }
        func top(_ counts: [String: Int]) -> [String: Int] {
            guard counts.count > 10 else { return counts }
            let kept = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(10)
            return Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
        var byWeek: [Int: [String: ThemeWeek]] = [:]
        for (key, tally) in tallies {
            byWeek[key.week, default: [:]][key.theme] = ThemeWeek(
                stories: tally.stories, publishers: tally.publishers.count, terms: top(tally.terms),
                innovations: top(tally.innovations))
        }
        weeks = byWeek.keys.sorted().map {
            Week(start: Date(timeIntervalSince1970: Double($0) * 86_400), themes: byWeek[$0]!)
        }
        gaining = TrendCounts.gaining(records, now: now)
    }

    /// Takes `previous`'s counts of the weeks that began before `cutoff` and that it holds more
    /// stories of: stories of those weeks have been moving to the archive since they were counted.
    public mutating func keep(_ previous: TrendCounts, before cutoff: Date) {
        let first = TrendCounts.weekStart(made) - 7 * (TrendCounts.keptWeeks - 1)
        var byDay = Dictionary(weeks.map { (TrendCounts.weekStart($0.start), $0) }) { a, _ in a }
        for week in previous.weeks where week.start < cutoff {
            let day = TrendCounts.weekStart(week.start)
            guard day >= first else { continue }
            var merged = byDay[day] ?? Week(start: week.start, themes: [:])
            for (theme, old) in week.themes where old.stories > merged.themes[theme]?.stories ?? 0 {
                merged.themes[theme] = old
            }
            byDay[day] = merged
        }
        weeks = byDay.keys.sorted().map { byDay[$0]! }
    }

    /// The day number (since 1970-01-01) of the Monday that starts `date`'s week.
    public static func weekStart(_ date: Date) -> Int {
        let day = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        return day - ((day + 3) % 7 + 7) % 7
    }

    static func gaining(_ records: [Innovation], now: Date) -> [Gaining] {
        let from = now.addingTimeInterval(-14 * 86_400)
        var result: [Gaining] = []
        for record in records {
            var before = Set<String>()
            var recent = Set<String>()
            for story in record.items where story.date <= now {
                if story.date < from { before.formUnion(story.sites) } else { recent.formUnion(story.sites) }
            }
            let new = recent.subtracting(before)
            // One new site is news; gaining is two or more.
            guard new.count >= 2 else { continue }
            result.append(
                Gaining(
                    id: record.id, name: record.name, newPublishers: new.sorted(), publishers: record.publishers,
                    themes: record.themes))
        }
        return result.sorted {
            $0.newPublishers.count > $1.newPublishers.count
                || ($0.newPublishers.count == $1.newPublishers.count && $0.name < $1.name)
        }
    }
}

/// One theme's trend, as `horizon trends` reports it.
public struct ThemeTrend: Sendable, Equatable {
    public var theme: String
    /// The last complete weeks, oldest first: start, stories, publishers.
    public var weeks: [(start: Date, stories: Int, publishers: Int)]
    /// The expected count for the latest complete week, from the weeks before it.
    public var baseline: Double
    /// The count above which the latest week is a surge.
    public var threshold: Double
    public var surge: Bool
    /// The latest week's stories over the threshold: above 1 is a surge.
    public var score: Double
    /// What drives the latest week: its innovations and terms, most stories first.
    public var drivers: [String]

    public init(
        theme: String, weeks: [(start: Date, stories: Int, publishers: Int)], baseline: Double, threshold: Double,
        surge: Bool, score: Double, drivers: [String]
    ) {
        self.theme = theme
        self.weeks = weeks
        self.baseline = baseline
        self.threshold = threshold
        self.surge = surge
        self.score = score
        self.drivers = drivers
    }

    public static func == (a: ThemeTrend, b: ThemeTrend) -> Bool {
        a.theme == b.theme && a.baseline == b.baseline && a.surge == b.surge && a.score == b.score
            && a.drivers == b.drivers && a.weeks.map(\.stories) == b.weeks.map(\.stories)
    }
}

/// Reads surges from weekly counts.
///
/// A theme surges when its latest complete week's story count exceeds the upper limit of a
/// quasi-Poisson model of the weeks before it (up to 26), the method of Farrington et al. (1996)
/// that public health surveillance uses for weekly counts of reports:
///
/// - weekly counts of news on one theme are small (often 0 to 10), where a normal z-score misleads:
///   the model is Poisson, whose spread grows with its mean;
/// - news comes in bursts, so the spread is widened by the baseline's own overdispersion
///   (variance over mean, at least 1);
/// - the limit is taken on the 2/3-power scale, which makes Poisson counts nearly symmetric:
///   `U = μ (1 + (2/3) z √(φ/μ))^(3/2)` with `z` = 2.33 (one-sided 99 %);
/// - `μ` is the baseline's mean, or the last 4 weeks' when they ran higher: news has seasons (a
///   winter theme gets busier week after week), and a level that has already risen is no surge;
/// - and a surge needs at least 4 stories and 4 weeks of baseline: 1 story after a quiet month is not one.
public enum TrendReading {
    public static let baselineWeeks = 26
    /// The weeks whose mean stands for the level when they ran above the whole baseline's.
    public static let recentWeeks = 4
    public static let minimumStories = 4
    public static let defaultZ = 2.33

    /// Each theme's trend over the `weeks` complete weeks before `now`'s week: by theme id, or by a
    /// hub's themes when `hub` is given (theme ids then without the hub).
    public static func trends(
        _ counts: TrendCounts, hub: String?, themes: [String], weeks: Int, now: Date, z: Double = defaultZ,
        baselineWeeks: Int = baselineWeeks
    ) -> [ThemeTrend] {
        let current = TrendCounts.weekStart(now)
        let byDay = Dictionary(counts.weeks.map { (TrendCounts.weekStart($0.start), $0) }) { a, _ in a }
        // The weeks shown, and the baseline weeks before the latest.
        let shown = (1...max(1, weeks)).reversed().map { current - 7 * $0 }
        let latest = current - 7
        let baselineDays = (1...baselineWeeks).reversed().map { latest - 7 * $0 }
        let firstWeek = counts.weeks.first.map { TrendCounts.weekStart($0.start) } ?? latest
        return themes.map { theme in
            let key = hub.map { "\($0)/\(theme)" } ?? theme
            func week(_ day: Int) -> TrendCounts.ThemeWeek? { byDay[day]?.themes[key] }
            let observed = week(latest)?.stories ?? 0
            // Weeks before the catalogue's first story are unknown, not quiet.
            let history = baselineDays.filter { $0 >= firstWeek }.map { week($0)?.stories ?? 0 }
            let (baseline, limit) = upperLimit(history, z: z)
            let surge = history.count >= 4 && observed >= minimumStories && Double(observed) > limit
            var drivers: [String] = []
            if let latestWeek = week(latest) {
                drivers += latestWeek.innovations.sorted {
                    $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key)
                }
                .prefix(3).map { "innovation: \($0.key) (\($0.value))" }
                drivers += latestWeek.terms.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                    .prefix(3).map { "term: \($0.key) (\($0.value))" }
            }
            return ThemeTrend(
                theme: theme,
                weeks: shown.map { day in
                    (
                        Date(timeIntervalSince1970: Double(day) * 86_400), week(day)?.stories ?? 0,
                        week(day)?.publishers ?? 0
                    )
                },
                baseline: baseline, threshold: limit, surge: surge, score: limit > 0 ? Double(observed) / limit : 0,
                drivers: drivers)
        }
    }

    /// The baseline mean and the quasi-Poisson upper limit above it (around the recent level when
    /// that is higher; the spread is the whole baseline's).
    public static func upperLimit(_ history: [Int], z: Double = defaultZ) -> (mean: Double, limit: Double) {
        guard !history.isEmpty else { return (0, Double(minimumStories)) }
        let mean = Double(history.reduce(0, +)) / Double(history.count)
        let recent = history.suffix(recentWeeks)
        let recentMean = recent.isEmpty ? 0 : Double(recent.reduce(0, +)) / Double(recent.count)
        let mu = max(mean, recentMean, 0.5)
        let variance =
            history.count > 1
            ? history.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(history.count - 1) : mu
        let dispersion = max(1, variance / mu)
        let limit = mu * pow(1 + (2.0 / 3.0) * z * (dispersion / mu).squareRoot(), 1.5)
        return (mean, limit)
    }
}
