import Foundation
import HorizonCore

/// Writes the catalogue file by hand: JSON's shape for `{"schemaVersion", "items"}` exactly as
/// `Item`'s Codable form reads it back, but many times faster than JSONEncoder for large catalogues.
enum CatalogueWriter {
    /// Items per batch: each batch is encoded on every core and handed on before the next, so
    /// that a large catalogue is never whole in memory as bytes (about 6 MB a batch).
    static let batch = 4_096

    /// Encodes the file's bytes and hands them to `emit` piece by piece, in order; returns the
    /// byte range of each item's object in the whole.
    static func encode(
        _ items: [Item], schemaVersion: Int, batch: Int = batch, emit: (UnsafeRawBufferPointer) -> Void
    ) -> [Range<Int>] {
        var offset = 0
        func hand(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes(emit)
            offset += bytes.count
        }
        hand(Array("{\"schemaVersion\":\(schemaVersion),\"items\":[".utf8))
        var spans: [Range<Int>] = []
        spans.reserveCapacity(items.count)
        for first in stride(from: 0, to: items.count, by: max(1, batch)) {
            let slice = first..<min(items.count, first + max(1, batch))
            let shares = Parallel.map(slice.count, shares: Parallel.shares(for: slice.count)) { range in
                var out = [UInt8]()
                out.reserveCapacity(range.count * 1600)
                var local: [Range<Int>] = []
                local.reserveCapacity(range.count)
                for index in range.lowerBound + first..<range.upperBound + first {
                    if index > 0 { out.append(0x2C) }
                    out.append(0x0A)
                    let start = out.count
                    write(items[index], into: &out)
                    local.append(start..<out.count)
                }
                return (out, local)
            }
            for (bytes, local) in shares {
                spans += local.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
                hand(bytes)
            }
        }
        hand(Array("\n]}\n".utf8))
        return spans
    }

    static func write(_ item: borrowing Item, into out: inout [UInt8]) {
        open("id", &out)
        string(item.id, &out)
        key("title", &out)
        string(item.title, &out)
        key("link", &out)
        string(item.link, &out)
        key("summary", &out)
        string(item.summary, &out)
        if let html = item.summaryHTML {
            key("summaryHTML", &out)
            string(html, &out)
        }
        if let published = item.published {
            key("published", &out)
            date(published, &out)
        }
        if let updated = item.updated {
            key("updated", &out)
            date(updated, &out)
        }
        key("firstSeen", &out)
        date(item.firstSeen, &out)
        key("lastSeen", &out)
        date(item.lastSeen, &out)
        if let revised = item.revised {
            key("revised", &out)
            date(revised, &out)
        }
        key("sources", &out)
        array(item.sources, &out) { source, out in
            open("feed", &out)
            string(source.feed, &out)
            key("link", &out)
            string(source.link, &out)
            if let guid = source.guid {
                key("guid", &out)
                string(guid, &out)
            }
            key("firstSeen", &out)
            date(source.firstSeen, &out)
            if let match = source.match {
                key("match", &out)
                string(match, &out)
            }
            if let published = source.published {
                key("published", &out)
                date(published, &out)
            }
            out.append(0x7D)
        }
        key("authors", &out)
        array(item.authors, &out) { string($0, &$1) }
        key("categories", &out)
        array(item.categories, &out) { string($0, &$1) }
        key("matches", &out)
        array(item.matches, &out) { match, out in
            open("hub", &out)
            string(match.hub, &out)
            key("theme", &out)
            string(match.theme, &out)
            key("score", &out)
            number(match.score, &out)
            key("terms", &out)
            array(match.terms, &out) { string($0, &$1) }
            key("contributions", &out)
            array(match.contributions, &out) { contribution, out in
                open("term", &out)
                string(contribution.term, &out)
                key("kind", &out)
                string(contribution.kind.rawValue, &out)
                key("field", &out)
                string(contribution.field, &out)
                key("weight", &out)
                number(contribution.weight, &out)
                out.append(0x7D)
            }
            if !match.context.isEmpty {
                key("context", &out)
                array(match.context, &out) { string($0, &$1) }
            }
            out.append(0x7D)
        }
        if let identifiers = item.identifiers, !identifiers.isEmpty {
            key("identifiers", &out)
            array(identifiers, &out) { identifier, out in
                open("type", &out)
                string(identifier.type.rawValue, &out)
                key("value", &out)
                string(identifier.value, &out)
                key("url", &out)
                string(identifier.url, &out)
                out.append(0x7D)
            }
        }
        if let innovations = item.innovations, !innovations.isEmpty {
            key("innovations", &out)
            array(innovations, &out) { string($0, &$1) }
        }
        if let stage = item.stage {
            key("stage", &out)
            string(stage.rawValue, &out)
        }
        if let priorities = item.priorities, !priorities.isEmpty {
            key("priorities", &out)
            out.append(0x7B)
            for (n, hub) in priorities.keys.sorted().enumerated() {
                if n > 0 { out.append(0x2C) }
                string(hub, &out)
                out.append(0x3A)
                number(priorities[hub]!, &out)
            }
            out.append(0x7D)
        }
        out.append(0x7D)
    }

    /// `{"name":`, the start of an object and its first key.
    static func open(_ name: StaticString, _ out: inout [UInt8]) {
        out.append(0x7B)
        quoted(name, &out)
    }

    /// `,"name":`, a further key.
    static func key(_ name: StaticString, _ out: inout [UInt8]) {
        out.append(0x2C)
        quoted(name, &out)
    }

    private static func quoted(_ name: StaticString, _ out: inout [UInt8]) {
        out.append(0x22)
        name.withUTF8Buffer { out += $0 }
        out.append(0x22)
        out.append(0x3A)
    }

    static func array<T>(_ values: [T], _ out: inout [UInt8], _ element: (T, inout [UInt8]) -> Void) {
        out.append(0x5B)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(0x2C) }
            element(value, &out)
        }
        out.append(0x5D)
    }

    static func date(_ value: Date, _ out: inout [UInt8]) {
        out.append(0x22)
        ISO8601.write(value, into: &out)
        out.append(0x22)
    }

    static func number(_ value: Double, _ out: inout [UInt8]) {
        var text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
        text.withUTF8 { out += $0 }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func string(_ value: String, _ out: inout [UInt8]) {
        out.append(0x22)
        var value = value
        value.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out += UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                escape(byte, &out)
                runStart = index + 1
            }
            out += UnsafeBufferPointer(rebasing: bytes[runStart...])
        }
        out.append(0x22)
    }

    static func escape(_ byte: UInt8, _ out: inout [UInt8]) {
        switch byte {
        case 0x22: out += [0x5C, 0x22]
        case 0x5C: out += [0x5C, 0x5C]
        case 0x0A: out += [0x5C, 0x6E]
        case 0x0D: out += [0x5C, 0x72]
        case 0x09: out += [0x5C, 0x74]
        case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        default: out.append(byte)
        }
    }
}
