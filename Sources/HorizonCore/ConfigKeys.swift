/// Every key `feeds.json` may hold, by place. A key the file has and this does not know is an error
/// (a typo such as `recipents` would otherwise be ignored in silence, and no email ever sent).
enum ConfigKeys {
    static let root: Set = [
        "contact", "feeds", "themes", "hubs", "matching", "smtp", "digest", "dedup", "catalogue", "fetch",
        "innovations", "site",
    ]
    static let innovation: Set = ["name", "aliases", "identifiers"]
    static let feed: Set = ["id", "url", "title", "category", "interval", "subject"]
    static let theme: Set = ["id", "name", "description", "include", "exclude", "boost"]
    static let term: Set = ["term", "weight", "exact", "caseSensitive"]
    static let hub: Set = [
        "id", "name", "themes", "places", "recipients", "webhook", "sendEmpty", "threshold", "placeBoost",
    ]
    static let webhook: Set = ["url", "kind"]
    static let matching: Set = [
        "threshold", "relativeThreshold", "placeBoost", "exclude", "context", "learnAfter",
    ]
    static let context: Set = ["threshold", "standard", "terms", "against", "healthFeed"]
    static let smtp: Set = ["url", "from", "username", "passwordEnv", "passwordFile", "requireTLS"]
    static let digest: Set = ["sendEmpty", "minPriority", "top", "adminEmail"]
    static let dedup: Set = ["similarStories"]
    static let site: Set = ["out", "hubs"]
    static let catalogue: Set = ["pruneAfterDays", "keepHTML"]
    static let fetch: Set = ["maxConcurrent", "maxPerHost", "timeoutSeconds", "maxBodyMB"]

    /// One line per unknown key in the decoded file, with its path (`hubs[0].recipents`) and the
    /// closest known key.
    static func unknown(in root: [String: Any]) -> [String] {
        var problems: [String] = []
        func check(_ object: Any?, _ known: Set<String>, _ path: String) {
            guard let object = object as? [String: Any] else { return }
            for key in object.keys.sorted() where !known.contains(key) {
                let place = path.isEmpty ? key : "\(path).\(key)"
                let advice =
                    Suggestion.closest(key, among: known).map { "did you mean \"\($0)\"?" }
                    ?? "known keys here: \(known.sorted().joined(separator: ", "))"
                problems.append("\(place): unknown key; \(advice)")
            }
        }
        func each(_ list: Any?, _ path: String, _ body: (Any, String) -> Void) {
            for (index, element) in ((list as? [Any]) ?? []).enumerated() { body(element, "\(path)[\(index)]") }
        }
        check(root, self.root, "")
        each(root["feeds"], "feeds") { check($0, feed, $1) }
        each(root["themes"], "themes") { theme, path in
            check(theme, self.theme, path)
            for list in ["include", "exclude", "boost"] {
                each((theme as? [String: Any])?[list], "\(path).\(list)") { check($0, term, $1) }
            }
        }
        each(root["hubs"], "hubs") { hub, path in
            check(hub, self.hub, path)
            check((hub as? [String: Any])?["webhook"], webhook, "\(path).webhook")
        }
        each(root["innovations"], "innovations") { check($0, innovation, $1) }
        check(root["matching"], matching, "matching")
        each((root["matching"] as? [String: Any])?["exclude"], "matching.exclude") { check($0, term, $1) }
        let context = (root["matching"] as? [String: Any])?["context"]
        check(context, self.context, "matching.context")
        for list in ["terms", "against"] {
            each((context as? [String: Any])?[list], "matching.context.\(list)") { check($0, term, $1) }
        }
        for (key, known) in [
            ("smtp", smtp), ("digest", digest), ("dedup", dedup), ("catalogue", catalogue), ("fetch", fetch),
            ("site", site),
        ] {
            check(root[key], known, key)
        }
        return problems
    }
}
