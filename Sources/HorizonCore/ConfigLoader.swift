public import Foundation

/// Reads and validates `feeds.json`. Every problem is reported as one line that names the file,
/// the place (`feeds[3] ("nice-news")`) and the field, e.g.
/// `feeds.json: feeds[3] ("nice-news"): url is missing`.
public enum ConfigLoader {
    public static func load(path: String) throws(ConfigError) -> HorizonConfig {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(
                "\(path): cannot read the file (\(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"))"
            )
        }
        return try parse(data, label: path, baseDirectory: url.deletingLastPathComponent())
    }

    /// Parses configuration JSON. `label` names the file in messages; relative `file:` URLs are
    /// resolved against `baseDirectory`.
    public static func parse(_ data: Data, label: String, baseDirectory: URL? = nil) throws(ConfigError)
        -> HorizonConfig
    {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConfigError("\(label): \(syntaxError(error, in: data))")
        }
        guard let root = object as? [String: Any] else {
            throw ConfigError("\(label): the top level must be a JSON object with feeds, themes and hubs")
        }
        if let unknown = ConfigKeys.unknown(in: root).first { throw ConfigError("\(label): \(unknown)") }
        let reader = Reader(label: label)
        let config = reader.read(root, baseDirectory: baseDirectory)
        if let first = reader.problems.first { throw first }
        return config
    }

    /// Every problem of a configuration file, each on its own line with its place: what `load`
    /// refuses, and what it tolerates but should be fixed (duplicate URLs, hubs with no themes,
    /// recipients without SMTP settings).
    public static func check(path: String) -> (config: HorizonConfig?, problems: [String]) {
        let url = URL(fileURLWithPath: path)
        guard let data = try? Data(contentsOf: url) else {
            return (
                nil,
                [
                    "\(path): cannot read the file (\(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"))"
                ]
            )
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            return (nil, ["\(path): \(syntaxError(error, in: data))"])
        }
        guard let root = object as? [String: Any] else {
            return (nil, ["\(path): the top level must be a JSON object with feeds, themes and hubs"])
        }
        let reader = Reader(label: path)
        let config = reader.read(root, baseDirectory: url.deletingLastPathComponent())
        var problems = ConfigKeys.unknown(in: root).map { "\(path): \($0)" }
        problems += reader.problems.map(\.message)
        problems += reader.advice(root, config)
        return (problems.isEmpty ? config : nil, problems)
    }

    /// Where the JSON is broken, as `line L, column C: not valid JSON (what)`. Foundation names a
    /// byte offset ("around character 229") or the end of the file; people need the line.
    static func syntaxError(_ error: any Error, in data: Data) -> String {
        let nsError = error as NSError
        var detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? String(describing: error)
        var offset: Int?
        if let range = detail.range(of: #"around (line \d+, column \d+|character \d+)\.?"#, options: .regularExpression)
        {
            let words = detail[range].split(separator: " ")
            if words.count == 3, let number = Int(words[2].trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
                offset = number
            } else if words.count == 5, let line = Int(words[2].dropLast()),
                let column = Int(words[4].trimmingCharacters(in: CharacterSet(charactersIn: ".")))
            {
                return
                    "line \(line), column \(column): not valid JSON (\(detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces)))"
            }
            detail = detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        } else if detail.lowercased().contains("end of file") || detail.lowercased().contains("unexpected end") {
            offset = data.count
        }
        guard let offset else { return "not valid JSON (\(detail))" }
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count characters, not the continuation bytes of UTF-8
            }
        }
        return
            "line \(line), column \(column): not valid JSON (\(detail.hasSuffix(".") ? String(detail.dropLast()) : detail))"
    }
}

/// Walks the decoded JSON and builds the configuration, remembering where it is for messages.
private final class Reader {
    let label: String
    /// Problems found so far; reading goes on past a bad element to find the others.
    var problems: [ConfigError] = []

    init(label: String) { self.label = label }

