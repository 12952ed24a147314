import Foundation
public import HorizonCore

/// Writes a site into its folder: each file atomically (a reader never sees half a page), only the
/// files whose bytes changed, and removes the pages of themes and innovations that are gone. The
/// folder is marked as a Horizon site; a folder with other things in it and no mark is refused.
public struct SiteWriter: Sendable {
    public let folder: String
    public static let mark = ".horizon-site"

    public init(folder: String) {
        self.folder = folder
    }

    public struct Outcome: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    /// Why a site could not be written, in one line naming the folder.
    public struct WriteError: HorizonError {
        public let kind: FailureKind
        public let message: String
    }

    public func write(_ site: Site) throws(WriteError) -> Outcome {
        let manager = FileManager.default
        let markPath = (folder as NSString).appendingPathComponent(SiteWriter.mark)
        let existing = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        if !existing.isEmpty && !manager.fileExists(atPath: markPath) {
            throw WriteError(
                kind: .usage,
                message: "\(folder): has files and is not a Horizon site folder; choose an empty or new folder")
        }
        var outcome = Outcome()
        do {
            for sub in ["", "themes", "innovations"] {
                try manager.createDirectory(
                    atPath: (folder as NSString).appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            if !manager.fileExists(atPath: markPath) {
                try AtomicFile.write(
                    Data("Written by horizon site; pages here are replaced on each run.\n".utf8), to: markPath)
            }
            for (path, bytes) in site.files.sorted(by: { $0.key < $1.key }) {
                let full = (folder as NSString).appendingPathComponent(path)
                if let old = manager.contents(atPath: full), old.count == bytes.count, [UInt8](old) == bytes {
                    outcome.unchanged += 1
                    continue
                }
                try AtomicFile.write(Data(bytes), to: full)
                outcome.written += 1
            }
            for sub in ["themes", "innovations"] {
                let directory = (folder as NSString).appendingPathComponent(sub)
                for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? []
                where name.hasSuffix(".html") && site.files["\(sub)/\(name)"] == nil {
                    try manager.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
                    outcome.removed += 1
                }
            }
        } catch {
            throw WriteError(kind: .io, message: "\(folder): cannot write the site (\(error.localizedDescription))")
        }
        return outcome
    }
}
