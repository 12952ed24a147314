/// Decides a feed document's character encoding and brings to UTF-8 the encodings that libxml2
/// reads badly or not at all, before libxml2 sees the document:
///
/// - UTF-32 (either byte order, with or without a byte-order mark) and UTF-16: decoded here;
/// - ISO-8859-1, Latin-1 and US-ASCII: read as Windows-1252, the superset publishers really use
///   (curly quotes and dashes in 0x80–0x9F; the WHATWG encoding standard does the same);
/// - UTF-8 that is not valid UTF-8: each stray byte read as Windows-1252, so "Café" written by a
///   Latin-1 editor survives instead of becoming U+FFFD;
/// - GB2312 read as GB18030, its superset.
///
/// The HTTP charset, when given, overrides the document's declaration (RFC 3023); a byte-order
/// mark overrides both. When the bytes are rewritten, the declaration is made to say UTF-8.
public enum Transcoder {
    public struct Result {
        /// The document, in UTF-8 when `transcoded`.
        public var bytes: [UInt8]
        /// The encoding libxml2 should be told to use (nil: the document's declaration).
        public var override: String?
        /// The document's encoding, as reported (feedparser's names: utf-8, utf-16le, windows-1252, ...).
        public var encoding: String?
        public var transcoded: Bool
        /// What was wrong with the encoding, for the recovered-document flag.
        public var problems: [String] = []
    }

    static let latin1Names: Set<String> = [
        "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "ibm819", "cp819", "csisolatin1",
        "us-ascii", "ascii", "ansi_x3.4-1968", "windows-1252", "cp1252", "x-cp1252",
    ]

    public static func prepare(_ bytes: [UInt8], charset: String? = nil) -> Result {
        var result = choose(bytes, charset: charset)
        // Only bytes known to be UTF-8 (a legacy encoding's bytes are libxml2's to decode).
        if result.transcoded || result.encoding == "utf-8", demoronize(&result.bytes) { result.transcoded = true }
        return result
    }

