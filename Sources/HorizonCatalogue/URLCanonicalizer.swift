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
        var out = parts.scheme + "://" + parts.host
        if let port = parts.port { out += ":\(port)" }
        out += parts.path.isEmpty ? "/" : parts.path
        if !parts.query.isEmpty { out += "?" + parts.query.joined(separator: "&") }
        return out
    }

    /// The key under which two links count as the same: no scheme, no `www.`, no trailing slash.
    public static func key(_ link: String) -> String {
        guard let parts = Parts(link) else { return link.trimmed.lowercased() }
        var host = parts.host
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host.hasPrefix("amp.") { host.removeFirst(4) }
        var path = parts.path
        for suffix in ["/amp", "/amp/", ".amp"] where path.hasSuffix(suffix) {
            path.removeLast(suffix.count)
        }
        while path.hasSuffix("/") { path.removeLast() }
        let query = parts.query.filter { $0 != "amp" && $0 != "amp=1" && $0 != "outputType=amp" }
        var out = host
        if let port = parts.port { out += ":\(port)" }
        out += path
        if !query.isEmpty { out += "?" + query.joined(separator: "&") }
        return out
    }

    struct Parts {
        var scheme: String
        var host: String
        var port: Int?
        var path: String
        var query: [String]

        init?(_ raw: String) {
            let link = raw.trimmed
            // "http://" or "https://", any case, found without Foundation.
            let utf8 = link.utf8
            guard let colon = utf8.firstIndex(of: 0x3A), colon < utf8.index(utf8.startIndex, offsetBy: min(6, utf8.count)) else { return nil }
            scheme = String(link[..<colon]).lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            let afterColon = link[colon...].dropFirst()
            guard afterColon.hasPrefix("//") else { return nil }
            var rest = afterColon.dropFirst(2)
            if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            var authority = rest[..<authorityEnd].lowercased()
            if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
            var remainder = rest[authorityEnd...]
            port = nil
            if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
                let number = Int(authority[authority.index(after: colon)...])
                authority = String(authority[..<colon])
                if let number, !(number == 80 && scheme == "http") && !(number == 443 && scheme == "https") {
                    port = number
                }
            }
            if authority.hasSuffix(".") { authority.removeLast() }
            guard !authority.isEmpty else { return nil }
            host = authority
            var queryText = Substring("")
            if let question = remainder.firstIndex(of: "?") {
                queryText = remainder[remainder.index(after: question)...]
                remainder = remainder[..<question]
            }
            path = String(remainder)
            query = queryText.split(separator: "&").map(String.init).filter { parameter in
                let name = parameter.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
                return !name.isEmpty && !name.hasPrefix("utm_") && !URLCanonicalizer.trackingParameters.contains(name)
            }
        }
    }
}

extension String {
    var trimmed: String {
        guard let first = utf8.first, let last = utf8.last, first <= 0x20 || last <= 0x20 || first >= 0x80 || last >= 0x80 else {
            return self  // nothing to trim: the usual case
        }
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
