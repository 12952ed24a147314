import Foundation
public import HorizonCatalogue
public import HorizonCore
import HorizonText

/// The search index: `search.idx` beside the catalogue, memory-mapped by `horizon search`, so a
/// query reads only the pages it needs however large the catalogue grows.
///
/// Layout (little-endian; every section 8-byte aligned):
/// - a header (`SearchIndexHeader`: `HZSRCH01`, format version, counts, the catalogue's `FileIdentity`,
///   section offsets);
/// - a fixed 48-byte record per item, in catalogue order: date, first seen, the item's byte span in
///   `catalogue.json`, the lengths of its title and summary in words, and references to its id,
///   title, link, feeds and theme matches;
/// - per-item feed indexes (UInt16) and theme matches (hub UInt16, theme UInt16, score Float32);
/// - the term table, sorted by bytes: each stem with its document frequency and postings offset;
/// - postings: per item, varints of the item delta, title and summary term frequencies, then the
///   word positions in the title and in the summary (deltas), for phrases;
/// - a string pool (UInt32 length + UTF-8) and a small JSON of the feed, hub and theme names.
///
/// Titles are indexed as one field; summaries with the publisher's categories as the other.
/// Words are indexed as the matcher reads them (folded, British/American spellings merged,
/// Porter2 stems), every word, so that phrases with "at" or "of" still match.
public final class SearchIndex: @unchecked Sendable {
    static let docRecordSize = 48
    static let termRecordSize = 16
    public static func path(in directory: String) -> String { DataDirectory(directory).searchIndex }

    struct Meta: Codable {
        var feeds: [String]
        var hubs: [String]
        var themes: [String]
    }

    let file: MappedFile
    var bytes: UnsafeRawBufferPointer { file.bytes }
    public let docCount: Int
    public let termCount: Int
    /// The identity of the catalogue file this index was built from.
    public let catalogueIdentity: FileIdentity
    /// The newest item date (seconds since 1970): recency is counted back from it.
    public let newest: Int64
    let averageTitle: Double
    let averageSummary: Double
    let docsOffset, feedsOffset, matchesOffset, termsOffset, postingsOffset, stringsOffset: Int
    public let feeds: [String]
    public let hubs: [String]
    public let themes: [String]

    public struct FormatError: HorizonError {
        public let message: String
        public var kind: FailureKind { .data }
    }

    public init(path: String) throws(FormatError) {
        do {
            file = try MappedFile(path: path)
        } catch {
            throw FormatError(message: error.description)
        }
        let bytes = file.bytes
        let header: SearchIndexHeader
        do {
            header = try SearchIndexHeader(bytes)
        } catch {
            switch error {
            case .notAnIndex:
                throw FormatError(message: "\(path): not a horizon search index")
            case .otherVersion(let version):
                throw FormatError(
                    message:
                        "\(path): a search index of format \(version), not \(SearchIndexHeader.version); it is rebuilt")
            }
        }
        docCount = header.docCount
        termCount = header.termCount
        catalogueIdentity = header.catalogueIdentity
        newest = header.newest
        averageTitle = header.averageTitle
        averageSummary = header.averageSummary
        docsOffset = header.sections[0]
        feedsOffset = header.sections[1]
        matchesOffset = header.sections[2]
        termsOffset = header.sections[3]
        postingsOffset = header.sections[4]
        stringsOffset = header.sections[5]
        let metaOffset = header.sections[6]
        let metaLength = header.sections[7]
        guard metaOffset >= 0, metaLength >= 0, metaOffset + metaLength <= bytes.count,
            docsOffset + (docCount + 1) * SearchIndex.docRecordSize <= bytes.count,
            termsOffset + (termCount + 1) * SearchIndex.termRecordSize <= bytes.count
        else {
            throw FormatError(message: "\(path): the search index is truncated")
        }
        guard let meta = try? JSONDecoder().decode(Meta.self, from: Data(bytes[metaOffset..<(metaOffset + metaLength)]))
        else {
            throw FormatError(message: "\(path): the search index's names are unreadable")
        }
        feeds = meta.feeds
        hubs = meta.hubs
        themes = meta.themes
    }

    // MARK: Items