    func record(_ body: () throws(ConfigError) -> Void) {
        do {
            try body()
        } catch {
            problems.append(error)
        }
    }

    func read(_ root: [String: Any], baseDirectory: URL?) -> HorizonConfig {
        let themes = self.themes(root)
        // Hubs are checked against every theme id written, so one broken theme does not cascade.
        let declared = Set(((root["themes"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any])?["id"] as? String })
        let hubs = self.hubs(root, themeIDs: declared)
        let feeds = self.feeds(root, baseDirectory: baseDirectory)
        var contact: String?
        var matching = MatchSettings()
        var smtp: SMTPSettings?
        var digest = DigestSettings()
        var similarStories = false
        record { () throws(ConfigError) in digest = try self.digest(root) }
        record { () throws(ConfigError) in
            if let value = root["dedup"], !(value is NSNull) {
                similarStories = try bool(try object(value, at: "dedup"), "similarStories", at: "dedup") ?? false
            }
        }
        record { () throws(ConfigError) in contact = try optionalString(root, "contact", at: "") }
        record { () throws(ConfigError) in matching = try self.matching(root) }
        record { () throws(ConfigError) in smtp = try self.smtp(root) }
        var pruneAfterDays: Int?
        var keepHTML = false
        record { () throws(ConfigError) in
            if let value = root["catalogue"], !(value is NSNull) {
                let catalogue = try object(value, at: "catalogue")
                pruneAfterDays = try number(catalogue, "pruneAfterDays", at: "catalogue").map { Int($0) }
                keepHTML = try bool(catalogue, "keepHTML", at: "catalogue") ?? false
            }
        }
        var limits = FetchLimits()
        record { () throws(ConfigError) in limits = try fetchLimits(root) }
        var innovations: [WatchedInnovation] = []
        record { () throws(ConfigError) in innovations = try watchlist(root) }
        var site: SiteSettings?
        record { () throws(ConfigError) in site = try self.site(root, baseDirectory: baseDirectory, hubs: hubs) }
        var config = HorizonConfig(
            feeds: feeds, themes: themes, hubs: hubs, contact: contact, matching: matching, smtp: smtp, digest: digest)
        config.fetchLimits = limits
        config.similarStories = similarStories
        config.pruneAfterDays = pruneAfterDays
        config.keepHTML = keepHTML
        config.innovations = innovations
        config.site = site
        return config
    }

    /// `"site": {"out": "site", "hubs": ["dorset"]}`: where each hub's static site is regenerated.
    func site(_ root: [String: Any], baseDirectory: URL?, hubs: [Hub]) throws(ConfigError) -> SiteSettings? {
        guard let value = root["site"], !(value is NSNull) else { return nil }
        let object = try object(value, at: "site")
        var out = try string(object, "out", at: "site")
        if !out.hasPrefix("/"), let baseDirectory { out = baseDirectory.appendingPathComponent(out).path }
        let chosen = try strings(object, "hubs", at: "site", required: false)
        for (index, id) in chosen.enumerated() where !hubs.contains(where: { $0.id == id }) {
            throw fail("site", "hubs[\(index)] \"\(id)\" is not a hub" + Suggestion.hint(id, among: hubs.map(\.id)))
        }
        return SiteSettings(out: out, hubs: chosen)
    }

