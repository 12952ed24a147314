import Foundation

/// Splits text into words the way the matcher compares them: case and diacritics folded, `&` read as
/// `and`, every other non-alphanumeric character a word break (so `hospital-at-home` = `hospital at home`),
/// apostrophes dropped, British and American spellings folded, and each word reduced to its Porter2 stem.
public enum TextNormalizer {
    /// The comparable forms of the words of `text`.
    public static func tokens(_ text: String) -> [String] {
        words(text).map { normalize(lower($0)) }
    }

    /// One word, already lower-case, in comparable form.
    public static func normalize(_ lowerWord: String) -> String {
        Porter2Stemmer.stem(SpellingVariants.fold(lowerWord))
    }

    /// The words of `text` as written (case kept); `&` is the word "and".
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        WordScanner.scan(text) { bytes, _, _ in result.append(String(decoding: bytes, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with each word of `text`, lower-cased with its diacritics removed, in order.
    /// `body` gets the word's UTF-8 bytes; callers that cache per word avoid building strings.
    public static func forEachLowerWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        WordScanner.scan(text, lowercasingASCII: true) { bytes, ascii, _ in
            if ascii {
                body(bytes)
            } else {
                var lowered = lower(String(decoding: bytes, as: UTF8.self))
                lowered.withUTF8(body)
            }
        }
    }

    /// Calls `body` with each word of `text` with only its ASCII capitals lowered, and whether the
    /// word is all ASCII (then it is already in `forEachLowerWord`'s form; otherwise `lowerWord`
    /// gives that form). For callers that cache per word: the full lowering, which goes through
    /// Unicode decomposition, is then paid once per distinct word rather than once per occurrence.
    public static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        WordScanner.scan(text, lowercasingASCII: true) { bytes, ascii, _ in body(bytes, ascii) }
    }

    /// Calls `body` with each word of `text` exactly as written (case kept), as UTF-8 bytes, and
    /// whether the word is ASCII.
    public static func forEachWordAsWritten(in text: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        WordScanner.scan(text) { bytes, ascii, _ in body(bytes, ascii) }
    }

    /// A word with a plural `s` dropped (words of three letters or more, not ending in "ss"): the
    /// form in which terms matched as written are compared ("GPs" and "GP", "nurses" and "nurse").
    public static func singular(_ word: String) -> String {
        let bytes = word.utf8
        guard bytes.count >= 3, bytes.last == 0x73, bytes.dropLast().last != 0x73 else { return word }
        return String(word.dropLast())
    }

    /// A word from `forEachWord` in `forEachLowerWord`'s form.
    public static func lowerWord(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String {
        let word = String(decoding: bytes, as: UTF8.self)
        return ascii ? word : lower(word)
    }

    /// The words of `text` as written, with where each lies in it (UTF-8 offsets), for highlighting.
    public static func wordRanges(_ text: String) -> [(word: String, range: Range<Int>)] {
        let bytes = Array(text.utf8)
        var result: [(word: String, range: Range<Int>)] = []
        WordScanner.scan(text) { _, _, range in result.append((String(decoding: bytes[range], as: UTF8.self), range)) }
        return result
    }

    /// A word lower-cased with its diacritics removed (é → e).
    public static func lower(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out).lowercased()
    }
}

/// Finds the words of a text in its UTF-8 bytes, without building a string per character.
///
/// A word is a run of ASCII letters and digits and non-ASCII letters; an apostrophe (' or ’) inside
/// a word is dropped ("patient's" is read as "patients"); `&` is the word "and"; everything else,
/// including the punctuation and symbols of Latin-1 and of the General Punctuation block
/// (no-break space, £, dashes, curly quotes), ends a word.
enum WordScanner {
    /// Calls `body` with each word's bytes (apostrophes dropped; ASCII capitals lowered when
    /// `lowercasingASCII`), whether the word is all ASCII, and where the word lies in `text` (UTF-8
    /// offsets, as written).
    static func scan(
        _ text: String, lowercasingASCII: Bool = false, _ body: (UnsafeBufferPointer<UInt8>, Bool, Range<Int>) -> Void
    ) {
        var text = text
        text.withUTF8 { bytes in
            let n = bytes.count
            guard n > 0 else { return }
            // A word is never longer than the text: one buffer, written without bounds checks.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(n, 3)) { word in
                let word = word.baseAddress!
                var length = 0
                var ascii = true
                var start = 0
                var i = 0
                func flush() {
                    if length > 0 {
                        body(UnsafeBufferPointer(start: word, count: length), ascii, start..<i)
                        length = 0
                        ascii = true
                    }
                }
                let lowerBit: UInt8 = lowercasingASCII ? 0x20 : 0
                while i < n {
                    let c = bytes[i]
                    if c < 0x80 {
                        if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                            if length == 0 { start = i }
                            word[length] = c
                            length += 1
                        } else if c >= 0x41 && c <= 0x5A {
                            if length == 0 { start = i }
                            word[length] = c | lowerBit
                            length += 1
                        } else if c == 0x27 {
                            // an apostrophe inside a word is dropped
                        } else if c == 0x26 {
                            flush()
                            word[0] = 0x61
                            word[1] = 0x6E
                            word[2] = 0x64
                            body(UnsafeBufferPointer(start: word, count: 3), true, i..<(i + 1))
                        } else {
                            flush()
                        }
                        i += 1
                        continue
                    }
                    let size = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
                    let end = min(n, i + size)
                    if c == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 {
                        if bytes[i + 2] != 0x99 { flush() }  // General Punctuation; U+2019 is an apostrophe
                    } else if c == 0xC2 && i + 1 < n && bytes[i + 1] >= 0xA0 {
                        flush()  // Latin-1 punctuation and symbols
                    } else if c == 0xC3 && i + 1 < n && (bytes[i + 1] == 0x97 || bytes[i + 1] == 0xB7) {
                        flush()  // × and ÷
                    } else {
                        if length == 0 { start = i }
                        for k in i..<end {
                            word[length] = bytes[k]
                            length += 1
                        }
                        ascii = false
                    }
                    i = end
                }
                flush()
            }
        }
    }
}
