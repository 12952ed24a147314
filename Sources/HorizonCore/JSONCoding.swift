public import Foundation

/// The JSON conventions of every file and output Horizon writes: ISO 8601 dates in UTC to the
/// second (`2026-11-22T07:00:00Z`), so files diff well and scripts can rely on them.
public enum HorizonJSON {
    /// Pretty, sorted output for what people read; `compact` for large files (the catalogue).
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(date))
        }
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.date(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }
}

/// Fast ISO 8601 dates in UTC, to the second (Foundation's formatters are slow for large files).
public enum ISO8601 {
    public static func string(_ date: Date) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        write(date, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the date's UTF-8 form (`2026-11-22T07:00:00Z`) to `out`.
    public static func write(_ date: Date, into out: inout [UInt8]) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var value = value
            if value >= divisor * 10 {
                out += Array(String(value).utf8)  // a year past 9999
                return
            }
            while divisor > 0 {
                out.append(UInt8(48 + value / divisor))
                value %= divisor
                divisor /= 10
            }
        }
        digits(max(0, year), 4)
        out.append(0x2D)
        digits(month, 2)
        out.append(0x2D)
        digits(day, 2)
        out.append(0x54)
        digits(rest / 3600, 2)
        out.append(0x3A)
        digits(rest % 3600 / 60, 2)
        out.append(0x3A)
        digits(rest % 60, 2)
        out.append(0x5A)
    }

    /// `YYYY-MM-DDTHH:MM:SS` with `Z`, an offset, or fractional seconds.
    public static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { date(utf8: $0) }
    }

    /// The same, read from UTF-8 bytes.
    public static func date(utf8 b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 19 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard let year = number(0, 4), b[4] == 45, let month = number(5, 2), b[7] == 45, let day = number(8, 2),
            b[10] == 84 || b[10] == 116 || b[10] == 32, let hour = number(11, 2), b[13] == 58,
            let minute = number(14, 2), b[16] == 58,
            let second = number(17, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < b.count && (b[index] == 46 || b[index] == 44) {
            index += 1
            var scale = 0.1
            while index < b.count && b[index] >= 48 && b[index] <= 57 {
                fraction += Double(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < b.count {
            if b[index] == 90 || b[index] == 122 {
                index += 1
            } else if b[index] == 43 || b[index] == 45, index + 3 <= b.count, let h = number(index + 1, 2) {
                let sign = b[index] == 45 ? -1 : 1
                index += 3
                if index < b.count && b[index] == 58 { index += 1 }
                let m = index + 2 <= b.count ? number(index, 2) ?? 0 : 0
                index += 2
                offset = sign * (h * 3600 + m * 60)
            } else {
                return nil
            }
        }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        return Date(
            timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction)
    }
}
