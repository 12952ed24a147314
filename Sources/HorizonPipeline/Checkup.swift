import Foundation
import HorizonCatalogue
public import HorizonCore

/// `horizon config check`: the configuration and the data directory, every problem in one line.
public struct Checkup: Sendable {
    /// The configuration, when it could be read.
    public var config: HorizonConfig?
    public var problems: [String] = []
    /// What the data directory holds, when it has no problem.
    public var dataSummary = ""

    public init(configPath: String, dataDirectory data: String) {
        let (config, configProblems) = ConfigLoader.check(path: configPath)
        self.config = config
        problems = configProblems
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: data, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                problems.append("\(data): the data directory is not a directory")
            } else if !manager.isWritableFile(atPath: data) {
                problems.append("\(data): the data directory is not writable")
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
        } else if !manager.isWritableFile(atPath: existing) {
            problems.append("\(data): the data directory does not exist and \(existing) is not writable")
        } else {
            dataSummary = "not created yet (the first fetch creates it)"
        }
    }
}
