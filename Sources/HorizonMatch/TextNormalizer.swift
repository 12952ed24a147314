import Foundation

/// Splits text into words the way the matcher compares them: case and diacritics folded, `&` read as
/// `and`, every other non-alphanumeric character a word break (so `hospital-at-home` = `hospital at home`),
/// apostrophes dropped, British and American spellings folded, and each word reduced to its Porter2 stem.
public enum TextNormalizer {
    /// The comparable forms of the words of `text`.
    public static func tokens(_ text: String) -> [String] {
        words(text).map { normalize($0.lowercased()) }
    }

    /// One word, already lower-case, in comparable form.
    public static func normalize(_ lowerWord: String) -> String {
        Porter2Stemmer.stem(SpellingVariants.fold(lowerWord))
    }

    /// The words of `text` as written (diacritics folded, case kept); `&` is the word "and".
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text : foldDiacritics(text)
        for scalar in folded.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) {
                    current.append(scalar)
                } else if v == 0x27 {
                    continue  // "patient's" is read as "patients"
                } else if v == 0x26 {
                    flush()
                    result.append("and")
                } else {
                    flush()
                }
            } else if scalar == "\u{2019}" {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// Removes combining marks after canonical decomposition (é → e).
    static func foldDiacritics(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out)
    }
}

/// Turns text into the matcher's word ids, remembering each word's normalized form.
/// Not thread-safe: each thread or task uses its own.
final class TextAnalyzer {
    let vocabulary: [String: Int32]
    private var cache: [String: Int32] = [:]

    init(vocabulary: [String: Int32]) {
        self.vocabulary = vocabulary
        cache.reserveCapacity(4096)
    }

    /// Word ids (-1 for words no term uses) and the words as written.
    func analyze(_ text: String, keepSurface: Bool) -> (ids: [Int32], surface: [String]) {
        let words = TextNormalizer.words(text)
        var ids = [Int32]()
        ids.reserveCapacity(words.count)
        for word in words {
            let lower = word.lowercased()
            if let id = cache[lower] {
                ids.append(id)
            } else {
                let id = vocabulary[TextNormalizer.normalize(lower)] ?? -1
                if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
                cache[lower] = id
                ids.append(id)
            }
        }
        return (ids, keepSurface ? words : [])
    }
}
