internal import CLibXML2

/// Rewrites entity references before libxml2 sees the bytes, because libxml2 2.9.14 in
/// recover mode loses text around them: an undeclared entity (`&nbsp;`) is dropped, and once
/// the document has had any error even `&amp;` is dropped (xmlParseReference returns early
/// when the parser is no longer well-formed). Numeric character references survive errors,
/// so every named reference becomes one:
///
/// - the five XML entities and HTML 4's named entities become `&#N;`;
/// - entities declared in the internal DTD subset with plain-text values are inlined (bounded);
/// - anything else that starts with `&` (`AT&T`, `&unknown;`) becomes literal text (`&#38;`).
///
/// CDATA sections, comments, processing instructions and the DOCTYPE are left alone.
/// Only ASCII-compatible encodings are rewritten; UTF-16/32 input is returned unchanged.
enum EntityRepair {
    struct Result {
        var bytes: [UInt8]
        /// Names of entities that XML does not define and that were converted or escaped.
        var undeclared: [String]
        /// Number of bare ampersands escaped.
        var bareAmpersands: Int
        var changed: Bool
    }

    /// Inlined entity text may grow the document by at most this much (entity-expansion bomb guard).
    static let maxInlinedBytes = 1 << 20

    static func repair(_ input: [UInt8]) -> Result {
        let hasAmpersand = input.withUnsafeBufferPointer { next(0x26, or: 0x26, in: $0, from: 0) < $0.count }
        guard isASCIICompatible(input), hasAmpersand else {
            return Result(bytes: input, undeclared: [], bareAmpersands: 0, changed: false)
        }
        let result = input.withUnsafeBufferPointer { repair(buffer: $0) }
        return result.changed ? result : Result(bytes: input, undeclared: [], bareAmpersands: 0, changed: false)
    }

