public import Foundation
import HorizonCore

/// Reads the dates feeds write: RFC 822/2822 and its common variants (no weekday, two-digit
/// years, missing seconds, named and military zones, `UT`) and ISO 8601/W3CDTF
/// (`2003-12-13T18:30:02.25+01:00`, `2003-12-13`, `20031213T183002Z`, a space for `T`).
/// A date that cannot be read gives nil; it never fails the entry.
public enum FeedDate {
    public static func parse(_ raw: String) -> Date? {
        let text = raw.trimmedWhitespace
        guard !text.isEmpty else { return nil }
        let bytes = Array(text.utf8)
        if bytes.count >= 4 && bytes[0...3].allSatisfy(isDigit) {
            if let date = iso8601(bytes) { return date }
        }
        if let date = rfc822Common(bytes) { return date }
        return rfc822(text)
    }

    // MARK: ISO 8601

    static func iso8601(_ b: [UInt8]) -> Date? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                guard isDigit(b[k]) else { return nil }
                value = value * 10 + Int(b[k] - 48)
            }
            i += count
            return value
        }
        func skip(_ c: UInt8) -> Bool {
            if i < b.count && b[i] == c {
                i += 1
                return true
            }
            return false
        }
        guard let year = number(4) else { return nil }
        var month = 1
        var day = 1
        let dashed = skip(0x2D)
        if let m = number(2) {
            month = m
            if dashed ? skip(0x2D) : true, let d = number(2) { day = d }
        } else if dashed, i < b.count {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0.0
        var offset = 0
        if i < b.count && (b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20) {
            i += 1
            guard let h = number(2) else { return nil }
            hour = h
            let colon = skip(0x3A)
            if let m = number(2) {
                minute = m
                if colon ? skip(0x3A) : true, let s = number(2) {
                    second = Double(s)
                    if skip(0x2E) || skip(0x2C) {
                        var fraction = 0.0
                        var scale = 0.1
                        while i < b.count && isDigit(b[i]) {
                            fraction += Double(b[i] - 48) * scale
                            scale /= 10
                            i += 1
                        }
                        second += fraction
                    }
                }
            }
            while i < b.count && b[i] == 0x20 { i += 1 }
            if i < b.count {
                if b[i] == 0x5A || b[i] == 0x7A {
                    i += 1
                } else if b[i] == 0x2B || b[i] == 0x2D {
                    let sign = b[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = skip(0x3A)
                    let om = number(2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    let rest = String(decoding: b[i...], as: UTF8.self).uppercased()
                    guard let zone = zoneOffset(rest) else { return nil }
                    offset = zone
                    i = b.count
                }
            }
        }
        while i < b.count && b[i] == 0x20 { i += 1 }
        guard i == b.count else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    // MARK: RFC 822

    /// The form nearly every feed writes, read byte by byte: `Thu, 13 Jun 2024 02:35:00 +0000` (or a
    /// named zone, or no seconds). Anything else goes to the general reader.
    static func rfc822Common(_ b: [UInt8]) -> Date? {
        var i = 0
        // An English weekday and a comma.
        if b.count > 5, isLetter(b[0]), isLetter(b[1]), isLetter(b[2]), b[3] == 0x2C, b[4] == 0x20 {
            i = 5
        } else {
            return nil
        }
        func number(_ maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while i < b.count, digits < maxDigits, isDigit(b[i]) {
                value = value * 10 + Int(b[i] - 48)
                i += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        func skip(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let day = number(2), skip(0x20), i + 3 < b.count else { return nil }
        let name = String(decoding: [b[i] | 0x20, b[i + 1] | 0x20, b[i + 2] | 0x20], as: UTF8.self)
        guard let monthIndex = months.firstIndex(of: name) else { return nil }
        i += 3
        guard skip(0x20), let year = number(4), year >= 1000, skip(0x20), let hour = number(2), skip(0x3A),
            let minute = number(2)
        else { return nil }
        var second = 0
        if skip(0x3A) {
            guard let s = number(2) else { return nil }
            second = s
        }
        guard skip(0x20), i < b.count else { return nil }
        let zone = String(decoding: b[i...], as: UTF8.self)
        guard let offset = zoneOffset(zone) else { return nil }
        return make(
            year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: Double(second),
            offset: offset)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    static func rfc822(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        guard !tokens.isEmpty else { return nil }
        // "3." (German), "1er" (French): the day.
        tokens = tokens.map { token in
            var t = token
            if t.count > 1, t.last == ".", t.dropLast().allSatisfy(\.isNumber) { t.removeLast() }
            if t.lowercased().hasSuffix("er"), t.count <= 3, t.dropLast(2).allSatisfy(\.isNumber),
                !t.dropLast(2).isEmpty
            {
                t.removeLast(2)
            }
            return t
        }.filter { !fillerWords.contains($0.lowercased()) }
        if let first = tokens.first, isWeekday(first) || (first.allSatisfy(\.isLetter) && monthNumber(first) == nil) {
            tokens.removeFirst()
        }
        var meridiem: String?
        var day: Int?
        var month: Int?
        var year: Int?
        var hour = 0
        var minute = 0
        var second = 0.0
        var offset = 0
        var sawTime = false
        var sawZone = false
        for token in tokens {
            if let m = monthNumber(token), month == nil {
                month = m
            } else if token.utf8.contains(0x2F), month == nil, day == nil {
                // 8/21/2018 (month first, as US feeds write it) or 21/8/2018 when the first cannot be a month.
                let parts = token.split(separator: "/").compactMap { Int($0) }
                guard parts.count == 3 else { return nil }
                (month, day) = parts[0] > 12 ? (parts[1], parts[0]) : (parts[0], parts[1])
                year = parts[2] < 100 ? (parts[2] < 50 ? 2000 + parts[2] : 1900 + parts[2]) : parts[2]
            } else if ["am", "pm", "a.m.", "p.m."].contains(token.lowercased()) {
                meridiem = token.lowercased().hasPrefix("p") ? "pm" : "am"
            } else if token.utf8.contains(0x3A), !sawTime {
                let parts = token.split(separator: ":")
                guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
                hour = h
                minute = m
                if parts.count >= 3 { second = Double(parts[2]) ?? 0 }
                sawTime = true
            } else if let number = Int(token), token.allSatisfy(\.isNumber) {
                if day == nil && token.count <= 2 && (1...31).contains(number) {
                    day = number
                } else if year == nil {
                    year = token.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : number
                } else {
                    return nil
                }
            } else if !sawZone, let zone = zoneOffset(token.uppercased()) {
                offset = zone
                sawZone = true
            } else if token.first == "(" {
                break  // a comment such as "(PST)"
            } else {
                return nil
            }
        }
        guard let day, let month, let year else { return nil }
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour = meridiem == "pm" ? (hour % 12) + 12 : hour % 12
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// Words some languages put between the parts of a date ("3 de junio de 2025").
    static let fillerWords: Set<String> = ["de", "del", "à", "um", "om", "le", "den", "at", "-"]

    /// Month names and abbreviations in French, German, Spanish and Dutch (folded: lower case, no accents).
    static let foreignMonths: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["janvier", "janv", "januar", "janner", "jaenner", "enero", "ene", "januari"],
            ["fevrier", "fevr", "fev", "februar", "febrero", "februari"],
            ["mars", "marz", "maerz", "mrz", "marzo", "maart", "mrt"],
            ["avril", "avr", "abril", "abr"],
            ["mai", "mayo", "mei"],
            ["juin", "juni", "junio"],
            ["juillet", "juil", "juli", "julio"],
            ["aout", "august", "agosto", "ago", "augustus"],
            ["septembre", "sept", "septiembre", "setiembre", "set"],
            ["octobre", "oktober", "okt", "octubre"],
            ["novembre", "noviembre"],
            ["decembre", "dezember", "dez", "diciembre", "dic"],
        ]
        for (index, list) in names.enumerated() {
            for name in list { table[name] = index + 1 }
        }
        return table
    }()

    static let weekdays: Set<String> = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lun", "mer", "jeu", "ven", "sam",
        "dim",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "mo", "di", "mi", "do", "fr",
        "sa", "so",
        "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "mie", "jue", "vie", "sab", "dom",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "ma", "wo", "vr", "za", "zo",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday",
        "sunday", "tues", "thur", "thurs",
    ]

    /// Lower case, accents removed, a trailing dot dropped: "Févr." → "fevr".
    static func fold(_ token: String) -> String {
        var folded =
            token.utf8.allSatisfy({ $0 < 0x80 })
            ? token.lowercased() : token.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if folded.hasSuffix(".") { folded.removeLast() }
        return folded
    }

    static func isWeekday(_ token: String) -> Bool { weekdays.contains(fold(token)) }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func monthNumber(_ token: String) -> Int? {
        let folded = fold(token)
        if let foreign = foreignMonths[folded] { return foreign }
        let lower = folded
        guard lower.count >= 3, lower.allSatisfy(\.isLetter) else { return nil }
        let prefix = String(lower.prefix(3))
        guard let index = months.firstIndex(of: prefix) else { return nil }
        return index + 1
    }

    private static let namedZones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "IST": 1, "AST": -4, "ADT": -3,
    ]

    /// Seconds east of UTC for `+0100`, `-05:00`, `GMT`, `EST`, or a military letter.
    static func zoneOffset(_ token: String) -> Int? {
        if let hours = namedZones[token] { return hours * 3600 }
        if let first = token.first, first == "+" || first == "-" {
            let digits = token.dropFirst().filter { $0 != ":" }
            guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
            let hours = digits.count == 4 ? value / 100 : value
            let minutes = digits.count == 4 ? value % 100 : 0
            return (first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        if token.count == 1, let scalar = token.unicodeScalars.first, let letter = Character(scalar).asciiValue {
            // Military zones: A-I = +1..+9, K-M = +10..+12, N-Y = -1..-12, Z = 0 (J is unused).
            switch letter {
            case 65...73: return Int(letter - 64) * 3600
            case 75...77: return Int(letter - 65) * 3600
            case 78...89: return -Int(letter - 77) * 3600
            default: return nil
            }
        }
        return nil
    }

    // MARK: Building the date

    static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute),
            second >= 0, second < 62, year >= 1, year <= 9999
        else { return nil }
        guard day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60) + second - Double(offset)
        return Date(timeIntervalSince1970: seconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
