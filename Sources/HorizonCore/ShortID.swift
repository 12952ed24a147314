/// Ids as people type them: the shortest start of each, from 8 characters, that no other id
/// begins with (what `horizon show` and `mark` accept for the whole id).
public enum ShortID {
    public static let minimum = 8

    /// The short form of each of `ids`, unique among `all` (which may hold `ids` themselves), in one
    /// pass over `all`: only ids that share the first 8 characters can need more.
    public static func shortest(_ ids: [String], among all: some Sequence<String>) -> [String: String] {
        var byStart: [Substring: [String]] = [:]
        for id in ids { byStart[id.prefix(minimum), default: []].append(id) }
        var shared: [String: Int] = [:]
        for other in all {
            guard let candidates = byStart[other.prefix(minimum)] else { continue }
            for id in candidates where id != other {
                shared[id] = max(shared[id] ?? 0, zip(id, other).prefix { $0 == $1 }.count)
            }
        }
        return Dictionary(ids.map { ($0, String($0.prefix(max(minimum, (shared[$0] ?? 0) + 1)))) }) { a, _ in a }
    }
}
