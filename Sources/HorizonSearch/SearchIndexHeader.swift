import HorizonCore

/// The first 160 bytes of `search.idx`: what the reader and the writer both take the layout from.
///
/// | offset | field |
/// |---:|---|
/// | 0 | magic `HZSRCH01` |
/// | 8 | format version (UInt32) |
/// | 12 | items (UInt32) |
/// | 16 | terms (UInt32) |
/// | 20 | reserved (UInt32, 0) |
/// | 24 | the catalogue file's size, modification seconds, nanoseconds and inode (4 × 64 bits) |
/// | 56 | the newest item's date (Int64, seconds since 1970) |
/// | 64 | mean title and summary lengths in words (2 × Float64) |
/// | 80 | offsets of the items, feeds, matches, terms, postings, strings and names sections, and the names' length (8 × Int64) |
/// | 144 | zero to 160 |
///
/// All little-endian. An index whose magic or version differs is not read: it is rebuilt.
struct SearchIndexHeader: Equatable {
    static let magic = Array("HZSRCH01".utf8)
    /// Bump when any section's layout changes.
    static let version: UInt32 = 3
    static let size = 160

    enum Offset {
        static let version = 8
        static let docCount = 12
        static let termCount = 16
        static let identity = 24
        static let newest = 56
        static let averageTitle = 64
        static let averageSummary = 72
        static let sections = 80
    }

    var docCount: Int
    var termCount: Int
    var catalogueIdentity: FileIdentity
    var newest: Int64
    var averageTitle: Double
    var averageSummary: Double
    /// Items, feeds, matches, terms, postings, strings, names; then the names' length.
    var sections: [Int]

    init(
        docCount: Int, termCount: Int, catalogueIdentity: FileIdentity, newest: Int64, averageTitle: Double,
        averageSummary: Double, sections: [Int]
    ) {
        self.docCount = docCount
        self.termCount = termCount
        self.catalogueIdentity = catalogueIdentity
        self.newest = newest
        self.averageTitle = averageTitle
        self.averageSummary = averageSummary
        self.sections = sections
    }

    /// Why a file is not an index this version reads.
    enum Problem: Error {
        case notAnIndex
        case otherVersion(UInt32)
    }

    init(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        guard bytes.count >= SearchIndexHeader.size, bytes.prefix(8).elementsEqual(SearchIndexHeader.magic) else {
            throw .notAnIndex
        }
        func u32(_ at: Int) -> UInt32 { bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian }
        func u64(_ at: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
        let version = u32(Offset.version)
        guard version == SearchIndexHeader.version else { throw .otherVersion(version) }
        docCount = Int(u32(Offset.docCount))
        termCount = Int(u32(Offset.termCount))
        let at = Offset.identity
        catalogueIdentity = FileIdentity(
            size: u64(at), modifiedSeconds: Int64(bitPattern: u64(at + 8)),
            modifiedNanoseconds: Int64(bitPattern: u64(at + 16)), inode: u64(at + 24))
        newest = Int64(bitPattern: u64(Offset.newest))
        averageTitle = Double(bitPattern: u64(Offset.averageTitle))
        averageSummary = Double(bitPattern: u64(Offset.averageSummary))
        sections = (0..<8).map { Int(Int64(bitPattern: u64(Offset.sections + 8 * $0))) }
    }

    /// The header's bytes, each field at its offset.
    func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: SearchIndexHeader.size)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
        }
        bytes.replaceSubrange(0..<8, with: SearchIndexHeader.magic)
        put(SearchIndexHeader.version, at: Offset.version)
        put(UInt32(docCount), at: Offset.docCount)
        put(UInt32(termCount), at: Offset.termCount)
        put(catalogueIdentity.size, at: Offset.identity)
        put(catalogueIdentity.modifiedSeconds, at: Offset.identity + 8)
        put(catalogueIdentity.modifiedNanoseconds, at: Offset.identity + 16)
        put(catalogueIdentity.inode, at: Offset.identity + 24)
        put(newest, at: Offset.newest)
        put(averageTitle.bitPattern, at: Offset.averageTitle)
        put(averageSummary.bitPattern, at: Offset.averageSummary)
        for (index, offset) in sections.enumerated() { put(Int64(offset), at: Offset.sections + 8 * index) }
        return bytes
    }
}
