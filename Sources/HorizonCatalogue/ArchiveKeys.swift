import Foundation
import HorizonCore

/// `archive/keys.idx`: a 64-bit hash of every GUID and link key (and the id) of every archived story, with
/// the month file that holds it, sorted for binary search. A hash that matches only says where
/// to look: the month file is read and the keys compared in full.
///
/// Layout (little-endian): `HZKEYS01`, the entry count (UInt64), the length of the trailing JSON
/// (UInt64), the entries (hash UInt64, month UInt32 as YYYYMM, UInt32 zero), then JSON: each month
/// file's stamp (size, modification time) and story count when the index was written.
struct ArchiveKeys {
    struct Entry: Hashable, Comparable {
        var hash: UInt64
        var month: UInt32

        static func < (a: Entry, b: Entry) -> Bool { a.hash != b.hash ? a.hash < b.hash : a.month < b.month }
    }

    /// What the index knew of the month files when it was written.
    struct Meta: Codable, Equatable {
        /// Per month, the file's stamp (`CatalogueStore.stamp`).
        var stamps: [String: String]
        /// Per month, how many stories the file holds.
        var counts: [String: Int]
    }

    static let magic = Array("HZKEYS01".utf8)
    private var hashes: [UInt64]
    private var monthCodes: [UInt32]
    let meta: Meta
    var stamps: [String: String] { meta.stamps }

    init(entries: [Entry], meta: Meta) {
        hashes = entries.map(\.hash)
        monthCodes = entries.map(\.month)
        self.meta = meta
    }

    init?(path: String) {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)), data.count >= 24,
            Array(data.prefix(8)) == ArchiveKeys.magic
        else {
            return nil
        }
        let parsed: ([UInt64], [UInt32], Meta)? = data.withUnsafeBytes { raw in
            // Sizes are checked against the file's before any arithmetic: a damaged file cannot overflow it.
            let stored = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
            let metaLength = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
            guard stored <= UInt64(raw.count / 16), metaLength <= UInt64(raw.count),
                24 + Int(stored) * 16 + Int(metaLength) == raw.count
            else { return nil }
            let count = Int(stored)
            var hashes: [UInt64] = []
            var months: [UInt32] = []
            hashes.reserveCapacity(count)
            months.reserveCapacity(count)
            for i in 0..<count {
                hashes.append(raw.loadUnaligned(fromByteOffset: 24 + i * 16, as: UInt64.self).littleEndian)
                months.append(raw.loadUnaligned(fromByteOffset: 32 + i * 16, as: UInt32.self).littleEndian)
            }
            let meta = Data(raw[(24 + count * 16)...])
            guard let meta = try? JSONDecoder().decode(Meta.self, from: meta) else { return nil }
            return (hashes, months, meta)
        }
        guard let parsed else { return nil }
        (hashes, monthCodes, meta) = parsed
    }

    func encoded() -> Data {
        var out = [UInt8]()
        out.reserveCapacity(24 + hashes.count * 16 + 96 * meta.stamps.count)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        let meta = (try? HorizonJSON.encoder().encode(meta)) ?? Data("{}".utf8)
        out += ArchiveKeys.magic
        append(UInt64(hashes.count))
        append(UInt64(meta.count))
        for (hash, month) in zip(hashes, monthCodes) {
            append(hash)
            append(month)
            append(UInt32(0))
        }
        out += meta
        return Data(out)
    }

    func allEntries() -> [Entry] { zip(hashes, monthCodes).map { Entry(hash: $0, month: $1) } }

    /// The months whose files may hold a story with this lookup key.
    func months(for key: String) -> [String] {
        let hash = ArchiveKeys.hash(key)
        var low = 0
        var high = hashes.count
        while low < high {
            let mid = (low + high) / 2
            if hashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        var found: [String] = []
        while low < hashes.count && hashes[low] == hash {
            let code = monthCodes[low]
            let month = String(code / 100) + "-" + (code % 100 < 10 ? "0" : "") + String(code % 100)
            if !found.contains(month) { found.append(month) }
            low += 1
        }
        return found
    }

    static func entries(of items: [Item], month: String) -> [Entry] {
        guard let code = CatalogueStore.monthCode(month) else { return [] }
        return items.flatMap { item in
            (Catalogue.lookupKeys(of: item) + ["i" + item.id]).map { Entry(hash: hash($0), month: code) }
        }
    }

    static func hash(_ key: String) -> UInt64 { FNV1a.hash(key.utf8) }
}