    /// The watchlist: `"innovations": [{"name": ..., "aliases": [...], "identifiers": [...]}]`.
    func watchlist(_ root: [String: Any]) throws(ConfigError) -> [WatchedInnovation] {
        guard let value = root["innovations"], !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw fail("innovations", "must be a list of objects") }
        var result: [WatchedInnovation] = []
        var names = Set<String>()
        for (index, element) in list.enumerated() {
            let place = "innovations[\(index)]"
            let entry = try object(element, at: place)
            let name = try string(entry, "name", at: place)
            guard names.insert(name.lowercased()).inserted else { throw fail(place, "\"\(name)\" is listed twice") }
            let identifiers = try strings(entry, "identifiers", at: place, required: false)
            for (n, identifier) in identifiers.enumerated() where !Reader.looksLikeIdentifier(identifier) {
                throw fail(
                    "\(place).identifiers[\(n)]",
                    "\"\(identifier)\" is not an identifier (NCT and 8 digits, ISRCTN..., an EudraCT or EU CT number, "
                        + "a DOI 10.xxxx/..., PMID..., PMC..., NIHR..., or a NICE reference such as TA943)")
            }
            result.append(
                WatchedInnovation(
                    name: name, aliases: try strings(entry, "aliases", at: place, required: false),
                    identifiers: identifiers))
        }
        return result
    }

    /// Whether a watchlist identifier has the form of one of the kinds Horizon reads.
    static func looksLikeIdentifier(_ text: String) -> Bool {
        let upper = text.uppercased()
        func digits(after prefix: String, _ counts: ClosedRange<Int>) -> Bool {
            guard upper.hasPrefix(prefix) else { return false }
            let rest = upper.dropFirst(prefix.count).drop { $0 == " " || $0 == ":" }
            return counts.contains(rest.count) && rest.allSatisfy(\.isNumber)
        }
        if digits(after: "NCT", 8...8) || digits(after: "ISRCTN", 8...8) || digits(after: "PMID", 1...8)
            || digits(after: "PMC", 4...9) || digits(after: "NIHR", 6...9)
        {
            return true
        }
        let doi = upper.hasPrefix("DOI:") ? String(upper.dropFirst(4)).trimmedWhitespace : upper
        if doi.hasPrefix("10."), doi.contains("/") { return true }
        if ["MTG", "HTE", "IPG", "HST", "TA", "NG", "QS", "DG", "ES", "CG", "PH"].contains(where: {
            digits(after: $0, 1...4)
        }) {
            return true
        }
        let parts = upper.split(separator: "-")
        return (parts.count == 3 || parts.count == 4) && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
            && parts[0].count == 4 && parts[1].count == 6
    }

    /// What loading tolerates but a person should fix.
    func advice(_ root: [String: Any], _ config: HorizonConfig) -> [String] {
        var result: [String] = []
        // Places are given as in the file, where elements that failed still count.
        func fileIndex(_ key: String, _ id: String) -> Int {
            ((root[key] as? [Any]) ?? []).firstIndex { ($0 as? [String: Any])?["id"] as? String == id } ?? 0
        }
        var urls: [String: String] = [:]
        for feed in config.feeds {
            let index = fileIndex("feeds", feed.id)
            if let first = urls[feed.url] {
                result.append("\(label): feeds[\(index)] (\"\(feed.id)\"): url is the same as feed \"\(first)\"'s")
            } else {
                urls[feed.url] = feed.id
            }
        }
        for hub in config.hubs {
            let index = fileIndex("hubs", hub.id)
            if hub.themes.isEmpty {
                result.append("\(label): hubs[\(index)] (\"\(hub.id)\"): themes is empty: the hub will match nothing")
            }
            if !hub.recipients.isEmpty {
                if config.smtp == nil {
                    result.append(
                        "\(label): hubs[\(index)] (\"\(hub.id)\"): has recipients but smtp is missing (smtp.url and smtp.from)"
                    )
                }
                for (recipientIndex, recipient) in hub.recipients.enumerated() where !Reader.looksLikeEmail(recipient) {
                    result.append(
                        "\(label): hubs[\(index)] (\"\(hub.id)\"): recipients[\(recipientIndex)] \"\(recipient)\" is not an email address"
                    )
                }
            }
        }
        if config.feeds.isEmpty && root["feeds"] is [Any] {
            result.append("\(label): feeds is empty: nothing will be fetched")
        }
        return result
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }

    func fetchLimits(_ root: [String: Any]) throws(ConfigError) -> FetchLimits {
        guard let value = root["fetch"], !(value is NSNull) else { return FetchLimits() }
        let object = try object(value, at: "fetch")
        func positive(_ key: String) throws(ConfigError) -> Double? {
            guard let number = try number(object, key, at: "fetch") else { return nil }
            guard number > 0 else { throw fail("fetch", "\(key) must be above 0") }
            return number
        }
        return FetchLimits(
            maxConcurrent: try positive("maxConcurrent").map { Int($0) },
            maxPerHost: try positive("maxPerHost").map { Int($0) },
            timeoutSeconds: try positive("timeoutSeconds"), maxBodyMB: try positive("maxBodyMB"))
    }

    func digest(_ root: [String: Any]) throws(ConfigError) -> DigestSettings {
        guard let value = root["digest"], !(value is NSNull) else { return DigestSettings() }
        let object = try object(value, at: "digest")
        var settings = DigestSettings(sendEmpty: try bool(object, "sendEmpty", at: "digest") ?? false)
        if let floor = try number(object, "minPriority", at: "digest") {
            guard (0...1).contains(floor) else { throw fail("digest", "minPriority must be between 0 and 1") }
            settings.minPriority = floor
        }
        if let top = try number(object, "top", at: "digest") {
            guard top >= 0, top <= 50, top == top.rounded() else {
                throw fail("digest", "top must be a whole number from 0 to 50")
            }
            settings.top = Int(top)
        }
        // One address or a list of them.
        if object["adminEmail"] is String {
            settings.adminEmail = [try string(object, "adminEmail", at: "digest")]
        } else {
            settings.adminEmail = try strings(object, "adminEmail", at: "digest", required: false)
        }
        for (index, address) in settings.adminEmail.enumerated() where !Reader.looksLikeEmail(address) {
            throw fail("digest", "adminEmail[\(index)] \"\(address)\" is not an email address")
        }
        return settings
    }

    func bool(_ object: [String: Any], _ key: String, at place: String) throws(ConfigError) -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard String(describing: type(of: value)).contains("Boolean"), let flag = value as? Bool else {
            throw fail(place, "\(key) must be true or false")
        }
        return flag
    }

    func webhook(_ object: [String: Any], at place: String) throws(ConfigError) -> Webhook? {
        guard let value = object["webhook"], !(value is NSNull) else { return nil }
        let hook = try self.object(value, at: "\(place): webhook")
        let url = try string(hook, "url", at: "\(place): webhook")
        guard url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://") else {
            throw fail(place, "webhook: url \"\(url)\" must be http or https")
        }
        let kindText =
            try optionalString(hook, "kind", at: "\(place): webhook") ?? (url.contains("slack.com") ? "slack" : "teams")
        guard let kind = Webhook.Kind(rawValue: kindText.lowercased()) else {
            throw fail(place, "webhook: kind must be slack or teams")
        }
        return Webhook(url: url, kind: kind)
    }

    func smtp(_ root: [String: Any]) throws(ConfigError) -> SMTPSettings? {
        guard let value = root["smtp"], !(value is NSNull) else { return nil }
        let object = try object(value, at: "smtp")
        let url = try string(object, "url", at: "smtp")
        let lower = url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") else {
            throw fail("smtp", "url \"\(url)\" must be smtp:// or smtps://")
        }
        let from = try string(object, "from", at: "smtp")
        guard Reader.looksLikeEmail(from) || from.contains("<") else {
            throw fail("smtp", "from \"\(from)\" is not an email address")
        }
        return SMTPSettings(
            url: url, from: from, username: try optionalString(object, "username", at: "smtp"),
            passwordEnv: try optionalString(object, "passwordEnv", at: "smtp"),
            passwordFile: try optionalString(object, "passwordFile", at: "smtp"),
            requireTLS: try bool(object, "requireTLS", at: "smtp") ?? false)
    }

    func fail(_ place: String, _ message: String) -> ConfigError {
        ConfigError(place.isEmpty ? "\(label): \(message)" : "\(label): \(place): \(message)")
    }

    func list(_ root: [String: Any], _ key: String) throws(ConfigError) -> [Any] {
        guard let value = root[key] else { throw fail("", "\(key) is missing") }
        guard let array = value as? [Any] else { throw fail("", "\(key) must be a list") }
        return array
    }

    func object(_ value: Any, at place: String) throws(ConfigError) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw fail(place, "must be an object") }
        return object
    }

    func string(_ object: [String: Any], _ key: String, at place: String) throws(ConfigError) -> String {
        guard let value = object[key], !(value is NSNull) else { throw fail(place, "\(key) is missing") }
        guard let string = value as? String else { throw fail(place, "\(key) must be a string") }
        let trimmed = string.trimmedWhitespace
        guard !trimmed.isEmpty else { throw fail(place, "\(key) is empty") }
        return trimmed
    }

    func optionalString(_ object: [String: Any], _ key: String, at place: String) throws(ConfigError) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let string = value as? String else { throw fail(place, "\(key) must be a string") }
        return string
    }

    func strings(_ object: [String: Any], _ key: String, at place: String, required: Bool) throws(ConfigError)
        -> [String]
    {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw fail(place, "\(key) is missing") }
            return []
        }
        guard let array = value as? [Any] else { throw fail(place, "\(key) must be a list of strings") }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let string = element as? String else { throw fail(place, "\(key)[\(index)] must be a string") }
            let trimmed = string.trimmedWhitespace
            guard !trimmed.isEmpty else { throw fail(place, "\(key)[\(index)] is empty") }
            result.append(trimmed)
        }
        return result
    }

    /// A list of theme terms: each a string, or `{"term": "AI", "weight": 2, "caseSensitive": true, "exact": true}`.
    func terms(_ object: [String: Any], _ key: String, at place: String, required: Bool) throws(ConfigError)
        -> [ThemeTerm]
    {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw fail(place, "\(key) is missing") }
            return []
        }
        guard let array = value as? [Any] else { throw fail(place, "\(key) must be a list of terms") }
        var result: [ThemeTerm] = []
        for (index, element) in array.enumerated() {
            let at = "\(key)[\(index)]"
            if let text = element as? String {
                let trimmed = text.trimmedWhitespace
                guard !trimmed.isEmpty else { throw fail(place, "\(at) is empty") }
                result.append(ThemeTerm(trimmed))
            } else if let term = element as? [String: Any] {
                let text = try string(term, "term", at: "\(place): \(at)")
                let weight = try number(term, "weight", at: "\(place): \(at)") ?? 1
                guard weight > 0 else { throw fail(place, "\(at): weight must be above 0") }
                let caseSensitive = term["caseSensitive"] as? Bool ?? false
                let exact = term["exact"] as? Bool ?? false
                result.append(ThemeTerm(text, weight: weight, caseSensitive: caseSensitive, exact: exact))
            } else {
                throw fail(place, "\(at) must be a string or an object with a term")
            }
        }
        return result
    }

    func number(_ object: [String: Any], _ key: String, at place: String) throws(ConfigError) -> Double? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        // JSONSerialization gives booleans as a boolean NSNumber subclass; `is Bool` is also true for 0 and 1.
        guard let number = value as? NSNumber, !String(describing: type(of: value)).contains("Boolean") else {
            throw fail(place, "\(key) must be a number")
        }
        return number.doubleValue
    }

    func matching(_ root: [String: Any]) throws(ConfigError) -> MatchSettings {
        guard let value = root["matching"] else { return MatchSettings() }
        let object = try object(value, at: "matching")
        var settings = MatchSettings()
        if let threshold = try number(object, "threshold", at: "matching") { settings.threshold = threshold }
        if let boost = try number(object, "placeBoost", at: "matching") { settings.placeBoost = boost }
        settings.exclude = try terms(object, "exclude", at: "matching", required: false)
        if let relative = try number(object, "relativeThreshold", at: "matching") {
            guard (0...1).contains(relative) else {
                throw fail("matching", "relativeThreshold must be between 0 and 1")
            }
            settings.relativeThreshold = relative
        }
        if let learnAfter = try number(object, "learnAfter", at: "matching") {
            guard learnAfter >= 1 else { throw fail("matching", "learnAfter must be 1 or more") }
            settings.learnAfter = Int(learnAfter)
        }
        settings.context = try context(object)
        return settings
    }

    /// `matching.context`: `true` (the built-in lexicon), `false`, or an object.
    func context(_ matching: [String: Any]) throws(ConfigError) -> ContextSettings? {
        guard let value = matching["context"], !(value is NSNull) else { return nil }
        if String(describing: type(of: value)).contains("Boolean"), let flag = value as? Bool {
            return flag ? ContextSettings() : nil
        }
        let object = try object(value, at: "matching.context")
        var settings = ContextSettings()
        if let threshold = try number(object, "threshold", at: "matching.context") {
            guard threshold > 0 else { throw fail("matching.context", "threshold must be above 0") }
            settings.threshold = threshold
        }
        if let bonus = try number(object, "healthFeed", at: "matching.context") {
            guard bonus >= 0 else { throw fail("matching.context", "healthFeed must be 0 or more") }
            settings.healthFeed = bonus
        }
        settings.standard = try bool(object, "standard", at: "matching.context") ?? true
        settings.terms = try terms(object, "terms", at: "matching.context", required: false)
        settings.against = try terms(object, "against", at: "matching.context", required: false)
        return settings
    }

    func place(_ key: String, _ index: Int, _ object: [String: Any]) -> String {
        if let id = object["id"] as? String, !id.isEmpty { return "\(key)[\(index)] (\"\(id)\")" }
        return "\(key)[\(index)]"
    }

    func identifier(_ object: [String: Any], at place: String) throws(ConfigError) -> String {
        let id = try string(object, "id", at: place)
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw fail(place, "id may hold only letters, digits, '-', '_' and '.'")
        }
        return id
    }

    func themes(_ root: [String: Any]) -> [Theme] {
        var result: [Theme] = []
        var seen = Set<String>()
        var values: [Any] = []
        record { () throws(ConfigError) in values = try list(root, "themes") }
        for (index, value) in values.enumerated() {
            record { () throws(ConfigError) in try theme(value, index, &seen, &result) }
        }
        return result
    }

    func theme(_ value: Any, _ index: Int, _ seen: inout Set<String>, _ result: inout [Theme]) throws(ConfigError) {
        do {
            let object = try object(value, at: "themes[\(index)]")
            let place = place("themes", index, object)
            let id = try identifier(object, at: place)
            guard seen.insert(id).inserted else { throw fail(place, "duplicate theme id \"\(id)\"") }
            let include = try terms(object, "include", at: place, required: true)
            guard !include.isEmpty else { throw fail(place, "include is empty: a theme needs at least one term") }
            result.append(
                Theme(
                    id: id, name: try string(object, "name", at: place),
                    description: try optionalString(object, "description", at: place), include: include,
                    exclude: try terms(object, "exclude", at: place, required: false),
                    boost: try terms(object, "boost", at: place, required: false)))
        }
    }

    func hubs(_ root: [String: Any], themeIDs: Set<String>) -> [Hub] {
        var result: [Hub] = []
        var seen = Set<String>()
        var values: [Any] = []
        record { () throws(ConfigError) in values = try list(root, "hubs") }
        for (index, value) in values.enumerated() {
            record { () throws(ConfigError) in try hub(value, index, themeIDs, &seen, &result) }
        }
        return result
    }

    func hub(_ value: Any, _ index: Int, _ themeIDs: Set<String>, _ seen: inout Set<String>, _ result: inout [Hub])
        throws(ConfigError)
    {
        do {
            let object = try object(value, at: "hubs[\(index)]")
            let place = place("hubs", index, object)
            let id = try identifier(object, at: place)
            guard seen.insert(id).inserted else { throw fail(place, "duplicate hub id \"\(id)\"") }
            let themes = try strings(object, "themes", at: place, required: true)
            for (themeIndex, theme) in themes.enumerated() where !themeIDs.contains(theme) {
                throw fail(place, "themes[\(themeIndex)]: unknown theme id \"\(theme)\"")
            }
            result.append(
                Hub(
                    id: id, name: try string(object, "name", at: place), themes: themes,
                    places: try strings(object, "places", at: place, required: false),
                    threshold: try number(object, "threshold", at: place),
                    placeBoost: try number(object, "placeBoost", at: place),
                    recipients: try strings(object, "recipients", at: place, required: false),
                    webhook: try webhook(object, at: place), sendEmpty: try bool(object, "sendEmpty", at: place)))
        }
    }

    func feeds(_ root: [String: Any], baseDirectory: URL?) -> [FeedConfig] {
        var result: [FeedConfig] = []
        var seen = Set<String>()
        var values: [Any] = []
        record { () throws(ConfigError) in values = try list(root, "feeds") }
        for (index, value) in values.enumerated() {
            record { () throws(ConfigError) in try feed(value, index, baseDirectory, &seen, &result) }
        }
        return result
    }

    func feed(
        _ value: Any, _ index: Int, _ baseDirectory: URL?, _ seen: inout Set<String>, _ result: inout [FeedConfig]
    ) throws(ConfigError) {
        do {
            let object = try object(value, at: "feeds[\(index)]")
            let place = place("feeds", index, object)
            let id = try identifier(object, at: place)
            guard seen.insert(id).inserted else { throw fail(place, "duplicate feed id \"\(id)\"") }
            let url = try feedURL(try string(object, "url", at: place), at: place, baseDirectory: baseDirectory)
            let title = try optionalString(object, "title", at: place) ?? id
            let category = try optionalString(object, "category", at: place)
            var interval: Double?
            if let text = object["interval"] as? String {
                guard let seconds = TimeSpec.seconds(text.lowercased()) else {
                    throw fail(place, "interval \"\(text)\" must be minutes, or a span such as 6h")
                }
                interval = seconds
            } else if let minutes = try number(object, "interval", at: place) {
                interval = minutes * 60
            }
            var subject: FeedSubject?
            if let text = try optionalString(object, "subject", at: place) {
                guard let value = FeedSubject(rawValue: text.lowercased()) else {
                    let known = FeedSubject.allCases.map(\.rawValue)
                    let advice = Suggestion.closest(text.lowercased(), among: known).map { "; did you mean \"\($0)\"?" }
                    throw fail(
                        place,
                        "subject \"\(text)\" must be one of \(known.joined(separator: ", "))\(advice ?? "")")
                }
                subject = value
            }
            result.append(
                FeedConfig(id: id, url: url, title: title, category: category, interval: interval, subject: subject))
        }
    }

    /// Accepts http, https and file URLs. A relative `file:` URL (`file:samples/a.xml`) is taken
    /// relative to the configuration file, so a configuration can travel with its files.
    func feedURL(_ raw: String, at place: String, baseDirectory: URL?) throws(ConfigError) -> String {
        let lower = raw.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let url = URL(string: raw), let host = url.host, !host.isEmpty else {
                throw fail(place, "url \"\(raw)\" is not a valid URL")
            }
            return raw
        }
        if lower.hasPrefix("file:") {
            let path = String(raw.dropFirst(5))
            if path.hasPrefix("//") {
                guard URL(string: raw)?.path.isEmpty == false else {
                    throw fail(place, "url \"\(raw)\" is not a valid file URL")
                }
                return raw
            }
            guard !path.isEmpty, let base = baseDirectory else {
                throw fail(place, "url \"\(raw)\" is not a valid file URL")
            }
            let decoded = path.removingPercentEncoding ?? path
            let directory = URL(fileURLWithPath: base.path, isDirectory: true)
            return URL(fileURLWithPath: decoded, relativeTo: directory).standardizedFileURL.absoluteString
        }
        throw fail(place, "url \"\(raw)\" must be http, https or file")
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode's), without bridging to
    /// NSString: a configuration of thousands of feeds, or a feed of thousands of entries, trims
    /// tens of thousands of strings.
    public var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