    private static func isASCIICompatible(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)) {
            return false
        }
        return !bytes.prefix(4).contains(0)
    }

    /// One pass over the document's bytes. It stays one function on purpose: it is a byte scanner
    /// whose state (inside a tag, a comment, CDATA, a DOCTYPE) lives in local variables that the
    /// loop updates at every byte, and the fetch benchmark measures its speed.
    private static func repair(buffer b: UnsafeBufferPointer<UInt8>) -> Result {
        let declared = declaredEntities(b)
        var out: [UInt8] = []
        var undeclared: [String] = []
        var bare = 0
        var inlined = 0
        var changed = false
        var i = 0
        var copiedUpTo = 0
        let n = b.count

        func flush(to end: Int) {
            // Room for the whole document once it is known to change.
            if out.capacity == 0 { out.reserveCapacity(b.count + 256) }
            if copiedUpTo < end { out.append(contentsOf: b[copiedUpTo..<end]) }
        }
        func emit(charRef value: UInt32) {
            out.append(0x26)
            out.append(0x23)
            var divisor: UInt32 = 1
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(0x30 + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
            out.append(0x3B)
        }
        /// Makes the '&' at `i` literal text and moves past it.
        func escapeAmpersand() {
            flush(to: i)
            emit(charRef: 0x26)
            bare += 1
            changed = true
            i += 1
            copiedUpTo = i
        }

        while i < n {
            i = next(0x3C, or: 0x26, in: b, from: i)
            guard i < n else { break }
            let c = b[i]
            if c == 0x3C {  // '<': skip constructs in which '&' is not a reference
                if let end = skipMarkup(b, from: i) {
                    i = end
                    continue
                }
                i += 1
                continue
            }
            guard c == 0x26 else {
                i += 1
                continue
            }
            // Character reference: &#123; or &#x1F;
            if i + 1 < n && b[i + 1] == 0x23 {
                var j = i + 2
                let hex = j < n && (b[j] == 0x78 || b[j] == 0x58)
                if hex { j += 1 }
                let digitsStart = j
                while j < n && (hex ? isHexDigit(b[j]) : isDigit(b[j])) { j += 1 }
                if j > digitsStart && j < n && b[j] == 0x3B {
                    if hex && b[i + 2] == 0x58 {
                        // &#X41; is HTML, not XML: written &#x41;.
                        flush(to: i)
                        out.append(contentsOf: [0x26, 0x23, 0x78])
                        out.append(contentsOf: b[digitsStart...j])
                        changed = true
                        copiedUpTo = j + 1
                    }
                    i = j + 1
                    continue
                }
                escapeAmpersand()  // a broken character reference
                continue
            }
            // Named reference: &name;
            var j = i + 1
            while j < n && j - i <= 64 && isNameByte(b[j], first: j == i + 1) { j += 1 }
            if j > i + 1 && j < n && b[j] == 0x3B {
                if let predefined = predefinedEntity(UnsafeBufferPointer(rebasing: b[(i + 1)..<j])) {
                    flush(to: i)
                    emit(charRef: predefined)
                    changed = true
                    i = j + 1
                    copiedUpTo = i
                    continue
                }
                let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                flush(to: i)
                if let value = declared[name] {
                    if inlined + value.count <= maxInlinedBytes {
                        out.append(contentsOf: value)
                        inlined += value.count
                    } else {
                        emit(charRef: 0x26)
                        out.append(contentsOf: b[(i + 1)...j])
                    }
                } else {
                    let code = name.withCString { horizon_html_entity_codepoint($0) }
                    if code >= 0 {
                        emit(charRef: UInt32(code))
                    } else {
                        emit(charRef: 0x26)
                        out.append(contentsOf: b[(i + 1)...j])
                    }
                    if undeclared.count < 32 && !undeclared.contains(name) { undeclared.append(name) }
                }
                changed = true
                i = j + 1
                copiedUpTo = i
                continue
            }
            escapeAmpersand()  // a bare ampersand, as in "AT&T" or "a & b"
        }
        guard changed else {
            return Result(bytes: [], undeclared: [], bareAmpersands: 0, changed: false)
        }
        flush(to: n)
        return Result(bytes: out, undeclared: undeclared, bareAmpersands: bare, changed: true)
    }

    /// The code point of one of XML's five entities (`amp`, `lt`, `gt`, `quot`, `apos`), read from
    /// its name's bytes.
    private static func predefinedEntity(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        switch name.count {
        case 2 where name[1] == 0x74:  // lt, gt
            return name[0] == 0x6C ? 0x3C : name[0] == 0x67 ? 0x3E : nil
        case 3 where name[0] == 0x61 && name[1] == 0x6D && name[2] == 0x70:
            return 0x26
        case 4 where name[0] == 0x71 && name[1] == 0x75 && name[2] == 0x6F && name[3] == 0x74:
            return 0x22
        case 4 where name[0] == 0x61 && name[1] == 0x70 && name[2] == 0x6F && name[3] == 0x73:
            return 0x27
        default:
            return nil
        }
    }

    /// The first index from `start` holding byte `a` or `c`, or the end: eight bytes at a time.
    private static func next(_ a: UInt8, or c: UInt8, in b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = b.count
        var i = start
        if let base = b.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let pa = ones &* UInt64(a)
            let pc = ones &* UInt64(c)
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                // A byte of x is zero where the word holds the byte sought; the lowest flagged byte
                // is always a true one.
                let xa = word ^ pa
                let xc = word ^ pc
                let found = (((xa &- ones) & ~xa) | ((xc &- ones) & ~xc)) & highs
                if found != 0 { return i + found.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < n && b[i] != a && b[i] != c { i += 1 }
        return i
    }

    /// The end of a comment, CDATA section, processing instruction or DOCTYPE starting at `i`,
    /// or nil when `i` starts an ordinary tag.
    private static func skipMarkup(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        if matches(b, i, "<!--") { return find(b, "-->", from: i + 4).map { $0 + 3 } ?? b.count }
        if matches(b, i, "<![CDATA[") { return find(b, "]]>", from: i + 9).map { $0 + 3 } ?? b.count }
        if matches(b, i, "<?") { return find(b, "?>", from: i + 2).map { $0 + 2 } ?? b.count }
        if matches(b, i, "<!DOCTYPE") || matches(b, i, "<!doctype") { return doctypeEnd(b, from: i) }
        return nil
    }

    private static func doctypeEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        var depth = 0
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x5B {
                depth += 1
            } else if c == 0x5D {
                depth -= 1
            } else if c == 0x3E && depth <= 0 {
                return i + 1
            }
            i += 1
        }
        return b.count
    }

    /// Internal general entities with plain-text values: `<!ENTITY name "value">`.
    private static func declaredEntities(_ b: UnsafeBufferPointer<UInt8>) -> [String: [UInt8]] {
        // A DOCTYPE can only stand in the prolog, before the first element.
        var prologEnd = 0
        while prologEnd + 1 < b.count {
            if b[prologEnd] == 0x3C, b[prologEnd + 1] != 0x3F, b[prologEnd + 1] != 0x21 { break }
            prologEnd += 1
        }
        let prolog = UnsafeBufferPointer(rebasing: b[0..<min(b.count, prologEnd + 1)])
        guard let doctype = find(prolog, "<!DOCTYPE", from: 0) ?? find(prolog, "<!doctype", from: 0) else { return [:] }
        let end = doctypeEnd(b, from: doctype)
        var result: [String: [UInt8]] = [:]
        var i = doctype
        while let at = find(b, "<!ENTITY", from: i), at < end {
            var j = at + 8
            while j < end && isSpace(b[j]) { j += 1 }
            i = j
            if j < end && b[j] == 0x25 { continue }  // parameter entity
            let nameStart = j
            while j < end && isNameByte(b[j], first: j == nameStart) { j += 1 }
            guard j > nameStart else { continue }
            let name = String(decoding: b[nameStart..<j], as: UTF8.self)
            while j < end && isSpace(b[j]) { j += 1 }
            guard j < end, b[j] == 0x22 || b[j] == 0x27 else { continue }  // SYSTEM/PUBLIC: never inlined
            let quote = b[j]
            let valueStart = j + 1
            var k = valueStart
            while k < end && b[k] != quote { k += 1 }
            let value = Array(b[valueStart..<k])
            // Only plain text is inlined; values with markup or references stay with libxml2.
            if !value.contains(0x26) && !value.contains(0x3C) && result[name] == nil {
                result[name] = value
            }
            i = k
        }
        return result
    }

    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        let p = literal.utf8Start
        for k in 0..<count where b[i + k] != p[k] { return false }
        return true
    }

    private static func find(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Int? {
        let count = literal.utf8CodeUnitCount
        let first = literal.utf8Start[0]
        var i = start
        while i + count <= b.count {
            if b[i] == first && matches(b, i, literal) { return i }
            i += 1
        }
        return nil
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    private static func isNameByte(_ c: UInt8, first: Bool) -> Bool {
        if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x3A || c >= 0x80 {
            return true
        }
        return !first && (isDigit(c) || c == 0x2D || c == 0x2E)
    }
}
