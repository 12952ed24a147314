public import Foundation
public import HorizonCatalogue
public import HorizonCore
import HorizonDelivery
import HorizonDigest
import HorizonInnovations
import HorizonSearch
import Logging

/// The formats a digest is written in.
public enum DigestFormat: String, Sendable, CaseIterable {
    case md, html, txt

    var fileExtension: String { rawValue }
}

/// What happened to one hub's digest.
public struct DigestOutcome: Sendable {
    public var hub: String
    public var items: Int
    public var files: [String] = []
    /// "sent to N recipients", "skipped: nothing new", or the failure.
    public var email: String?
    public var webhook: String?
    /// True when a delivery this run asked for failed.
    public var failed = false
    /// True when the hub's delivered state moved on to this digest.
    public var advanced = false
    public var skipped = false
    /// True for the administrators' feed report rather than a hub's digest.
    public var isReport = false
}

/// Builds, writes and delivers the digests of some hubs.
///
/// Without an explicit `since`, a hub's digest covers the stories first seen (or revised) since its
/// last *delivered* digest. A digest is delivered when it reached the hub's channel: with `send`, its
/// email and webhook (when the hub has them) all succeeded; a hub with neither is delivered by its
/// files. A failed delivery leaves the state where it was, so the next run tries the same stories again.
public struct DigestRun: Sendable {
    public var config: HorizonConfig
    public var dataDirectory: String
    public var outputDirectory: String
    public var formats: [DigestFormat]
    public var send: Bool
    public var dryRun: Bool
    /// The period by first seen, by hand: overrides the delivered state (and then never moves it).
    public var since: Date?
    /// Stories by their own date instead (`--since`/`--until`), whenever first seen: records nothing.
    public var dated: (since: Date?, until: Date?)?
    /// The triage statuses of the items a digest may hold (default: every status but rejected).
    public var statuses: Set<TriageStatus> = Set(TriageStatus.allCases).subtracting([.rejected])
    /// Seconds to wait for another sending run's lock (then exit 75).
    public var lockWait: Double = 0
    /// Leave out stories below this priority for the hub (default: `digest.minPriority`).
    public var minPriority: Double?

    public init(
        config: HorizonConfig, dataDirectory: String, outputDirectory: String? = nil,
        formats: [DigestFormat] = [.md, .html],
        send: Bool = false, dryRun: Bool = false, since: Date? = nil
    ) {
        self.config = config
        self.dataDirectory = dataDirectory
        self.outputDirectory = outputDirectory ?? DataDirectory(dataDirectory).digests
        self.formats = formats
        self.send = send
        self.dryRun = dryRun
        self.since = since
    }

    public func run(hubs: [Hub], now: Date = Date()) async throws(RunError) -> [DigestOutcome] {
        let logger = Logger(label: "horizon.digest")
        // Two runs that send at once would both deliver the same stories: the second stops (exit 75).
        let lock = try sendingLock()
        defer { withExtendedLifetime(lock) {} }
        let inputs = try Inputs(run: self)
        if send && !dryRun && hubs.contains(where: { !$0.recipients.isEmpty }) && config.smtp == nil {
            throw RunError(
                kind: .configuration, message: "hubs have recipients but the configuration has no smtp settings")
        }
        if send && !dryRun && !config.digest.adminEmail.isEmpty && config.smtp == nil {
            throw RunError(
                kind: .configuration, message: "digest.adminEmail is set but the configuration has no smtp settings")
        }
        let delivery = DigestDelivery(smtp: config.smtp)
        var state = inputs.state
        var outcomes: [DigestOutcome] = []
        // The feeds that need a look, judged once on the whole catalogue: the same line in every hub's
        // digest, and the administrators' report.
        let problems = FeedProblems(
            FeedHealth.all(config: config, items: inputs.catalogue, states: inputs.feedStates, now: now))
        for hub in hubs {
            let start =
                dated != nil
                ? .distantPast : since ?? state.hubs[hub.id]?.lastDelivered ?? now.addingTimeInterval(-86_400)
            var digest = Digest(
                hub: hub, config: config, items: inputs.items(for: hub.id), since: start, generated: now,
                feedStates: inputs.feedStates, minPriority: minPriority, dated: dated, storedIDs: inputs.storedIDs,
                problems: problems)
            digest.followed = inputs.followed(by: hub.id, since: dated?.since ?? start, now: now)
            digest.innovations = inputs.mentions
            digest.rising = inputs.rising(for: hub, config: config, now: now)
            let outcome = try await deliver(digest, hub: hub, delivery: delivery, now: now)
            if outcome.advanced { state.hubs[hub.id] = DigestState.Hub(lastDelivered: now, lastItems: outcome.items) }
            logger.info(
                "digest",
                metadata: [
                    "hub": "\(hub.id)", "items": "\(outcome.items)", "delivered": "\(outcome.advanced)",
                    "failed": "\(outcome.failed)",
                ])
            outcomes.append(outcome)
        }
        if let report = await reportProblems(problems, delivery: delivery, state: &state, now: now) {
            outcomes.append(report)
        }
        if !dryRun && outcomes.contains(where: \.advanced) {
            do {
                try AtomicFile.write(try HorizonJSON.encoder().encode(state), to: DigestState.path(in: dataDirectory))
            } catch {
                throw RunError(error)
            }
        }
        return outcomes
    }

