import Foundation
import HorizonCore

/// Reads a catalogue file straight from its bytes into `Item`s, about ten times faster than
/// JSONDecoder. It accepts any valid JSON of the catalogue's shape (keys in any order, unknown keys
/// skipped, any whitespace and escapes). On anything it cannot read it gives up, and the caller
/// decodes with JSONDecoder instead, whose errors name the field at fault.
struct CatalogueReader {
    struct Failure: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The schema version and items of a whole catalogue file.
    static func read(_ data: Data) throws(Failure) -> (schemaVersion: Int, items: [Item]) {
        let result: Result<(Int, [Item]), Failure> = data.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var reader = CatalogueReader(buffer)
            do throws(Failure) {
                return .success(try reader.file())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: The catalogue's shape

    private mutating func file() throws(Failure) -> (Int, [Item]) {
        var version: Int?
        var items: [Item]?
        try object { reader, key throws(Failure) in
            switch key {
            case "schemaVersion": version = Int(exactly: try reader.number())
            case "items": items = try reader.items()
            default: try reader.skipValue()
            }
        }
        skipSpace()
        guard at == bytes.count, let version, let items else { throw Failure() }
        return (version, items)
    }

    /// The items of the array the reader is at. A large array is read on every core: it is cut where
    /// a line starts with `{` (as this program writes one story per line; a raw line break is never
    /// inside a JSON string), each core reads from its cut, and each share must end exactly at the
    /// next one's cut. Anything else (a file laid out another way) is read in one pass.
    private mutating func items() throws(Failure) -> [Item] {
        let arrayStart = at
        try expect(0x5B)
        let first = at
        let cores = Parallel.cores
        if cores > 1 && bytes.count - first >= 1 << 20, let (items, end) = itemsInShares(from: first, cores) {
            at = end
            return items
        }
        at = arrayStart
        return try array { reader throws(Failure) in try reader.item() }
    }

    /// `items` cut into `count` shares; nil when the cuts are not where items begin.
    private func itemsInShares(from first: Int, _ count: Int) -> (items: [Item], end: Int)? {
        var reader = self
        reader.at = first
        guard (try? reader.peek()) == 0x7B else { return nil }
        var cuts = [reader.at]
        for share in 1..<count {
            var cut = first + (bytes.count - first) * share / count
            while cut < bytes.count && bytes[cut] != 0x0A { cut += 1 }
            while cut < bytes.count && (bytes[cut] == 0x0A || bytes[cut] == 0x0D || bytes[cut] == 0x20) { cut += 1 }
            if cut < bytes.count && bytes[cut] == 0x7B && cut > cuts[cuts.count - 1] { cuts.append(cut) }
        }
        let shares = Parallel.map(cuts.count) { share -> (items: [Item], end: Int, last: Bool)? in
            var reader = self
            reader.at = cuts[share]
            let stop = share + 1 < cuts.count ? cuts[share + 1] : Int.max
            var items: [Item] = []
            while true {
                guard let item = try? reader.item(), let next = try? reader.peek() else { return nil }
                items.append(item)
                reader.at += 1
                if next == 0x5D { return (items, reader.at, true) }
                guard next == 0x2C else { return nil }
                reader.skipSpace()
                if reader.at >= stop { return reader.at == stop ? (items, reader.at, false) : nil }
            }
        }
        var items: [Item] = []
        for (index, share) in shares.enumerated() {
            // Every share but the last stops at the next cut; the last one closes the array.
            guard let share, share.last == (index == shares.count - 1) else { return nil }
            items += share.items
        }
        return (items, shares[shares.count - 1]!.end)
    }

    private mutating func item() throws(Failure) -> Item {
        var id: String?
        var title: String?
        var link: String?
        var summary: String?
        var summaryHTML: String?
        var published: Date?
        var updated: Date?
        var firstSeen: Date?
        var lastSeen: Date?
        var revised: Date?
        var sources: [ItemSource]?
        var authors: [String]?
        var categories: [String]?
        var matches: [ThemeMatch]?
        var priorities: [String: Double]?
        var identifiers: [Identifier]?
        var innovations: [String]?
        var stage: LifecycleStage?
        try object { reader, key throws(Failure) in
            switch key {
            case "id": id = try reader.string()
            case "title": title = try reader.string()
            case "link": link = try reader.string()
            case "summary": summary = try reader.string()
            case "summaryHTML": summaryHTML = try reader.optionalString()
            case "published": published = try reader.optionalDate()
            case "updated": updated = try reader.optionalDate()
            case "firstSeen": firstSeen = try reader.date()
            case "lastSeen": lastSeen = try reader.date()
            case "revised": revised = try reader.optionalDate()
            case "sources": sources = try reader.array { reader throws(Failure) in try reader.source() }
            case "authors": authors = try reader.strings()
            case "categories": categories = try reader.strings()
            case "matches": matches = try reader.array { reader throws(Failure) in try reader.match() }
            case "identifiers":
                if try reader.null() { break }
                identifiers = try reader.array { reader throws(Failure) in try reader.identifier() }
            case "innovations":
                if try reader.null() { break }
                innovations = try reader.strings()
            case "stage":
                // A stage this version does not know reads as none: the next run sets it again.
                stage = try reader.optionalString().flatMap(LifecycleStage.init(rawValue:))
            case "priorities":
                if try reader.null() { break }
                var values: [String: Double] = [:]
                try reader.object { reader, hub throws(Failure) in values[hub] = try reader.number() }
                priorities = values
            default: try reader.skipValue()
            }
        }
        guard let id, let title, let link, let summary, let firstSeen, let lastSeen, let sources, let authors,
            let categories,
            let matches
        else { throw Failure() }
        var item = Item(
            id: id, title: title, link: link, summary: summary, published: published, updated: updated,
            firstSeen: firstSeen,
            lastSeen: lastSeen, sources: sources, authors: authors, categories: categories, matches: matches)
        item.revised = revised
        item.summaryHTML = summaryHTML
        item.priorities = priorities
        item.identifiers = identifiers
        item.innovations = innovations
        item.stage = stage
        return item
    }

    private mutating func identifier() throws(Failure) -> Identifier {
        var type: Identifier.Kind?
        var value: String?
        try object { reader, key throws(Failure) in
            switch key {
            case "type": type = Identifier.Kind(rawValue: try reader.string())
            case "value": value = try reader.string()
            default: try reader.skipValue()
            }
        }
        guard let type, let value else { throw Failure() }
        return Identifier(type: type, value: value)
    }

    private mutating func source() throws(Failure) -> ItemSource {
        var feed: String?
        var link: String?
        var guid: String?
        var match: String?
        var firstSeen: Date?
        var published: Date?
        try object { reader, key throws(Failure) in
            switch key {
            case "feed": feed = try reader.string()
            case "link": link = try reader.string()
            case "guid": guid = try reader.optionalString()
            case "firstSeen": firstSeen = try reader.date()
            case "match": match = try reader.optionalString()
            case "published": published = try reader.optionalDate()
            default: try reader.skipValue()
            }
        }
        guard let feed, let link, let firstSeen else { throw Failure() }
        return ItemSource(feed: feed, link: link, guid: guid, firstSeen: firstSeen, match: match, published: published)
    }

    private mutating func match() throws(Failure) -> ThemeMatch {
        var hub: String?
        var theme: String?
        var score: Double?
        var terms: [String]?
        var contributions: [Contribution]?
        var context: [String]?
        try object { reader, key throws(Failure) in
            switch key {
            case "hub": hub = try reader.string()
            case "theme": theme = try reader.string()
            case "score": score = try reader.number()
            case "terms": terms = try reader.strings()
            case "contributions":
                if try reader.null() { break }
                contributions = try reader.array { reader throws(Failure) in try reader.contribution() }
            case "context":
                if try reader.null() { break }
                context = try reader.strings()
            default: try reader.skipValue()
            }
        }
        guard let hub, let theme, let score, let terms else { throw Failure() }
        return ThemeMatch(
            hub: hub, theme: theme, score: score, terms: terms, contributions: contributions ?? [],
            context: context ?? [])
    }

    private mutating func contribution() throws(Failure) -> Contribution {
        var term: String?
        var kind: String?
        var field: String?
        var weight: Double?
        try object { reader, key throws(Failure) in
            switch key {
            case "term": term = try reader.string()
            case "kind": kind = try reader.string()
            case "field": field = try reader.string()
            case "weight": weight = try reader.number()
            default: try reader.skipValue()
            }
        }
        guard let term, let kind = kind.flatMap(Contribution.Kind.init(rawValue:)), let field, let weight else {
            throw Failure()
        }
        return Contribution(term: term, kind: kind, field: field, weight: weight)
    }

    // MARK: JSON

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x0A, 0x0D, 0x09: at += 1
            default: return
            }
        }
    }

    /// The next byte after any whitespace, not consumed.
    private mutating func peek() throws(Failure) -> UInt8 {
        skipSpace()
        guard at < bytes.count else { throw Failure() }
        return bytes[at]
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard try peek() == byte else { throw Failure() }
        at += 1
    }

    /// Calls `member` for each key of an object, with the reader at its value.
    private mutating func object(_ member: (inout CatalogueReader, String) throws(Failure) -> Void) throws(Failure) {
        try expect(0x7B)
        if try peek() == 0x7D {
            at += 1
            return
        }
        while true {
            let key = try string()
            try expect(0x3A)
            try member(&self, key)
            switch try peek() {
            case 0x2C: at += 1
            case 0x7D:
                at += 1
                return
            default: throw Failure()
            }
        }
    }

    private mutating func array<T>(_ element: (inout CatalogueReader) throws(Failure) -> T) throws(Failure) -> [T] {
        try expect(0x5B)
        var values: [T] = []
        if try peek() == 0x5D {
            at += 1
            return values
        }
        while true {
            values.append(try element(&self))
            switch try peek() {
            case 0x2C: at += 1
            case 0x5D:
                at += 1
                return values
            default: throw Failure()
            }
        }
    }

    private mutating func strings() throws(Failure) -> [String] {
        try array { reader throws(Failure) in try reader.string() }
    }

    /// Consumes `null` if it comes next.
    private mutating func null() throws(Failure) -> Bool {
        guard try peek() == 0x6E else { return false }
        guard at + 4 <= bytes.count, bytes[at + 1] == 0x75, bytes[at + 2] == 0x6C, bytes[at + 3] == 0x6C else {
            throw Failure()
        }
        at += 4
        return true
    }

    private mutating func optionalString() throws(Failure) -> String? {
        try null() ? nil : try string()
    }

    private mutating func optionalDate() throws(Failure) -> Date? {
        try null() ? nil : try date()
    }

    private mutating func date() throws(Failure) -> Date {
        try expect(0x22)
        let start = at
        while at < bytes.count && bytes[at] != 0x22 && bytes[at] != 0x5C { at += 1 }
        guard at < bytes.count, bytes[at] == 0x22 else { throw Failure() }
        guard let date = ISO8601.date(utf8: UnsafeBufferPointer(rebasing: bytes[start..<at])) else { throw Failure() }
        at += 1
        return date
    }

    private mutating func string() throws(Failure) -> String {
        try expect(0x22)
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == 0x22 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            if byte == 0x5C { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Failure() }
            at += 1
        }
        throw Failure()
    }

    /// The rest of a string that has escapes, `start` being just after its opening quote.
    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var out = Array(bytes[start..<at])
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case 0x22:
                return String(decoding: out, as: UTF8.self)
            case 0x5C:
                guard at < bytes.count else { throw Failure() }
                let escape = bytes[at]
                at += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: out.append(escape)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), at + 6 <= bytes.count, bytes[at] == 0x5C,
                        bytes[at + 1] == 0x75
                    {
                        let mark = at
                        at += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            at = mark
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(character).utf8))
                default: throw Failure()
                }
            case 0..<0x20: throw Failure()
            default: out.append(byte)
            }
        }
        throw Failure()
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard at + 4 <= bytes.count else { throw Failure() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x37
            case 0x61...0x66: digit = byte - 0x57
            default: throw Failure()
            }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }

    private mutating func number() throws(Failure) -> Double {
        skipSpace()
        let start = at
        var integer: Int64 = 0
        var simple = true
        if at < bytes.count && bytes[at] == 0x2D { at += 1 }
        let digits = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte >= 0x30 && byte <= 0x39 {
                if at - digits < 18 { integer = integer * 10 + Int64(byte - 0x30) } else { simple = false }
            } else if byte == 0x2E || byte == 0x65 || byte == 0x45 || byte == 0x2B || byte == 0x2D {
                simple = false
            } else {
                break
            }
            at += 1
        }
        guard at > digits else { throw Failure() }
        if simple { return Double(bytes[start] == 0x2D ? -integer : integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        guard let value = Double(text) else { throw Failure() }
        return value
    }

    private mutating func skipValue() throws(Failure) {
        switch try peek() {
        case 0x22: _ = try string()
        case 0x7B: try object { reader, _ throws(Failure) in try reader.skipValue() }
        case 0x5B: _ = try array { reader throws(Failure) in try reader.skipValue() }
        case 0x74, 0x66, 0x6E:
            let start = at
            while at < bytes.count, (0x61...0x7A).contains(bytes[at]) { at += 1 }
            let word = Array(bytes[start..<at])
            guard word == Array("true".utf8) || word == Array("false".utf8) || word == Array("null".utf8) else {
                throw Failure()
            }
        default: _ = try number()
        }
    }
}
