import Foundation
public import HorizonXML

/// Turns markup into the clean text that matching, search and digests use:
/// tags stripped, entities decoded, script and style dropped, whitespace collapsed.
public enum PlainText {
    /// Plain text of an HTML fragment, in one pass over its bytes. Text without markup or entities
    /// is only collapsed.
    public static func fromHTML(_ html: String) -> String {
        guard html.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else { return collapse(html) }
        var stripper = HTMLStripper()
        var text = html
        text.withUTF8 { stripper.run($0) }
        return stripper.result()
    }

    /// Plain text of already-parsed nodes (XHTML content, or markup a feed left unescaped).
    public static func fromNodes(_ nodes: [XMLNode]) -> String {
        var out = ""
        append(nodes, to: &out)
        return collapse(out)
    }

    static let skipped: Set<String> = ["script", "style", "head", "title", "noscript", "template", "iframe", "object"]
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
        "blockquote", "pre", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
    ]

    private static func append(_ nodes: [XMLNode], to out: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C }) ? fromHTML(text) : text
            case .element(let element):
                let name = element.name.lowercased()
                if skipped.contains(name) { continue }
                let block = blocks.contains(name)
                if block { out += " " }
                if name == "img", let alt = element.attribute("alt"), !alt.isEmpty { out += " \(alt) " }
                append(element.children, to: &out)
                if block { out += " " }
            }
        }
    }

    /// Collapses runs of whitespace (including no-break spaces) to one space and trims.
    public static func collapse(_ text: String) -> String {
        var copy = text
        if let fast = copy.withUTF8({ collapseASCIIWhitespace($0) }) { return fast }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar.value < 0x20 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace {
                    out.unicodeScalars.append(" ")
                    pendingSpace = false
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Collapses whitespace byte by byte when the only whitespace is ASCII or no-break spaces
/// (nearly always); nil when the text holds other Unicode spaces and needs the slow path.
private func collapseASCIIWhitespace(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    var out = [UInt8]()
    out.reserveCapacity(b.count)
    var pending = false
    var i = 0
    let n = b.count
    while i < n {
        let c = b[i]
        if c == 0x20 || (c >= 0x09 && c <= 0x0D) || c < 0x20 {
            pending = !out.isEmpty
            i += 1
            continue
        }
        if c == 0xC2 && i + 1 < n && (b[i + 1] == 0xA0 || b[i + 1] == 0x85) {
            pending = !out.isEmpty
            i += 2
            continue
        }
        // Other Unicode spaces: U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000.
        if c >= 0xE1 && c <= 0xE3 && i + 2 < n {
            let (b1, b2) = (b[i + 1], b[i + 2])
            let space =
                (c == 0xE1 && b1 == 0x9A && b2 == 0x80)
                || (c == 0xE2 && b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
                || (c == 0xE2 && b1 == 0x81 && b2 == 0x9F)
                || (c == 0xE3 && b1 == 0x80 && b2 == 0x80)
            if space {
                pending = !out.isEmpty
                i += 3
                continue
            }
        }
        if pending {
            out.append(0x20)
            pending = false
        }
        out.append(c)
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

/// The one-pass HTML-to-text scanner behind `PlainText.fromHTML`.
struct HTMLStripper {
    private var out: [UInt8] = []
    private var pendingSpace = false

    mutating func result() -> String { String(decoding: out, as: UTF8.self) }

    private mutating func space() { pendingSpace = !out.isEmpty }

    private mutating func emit(_ byte: UInt8) {
        if pendingSpace {
            out.append(0x20)
            pendingSpace = false
        }
        out.append(byte)
    }

    private mutating func emit(scalar value: UInt32) {
        if value == 0xA0 || value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0x2028
            || value == 0x3000
        {
            space()
            return
        }
        guard value >= 0x20, let scalar = Unicode.Scalar(value) else { return }
        for byte in String(Character(scalar)).utf8 { emit(byte) }
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    mutating func run(_ b: UnsafeBufferPointer<UInt8>) {
        out.reserveCapacity(b.count)
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x3C {  // '<'
                i = tag(b, at: i)
            } else if c == 0x26 {  // '&'
                i = entity(b, at: i)
            } else if HTMLStripper.isSpace(c) {
                space()
                i += 1
            } else if c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0 {  // no-break space
                space()
                i += 2
            } else if c < 0x20 {
                i += 1
            } else {
                // A run of ordinary text, copied whole: up to the next markup, reference, space,
                // control character or possible no-break space.
                var j = i + 1
                while j < n {
                    let d = b[j]
                    if d <= 0x20 || d == 0x3C || d == 0x26 || d == 0xC2 { break }
                    j += 1
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                i = j
            }
        }
    }

    /// Handles markup starting at `start` ('<'); returns where text resumes.
    private mutating func tag(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let n = b.count
        var i = start + 1
        guard i < n else {
            emit(0x3C)
            return i
        }
        if b[i] == 0x21 {  // <!-- comment -->, <![CDATA[ ]]>, <!DOCTYPE>
            if i + 2 < n && b[i + 1] == 0x2D && b[i + 2] == 0x2D {
                return find(b, [0x2D, 0x2D, 0x3E], from: i + 3).map { $0 + 3 } ?? n
            }
            let cdata: [UInt8] = Array("[CDATA[".utf8)
            if i + 1 + cdata.count <= n && Array(b[(i + 1)..<(i + 1 + cdata.count)]) == cdata {
                let end = find(b, [0x5D, 0x5D, 0x3E], from: i + 1 + cdata.count) ?? n
                for k in (i + 1 + cdata.count)..<end {
                    if HTMLStripper.isSpace(b[k]) { space() } else { emit(b[k]) }
                }
                return min(n, end + 3)
            }
            return skipToTagEnd(b, from: i)
        }
        if b[i] == 0x3F { return skipToTagEnd(b, from: i) }  // <?...>
        let closing = b[i] == 0x2F
        if closing { i += 1 }
        guard i < n, HTMLStripper.isLetter(b[i]) else {
            // Not a tag: a literal '<' ("a < b").
            emit(0x3C)
            return start + 1
        }
        let nameStart = i
        while i < n && (HTMLStripper.isLetter(b[i]) || (b[i] >= 0x30 && b[i] <= 0x39)) { i += 1 }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
        let end = skipToTagEnd(b, from: i)
        if !closing && PlainText.skipped.contains(name) {
            // Skip everything up to the matching end tag.
            let close = Array("</\(name)".utf8)
            var k = end
            while k < n {
                if b[k] == 0x3C, k + close.count <= n, matchesIgnoringCase(b, k, close) {
                    return skipToTagEnd(b, from: k + close.count)
                }
                k += 1
            }
            return n
        }
        if PlainText.blocks.contains(name) { space() }
        if !closing && name == "img", let alt = attribute(HTMLStripper.alt, in: b, from: i, to: end) {
            space()
            var stripper = HTMLStripper()
            var text = alt
            text.withUTF8 { stripper.run($0) }
            for byte in stripper.result().utf8 { emit(byte) }
            space()
        }
        return end
    }

    /// Past the '>' that ends a tag, minding quoted attribute values.
    private func skipToTagEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {
                return i + 1
            }
            i += 1
        }
        return b.count
    }

    /// The value of the attribute `wanted` (lower-case ASCII) in the tag `b[start..<end]`.
    private func attribute(_ wanted: [UInt8], in b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String?
    {
        let stop = max(start, end - 1)
        var searchFrom = start
        var i = start
        while i + wanted.count <= stop {
            guard matchesIgnoringCase(b, i, wanted) else {
                i += 1
                continue
            }
            let boundary = i == searchFrom || b[i - 1] == 0x20 || b[i - 1] == 0x09 || b[i - 1] == 0x0A
            var j = i + wanted.count
            while j < stop && b[j] == 0x20 { j += 1 }
            guard boundary, j < stop, b[j] == 0x3D else {
                i += wanted.count
                searchFrom = i
                continue
            }
            j += 1
            while j < stop && b[j] == 0x20 { j += 1 }
            if j < stop, b[j] == 0x22 || b[j] == 0x27 {
                let quote = b[j]
                var k = j + 1
                while k < stop && b[k] != quote { k += 1 }
                return String(decoding: b[(j + 1)..<k], as: UTF8.self)
            }
            var k = j
            while k < stop && b[k] != 0x20 && b[k] != 0x3E && b[k] != 0x2F { k += 1 }
            return String(decoding: b[j..<k], as: UTF8.self)
        }
        return nil
    }

    private func matchesIgnoringCase(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ literal: [UInt8]) -> Bool {
        for (k, expected) in literal.enumerated() where b[at + k] | 0x20 != expected | 0x20 { return false }
        return true
    }

    private func find(_ b: UnsafeBufferPointer<UInt8>, _ literal: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + literal.count <= b.count {
            if b[i] == literal[0] && Array(b[i..<(i + literal.count)]) == literal { return i }
            i += 1
        }
        return nil
    }

    /// Decodes a character reference at `start` ('&'); a stray '&' is text.
    private mutating func entity(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let n = b.count
        var i = start + 1
        if i < n && b[i] == 0x23 {  // &#...;
            i += 1
            let hex = i < n && (b[i] | 0x20) == 0x78
            if hex { i += 1 }
            var value: UInt32 = 0
            let digitsStart = i
            while i < n, i - digitsStart < 8 {
                let c = b[i]
                if c >= 0x30 && c <= 0x39 {
                    value = value * (hex ? 16 : 10) + UInt32(c - 0x30)
                } else if hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 {
                    value = value * 16 + UInt32((c | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                i += 1
            }
            if i > digitsStart {
                if i < n && b[i] == 0x3B { i += 1 }
                // Windows-1252 code points feeds use by mistake for quotes and dashes.
                emit(scalar: HTMLStripper.windows1252[value] ?? value)
                return i
            }
            emit(0x26)
            return start + 1
        }
        while i < n && i - start <= 32 && (HTMLStripper.isLetter(b[i]) || (b[i] >= 0x30 && b[i] <= 0x39)) { i += 1 }
        if i > start + 1 {
            let name = String(decoding: b[(start + 1)..<i], as: UTF8.self)
            let code = HTMLStripper.predefined[name] ?? HTMLEntities.codePoint(name)
            if let code {
                emit(scalar: code)
                return i < n && b[i] == 0x3B ? i + 1 : i
            }
        }
        emit(0x26)
        return start + 1
    }

    static let alt = Array("alt".utf8)
    static let predefined: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0,
    ]
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6,
        0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
        0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
        0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]
}
