import Foundation
public import HorizonCore

/// A file's identity as `stat` gives it: an index records its catalogue's, and is stale when they differ.
public struct FileIdentity: Equatable, Sendable, CustomStringConvertible {
    public var size: UInt64
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64
    public var inode: UInt64

    public init(size: UInt64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    /// The identity of the file at `path`, or nil when it does not exist.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = UInt64(info.st_size)
        modifiedSeconds = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    public var description: String { "\(size) bytes, inode \(inode), mtime \(modifiedSeconds).\(modifiedNanoseconds)" }
}

/// A read-only memory map of a whole file; pages are read only when touched.
public final class MappedFile: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer
    public let identity: FileIdentity
    private let base: UnsafeMutableRawPointer?

    public struct OpenError: HorizonError {
        public let message: String
        public var kind: FailureKind { .io }
    }

    public init(path: String) throws(OpenError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OpenError(message: "\(path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw OpenError(message: "\(path): cannot stat") }
        identity = FileIdentity(info)
        let size = Int(info.st_size)
        if size == 0 {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw OpenError(message: "\(path): cannot map (\(String(cString: strerror(errno))))")
        }
        base = mapped
        bytes = UnsafeRawBufferPointer(start: mapped, count: size)
    }

    deinit {
        if let base { munmap(base, bytes.count) }
    }

    public subscript(range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[range])
    }
}

/// Finds each item's bytes in a catalogue file (`{"schemaVersion":…,"items":[{…},{…}]}`) without
/// decoding it, so that an index can point straight at an item's JSON.
public enum CatalogueSpans {
    public static func scan(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var depth = 0
        var index = 0
        let count = bytes.count
        var lastKey: (start: Int, end: Int)?
        var itemsArrayDepth = -1
        var itemStart = -1
        let itemsKey = Array("items".utf8)
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x22:  // a string: skip to its closing quote
                let start = index + 1
                index += 1
                while index < count, bytes[index] != 0x22 {
                    index += bytes[index] == 0x5C ? 2 : 1
                }
                if depth == 1 { lastKey = (start, min(index, count)) }
            case 0x7B, 0x5B:  // { [
                depth += 1
                if byte == 0x5B, depth == 2, let key = lastKey, key.end - key.start == itemsKey.count,
                    zip(key.start..<key.end, itemsKey).allSatisfy({ bytes[$0.0] == $0.1 })
                {
                    itemsArrayDepth = depth
                } else if byte == 0x7B, depth == itemsArrayDepth + 1, itemsArrayDepth > 0 {
                    itemStart = index
                }
            case 0x7D, 0x5D:  // } ]
                if byte == 0x7D, depth == itemsArrayDepth + 1, itemsArrayDepth > 0, itemStart >= 0 {
                    spans.append(itemStart..<(index + 1))
                    itemStart = -1
                }
                if byte == 0x5D, depth == itemsArrayDepth { itemsArrayDepth = -1 }
                depth -= 1
            default:
                break
            }
            index += 1
        }
        return spans
    }
}
