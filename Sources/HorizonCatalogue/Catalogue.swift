public import Foundation
public import HorizonCore

/// An entry as a feed gave it, before it becomes (or joins) a catalogue item.
public struct IncomingEntry: Sendable, Equatable {
    public var feed: String
    public var guid: String?
    public let link: String?
    public var title: String
    public var summary: String
    /// The summary as sanitized HTML, when kept and the feed used markup.
    public var summaryHTML: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [String]
    public var categories: [String]
    /// The link's dedup key and canonical form, worked out when the entry is made (which a run does
    /// on every core) rather than while the catalogue is merged (on one).
    public let linkKey: String?
    let canonicalLink: String?
    /// The entry's fingerprint for layer 3, when the run made it as the feed was parsed.
    public var fingerprint: StoryFingerprint?

    public init(
        feed: String, guid: String?, link: String?, title: String, summary: String, summaryHTML: String? = nil,
        published: Date? = nil, updated: Date? = nil, authors: [String] = [], categories: [String] = []
    ) {
        self.summaryHTML = summaryHTML
        let forms = link.map(URLCanonicalizer.forms)
        linkKey = forms?.key
        canonicalLink = forms?.canonical
        self.feed = feed
        self.guid = guid
        self.link = link
        self.title = title
        self.summary = summary
        self.published = published
        self.updated = updated
        self.authors = authors
        self.categories = categories
    }
}

/// What adding an entry did to the catalogue.
public enum AddOutcome: Equatable, Sendable {
    /// A story not seen before; the new item's index.
    case new(Int)
    /// The same entry seen again in the same feed (by GUID, or by link without a GUID); its text
    /// is refreshed when the feed changed it (`changed`).
    case seen(Int, changed: Bool)
    /// The same story reached through another feed or another form of its URL: a source was added.
    case merged(Int)
    /// The same story told by another outlet with another URL and edited text: a source was added.
    case similar(Int, similarity: Double)
}

/// Every story seen, once, with every place it was seen.
public struct Catalogue: Sendable {
    /// The version of the file format this build writes.
    public static let schemaVersion = 1

    public private(set) var items: [Item]
    /// Layer 3 (the same story from another outlet, by its text) is used only when this is set.
    public var joinsSimilarStories = false
    private var byID: [String: Int] = [:]
    private var byGUID: [String: Int] = [:]
    private var byLink: [String: Int] = [:]
    /// Layer 3: recent stories by their title words, and their fingerprints (built when first needed).
    private var recent: RecentStories?
    /// Stories further apart than this are never merged by their text.
    public static let similarityWindow: TimeInterval = 3 * 86_400

    public init(items: [Item] = []) {
        self.items = items
        // The links' keys are worked out on every core (parsing URLs is most of the cost), then
        // entered in order, as `indexItem` would.
        let keys = Parallel.map(items.count, shares: Parallel.shares(for: items.count, minimum: 4_000)) { range in
            range.map { Catalogue.linkKeys(of: items[$0]) }
        }.flatMap { $0 }
        byID.reserveCapacity(items.count)
        byLink.reserveCapacity(items.count)
        byGUID.reserveCapacity(items.count)
        for (position, keys) in keys.enumerated() { index(at: position, keys) }
    }

    public func item(id: String) -> Item? { byID[id].map { items[$0] } }

    /// Lets go of the tables that find stories by id, GUID, link and text, once nothing more will
    /// be added: a run does so before it saves, when memory is at its peak. `add` and `item(id:)`
    /// must not be used after it.
    public mutating func releaseLookups() {
        // Freed on another thread: tens of thousands of keys are let go without the run waiting.
        Parallel.release((byID, byGUID, byLink, recent))
        byID = [:]
        byGUID = [:]
        byLink = [:]
        recent = nil
    }

    /// Makes room for up to `count` more stories, so that a large run does not grow its tables
    /// (and hash every key again) as it adds them.
    public mutating func reserveCapacity(adding count: Int) {
        items.reserveCapacity(items.count + count)
        byID.reserveCapacity(byID.count + count)
        byLink.reserveCapacity(byLink.count + count)
        byGUID.reserveCapacity(byGUID.count + count)
    }

    /// Replaces the item with the same id (for re-matching and edits).
    public mutating func replace(_ item: Item) {
        guard let index = byID[item.id] else { return }
        items[index] = item
    }

    public mutating func update(at index: Int, _ body: (inout Item) -> Void) {
        body(&items[index])
    }

