public import HorizonCatalogue
public import HorizonCore
public import HorizonMatch

/// Each hub's priority for the items it matched: the themes' part, and the hub's model once the hub
/// has made `matching.learnAfter` decisions. An item the hub has decided on keeps the priority it had.
public struct Prioritizing: Sendable {
    public let config: HorizonConfig
    /// Each hub's model and how many decisions trained it (hubs with too few have none).
    public let models: [String: HubModel]
    /// Per hub, the items it has decided on (decisions without a hub count for every hub).
    let decided: [String: Set<String>]

    /// Decisions that train a hub's model: positive, negative; `parked` and `new` teach nothing.
    public static func isPositive(_ status: TriageStatus) -> Bool? {
        switch status {
        case .shortlisted, .assessing, .adopted, .watching: true
        case .rejected: false
        case .parked, .new: nil
        }
    }

    public init(config: HorizonConfig, triage: TriageLog, items: [Item]) {
        // The items are looked up by id only when some hub has enough decisions to learn from.
        var byID: [String: Int]?
        self.init(config: config, triage: triage) { id in
            if byID == nil {
                var table: [String: Int] = [:]
                table.reserveCapacity(items.count)
                for (index, item) in items.enumerated() { table[item.id] = index }
                byID = table
            }
            return byID?[id].map { items[$0] }
        }
    }

    /// With decided items found by `lookup` (through the search index, say, without reading the catalogue).
    public init(config: HorizonConfig, triage: TriageLog, lookup: (String) -> Item?) {
        self.config = config
        var models: [String: HubModel] = [:]
        var decided: [String: Set<String>] = [:]
        for hub in config.hubs {
            let log = triage.forHub(hub.id)
            decided[hub.id] = log.decidedItems
            guard log.decidedItems.count >= config.matching.learnAfter else { continue }
            let examples = Prioritizing.examples(log: log, hub: hub.id, lookup: lookup)
            if let model = HubModel(examples: examples, minimum: config.matching.learnAfter) {
                models[hub.id] = model
            }
        }
        self.models = models
        self.decided = decided
    }

    /// The hub's decided items as training examples, in id order.
    static func examples(log: TriageLog, hub: String, lookup: (String) -> Item?) -> [HubModel.Example] {
        log.decidedItems.sorted().compactMap { id -> HubModel.Example? in
            guard let event = log.latestEvent(of: id), let positive = isPositive(event.status) else { return nil }
            if let item = lookup(id) {
                return HubModel.Example(
                    id: id, title: item.title, summary: item.summary, themes: item.themes(forHub: hub),
                    positive: positive, status: event.status.rawValue)
            }
            guard let title = event.title else { return nil }
            return HubModel.Example(
                id: id, title: title, summary: "", positive: positive, status: event.status.rawValue)
        }
    }

    /// The item's priority for every hub it matched, with the reasons.
    public func explain(_ item: Item) -> [String: Priority] {
        var result: [String: Priority] = [:]
        for hub in config.hubs {
            guard var priority = Priority.fromThemes(item.matches.filter { $0.hub == hub.id }) else { continue }
            if let model = models[hub.id] {
                if decided[hub.id]?.contains(item.id) == true {
                    priority.reasons.append("decided: the model leaves it as it was")
                } else {
                    priority = priority.combined(
                        with: judge(item, hub: hub.id, model: model, explaining: true), decisions: model.count,
                        floor: config.digest.minPriority)
                }
            }
            result[hub.id] = priority
        }
        return result
    }

    func judge(_ item: Item, hub: String, model: HubModel, explaining: Bool) -> HubModel.Judgement {
        model.judge(title: item.title, summary: item.summary, themes: item.themes(forHub: hub), explaining: explaining)
    }

    /// The values to store: as `explain` (without building its reasons), except that a decided item
    /// keeps what it holds.
    public func priorities(_ item: Item) -> [String: Double]? {
        guard !item.matches.isEmpty else { return nil }
        var values: [String: Double] = [:]
        for hub in config.hubs {
            let matches = item.matches.filter { $0.hub == hub.id }
            guard let themes = Priority.value(matches) else { continue }
            if decided[hub.id]?.contains(item.id) == true {
                values[hub.id] = item.priorities?[hub.id] ?? themes
            } else if let model = models[hub.id] {
                values[hub.id] = Priority.combined(
                    themes: themes, judge(item, hub: hub.id, model: model, explaining: false), decisions: model.count,
                    floor: config.digest.minPriority)
            } else {
                values[hub.id] = themes
            }
        }
        return values.isEmpty ? nil : values
    }

    /// Whether any hub has a model (then every matched item's priority may move).
    public var learns: Bool { !models.isEmpty }

    /// Sets the priorities of the items at `indexes` (every item when nil), on every core; returns
    /// how many changed.
    @discardableResult
    public func apply(to catalogue: inout Catalogue, indexes: [Int]? = nil) -> Int {
        catalogue.setInParallel(\.priorities, indexes: indexes) { priorities($0) }
    }
}

extension Prioritizing {
    /// The cross-validated report of `horizon themes learn` for one hub; nil with too few decisions.
    public static func evaluate(hub: Hub, config: HorizonConfig, triage: TriageLog, items: [Item])
        -> (report: LearningEvaluation?, decisions: Int, parked: Int)
    {
        var byID: [String: Int] = [:]
        for (index, item) in items.enumerated() { byID[item.id] = index }
        let log = triage.forHub(hub.id)
        let examples = Prioritizing.examples(log: log, hub: hub.id) { id in byID[id].map { items[$0] } }
        let cases = examples.map { example in
            LearningEvaluation.Case(
                example: example,
                themes: byID[example.id].flatMap { Priority.fromThemes(items[$0].matches.filter { $0.hub == hub.id }) })
        }
        let parked = log.decidedItems.count { log.status(of: $0) == .parked }
        return (LearningEvaluation(cases: cases, floor: config.digest.minPriority), examples.count, parked)
    }
}