    /// C1 control characters (U+0080–U+009F) in UTF-8 text are Windows-1252 bytes that went through a
    /// Latin-1 conversion: "don\u{92}t" means "don’t". They become the characters meant.
    static func demoronize(_ b: inout [UInt8]) -> Bool {
        // Most documents have none: look before copying.
        var found = false
        b.withUnsafeBufferPointer { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            var i = 0
            let n = buffer.count - 1
            while i < n {
                // Eight ASCII bytes hold no 0xC2.
                if i + 8 <= buffer.count,
                    raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    i += 8
                    continue
                }
                if buffer[i] == 0xC2, buffer[i + 1] >= 0x80, buffer[i + 1] < 0xA0 {
                    found = true
                    return
                }
                i += 1
            }
        }
        guard found else { return false }
        var out = [UInt8]()
        out.reserveCapacity(b.count + 16)
        var changed = false
        var i = 0
        while i < b.count {
            if b[i] == 0xC2, i + 1 < b.count, b[i + 1] >= 0x80, b[i + 1] < 0xA0, high[Int(b[i + 1] - 0x80)] != 0 {
                appendUTF8(Unicode.Scalar(high[Int(b[i + 1] - 0x80)])!, to: &out)
                i += 2
                changed = true
            } else {
                out.append(b[i])
                i += 1
            }
        }
        if changed { b = out }
        return changed
    }

    static func choose(_ bytes: [UInt8], charset: String?) -> Result {
        // A byte-order mark, or the shape of "<?" in a wide encoding.
        if let (name, bomLength, width, bigEndian) = wideEncoding(bytes) {
            var utf8 = decodeWide(bytes, from: bomLength, width: width, bigEndian: bigEndian)
            rewriteDeclaration(&utf8)
            return Result(bytes: utf8, override: nil, encoding: name, transcoded: true)
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let declared = declaredEncoding(body)
        let httpCharset = charset.map(normalize)
        let effective = httpCharset ?? declared.map(normalize) ?? "utf-8"
        var problems: [String] = []
        if latin1Names.contains(effective) {
            guard body.contains(where: { $0 >= 0x80 }) else {
                return Result(bytes: body, override: nil, encoding: effective, transcoded: false, problems: problems)
            }
            var utf8 = windows1252ToUTF8(body)
            rewriteDeclaration(&utf8)
            return Result(bytes: utf8, override: nil, encoding: effective, transcoded: true, problems: problems)
        }
        if effective == "utf-8" || effective == "utf8" {
            if let invalid = firstInvalidUTF8(body) {
                var utf8 = repairUTF8(body)
                rewriteDeclaration(&utf8)
                problems.append(
                    "not valid UTF-8 (byte 0x\(String(body[invalid], radix: 16, uppercase: true)) at offset \(invalid)); stray bytes read as Windows-1252"
                )
                return Result(bytes: utf8, override: nil, encoding: "utf-8", transcoded: true, problems: problems)
            }
            return Result(
                bytes: body, override: httpCharset == nil ? nil : "UTF-8", encoding: "utf-8", transcoded: false,
                problems: problems)
        }
        if effective == "gb2312" || effective == "gbk" || effective == "x-gbk" {
            return Result(bytes: body, override: "GB18030", encoding: "gb18030", transcoded: false, problems: problems)
        }
        return Result(bytes: body, override: httpCharset, encoding: effective, transcoded: false, problems: problems)
    }

    /// Lower-case, with the spellings people use folded (`UTF_16`, `utf16` → `utf-16`).
    static func normalize(_ name: String) -> String {
        var lowered = String(name.lowercased().map { $0 == "_" ? "-" : $0 }).trimmingSpacesAndQuotes()
        for (short, long) in [("utf8", "utf-8"), ("utf16", "utf-16"), ("utf32", "utf-32"), ("ucs-4", "utf-32")]
        where lowered == short {
            lowered = long
        }
        return lowered
    }

    // MARK: Wide encodings

    static func wideEncoding(_ b: [UInt8]) -> (String, Int, Int, Bool)? {
        func at(_ i: Int) -> UInt8? { i < b.count ? b[i] : nil }
        switch (at(0), at(1), at(2), at(3)) {
        case (0x00, 0x00, 0xFE, 0xFF): return ("utf-32be", 4, 4, true)
        case (0xFF, 0xFE, 0x00, 0x00): return ("utf-32le", 4, 4, false)
        case (0x00, 0x00, 0x00, 0x3C): return ("utf-32be", 0, 4, true)
        case (0x3C, 0x00, 0x00, 0x00): return ("utf-32le", 0, 4, false)
        case (0xFE, 0xFF, _, _): return ("utf-16be", 2, 2, true)
        case (0xFF, 0xFE, _, _): return ("utf-16le", 2, 2, false)
        case (0x00, 0x3C, 0x00, _): return ("utf-16be", 0, 2, true)
        case (0x3C, 0x00, _, 0x00): return ("utf-16le", 0, 2, false)
        default: return nil
        }
    }

    static func decodeWide(_ b: [UInt8], from start: Int, width: Int, bigEndian: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(b.count / width + 16)
        var i = start
        func unit(_ at: Int) -> UInt32 {
            var value: UInt32 = 0
            for k in 0..<width {
                let byte = UInt32(b[at + (bigEndian ? k : width - 1 - k)])
                value = value << 8 | byte
            }
            return value
        }
        while i + width <= b.count {
            var scalar = unit(i)
            i += width
            if width == 2, (0xD800...0xDBFF).contains(scalar) {
                if i + 2 <= b.count, case let low = unit(i), (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 2
                } else {
                    scalar = 0xFFFD
                }
            }
            appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
        }
        return out
    }

    // MARK: Windows-1252

    /// What 0x80–0x9F mean in Windows-1252 (0 where it leaves a byte undefined: kept as that C1 control).
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte < 0xA0, high[Int(byte - 0x80)] != 0 { return Unicode.Scalar(high[Int(byte - 0x80)])! }
        return Unicode.Scalar(byte)
    }

    static func windows1252ToUTF8(_ b: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(b.count + b.count / 8)
        for byte in b {
            if byte < 0x80 { out.append(byte) } else { appendUTF8(windows1252Scalar(byte), to: &out) }
        }
        return out
    }

    // MARK: UTF-8

    /// The length of the valid UTF-8 sequence at `i`, or 0.
    static func sequenceLength(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        let length: Int
        let minimum: UInt32
        switch c {
        case 0xC2...0xDF: (length, minimum) = (2, 0x80)
        case 0xE0...0xEF: (length, minimum) = (3, 0x800)
        case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
        default: return 0
        }
        guard i + length <= b.count else { return 0 }
        var value = UInt32(c) & (0xFF >> (length + 1))
        for k in 1..<length {
            let next = b[i + k]
            guard next & 0xC0 == 0x80 else { return 0 }
            value = value << 6 | UInt32(next & 0x3F)
        }
        if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0 }
        return length
    }

    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        b.withUnsafeBytes { raw in
            var i = 0
            let n = raw.count
            while i < n {
                // ASCII runs, eight bytes at a time, wherever they are.
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { break }
                if raw[i] < 0x80 {
                    i += 1
                    continue
                }
                let length = sequenceLength(b, i)
                if length == 0 { return i }
                i += length
            }
            return nil
        }
    }

    /// Valid UTF-8 kept; every byte that starts no valid sequence read as Windows-1252.
    static func repairUTF8(_ b: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(b.count + 16)
        var i = 0
        while i < b.count {
            let length = sequenceLength(b, i)
            if length == 0 {
                appendUTF8(windows1252Scalar(b[i]), to: &out)
                i += 1
            } else {
                out.append(contentsOf: b[i..<(i + length)])
                i += length
            }
        }
        return out
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    // MARK: The XML declaration

    /// The `encoding` of an ASCII-compatible document's XML declaration.
    static func declaredEncoding(_ b: [UInt8]) -> String? {
        guard let range = encodingValueRange(b) else { return nil }
        return String(decoding: b[range], as: UTF8.self)
    }

    /// Where the value of `encoding="..."` lies in the XML declaration, if there is one.
    static func encodingValueRange(_ b: [UInt8]) -> Range<Int>? {
        var start = 0
        while start < b.count, b[start] == 0x20 || b[start] == 0x0A || b[start] == 0x0D || b[start] == 0x09 {
            start += 1
        }
        guard b.count >= start + 5, b[start] == 0x3C, b[start + 1] == 0x3F, b[start + 2] | 0x20 == 0x78,
            b[start + 3] | 0x20 == 0x6D, b[start + 4] | 0x20 == 0x6C
        else { return nil }
        var end = start
        while end + 1 < b.count, end < start + 512, !(b[end] == 0x3F && b[end + 1] == 0x3E) { end += 1 }
        let declaration = Array(b[start..<end])
        let key = Array("encoding".utf8)
        guard declaration.count >= key.count else { return nil }
        for i in 0...(declaration.count - key.count) where Array(declaration[i..<(i + key.count)]) == key {
            var j = i + key.count
            while j < declaration.count, declaration[j] == 0x20 || declaration[j] == 0x3D { j += 1 }
            guard j < declaration.count, declaration[j] == 0x22 || declaration[j] == 0x27 else { return nil }
            let quote = declaration[j]
            var k = j + 1
            while k < declaration.count, declaration[k] != quote { k += 1 }
            return (start + j + 1)..<(start + k)
        }
        return nil
    }

    /// Makes the XML declaration (if it names an encoding) say UTF-8.
    static func rewriteDeclaration(_ b: inout [UInt8]) {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        guard let range = encodingValueRange(b) else { return }
        b.replaceSubrange(range, with: Array("UTF-8".utf8))
    }
}

extension String {
    /// Without leading and trailing spaces and quotes (`"utf-8"` in a charset parameter).
    fileprivate func trimmingSpacesAndQuotes() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\"" || first == "'" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\"" || last == "'" { scalars.removeLast() }
        return String(scalars)
    }
}
