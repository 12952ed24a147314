import Foundation

/// Normalizes text and terms the same way, so that a term matches the text however either is written:
/// case and diacritics folded, `&` read as `and`, every other non-alphanumeric character a word break
/// (`hospital-at-home` = `hospital at home`), and plurals reduced to their singular.
public enum TextNormalizer {
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty {
                result.append(stem(current))
                current = ""
            }
        }
        let folded = text.unicodeScalars.allSatisfy(\.isASCII) ? text : foldDiacritics(text)
        for scalar in folded.unicodeScalars {
            if scalar == "&" {
                flush()
                result.append("and")
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue  // "patient's" reads as "patients"
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

    /// Reduces a plural to its singular: homes → home, pharmacies → pharmacy, boxes → box.
    static func stem(_ word: String) -> String {
        let count = word.utf8.count
        guard count > 3, word.last == "s" else { return word }
        if word.hasSuffix("ies") && count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes") {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        return String(word.dropLast())
    }
}
