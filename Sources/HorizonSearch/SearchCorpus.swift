import Foundation
import HorizonCatalogue

/// One catalogue file (`catalogue.json` or an archive month) and its search index, both mapped.
public struct SearchSegment {
    public let index: SearchIndex
    public let catalogue: MappedFile
}

/// Every segment of a data directory seen as one index: archive months, oldest first, then
/// `catalogue.json`. Items are numbered across segments in that order; feed, hub and theme names
/// are merged; a term's postings are read from each segment in turn. An item that a later file
/// also holds (a story taken back from the archive) is left out in favour of the later copy.
public final class SearchCorpus {
    public let segments: [SearchSegment]
    /// The first item number of each segment.
    private let bases: [Int]
    public let docCount: Int
    public let feeds: [String]
    public let hubs: [String]
    public let themes: [String]
    /// Per segment, its feed, hub and theme indexes mapped to the merged lists.
    private let feedMaps, hubMaps, themeMaps: [[Int]]
    /// The newest item date (seconds since 1970): recency is counted back from it.
    public let newest: Int64
    let averageTitle: Double
    let averageSummary: Double
    /// Items superseded by a copy in a later file.
    let superseded: Bitset

    /// Whether a later file holds a newer copy of the item (read that one instead).
    public func isSuperseded(_ doc: Int) -> Bool { superseded.contains(doc) }

    public init(segments: [SearchSegment]) {
        self.segments = segments
        var bases: [Int] = []
        var total = 0
        for segment in segments {
            bases.append(total)
            total += segment.index.docCount
        }
        self.bases = bases
        docCount = total
        func merge(_ names: (SearchIndex) -> [String]) -> ([String], [[Int]]) {
            var merged: [String] = []
            var position: [String: Int] = [:]
            let maps = segments.map { segment in
                names(segment.index).map { name in
                    if let at = position[name] { return at }
                    merged.append(name)
                    position[name] = merged.count - 1
                    return merged.count - 1
                }
            }
            return (merged, maps)
        }
        (feeds, feedMaps) = merge(\.feeds)
        (hubs, hubMaps) = merge(\.hubs)
        (themes, themeMaps) = merge(\.themes)
        newest = segments.filter { $0.index.docCount > 0 }.map(\.index.newest).max() ?? 0
        let docs = Double(max(1, total))
        averageTitle = segments.reduce(0) { $0 + $1.index.averageTitle * Double($1.index.docCount) } / docs
        averageSummary = segments.reduce(0) { $0 + $1.index.averageSummary * Double($1.index.docCount) } / docs
        // Later files win: walk from the last, remembering ids (16 hex digits, read as numbers).
        var superseded = Bitset(count: total, full: false)
        if segments.count > 1 {
            var seen = Set<UInt64>()
            for (s, segment) in segments.enumerated().reversed() {
                for doc in 0..<segment.index.docCount where !seen.insert(segment.index.idKey(doc)).inserted {
                    superseded.insert(bases[s] + doc)
                }
            }
        }
        self.superseded = superseded
    }