    @inline(__always) func u32(_ at: Int) -> UInt32 {
        bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
    }
    @inline(__always) func u16(_ at: Int) -> UInt16 {
        bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian
    }
    @inline(__always) func i64(_ at: Int) -> Int64 {
        bytes.loadUnaligned(fromByteOffset: at, as: Int64.self).littleEndian
    }

    @inline(__always) func record(_ doc: Int) -> Int { docsOffset + doc * SearchIndex.docRecordSize }

    /// The item's date (published, else updated, else first seen), seconds since 1970.
    public func date(_ doc: Int) -> Int64 { i64(record(doc)) }
    /// When Horizon first saw the item, seconds since 1970.
    public func firstSeen(_ doc: Int) -> Int64 { Int64(u32(record(doc) + 44)) }
    /// Where the item's JSON lies in `catalogue.json`.
    public func catalogueSpan(_ doc: Int) -> Range<Int> {
        let start = Int(i64(record(doc) + 8))
        return start..<(start + Int(u32(record(doc) + 16)))
    }
    public func id(_ doc: Int) -> String { string(at: Int(u32(record(doc) + 20))) }
    public func title(_ doc: Int) -> String { string(at: Int(u32(record(doc) + 24))) }
    public func link(_ doc: Int) -> String { string(at: Int(u32(record(doc) + 28))) }
    func titleLength(_ doc: Int) -> Int { Int(u16(record(doc) + 40)) }
    func summaryLength(_ doc: Int) -> Int { Int(u16(record(doc) + 42)) }

    /// Indexes into `feeds` of every feed that carried the item, the primary first.
    public func feedIndexes(_ doc: Int) -> [Int] {
        let start = Int(u32(record(doc) + 32))
        let end = Int(u32(record(doc + 1) + 32))
        return (start..<end).map { Int(u16(feedsOffset + $0 * 2)) }
    }

    /// The item's theme matches as (hub, theme, score) indexes into `hubs` and `themes`.
    @inline(__always) public func forEachMatch(_ doc: Int, _ body: (Int, Int, Double) -> Void) {
        let start = Int(u32(record(doc) + 36))
        let end = Int(u32(record(doc + 1) + 36))
        var at = matchesOffset + start * 8
        for _ in start..<end {
            let theme = u16(at + 2)
            if theme != SearchIndex.priorityMark {
                body(Int(u16(at)), Int(theme), Double(Float(bitPattern: u32(at + 4))))
            }
            at += 8
        }
    }

    /// The item's priority for each hub it matched, as (hub index, priority).
    @inline(__always) public func forEachPriority(_ doc: Int, _ body: (Int, Double) -> Void) {
        let start = Int(u32(record(doc) + 36))
        let end = Int(u32(record(doc + 1) + 36))
        var at = matchesOffset + start * 8
        for _ in start..<end {
            if u16(at + 2) == SearchIndex.priorityMark { body(Int(u16(at)), Double(Float(bitPattern: u32(at + 4)))) }
            at += 8
        }
    }

    /// In the matches section, a record whose theme is this holds the hub's priority, not a match.
    static let priorityMark: UInt16 = 0xFFFF