    /// Adds an entry: a new item, or a sighting of one already here.
    /// Layer 3 uses the entry's `fingerprint` when the run made it already (as its feed was parsed);
    /// otherwise it is made here when needed.
    @discardableResult
    public mutating func add(_ entry: IncomingEntry, at now: Date) -> AddOutcome {
        let guidKey = entry.guid.map { Catalogue.guidKey(feed: entry.feed, guid: $0) }
        let linkKey = entry.linkKey
        var source = ItemSource(
            feed: entry.feed, link: entry.link ?? "", guid: entry.guid, firstSeen: now, published: entry.published)

        // Layer 1: this feed's own entry again (GUID first; the link when there is no GUID).
        let sameEntry =
            guidKey.flatMap { byGUID[$0] }
            ?? (entry.guid == nil
                ? linkKey.flatMap { key in
                    byLink[key].flatMap { items[$0].sources.contains { $0.feed == entry.feed } ? $0 : nil }
                } : nil)
        if let index = sameEntry {
            let changed = refresh(index, with: entry, at: now)
            return .seen(index, changed: changed)
        }
        // Layer 2: the same URL in another form, or from another feed.
        if let key = linkKey, let index = byLink[key] {
            items[index].lastSeen = now
            if !items[index].sources.contains(where: { $0.feed == entry.feed && $0.guid == entry.guid }) {
                source.match = "same URL"
                items[index].sources.append(source)
                recent?.joined(
                    item: index, feed: entry.feed, date: items[index].published ?? items[index].firstSeen)
            }
            if let guidKey { byGUID[guidKey] = index }
            return .merged(index)
        }
        // Layer 3: the same story from another outlet, with another URL and edited text.
        let fingerprint =
            joinsSimilarStories
            ? (entry.fingerprint ?? StoryFingerprint(title: entry.title, summary: entry.summary)) : nil
        if let fingerprint, let (index, similarity) = similarStory(to: fingerprint, entry: entry, at: now) {
            source.match = "same story (\(String(format: "%.2f", similarity)))"
            join(index, source: source, entry: entry, at: now)
            if let guidKey { byGUID[guidKey] = index }
            if let linkKey { byLink[linkKey] = index }
            return .similar(index, similarity: similarity)
        }
        let identity = linkKey ?? guidKey ?? "\(entry.feed)|\(entry.title)"
        var id = Catalogue.stableID(identity)
        while byID[id] != nil { id = Catalogue.stableID(id + "+") }
        var item = Item(
            id: id, title: entry.title, link: entry.canonicalLink ?? "", summary: entry.summary,
            published: entry.published, updated: entry.updated, firstSeen: now, lastSeen: now, sources: [source],
            authors: entry.authors, categories: entry.categories)
        item.summaryHTML = entry.summaryHTML
        items.append(item)
        let index = items.count - 1
        // The new item's keys are known: index it without parsing its URLs again.
        byID[id] = index
        if let linkKey { byLink[linkKey] = index }
        if let guidKey { byGUID[guidKey] = index }
        if let fingerprint {
            recent?.add(item: index, fingerprint: fingerprint, date: entry.published ?? now, feeds: [entry.feed])
        }
        return .new(index)
    }

    /// Adds another outlet's telling of a story; the earliest publisher becomes the primary source.
    private mutating func join(_ index: Int, source: ItemSource, entry: IncomingEntry, at now: Date) {
        var item = items[index]
        item.lastSeen = now
        let primaryDate = item.published ?? item.firstSeen
        if let published = entry.published, published < primaryDate {
            // The newcomer published first: it is the original, and the story is shown as it told it.
            var newcomer = source
            var previous = item.sources.removeFirst()
            previous.match = newcomer.match
            newcomer.match = nil
            item.sources.insert(newcomer, at: 0)
            item.sources.insert(previous, at: 1)
            item.title = entry.title
            item.summary = entry.summary
            item.summaryHTML = entry.summaryHTML
            if let link = entry.canonicalLink { item.link = link }
            item.published = published
        } else {
            item.sources.append(source)
        }
        items[index] = item
        recent?.joined(item: index, feed: entry.feed, date: item.published ?? item.firstSeen)
    }

