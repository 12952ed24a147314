import Foundation
import HorizonCore

extension CatalogueStore {
    /// Whether `catalogue.json` is the file Horizon last wrote.
    public enum Integrity: Sendable, Equatable {
        /// No catalogue yet.
        case missing
        case intact
        /// The file cannot be used; the reason, in words.
        case damaged(String)
    }

    /// Checks `catalogue.json` cheaply on every run: its size and hash against the stamp written
    /// with it. Only when they differ (a crash between the file and its stamp, an older Horizon, a
    /// hand edit, damage) is the whole file read; a file that reads well gets a new stamp.
    public func verify() -> Integrity {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return errno == ENOENT ? .missing : .damaged(SystemError.describe(errno))
        }
        if let stamp = FileStamp.load(stampPath), stamp.size == Int(status.st_size), FileStamp(file: path) == stamp {
            return .intact
        }
        do {
            _ = try CatalogueStore.read(path: path, backup: nil)
        } catch {
            let expected =
                FileStamp.load(stampPath).map { " (\(Int(status.st_size)) bytes; \($0.size) were written)" } ?? ""
            let reason = error.message.replacingOccurrences(of: "\(path): ", with: "")
                .replacingOccurrences(of: "; it was left as it is", with: "")
            return .damaged(reason + expected)
        }
        if let stamp = FileStamp(file: path) { try? stamp.save(stampPath) }
        return .intact
    }

    /// `verify()` as an error that names the file and the command that recovers it.
    public func requireIntact() throws(CatalogueError) {
        if case .damaged(let reason) = verify() {
            throw CatalogueError("\(path) is damaged: \(reason); run `horizon repair` to restore the last good copy")
        }
    }
}
