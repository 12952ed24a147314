public import Foundation
public import HorizonCatalogue
public import HorizonCore
public import HorizonSearch

/// What a save wrote, and what it could not index.
public struct SavedCatalogue: Sendable {
    /// The catalogue files written (archive months first, `catalogue.json` last).
    public var files: [CatalogueStore.WrittenFile]
    /// Indexes that could not be written; the next search rebuilds them.
    public var indexProblems: [String]
}

/// The one way the catalogue is saved: its files are written atomically, then each file's search
/// index follows it, so a search never reads an index of another version of the file.
public enum CatalogueSaving {
    /// What to write.
    public enum Contents {
        /// A run's catalogue: `catalogue.json`, moving long-unseen stories to the archive when due.
        case run(Catalogue, now: Date)
        /// Every item, archive included, laid out afresh (prune, rematch).
        case all([Item], now: Date)
    }

    /// Saves, then indexes. `prepared` gives the words of `catalogue.json`'s items once its file is
    /// written: a run reads them on another core meanwhile (`SearchIndexBuilder.prepare`); without
    /// them they are read now.
    public static func save(
        _ contents: Contents, to store: CatalogueStore, prepared: () -> PreparedIndex? = { nil }
    ) throws(CatalogueError) -> SavedCatalogue {
        let files = try write(contents, to: store)
        return SavedCatalogue(files: files, indexProblems: index(files, store: store, prepared: prepared()))
    }

    /// Saves, then indexes while `alongside` runs on another core: work that must follow the
    /// catalogue's files but not their index (a run's feed states and innovation records).
    public static func save<Alongside: Sendable>(
        _ contents: Contents, to store: CatalogueStore, prepared: () -> PreparedIndex? = { nil },
        whileIndexing alongside: @escaping @Sendable () -> Alongside
    ) throws(CatalogueError) -> (saved: SavedCatalogue, alongside: Alongside) {
        let files = try write(contents, to: store)
        let work = Parallel.Background(alongside)
        let problems = index(files, store: store, prepared: prepared())
        return (SavedCatalogue(files: files, indexProblems: problems), work.value)
    }

    private static func write(_ contents: Contents, to store: CatalogueStore) throws(CatalogueError)
        -> [CatalogueStore.WrittenFile]
    {
        switch contents {
        case .run(let catalogue, let now): try store.save(catalogue, now: now)
        case .all(let items, let now): try store.saveAll(items, now: now)
        }
    }

    /// Writes the search index of each file; returns the ones that failed, in one line each.
    public static func index(
        _ files: [CatalogueStore.WrittenFile], store: CatalogueStore, prepared: PreparedIndex? = nil
    ) -> [String] {
        var problems: [String] = []
        for file in files {
            do {
                try SearchIndexFile.write(file, prepared: file.path == store.path ? prepared : nil)
            } catch {
                problems.append(error.description)
            }
        }
        return problems
    }

    /// The index of `catalogue.json` when it is missing or stale although the file is intact (a run
    /// killed between the two writes); nil when there is nothing to do.
    public static func missingIndex(_ store: CatalogueStore) -> CatalogueStore.WrittenFile? {
        guard SearchIndexFile.openCurrent(directory: store.directory) == nil,
            FileManager.default.fileExists(atPath: store.path),
            let items = try? store.loadActive().items
        else { return nil }
        return CatalogueStore.WrittenFile(path: store.path, items: items)
    }
}
