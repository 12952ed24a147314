import Foundation

/// The layout of the data directory, in one place: every module asks here where its file lies.
///
/// ```
/// catalogue.json        stories seen in the last months      (+ catalogue.json.bak, the last good copy;
///                       catalogue.stamp, its size and hash as written)
/// search.idx            catalogue.json's search index
/// archive/YYYY-MM.json  older stories, by the month first seen (+ YYYY-MM.idx, archive/keys.idx)
/// feeds-state.json      per feed: validators, failures, backoff, redirects (+ .bak)
/// triage.json           the analysts' decisions (+ .bak)
/// innovations.json      one record per innovation, grouped from the catalogue (+ .bak)
/// trends.json           each theme's weekly counts of stories and publishers
/// digest-state.json     per hub: when its last digest was delivered
/// digests/              the digest files
/// .lock, .triage.lock   a run's lock; the triage file's lock; .digest.lock, a sending digest's
/// ```
public struct DataDirectory: Sendable, Equatable {
    public let path: String

    public init(_ path: String) { self.path = path }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    public var catalogue: String { file(DataDirectory.catalogueName) }
    public var catalogueBackup: String { catalogue + ".bak" }
    /// The size and hash of `catalogue.json` as last written (`FileStamp`).
    public var catalogueStamp: String { file("catalogue.stamp") }
    public var searchIndex: String { file("search.idx") }
    public var archive: String { file("archive") }
    public var feedStates: String { file("feeds-state.json") }
    public var triage: String { file("triage.json") }
    public var digestState: String { file("digest-state.json") }
    /// One record per innovation, grouped from the catalogue's stories (`InnovationStore`).
    public var innovations: String { file("innovations.json") }
    /// Each theme's weekly counts, for `horizon trends` (`TrendCounts`).
    public var trends: String { file("trends.json") }
    public var digests: String { file("digests") }
    /// The lock of runs that write the catalogue and feed states.
    public static let runLock = ".lock"
    /// The lock of `triage.json`, which runs never write.
    public static let triageLock = ".triage.lock"
    /// The lock of a digest run that sends, so that two sends deliver once.
    public static let digestLock = ".digest.lock"
    public static let catalogueName = "catalogue.json"

    /// Where the search index of a catalogue file lies: `search.idx` beside `catalogue.json`,
    /// `YYYY-MM.idx` beside an archive month.
    public static func indexPath(forCatalogue path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard name != catalogueName else { return (directory as NSString).appendingPathComponent("search.idx") }
        return (directory as NSString).appendingPathComponent((name as NSString).deletingPathExtension + ".idx")
    }
}