    /// With `send`, emails the feed problems in detail to `digest.adminEmail` when there are any:
    /// hub readers see only one line of them. The same problems go again only after 20 hours.
    private func reportProblems(_ problems: FeedProblems, delivery: DigestDelivery, state: inout DigestState, now: Date)
        async
        -> DigestOutcome?
    {
        let recipients = config.digest.adminEmail
        guard send, !recipients.isEmpty else { return nil }
        guard let summary = problems.summary else { return nil }
        let lines = problems.key
        if let last = state.feedReport, last.lines == lines, now.timeIntervalSince(last.sent) < 20 * 3600 {
            return nil
        }
        var outcome = DigestOutcome(hub: "administrators", items: 0)
        outcome.isReport = true
        let count = "\(recipients.count) recipient\(recipients.count == 1 ? "" : "s")"
        if dryRun {
            outcome.email = "would send the feed problems to \(count)"
            return outcome
        }
        let result = await delivery.email(
            subject: "Horizon feed problems: \(summary) (\(HumanDate.day(now)))",
            text: "HORIZON FEED PROBLEMS (\(HumanDate.day(now)))\n\n" + problems.report, to: recipients, now: now)
        outcome.email =
            result.ok ? "feed problems sent to \(count)" : "feed problems not sent: \(result.error ?? "error")"
        outcome.failed = !result.ok
        if result.ok {
            state.feedReport = DigestState.FeedReport(sent: now, lines: lines)
            outcome.advanced = true
        }
        return outcome
    }

