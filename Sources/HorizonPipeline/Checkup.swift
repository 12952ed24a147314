public import Foundation
import HorizonCatalogue
public import HorizonCore
import HorizonDelivery

/// `horizon config check`: the configuration and the data directory, every problem in one line.
public struct Checkup: Sendable {
    /// The configuration, when it could be read.
    public var config: HorizonConfig?
    public var problems: [String] = []
    /// What the data directory holds, when it has no problem.
    public var dataSummary = ""

    public init(
        configPath: String, dataDirectory data: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let (config, configProblems) = ConfigLoader.check(path: configPath)
        self.config = config
        problems = configProblems
        // Secrets are looked up now, not at the next send.
        if let smtp = config?.smtp, case .failure(let problem) = SMTPSecret.resolve(smtp, environment: environment) {
            problems.append("\(configPath): smtp: \(problem.message)")
        }
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: data, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                problems.append("\(data): the data directory is not a directory")
            } else if let reason = Checkup.unwritable(data) {
                problems.append("\(data): the data directory is not writable (\(reason))")
            } else {
                do {
                    let catalogue = try CatalogueStore(directory: data).load()
                    dataSummary = "\(catalogue.items.count) items in the catalogue"
                } catch {
                    problems.append(error.description)
                }
            }
            return
        }
        let parent = (data as NSString).deletingLastPathComponent
        let existing = parent.isEmpty ? "." : parent
        var parentIsDirectory: ObjCBool = false
        if !manager.fileExists(atPath: existing, isDirectory: &parentIsDirectory) || !parentIsDirectory.boolValue {
            problems.append("\(data): the data directory does not exist and \(existing) is not a directory")
        } else if let reason = Checkup.unwritable(existing) {
            problems.append("\(data): the data directory does not exist and \(existing) is not writable (\(reason))")
        } else {
            dataSummary = "not created yet (the first fetch creates it)"
        }
    }

    /// Why a file cannot be created in `directory`, found by creating one (permission bits say
    /// nothing of a read-only file system, and root passes every access check).
    static func unwritable(_ directory: String) -> String? {
        let probe = (directory as NSString).appendingPathComponent(".horizon-check-\(getpid())")
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return String(cString: strerror(errno)).lowercased() }
        close(fd)
        unlink(probe)
        return nil
    }
}