    /// The item's id as a number: its 16 hex digits, or a hash of another form.
    func idKey(_ doc: Int) -> UInt64 {
        let start = stringsOffset + Int(u32(record(doc) + 20))
        let length = Int(u32(start))
        let id = bytes[(start + 4)..<(start + 4 + length)]
        var value: UInt64 = 0
        for byte in id where length == 16 {
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(byte - 0x57)
            default: return FNV1a.hash(id)
            }
        }
        return length == 16 ? value : FNV1a.hash(id)
    }

    func string(at offset: Int) -> String {
        let start = stringsOffset + offset
        let length = Int(u32(start))
        return String(
            decoding: UnsafeRawBufferPointer(rebasing: bytes[(start + 4)..<(start + 4 + length)]), as: UTF8.self)
    }

    // MARK: Terms

    func termBytes(_ term: Int) -> UnsafeRawBufferPointer {
        let start = stringsOffset + Int(u32(termsOffset + term * SearchIndex.termRecordSize))
        let length = Int(u32(start))
        return UnsafeRawBufferPointer(rebasing: bytes[(start + 4)..<(start + 4 + length)])
    }

    func documentFrequency(_ term: Int) -> Int { Int(u32(termsOffset + term * SearchIndex.termRecordSize + 4)) }

    func postingsRange(_ term: Int) -> Range<Int> {
        let at = termsOffset + term * SearchIndex.termRecordSize + 8
        return (postingsOffset + Int(i64(at)))..<(postingsOffset + Int(i64(at + SearchIndex.termRecordSize)))
    }

    /// The first term whose bytes are not less than `key` (binary search).
    func lowerBound(_ key: [UInt8]) -> Int {
        var low = 0
        var high = termCount
        while low < high {
            let mid = (low + high) / 2
            if compare(termBytes(mid), key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func compare(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count - b.count
    }

    /// The term id of an exact stem.
    func term(_ stem: String) -> Int? {
        let key = Array(stem.utf8)
        let at = lowerBound(key)
        return at < termCount && compare(termBytes(at), key) == 0 ? at : nil
    }

    /// Every term beginning with `prefix`.
    func terms(prefix: String) -> Range<Int> {
        let key = Array(prefix.utf8)
        let start = lowerBound(key)
        var end = start
        while end < termCount {
            let bytes = termBytes(end)
            guard bytes.count >= key.count, compare(UnsafeRawBufferPointer(rebasing: bytes[0..<key.count]), key) == 0
            else { break }
            end += 1
        }
        return start..<end
    }

    /// A term's postings, decoded.
    func postings(_ term: Int) -> Postings {
        var result = Postings()
        let range = postingsRange(term)
        let df = documentFrequency(term)
        result.docs.reserveCapacity(df)
        result.titleFrequency.reserveCapacity(df)
        result.summaryFrequency.reserveCapacity(df)
        result.positionStart.reserveCapacity(df + 1)
        var at = range.lowerBound
        let end = range.upperBound
        var doc = 0
        @inline(__always) func varint() -> Int {
            var value = 0
            var shift = 0
            while at < end {
                let byte = bytes[at]
                at += 1
                value |= Int(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return value
        }
        while at < end {
            doc += varint()
            let inTitle = varint()
            let inSummary = varint()
            result.docs.append(UInt32(doc))
            result.titleFrequency.append(UInt16(truncatingIfNeeded: inTitle))
            result.summaryFrequency.append(UInt16(truncatingIfNeeded: inSummary))
            result.positionStart.append(UInt32(result.positions.count))
            var position = 0
            for _ in 0..<inTitle {
                position += varint()
                result.positions.append(UInt16(truncatingIfNeeded: position))
            }
            position = 0
            for _ in 0..<inSummary {
                position += varint()
                result.positions.append(UInt16(truncatingIfNeeded: position))
            }
        }
        result.positionStart.append(UInt32(result.positions.count))
        return result
    }
}

/// One term's postings: items in order, with frequencies and positions (title's, then summary's).
struct Postings {
    var docs: [UInt32] = []
    var titleFrequency: [UInt16] = []
    var summaryFrequency: [UInt16] = []
    var positionStart: [UInt32] = []
    var positions: [UInt16] = []

    func titlePositions(_ i: Int) -> ArraySlice<UInt16> {
        let start = Int(positionStart[i])
        return positions[start..<(start + Int(titleFrequency[i]))]
    }

    func summaryPositions(_ i: Int) -> ArraySlice<UInt16> {
        let start = Int(positionStart[i]) + Int(titleFrequency[i])
        return positions[start..<Int(positionStart[i + 1])]
    }
}

// MARK: - Building

/// Turns words into the index's stems, caching per word (not thread-safe).
final class Stemmer {
    private var cache: [String: String] = [:]

    func stem(lowerWord: String) -> String {
        if let cached = cache[lowerWord] { return cached }
        let stem = TextNormalizer.normalize(lowerWord)
        if cache.count > 500_000 { cache.removeAll(keepingCapacity: true) }
        cache[lowerWord] = stem
        return stem
    }

    func stems(_ text: String) -> [String] {
        var result: [String] = []
        TextNormalizer.forEachLowerWord(in: text) {
            result.append(stem(lowerWord: String(decoding: $0, as: UTF8.self)))
        }
        return result
    }
}

public enum SearchIndexBuilder {
    /// Builds the index of `items`, which must be exactly the items of the catalogue file mapped
    /// as `catalogue`, in order.
    public static func build(items: [Item], catalogue: MappedFile) throws(SearchIndex.FormatError) -> [UInt8] {
        let spans = CatalogueSpans.scan(catalogue.bytes)
        guard spans.count == items.count else {
            throw SearchIndex.FormatError(message: "the catalogue file holds \(spans.count) items, not \(items.count)")
        }
        return build(items: items, spans: spans, identity: catalogue.identity)
    }

    /// `shares`: how many parts the words are read in, at once (default: one per core, for 2,000 items or more).
    static func build(items: [Item], spans: [Range<Int>], identity: FileIdentity, shares: Int? = nil) -> [UInt8] {
        Array(
            parts(items: items, spans: spans, identity: identity, prepared: prepare(items: items, shares: shares))
                .joined())
    }

    /// The part of an index that needs only the items: their words read and stemmed, and postings
    /// built, on every core. A run makes it while it writes the catalogue file.
    public static func prepare(items: [Item], shares: Int? = nil) -> PreparedIndex {
        let shares = shares ?? Parallel.shares(for: items.count)
        return PreparedIndex(
            ids: items.map(\.id),
            shares: Parallel.map(items.count, shares: shares) { TokenizedShare(items[$0], firstDoc: $0.lowerBound) })
    }

    /// The index file's bytes, in parts to be written one after another.
    static func parts(items: [Item], spans: [Range<Int>], identity: FileIdentity, prepared: PreparedIndex) -> [[UInt8]]
    {
        var sections = IndexSections()
        sections.addItems(items, spans: spans, shares: prepared.shares)
        sections.addTerms(prepared.shares)
        return sections.assemble(identity: identity, shares: prepared.shares)
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    static func append(_ value: Double, to bytes: inout [UInt8]) {
        append(value.bitPattern, to: &bytes)
    }

    static func appendVarint(_ value: Int, to bytes: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

/// Keeps `search.idx` in step with `catalogue.json`.
public enum SearchIndexFile {
    /// Writes the index of a catalogue file just saved (`catalogue.json` or an archive month),
    /// beside it. Call it with the data directory's lock held.
    /// `prepared`: the items' words, read while the file was written; used when they are the
    /// file's items.
    public static func write(_ file: CatalogueStore.WrittenFile, prepared: PreparedIndex? = nil) throws(SearchIndex
        .FormatError)
    {
        let parts: [[UInt8]]
        if let spans = file.spans, spans.count == file.items.count, let identity = FileIdentity(path: file.path) {
            let prepared = prepared.flatMap { $0.ids.elementsEqual(file.items.lazy.map(\.id)) ? $0 : nil }
            parts = SearchIndexBuilder.parts(
                items: file.items, spans: spans, identity: identity,
                prepared: prepared ?? SearchIndexBuilder.prepare(items: file.items))
        } else {
            let catalogue: MappedFile
            do {
                catalogue = try MappedFile(path: file.path)
            } catch {
                throw SearchIndex.FormatError(message: error.description)
            }
            parts = [try SearchIndexBuilder.build(items: file.items, catalogue: catalogue)]
        }
        do {
            try AtomicFile.write(parts: parts, to: CatalogueStore.indexPath(forCatalogue: file.path))
        } catch {
            throw SearchIndex.FormatError(message: error.description)
        }
    }

    /// The index of `directory`, when it exists and matches the catalogue file as it is now.
    public static func openCurrent(directory: String) -> SearchIndex? {
        let cataloguePath = DataDirectory(directory).catalogue
        guard let index = try? SearchIndex(path: SearchIndex.path(in: directory)),
            let identity = FileIdentity(path: cataloguePath), identity == index.catalogueIdentity
        else { return nil }
        return index
    }
}

/// The words of a catalogue file's items, read and indexed (`SearchIndexBuilder.prepare`).
public struct PreparedIndex: Sendable {
    /// The items' ids, to check that the index is built for the same items.
    let ids: [String]
    let shares: [TokenizedShare]
}

/// A share of the items, read, stemmed and indexed on one core: the share's stems and, per stem,
/// its postings with the share's own term numbers.
struct TokenizedShare: Sendable {
    var stems: [String] = []
    var titleLengths: [Int] = []
    var summaryLengths: [Int] = []
    /// Every stem's postings, stem after stem (from `postingStarts[stem]`), without the first
    /// item's delta (the join writes it), ...
    var postings: [UInt8] = []
    var postingStarts: [Int] = []
    /// ... the first and last item (numbered in the whole index) it occurs in, and in how many.
    var firstDoc: [Int] = []
    var lastDoc: [Int] = []
    var frequency: [UInt32] = []
    var postingsSize = 0
    /// While reading: each item's postings in item order, as they are made (`records`), with the
    /// stem and end of each; sorted by stem when the share is done.
    private var records: [UInt8] = []
    private var recordStems: [UInt32] = []
    private var recordEnds: [Int] = []

    init() {}

    /// `firstDoc`: the index's number for the first item of the share.
    init(_ items: ArraySlice<Item>, firstDoc base: Int) {
        let stemmer = Stemmer()
        var ids: [String: UInt64] = [:]
        var byWord = WordTable(capacity: 16_384)
        func termID(_ bytes: UnsafeBufferPointer<UInt8>, _ ascii: Bool) -> UInt64 {
            if let known = byWord.value(for: bytes) { return known }
            let stem = stemmer.stem(lowerWord: TextNormalizer.lowerWord(bytes, ascii: ascii))
            let id: UInt64
            if let existing = ids[stem] {
                id = existing
            } else {
                id = UInt64(stems.count)
                ids[stem] = id
                stems.append(stem)
                firstDoc.append(-1)
                lastDoc.append(0)
                frequency.append(0)
            }
            if byWord.count > 500_000 { byWord.removeAll() }
            byWord.set(bytes, id)
            return id
        }
        // Word occurrences of one item: stem number << 17 | 1 << 16 for the summary | position.
        var occurrences: [UInt64] = []
        // Each item's fields are read in place: a copy of the whole item would retain every field.
        for index in items.indices {
            let doc = base + index - items.startIndex
            occurrences.removeAll(keepingCapacity: true)
            var position: UInt64 = 0
            TextNormalizer.forEachWord(in: items[index].title) { bytes, ascii in
                guard position < 0xFFFF else { return }
                occurrences.append(termID(bytes, ascii) << 17 | position)
                position += 1
            }
            titleLengths.append(Int(position))
            position = 0
            // The publisher's categories are searched with the summary, a position apart so that a
            // phrase never runs from one into the next.
            for (part, text) in ([items[index].summary] + items[index].categories).enumerated() {
                if part > 0 { position += 1 }
                TextNormalizer.forEachWord(in: text) { bytes, ascii in
                    guard position < 0xFFFF else { return }
                    occurrences.append(termID(bytes, ascii) << 17 | 1 << 16 | position)
                    position += 1
                }
            }
            summaryLengths.append(Int(min(position, 0xFFFF)))
            addPostings(doc: doc, occurrences: &occurrences)
        }
        sortPostings()
        postingsSize = postings.count + stems.count * 4
    }

    /// Lays the records out stem by stem (each stem's in item order): a counting sort.
    private mutating func sortPostings() {
        postingStarts = [Int](repeating: 0, count: stems.count + 1)
        var start = 0
        for (stem, end) in zip(recordStems, recordEnds) {
            postingStarts[Int(stem) + 1] += end - start
            start = end
        }
        for stem in 0..<stems.count { postingStarts[stem + 1] += postingStarts[stem] }
        var next = postingStarts
        postings = [UInt8](repeating: 0, count: records.count)
        records.withUnsafeBufferPointer { records in
            postings.withUnsafeMutableBufferPointer { postings in
                var start = 0
                for (stem, end) in zip(recordStems, recordEnds) {
                    let at = next[Int(stem)]
                    if end > start {
                        (postings.baseAddress! + at).update(from: records.baseAddress! + start, count: end - start)
                    }
                    next[Int(stem)] = at + end - start
                    start = end
                }
            }
        }
        records = []
        recordStems = []
        recordEnds = []
    }

    /// One item's postings: per stem, the item (as a delta), its counts in the title and in the
    /// summary, then its positions in each (as deltas).
    private mutating func addPostings(doc: Int, occurrences: inout [UInt64]) {
        occurrences.sort()
        var i = 0
        while i < occurrences.count {
            let term = Int(occurrences[i] >> 17)
            var j = i
            var inTitle = 0
            while j < occurrences.count, Int(occurrences[j] >> 17) == term {
                if occurrences[j] & (1 << 16) == 0 { inTitle += 1 }
                j += 1
            }
            let inSummary = j - i - inTitle
            if firstDoc[term] < 0 {
                firstDoc[term] = doc
            } else {
                SearchIndexBuilder.appendVarint(doc - lastDoc[term], to: &records)
            }
            SearchIndexBuilder.appendVarint(inTitle, to: &records)
            SearchIndexBuilder.appendVarint(inSummary, to: &records)
            var last = 0
            for k in i..<(i + inTitle) {
                let at = Int(occurrences[k] & 0xFFFF)
                SearchIndexBuilder.appendVarint(at - last, to: &records)
                last = at
            }
            last = 0
            for k in (i + inTitle)..<j {
                let at = Int(occurrences[k] & 0xFFFF)
                SearchIndexBuilder.appendVarint(at - last, to: &records)
                last = at
            }
            recordStems.append(UInt32(term))
            recordEnds.append(records.count)
            lastDoc[term] = doc
            frequency[term] += 1
            i = j
        }
    }
}

/// The sections of an index file while they are built: items first (their strings open the
/// string pool), then terms and postings, then the header that points at each section.
struct IndexSections {
    var strings = [UInt8]()
    var feeds = Interned()
    var hubs = Interned()
    var themes = Interned()
    var docs = [UInt8]()
    var feedRefs = [UInt8]()
    var matchRefs = [UInt8]()
    var terms = [UInt8]()
    var postings = [UInt8]()
    var docCount = 0
    var termCount = 0
    var newest = Int64.min

    /// Names given numbers in the order first seen.
    struct Interned {
        var names: [String] = []
        var numbers: [String: Int] = [:]

        mutating func number(_ name: String) -> Int {
            if let known = numbers[name] { return known }
            numbers[name] = names.count
            names.append(name)
            return names.count - 1
        }
    }

    mutating func addString(_ text: String) -> UInt32 {
        let offset = UInt32(strings.count)
        SearchIndexBuilder.append(UInt32(text.utf8.count), to: &strings)
        strings.append(contentsOf: text.utf8)
        return offset
    }

    /// The fixed record of each item, with its feeds and theme matches, then a sentinel record
    /// that says where the last item's feeds and matches end.
    mutating func addItems(_ items: [Item], spans: [Range<Int>], shares tokenized: [TokenizedShare]) {
        docs.reserveCapacity((items.count + 1) * SearchIndex.docRecordSize)
        docCount = items.count
        let bounds = (0...tokenized.count).map { items.count * $0 / tokenized.count }
        var feedCount: UInt32 = 0
        var matchCount: UInt32 = 0
        var current = 0
        var seenFeeds: [Int] = []  // an item's feeds so far (a handful), kept between items
        // Each item read in place: a copy of the whole item would retain every field.
        for doc in items.indices {
            while doc >= bounds[current + 1] { current += 1 }
            let local = doc - bounds[current]
            let date = Int64(items[doc].date.timeIntervalSince1970.rounded(.down))
            newest = max(newest, date)
            put(date, &docs)
            put(Int64(spans[doc].lowerBound), &docs)
            put(UInt32(spans[doc].count), &docs)
            put(addString(items[doc].id), &docs)
            put(addString(items[doc].title), &docs)
            put(addString(items[doc].link), &docs)
            put(feedCount, &docs)
            put(matchCount, &docs)
            put(UInt16(min(tokenized[current].titleLengths[local], 0xFFFF)), &docs)
            put(UInt16(min(tokenized[current].summaryLengths[local], 0xFFFF)), &docs)
            put(UInt32(clamping: Int64(items[doc].firstSeen.timeIntervalSince1970.rounded(.down))), &docs)
            seenFeeds.removeAll(keepingCapacity: true)
            for source in items[doc].sources {
                let index = feeds.number(source.feed)
                guard !seenFeeds.contains(index) else { continue }
                seenFeeds.append(index)
                put(UInt16(truncatingIfNeeded: index), &feedRefs)
                feedCount += 1
            }
            for match in items[doc].matches {
                put(UInt16(truncatingIfNeeded: hubs.number(match.hub)), &matchRefs)
                put(UInt16(truncatingIfNeeded: themes.number(match.theme)), &matchRefs)
                put(Float(match.score).bitPattern, &matchRefs)
                matchCount += 1
            }
            for (hub, priority) in (items[doc].priorities ?? [:]).sorted(by: { $0.key < $1.key }) {
                put(UInt16(truncatingIfNeeded: hubs.number(hub)), &matchRefs)
                put(SearchIndex.priorityMark, &matchRefs)
                put(Float(priority).bitPattern, &matchRefs)
                matchCount += 1
            }
        }
        docs += [UInt8](repeating: 0, count: 32)
        put(feedCount, &docs)
        put(matchCount, &docs)
        docs += [UInt8](repeating: 0, count: 8)
    }

    /// Terms sorted by bytes, postings laid out in that order: each term's postings from every
    /// share in turn, each share's first item given as a delta from the last item before it.
    mutating func addTerms(_ tokenized: [TokenizedShare]) {
        let shares = tokenized.count
        var termIDs: [String: Int] = [:]
        var termStems: [String] = []
        // Per share, the index's term number of each of its own.
        let shareTerms = tokenized.map { share in
            share.stems.map { stem in
                if let known = termIDs[stem] { return known }
                termIDs[stem] = termStems.count
                termStems.append(stem)
                return termStems.count - 1
            }
        }
        let order = termStems.indices.sorted { termStems[$0].utf8.lexicographicallyPrecedes(termStems[$1].utf8) }
        termCount = order.count
        var localTerms = [[Int32]](repeating: [Int32](repeating: -1, count: termStems.count), count: shares)
        for share in 0..<shares {
            for (local, term) in shareTerms[share].enumerated() { localTerms[share][term] = Int32(local) }
        }
        terms.reserveCapacity((order.count + 1) * SearchIndex.termRecordSize)
        postings.reserveCapacity(tokenized.reduce(0) { $0 + $1.postingsSize })
        for term in order {
            put(addString(termStems[term]), &terms)
            var frequency: UInt32 = 0
            var lastDoc = 0
            let offset = postings.count
            for share in 0..<shares {
                let local = Int(localTerms[share][term])
                guard local >= 0 else { continue }
                let part = tokenized[share]
                SearchIndexBuilder.appendVarint(part.firstDoc[local] - lastDoc, to: &postings)
                postings.append(contentsOf: part.postings[part.postingStarts[local]..<part.postingStarts[local + 1]])
                lastDoc = part.lastDoc[local]
                frequency += part.frequency[local]
            }
            put(frequency, &terms)
            put(Int64(offset), &terms)
        }
        put(UInt32(0), &terms)
        put(UInt32(0), &terms)
        put(Int64(postings.count), &terms)
    }

    /// The file in parts: the header, then each section padded to start at a multiple of 8.
    func assemble(identity: FileIdentity, shares tokenized: [TokenizedShare]) -> [[UInt8]] {
        // Sorted keys: the same items always give the same bytes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let names = SearchIndex.Meta(feeds: feeds.names, hubs: hubs.names, themes: themes.names)
        let meta = (try? encoder.encode(names)) ?? Data("{}".utf8)
        var parts: [[UInt8]] = [[]]
        var size = SearchIndexHeader.size
        func section(_ bytes: [UInt8]) -> Int {
            if size % 8 != 0 {
                parts.append([UInt8](repeating: 0, count: 8 - size % 8))
                size += 8 - size % 8
            }
            let offset = size
            parts.append(bytes)
            size += bytes.count
            return offset
        }
        let offsets = [docs, feedRefs, matchRefs, terms, postings, strings, Array(meta)].map(section)
        let totalTitle = tokenized.reduce(0) { $0 + $1.titleLengths.reduce(0, +) }
        let totalSummary = tokenized.reduce(0) { $0 + $1.summaryLengths.reduce(0, +) }
        let header = SearchIndexHeader(
            docCount: docCount, termCount: termCount, catalogueIdentity: identity, newest: docCount == 0 ? 0 : newest,
            averageTitle: Double(totalTitle) / Double(max(1, docCount)),
            averageSummary: Double(totalSummary) / Double(max(1, docCount)),
            sections: offsets + [meta.count])
        parts[0] = header.encoded()
        return parts
    }
}

/// A fixed-width integer, little-endian, at the end of `bytes`.
private func put<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8]) {
    SearchIndexBuilder.append(value, to: &bytes)
}
