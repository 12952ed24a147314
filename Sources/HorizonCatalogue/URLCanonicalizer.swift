import Foundation

/// Puts the many spellings of one URL into one form, so that the same story reached through
/// different links is recognised: scheme and host case, default ports, `www.`, fragments,
/// trailing slashes, and tracking parameters added by newsletters and social sites.
public enum URLCanonicalizer {
    /// Query parameters that only track the reader.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src", "ref_url",
        "cmpid", "_hsenc", "_hsmi", "mkt_tok", "igshid", "yclid", "s_cid", "at_medium", "at_campaign", "ito",
        "sr_share", "share", "via", "rss", "cid",
    ]

    /// The link with tracking removed, as a URL a person can open.
    public static func canonical(_ link: String) -> String {
        guard let parts = Parts(link) else { return link.trimmed }
        return canonical(parts)
    }

    /// The key under which two links count as the same: no scheme, no `www.`, no trailing slash.
    public static func key(_ link: String) -> String {
        guard let parts = Parts(link) else { return link.trimmed.lowercased() }
        return key(parts)
    }

    static let ampSuffixes: [[UInt8]] = ["/amp", "/amp/", ".amp"].map { Array($0.utf8) }

    /// `key` and `canonical` at once, the link taken apart once.
    public static func forms(_ link: String) -> (key: String, canonical: String) {
        guard let parts = Parts(link) else {
            let trimmed = link.trimmed
            return (trimmed.lowercased(), trimmed)
        }
        return (key(parts), canonical(parts))
    }

    static func canonical(_ parts: Parts) -> String {
        var out = [UInt8]()
        out.reserveCapacity(parts.scheme.utf8.count + parts.host.utf8.count + parts.path.utf8.count + 16)
        out += parts.scheme.utf8
        out += "://".utf8
        out += parts.host.utf8
        if let port = parts.port { out += ":\(port)".utf8 }
        if parts.path.isEmpty { out.append(0x2F) } else { out += parts.path.utf8 }
        for (index, parameter) in parts.query.enumerated() {
            out.append(index == 0 ? 0x3F : 0x26)
            out += parameter.utf8
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func key(_ parts: Parts) -> String {
        var host = parts.host.utf8[...]
        if host.starts(with: "www.".utf8) { host = host.dropFirst(4) }
        if host.starts(with: "amp.".utf8) { host = host.dropFirst(4) }
        var path = parts.path.utf8[...]
        // Only a path ending in "amp" or "amp/" can carry an AMP suffix.
        if path.last == 0x70 || path.last == 0x2F {
            for suffix in ampSuffixes
            where path.count >= suffix.count && path.suffix(suffix.count).elementsEqual(suffix) {
                path = path.dropLast(suffix.count)
            }
        }
        while path.last == 0x2F { path = path.dropLast() }
        let query = parts.query.filter { $0 != "amp" && $0 != "amp=1" && $0 != "outputType=amp" }
        var out = [UInt8]()
        out.reserveCapacity(host.count + path.count + 16)
        out += host
        if let port = parts.port { out += ":\(port)".utf8 }
        out += path
        for (index, parameter) in query.enumerated() {
            out.append(index == 0 ? 0x3F : 0x26)
            out += parameter.utf8
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A link taken apart on its bytes (Character-level String work is slow for the many links of a catalogue).
    struct Parts {
        var scheme: String
        var host: String
        var port: Int?
        var path: String
        var query: [String]

        init?(_ raw: String) {
            let bytes = Array(raw.trimmed.utf8)
            // "http://" or "https://", any case.
            guard let colon = bytes.firstIndex(of: 0x3A), colon < min(6, bytes.count) else { return nil }
            // The scheme as one of two constants: no string is made for it.
            let given = bytes[..<colon].lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if given.elementsEqual("http".utf8) {
                scheme = "http"
            } else if given.elementsEqual("https".utf8) {
                scheme = "https"
            } else {
                return nil
            }
            guard bytes[(colon + 1)...].starts(with: [0x2F, 0x2F]) else { return nil }
            var rest = bytes[(colon + 3)...]
            if let hash = rest.firstIndex(of: 0x23) { rest = rest[..<hash] }
            let authorityEnd = rest.firstIndex { $0 == 0x2F || $0 == 0x3F } ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: 0x40) { authority = authority[(at + 1)...] }
            var remainder = rest[authorityEnd...]
            port = nil
            if let colon = authority.lastIndex(of: 0x3A), authority.last != 0x5D {
                let number = Int(String(decoding: authority[(colon + 1)...], as: UTF8.self))
                authority = authority[..<colon]
                if let number, !(number == 80 && scheme == "http") && !(number == 443 && scheme == "https") {
                    port = number
                }
            }
            if authority.last == 0x2E { authority = authority.dropLast() }
            guard !authority.isEmpty else { return nil }
            host = Parts.lowercased(authority)
            var queryBytes = remainder[remainder.endIndex...]
            if let question = remainder.firstIndex(of: 0x3F) {
                queryBytes = remainder[(question + 1)...]
                remainder = remainder[..<question]
            }
            path = String(decoding: remainder, as: UTF8.self)
            query = queryBytes.split(separator: 0x26).compactMap { parameter in
                let name = Parts.lowercased(parameter.split(separator: 0x3D, maxSplits: 1).first ?? [])
                guard !name.isEmpty, !name.hasPrefix("utm_"), !URLCanonicalizer.trackingParameters.contains(name) else {
                    return nil
                }
                return String(decoding: parameter, as: UTF8.self)
            }
        }

        /// ASCII letters lowered on the bytes; anything else through Unicode's rules.
        static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
            return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
    }
}

extension String {
    var trimmed: String {
        guard let first = utf8.first, let last = utf8.last,
            first <= 0x20 || last <= 0x20 || first >= 0x80 || last >= 0x80
        else {
            return self  // nothing to trim: the usual case
        }
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