    /// The lock of runs that send or record deliveries; nil for one that only writes files.
    private func sendingLock() throws(RunError) -> DirectoryLock? {
        guard !dryRun, send || (since == nil && dated == nil) else { return nil }
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            return try DirectoryLock(directory: dataDirectory, name: DataDirectory.digestLock, wait: lockWait)
        } catch {
            throw RunError(error)
        }
    }

    /// What every hub's digest is made from: the stories of the last 60 days (all in
    /// `catalogue.json`) with the wanted statuses, when each hub's last digest was delivered, and
    /// the feeds' states for the warnings.
    struct Inputs {
        var catalogue: [Item]
        var triage: TriageLog
        var statuses: Set<TriageStatus>
        var state: DigestState
        var feedStates: FeedStates
        /// The innovation records and weekly counts, when runs have written them.
        var innovations: [Innovation] = []
        var trends: TrendCounts?
        /// The innovation each story is about (the first record that holds it), by item id.
        var mentions: [String: Digest.Mention] = [:]
        /// Every stored story's id, archive included (from the search indexes), for short ids that
        /// `show` and `mark` read as one story; nil when the indexes cannot be read.
        var storedIDs: [String]?

        init(run: DigestRun) throws(RunError) {
            let directory = run.dataDirectory
            let catalogue: Catalogue
            do {
                let store = CatalogueStore(directory: directory)
                try store.requireIntact()
                catalogue = try store.loadActive()
                triage = try TriageStore(directory: directory).load()
            } catch {
                throw RunError(error)
            }
            self.catalogue = catalogue.items
            statuses = run.statuses
            let statePath = DigestState.path(in: directory)
            state = DigestState()
            if let data = FileManager.default.contents(atPath: statePath) {
                guard let decoded = try? HorizonJSON.decoder().decode(DigestState.self, from: data) else {
                    throw RunError(
                        kind: .data,
                        message:
                            "\(statePath): not valid JSON; fix or remove it (the next digest then covers the last 24 hours)"
                    )
                }
                state = decoded
            }
            feedStates = FeedStates.load(from: directory)
            // Followed innovations and the rising line are extras: a missing or damaged file leaves them out.
            let innovationStore = InnovationStore(directory: directory)
            innovations = (try? innovationStore.load())?.innovations ?? []
            trends = try? innovationStore.loadTrends()
            if let index = (try? SearchSession.open(directory: directory))??.index {
                storedIDs = (0..<index.docCount).map(index.id)
            }
            for record in innovations {
                for story in record.items where mentions[story.id] == nil {
                    mentions[story.id] = Digest.Mention(name: record.name, id: record.id)
                }
            }
        }

        /// The items and innovations the hub follows (`watching`, `shortlisted`, `assessing`) that
        /// stories joined in the period: a story first seen then in an innovation's record, or a new
        /// source of a followed story.
        func followed(by hub: String, since: Date, now: Date) -> [Digest.Followed] {
            let decisions = triage.forHub(hub)
            let following: Set<TriageStatus> = [.watching, .shortlisted, .assessing]
            let byID = Dictionary(catalogue.map { ($0.id, $0) }) { a, _ in a }
            var result: [Digest.Followed] = []
            for record in innovations where following.contains(decisions.status(of: record.id)) {
                let stories = record.items.compactMap { byID[$0.id] }.filter {
                    $0.firstSeen > since && $0.firstSeen <= now
                }
                guard !stories.isEmpty else { continue }
                result.append(
                    Digest.Followed(
                        name: record.name, id: record.id, status: decisions.status(of: record.id).rawValue,
                        stories: stories.sorted { $0.date > $1.date }))
            }
            for item in catalogue where following.contains(decisions.status(of: item.id)) {
                let joined = item.sources.dropFirst().contains { $0.firstSeen > since && $0.firstSeen <= now }
                let revised = item.revised.map { $0 > since && $0 <= now } ?? false
                guard joined || revised else { continue }
                result.append(
                    Digest.Followed(
                        name: item.title, id: item.id, status: decisions.status(of: item.id).rawValue, stories: [item]))
            }
            return result
        }

        /// "Frailty: 9 stories last week, usually 3", "Brain in Hand: 3 new publishers".
        func rising(for hub: Hub, config: HorizonConfig, now: Date) -> [String] {
            guard let trends else { return [] }
            var notes: [String] = []
            for trend in TrendReading.trends(trends, hub: hub.id, themes: hub.themes, weeks: 1, now: now)
            where trend.surge {
                let name = config.theme(trend.theme)?.name ?? trend.theme
                let stories = trend.weeks.last?.stories ?? 0
                notes.append(
                    "\(name): \(stories) stories last week, usually \(String(format: "%.0f", trend.baseline))")
            }
            for gaining in trends.gaining.prefix(3) where gaining.themes.contains(where: { $0.hasPrefix(hub.id + "/") })
            {
                notes.append("\(gaining.name): \(gaining.newPublishers.count) new publishers")
            }
            return notes
        }

        /// The stories a hub's digest may hold: those whose status, by that hub's decisions (and
        /// decisions that belong to no hub), is one of the wanted statuses.
        func items(for hub: String) -> [Item] {
            let decisions = triage.forHub(hub)
            guard !(decisions.events.isEmpty && statuses.contains(.new)) else { return catalogue }
            return catalogue.filter { statuses.contains(decisions.status(of: $0.id)) }
        }
    }

    /// Writes one hub's digest and, with `send`, delivers it. The outcome says whether the hub's
    /// period moves on (`advanced`): only when the digest reached every channel the hub has.
    private func deliver(_ digest: Digest, hub: Hub, delivery: DigestDelivery, now: Date) async throws(RunError)
        -> DigestOutcome
    {
        var outcome = DigestOutcome(hub: hub.id, items: digest.itemCount)
        let movesOn = since == nil && dated == nil && !dryRun
        if digest.isEmpty && !(hub.sendEmpty ?? config.digest.sendEmpty) {
            outcome.skipped = true
            outcome.email = "skipped: nothing new"
            // Nothing lies between the last delivery and now, so moving on skips nothing.
            outcome.advanced = movesOn && (send || !hub.hasDelivery)
            return outcome
        }
        if !dryRun { outcome.files = try write(digest, hub: hub, now: now) }
        var delivered = !hub.hasDelivery
        if send && hub.hasDelivery {
            delivered = true
            if !hub.recipients.isEmpty, config.smtp != nil {
                let count = "\(hub.recipients.count) recipient\(hub.recipients.count == 1 ? "" : "s")"
                if dryRun {
                    outcome.email = "would send to \(count)"
                } else {
                    let result = await delivery.email(digest, to: hub.recipients, now: now)
                    outcome.email = result.ok ? "sent to \(count)" : "not sent: \(result.error ?? "error")"
                    delivered = delivered && result.ok
                }
            }
            if let webhook = hub.webhook {
                if dryRun {
                    outcome.webhook = "would post to \(webhook.kind.rawValue)"
                } else {
                    let result = await delivery.post(digest, to: webhook)
                    outcome.webhook =
                        result.ok ? "posted to \(webhook.kind.rawValue)" : "not posted: \(result.error ?? "error")"
                    delivered = delivered && result.ok
                }
            }
            outcome.failed = !delivered
        }
        outcome.advanced = delivered && movesOn
        return outcome
    }

    private func write(_ digest: Digest, hub: Hub, now: Date) throws(RunError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw RunError(
                kind: .io,
                message: "\(outputDirectory): cannot create the digest folder (\(error.localizedDescription))")
        }
        let day = ISO8601DateFormatter.string(
            from: now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let base = (outputDirectory as NSString).appendingPathComponent("\(hub.id)-\(day)")
        var files: [String] = []
        for format in formats {
            let text: String
            switch format {
            case .md: text = digest.markdown()
            case .html: text = digest.html()
            case .txt: text = digest.text()
            }
            let path = base + "." + format.fileExtension
            do {
                try AtomicFile.write(Data(text.utf8), to: path)
            } catch {
                throw RunError(error)
            }
            files.append(path)
        }
        return files
    }
}