    /// The segment of an item and its number there.
    @inline(__always) func locate(_ doc: Int) -> (Int, Int) {
        if bases.count == 1 { return (0, doc) }
        var low = 0
        var high = bases.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if bases[mid] <= doc { low = mid } else { high = mid - 1 }
        }
        return (low, doc - bases[low])
    }

    /// `body` applied to the item's segment index and its number there.
    @inline(__always) private func inSegment<T>(_ doc: Int, _ body: (SearchIndex, Int) -> T) -> T {
        let (s, local) = locate(doc)
        return body(segments[s].index, local)
    }

    public func date(_ doc: Int) -> Int64 { inSegment(doc) { $0.date($1) } }
    public func firstSeen(_ doc: Int) -> Int64 { inSegment(doc) { $0.firstSeen($1) } }
    public func id(_ doc: Int) -> String { inSegment(doc) { $0.id($1) } }
    public func title(_ doc: Int) -> String { inSegment(doc) { $0.title($1) } }
    public func link(_ doc: Int) -> String { inSegment(doc) { $0.link($1) } }
    func titleLength(_ doc: Int) -> Int { inSegment(doc) { $0.titleLength($1) } }
    func summaryLength(_ doc: Int) -> Int { inSegment(doc) { $0.summaryLength($1) } }

    /// The item's JSON exactly as its catalogue file holds it.
    public func itemJSON(_ doc: Int) -> UnsafeRawBufferPointer {
        let (s, local) = locate(doc)
        return segments[s].catalogue[segments[s].index.catalogueSpan(local)]
    }

    /// Indexes into `feeds` of every feed that carried the item, the primary first.
    public func feedIndexes(_ doc: Int) -> [Int] {
        let (s, local) = locate(doc)
        return segments[s].index.feedIndexes(local).map { feedMaps[s][$0] }
    }

    /// The item's theme matches as (hub, theme, score) indexes into `hubs` and `themes`.
    /// The item's priority for each hub it matched, as (hub index into `hubs`, priority).
    public func forEachPriority(_ doc: Int, _ body: (Int, Double) -> Void) {
        let (s, local) = locate(doc)
        let hubMap = hubMaps[s]
        segments[s].index.forEachPriority(local) { hub, priority in body(hubMap[hub], priority) }
    }

    /// The item's priority for one hub (its index in `hubs`), or its best over every hub when nil.
    public func priority(_ doc: Int, hub: Int?) -> Double? {
        var found: Double?
        forEachPriority(doc) { index, value in
            if hub == nil || hub == index { found = max(found ?? value, value) }
        }
        return found
    }

    @inline(__always) public func forEachMatch(_ doc: Int, _ body: (Int, Int, Double) -> Void) {
        let (s, local) = locate(doc)
        let hubMap = hubMaps[s]
        let themeMap = themeMaps[s]
        segments[s].index.forEachMatch(local) { hub, theme, score in body(hubMap[hub], themeMap[theme], score) }
    }

    // MARK: Terms

    /// Whether any segment holds the stem.
    func hasTerm(_ stem: String) -> Bool {
        segments.contains { $0.index.term(stem) != nil }
    }

    /// Every stem of every segment, with its number of items in that segment (a stem in several
    /// segments comes once per segment).
    func forEachTerm(_ body: (String, Int) -> Void) {
        for segment in segments {
            for term in 0..<segment.index.termCount {
                body(
                    String(decoding: segment.index.termBytes(term), as: UTF8.self),
                    segment.index.documentFrequency(term))
            }
        }
    }

    /// Every stem beginning with `prefix`, in any segment.
    func terms(prefix: String) -> [String] {
        var found = Set<String>()
        for segment in segments {
            for term in segment.index.terms(prefix: prefix) {
                found.insert(String(decoding: segment.index.termBytes(term), as: UTF8.self))
            }
        }
        return found.sorted()
    }

    /// A stem's postings from every segment, numbered across segments.
    func postings(_ stem: String) -> Postings {
        var merged: Postings?
        for (s, segment) in segments.enumerated() {
            guard let term = segment.index.term(stem) else { continue }
            var postings = segment.index.postings(term)
            guard var result = merged else {
                if bases[s] > 0 { postings.docs = postings.docs.map { $0 + UInt32(bases[s]) } }
                merged = postings
                continue
            }
            let shift = UInt32(result.positions.count)
            result.docs += postings.docs.map { $0 + UInt32(bases[s]) }
            result.titleFrequency += postings.titleFrequency
            result.summaryFrequency += postings.summaryFrequency
            result.positionStart.removeLast()
            result.positionStart += postings.positionStart.map { $0 + shift }
            result.positions += postings.positions
            merged = result
        }
        return merged ?? Postings(positionStart: [0])
    }
}