    /// The recent story from another feed that `fingerprint` tells again, if any, and how alike.
    private mutating func similarStory(to fingerprint: StoryFingerprint, entry: IncomingEntry, at now: Date) -> (
        Int, Double
    )? {
        if recent == nil {
            var stories = RecentStories()
            let chosen = items.indices.filter {
                now.timeIntervalSince(items[$0].firstSeen) <= Catalogue.similarityWindow * 2
            }
            let stored = items
            let made = Parallel.map(chosen.count, shares: Parallel.shares(for: chosen.count, minimum: 2_000)) {
                range in chosen[range].map { StoryFingerprint(title: stored[$0].title, summary: stored[$0].summary) }
            }.flatMap { $0 }
            for (index, fingerprint) in zip(chosen, made) {
                let item = items[index]
                stories.add(
                    item: index, fingerprint: fingerprint, date: item.published ?? item.firstSeen,
                    feeds: item.sources.map(\.feed))
            }
            recent = stories
        }
        let found = recent?.sameStory(
            as: fingerprint, feed: entry.feed, date: entry.published ?? now, window: Catalogue.similarityWindow)
        return found.map { ($0.item, $0.similarity) }
    }

    /// Takes in a changed title or summary of an entry already stored; true when something changed.
    /// Only the primary source's text is kept: other sources of a merged story may word it differently.
    private mutating func refresh(_ index: Int, with entry: IncomingEntry, at now: Date) -> Bool {
        var item = items[index]
        item.lastSeen = now
        guard item.sources.first?.feed == entry.feed else {
            items[index] = item
            return false
        }
        var changed = false
        if !entry.title.isEmpty && entry.title != item.title {
            item.title = entry.title
            changed = true
        }
        if !entry.summary.isEmpty && entry.summary != item.summary {
            item.summary = entry.summary
            changed = true
        }
        if !entry.summary.isEmpty && entry.summaryHTML != item.summaryHTML {
            item.summaryHTML = entry.summaryHTML  // markup alone changing does not count as a revision
        }
        if let updated = entry.updated, updated != item.updated {
            item.updated = updated
            changed = true
        }
        if changed { item.revised = now }
        items[index] = item
        return changed
    }

    private mutating func indexItem(at index: Int) {
        self.index(at: index, Catalogue.linkKeys(of: items[index]))
    }

    /// The dedup keys of an item's own link and of its sources' links (nil: no link).
    private static func linkKeys(of item: Item) -> (link: String?, sources: [String?]) {
        (
            item.link.isEmpty ? nil : URLCanonicalizer.key(item.link),
            item.sources.map { $0.link.isEmpty ? nil : URLCanonicalizer.key($0.link) }
        )
    }

    private mutating func index(at index: Int, _ keys: (link: String?, sources: [String?])) {
        let item = items[index]
        byID[item.id] = index
        if let key = keys.link { byLink[key] = index }
        for (source, key) in zip(item.sources, keys.sources) {
            if let guid = source.guid { byGUID[Catalogue.guidKey(feed: source.feed, guid: guid)] = index }
            if let key, byLink[key] == nil { byLink[key] = index }
        }
    }

    static func guidKey(feed: String, guid: String) -> String { feed + "\u{1F}" + guid }

    /// The keys under which an entry can find a story already stored: its feed and GUID, its link.
    static func lookupKeys(of entry: IncomingEntry) -> [String] {
        var keys: [String] = []
        if let guid = entry.guid { keys.append("g" + guidKey(feed: entry.feed, guid: guid)) }
        if let key = entry.linkKey { keys.append("l" + key) }
        return keys
    }

    /// The keys under which a stored story is found (the same forms as `lookupKeys(of:)` of an entry).
    static func lookupKeys(of item: Item) -> [String] {
        var keys: [String] = []
        if !item.link.isEmpty { keys.append("l" + URLCanonicalizer.key(item.link)) }
        for source in item.sources {
            if let guid = source.guid { keys.append("g" + guidKey(feed: source.feed, guid: guid)) }
            if !source.link.isEmpty { keys.append("l" + URLCanonicalizer.key(source.link)) }
        }
        return keys
    }

    /// Whether a lookup key (from `lookupKeys`) belongs to a story here.
    func knows(_ key: String) -> Bool {
        let rest = String(key.dropFirst())
        return key.hasPrefix("g") ? byGUID[rest] != nil : byLink[rest] != nil
    }

    /// Adds a stored story as it is (one taken back from the archive).
    public mutating func insert(_ item: Item) {
        guard byID[item.id] == nil else { return }
        items.append(item)
        indexItem(at: items.count - 1)
    }

    /// A short id that stays the same for the same story across runs (FNV-1a, 64 bits).
    public static func stableID(_ text: String) -> String {
        let hex = String(FNV1a.hash(text.utf8), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
