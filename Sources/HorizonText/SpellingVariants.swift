import Foundation

/// Folds British and American spellings of a lower-case word into one form, before stemming:
/// -ize/-ise, -yze/-yse, -our/-or, -tre/-ter, ae/oe in medical words (paediatric, anaemia,
/// oesophagus), doubled l (counselling) and a list of single words (programme, ageing, grey).
/// Text and terms go through the same folding, so the direction does not matter, only that
/// both spellings land on one form.
enum SpellingVariants {
    static let words: [String: String] = [
        "aging": "ageing", "tumor": "tumour", "tumors": "tumours", "behavior": "behaviour", "behaviors": "behaviours",
        "behavioral": "behavioural", "color": "colour", "labor": "labour", "favor": "favour", "honor": "honour",
        "humor": "humour", "neighbor": "neighbour", "neighbors": "neighbours", "neighborhood": "neighbourhood",
        "neighborhoods": "neighbourhoods", "rumor": "rumour", "odor": "odour", "center": "centre", "centers": "centres",
        "fiber": "fibre", "liter": "litre", "theater": "theatre", "theaters": "theatres", "program": "programme",
        "programs": "programmes", "catalog": "catalogue", "dialog": "dialogue", "analog": "analogue",
        "gray": "grey", "license": "licence", "defense": "defence", "offense": "offence", "judgment": "judgement",
        "enrollment": "enrolment", "fulfill": "fulfil", "skillful": "skilful", "mold": "mould", "plow": "plough",
        "ton": "tonne", "tons": "tonnes", "aluminum": "aluminium", "check-up": "checkup", "percent": "per cent",
        "vs": "versus", "pediatrician": "paediatrician", "gynecologist": "gynaecologist",
    ]

    /// Medical spellings: the British letter pair on the left becomes the American on the right.
    static let infixes: [(String, String)] = [
        ("paed", "ped"), ("anaes", "anes"), ("aem", "em"), ("oesoph", "esoph"), ("oestr", "estr"),
        ("oedem", "edem"), ("diarrhoe", "diarrhe"), ("foet", "fet"), ("faec", "fec"), ("caesar", "cesar"),
        ("gynaec", "gynec"), ("dyspnoe", "dyspne"), ("apnoe", "apne"), ("amoeb", "ameb"), ("manoeuv", "maneuv"),
        ("coeliac", "celiac"),
    ]

    static let doubledL: Set<String> = [
        "counsel", "model", "label", "cancel", "travel", "fuel", "signal", "level", "channel", "total", "marvel",
        "equal", "dial", "label", "tunnel", "pedal", "rival",
    ]

    static func fold(_ word: String) -> String {
        var w = words[word] ?? word
        if w.utf8.count < 4 { return w }
        for (british, american) in infixes where contains(w, british) {
            w = w.replacingAll(british, with: american)
        }
        // -ize → -ise, -yze → -yse (size and prize fold too: harmless, both sides agree).
        for (american, british) in izeSuffixes where w.hasSuffix(american) {
            w = String(w.dropLast(american.utf8.count)) + british
            break
        }
        for suffix in ["lled", "lling", "ller", "llers"] where w.hasSuffix(suffix) {
            let stem = String(w.dropLast(suffix.utf8.count))
            if doubledL.contains(stem + "l") {
                w = stem + String(suffix.dropFirst())
            }
            break
        }
        return w
    }

    /// Whether `part` occurs in `word`, byte for byte (both ASCII here; Foundation's search, with
    /// Unicode equivalence, costs more than the folding itself).
    static func contains(_ word: String, _ part: String) -> Bool {
        var word = word
        var part = part
        return word.withUTF8 { w in
            part.withUTF8 { p in
                guard !p.isEmpty else { return true }
                guard p.count <= w.count else { return false }
                for start in 0...(w.count - p.count) where w[start] == p[0] {
                    var k = 1
                    while k < p.count && w[start + k] == p[k] { k += 1 }
                    if k == p.count { return true }
                }
                return false
            }
        }
    }

    static let izeSuffixes: [(String, String)] = [
        ("izations", "isations"), ("ization", "isation"), ("izing", "ising"), ("izers", "isers"), ("izer", "iser"),
        ("izes", "ises"), ("ized", "ised"), ("ize", "ise"), ("yzing", "ysing"), ("yzes", "yses"), ("yzed", "ysed"),
        ("yze", "yse"),
    ]
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
