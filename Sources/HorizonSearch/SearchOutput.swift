import Foundation
public import HorizonCatalogue
import HorizonCore
import HorizonText

/// Search results with what is needed to print them: the index, the catalogue file the index
/// points into, and the triage log.
public struct SearchResults {
    public let hits: [SearchHit]
    public let index: SearchCorpus
    public let triage: TriageLog
    public var feedTitles: [String: String]
    /// Whether hits carry a rank score (sorted by relevance with words in the query).
    public var ranked: Bool
    /// The hub whose priority the CSV `priority` column and JSON `priority` give (else the best over hubs).
    public var hub: String?
    /// With `hub`: items carry only that hub's matches, scores and priority (export's `--hub`).
    public var onlyHub = false

    public init(hits: [SearchHit], index: SearchCorpus, triage: TriageLog, feedTitles: [String: String], ranked: Bool) {
        self.hits = hits
        self.index = index
        self.triage = triage
        self.feedTitles = feedTitles
        self.ranked = ranked
    }

    /// The item's JSON exactly as the catalogue holds it.
    public func itemJSON(_ hit: SearchHit) -> UnsafeRawBufferPointer {
        index.itemJSON(hit.doc)
    }

    /// JSON: the catalogue's item objects with `status`, `statusHistory` (when an item has
    /// decisions) and `searchScore` (when ranked) added. `lines`: one object per line (JSON Lines).
    public func json(lines: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(hits.count * 1200 + 4)
        let encoder = HorizonJSON.encoder(pretty: false)
        if !lines { out += Array("[".utf8) }
        for (n, hit) in hits.enumerated() {
            if !lines { out += Array((n == 0 ? "\n" : ",\n").utf8) }
            let id = index.id(hit.doc)
            // Status names are plain words: no escaping needed.
            var extra = "\"status\":\"\(triage.status(of: id).rawValue)\","
            let history = triage.history(of: id)
            if !history.isEmpty, let data = try? encoder.encode(history) {
                extra += "\"statusHistory\":" + String(decoding: data, as: UTF8.self) + ","
            }
            if ranked {
                extra += "\"searchScore\":\(formatted(hit.score)),\"relevance\":\(formatted(hit.relevance)),"
            }
            if let priority = priority(hit) { extra += "\"priority\":\(formatted(priority))," }
            out.append(0x7B)
            out += Array(extra.utf8)
            if onlyHub, let hub, let item = try? HorizonJSON.decoder().decode(Item.self, from: Data(itemJSON(hit))) {
                var limited = item
                limited.matches = item.matches.filter { $0.hub == hub }
                limited.priorities = item.priorities?.filter { $0.key == hub }
                out += ((try? encoder.encode(limited)) ?? Data(itemJSON(hit))).dropFirst()
            } else {
                out += itemJSON(hit).dropFirst()
            }
            if lines { out.append(0x0A) }
        }
        if !lines { out += Array((hits.isEmpty ? "]\n" : "\n]\n").utf8) }
        return out
    }

    public static let csvHeader = [
        "id", "date", "status", "title", "link", "sources", "themes", "best_score", "status_by", "status_at",
        "status_note", "summary", "priority",
    ]

    /// The hit's priority for `hub` (its best over every hub without one); nil when it has none.
    public func priority(_ hit: SearchHit) -> Double? {
        let hubIndex = hub.map { index.hubs.firstIndex(of: $0) ?? -1 }
        return index.priority(hit.doc, hub: hubIndex)
    }

    /// CSV (RFC 4180: quoted where needed, CRLF line ends), one row per item, for spreadsheets.
    public func csv() -> String {
        var out = SearchResults.csvHeader.joined(separator: ",") + "\r\n"
        for hit in hits {
            let id = index.id(hit.doc)
            let latest = triage.latestEvent(of: id)
            var themes: [(String, Double)] = []
            let wanted = onlyHub ? hub.map { index.hubs.firstIndex(of: $0) ?? -1 } : nil
            index.forEachMatch(hit.doc) { hub, theme, score in
                guard wanted == nil || wanted == hub else { return }
                themes.append(("\(index.hubs[hub])/\(index.themes[theme])", score))
            }
            themes.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let sources = index.feedIndexes(hit.doc).map { feedTitles[index.feeds[$0]] ?? index.feeds[$0] }
            let priority: String = priority(hit).map { String(format: "%.2f", $0) } ?? ""
            let row: [String] = [
                id, ISO8601.string(Date(timeIntervalSince1970: Double(index.date(hit.doc)))),
                triage.status(of: id).rawValue, index.title(hit.doc), index.link(hit.doc),
                sources.joined(separator: "; "),
                themes.map { "\($0.0) \(formatted($0.1))" }.joined(separator: "; "),
                themes.first.map { formatted($0.1) } ?? "",
                latest?.by ?? "", latest.map { ISO8601.string($0.at) } ?? "", triage.latestNote(of: id) ?? "",
                JSONSlice.string("summary", in: itemJSON(hit)) ?? "", priority,
            ]
            out += row.map(SearchResults.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ")
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func formatted(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

/// Reads one top-level string field of a JSON object without decoding the rest.
public enum JSONSlice {
    public static func string(_ key: String, in object: UnsafeRawBufferPointer) -> String? {
        let keyBytes = Array(key.utf8)
        var depth = 0
        var i = 0
        var expectKey = false
        while i < object.count {
            let byte = object[i]
            switch byte {
            case 0x7B, 0x5B:
                depth += 1
                expectKey = byte == 0x7B && depth == 1
                i += 1
            case 0x7D, 0x5D:
                depth -= 1
                i += 1
            case 0x2C:
                expectKey = depth == 1
                i += 1
            case 0x22:
                let start = i + 1
                var end = start
                while end < object.count, object[end] != 0x22 { end += object[end] == 0x5C ? 2 : 1 }
                guard end < object.count else { return nil }
                if expectKey, depth == 1, end - start == keyBytes.count,
                    zip(start..<end, keyBytes).allSatisfy({ object[$0.0] == $0.1 })
                {
                    // The value follows the colon.
                    var v = end + 1
                    while v < object.count, object[v] == 0x3A || object[v] == 0x20 { v += 1 }
                    guard v < object.count, object[v] == 0x22 else { return nil }
                    var valueEnd = v + 1
                    while valueEnd < object.count, object[valueEnd] != 0x22 {
                        valueEnd += object[valueEnd] == 0x5C ? 2 : 1
                    }
                    guard valueEnd < object.count else { return nil }
                    let data = Data(object[v...valueEnd])
                    return try? JSONDecoder().decode(String.self, from: data)
                }
                expectKey = false
                i = end + 1
            default:
                i += 1
            }
        }
        return nil
    }
}
