public import Foundation
public import HorizonCore

/// An entry as a feed gave it, before it becomes (or joins) a catalogue item.
public struct IncomingEntry: Sendable, Equatable {
    public var feed: String
    public var guid: String?
    public var link: String?
    public var title: String
    public var summary: String
    public var published: Date?
    public var updated: Date?
    public var authors: [String]
    public var categories: [String]

    public init(
        feed: String, guid: String?, link: String?, title: String, summary: String, published: Date? = nil,
        updated: Date? = nil, authors: [String] = [], categories: [String] = []
    ) {
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
}

/// Every story seen, once, with every place it was seen.
public struct Catalogue: Sendable {
    /// The version of the file format this build writes.
    public static let schemaVersion = 1

    public private(set) var items: [Item]
    private var byID: [String: Int] = [:]
    private var byGUID: [String: Int] = [:]
    private var byLink: [String: Int] = [:]

    public init(items: [Item] = []) {
        self.items = items
        for index in items.indices { indexItem(at: index) }
    }

    public func item(id: String) -> Item? { byID[id].map { items[$0] } }

    /// Replaces the item with the same id (for re-matching and edits).
    public mutating func replace(_ item: Item) {
        guard let index = byID[item.id] else { return }
        items[index] = item
    }

    public mutating func update(at index: Int, _ body: (inout Item) -> Void) {
        body(&items[index])
    }

    /// Adds an entry: a new item, or a sighting of one already here.
    @discardableResult
    public mutating func add(_ entry: IncomingEntry, at now: Date) -> AddOutcome {
        let guidKey = entry.guid.map { Catalogue.guidKey(feed: entry.feed, guid: $0) }
        let linkKey = entry.link.map(URLCanonicalizer.key)
        let source = ItemSource(feed: entry.feed, link: entry.link ?? "", guid: entry.guid, firstSeen: now)

        // Layer 1: this feed's own entry again (GUID first; the link when there is no GUID).
        let sameEntry = guidKey.flatMap { byGUID[$0] }
            ?? (entry.guid == nil ? linkKey.flatMap { key in byLink[key].flatMap { items[$0].sources.contains { $0.feed == entry.feed } ? $0 : nil } } : nil)
        if let index = sameEntry {
            let changed = refresh(index, with: entry, at: now)
            return .seen(index, changed: changed)
        }
        // Layer 2: the same URL in another form, or from another feed.
        if let key = linkKey, let index = byLink[key] {
            items[index].lastSeen = now
            if !items[index].sources.contains(where: { $0.feed == entry.feed && $0.guid == entry.guid }) {
                items[index].sources.append(source)
            }
            if let guidKey { byGUID[guidKey] = index }
            return .merged(index)
        }
        let identity = linkKey ?? guidKey ?? "\(entry.feed)|\(entry.title)"
        var id = Catalogue.stableID(identity)
        while byID[id] != nil { id = Catalogue.stableID(id + "+") }
        let item = Item(
            id: id, title: entry.title, link: entry.link.map(URLCanonicalizer.canonical) ?? "", summary: entry.summary,
            published: entry.published, updated: entry.updated, firstSeen: now, lastSeen: now, sources: [source],
            authors: entry.authors, categories: entry.categories)
        items.append(item)
        let index = items.count - 1
        // The new item's keys are known: index it without parsing its URLs again.
        byID[id] = index
        if let linkKey { byLink[linkKey] = index }
        if let guidKey { byGUID[guidKey] = index }
        return .new(index)
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
        if let updated = entry.updated, updated != item.updated {
            item.updated = updated
            changed = true
        }
        if changed { item.revised = now }
        items[index] = item
        return changed
    }

    private mutating func indexItem(at index: Int) {
        let item = items[index]
        byID[item.id] = index
        if !item.link.isEmpty { byLink[URLCanonicalizer.key(item.link)] = index }
        for source in item.sources {
            if let guid = source.guid { byGUID[Catalogue.guidKey(feed: source.feed, guid: guid)] = index }
            if !source.link.isEmpty {
                let key = URLCanonicalizer.key(source.link)
                if byLink[key] == nil { byLink[key] = index }
            }
        }
    }

    static func guidKey(feed: String, guid: String) -> String { feed + "\u{1F}" + guid }

    /// A short id that stays the same for the same story across runs (FNV-1a, 64 bits).
    public static func stableID(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
