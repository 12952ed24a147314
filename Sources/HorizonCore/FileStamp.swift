import Foundation

/// What a file was when Horizon wrote it: its size and a hash of its bytes, kept beside it
/// (`catalogue.stamp`), so that every run can tell cheaply whether the file is still the one it
/// wrote: a stat, then one pass of a word-at-a-time hash over the mapped file (about 10 ms for
/// 40 MB).
public struct FileStamp: Codable, Sendable, Equatable {
    public var size: Int
    /// `StreamHash` of the bytes, in hex.
    public var hash: String

    public init(size: Int, hash: String) {
        self.size = size
        self.hash = hash
    }

    /// The stamp of bytes about to be written in `parts`.
    public init(parts: [[UInt8]]) {
        var hasher = StreamHash()
        for part in parts { part.withUnsafeBytes { hasher.update($0) } }
        self.init(size: parts.reduce(0) { $0 + $1.count }, hash: hasher.hex)
    }

    /// The stamp of the file as it is now; nil when it cannot be read. Read a megabyte at a time,
    /// so that checking a large catalogue costs no memory.
    public init?(file path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        var hasher = StreamHash()
        var size = 0
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += count
        }
        self.init(size: size, hash: hasher.hex)
    }

    public static func load(_ path: String) -> FileStamp? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(FileStamp.self, from: data)
    }

    public func save(_ path: String) throws(AtomicFile.WriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try AtomicFile.write((try? encoder.encode(self)) ?? Data(), to: path)
    }
}

/// A fast 64-bit hash of a byte stream, eight bytes at a time, the same however the stream is cut
/// into pieces. It finds damage, not attacks.
public struct StreamHash: Sendable {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length: UInt64 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        length &+= UInt64(count)
        while pendingCount > 0 && index < count {
            absorbByte(bytes[index])
            index += 1
        }
        while index + 8 <= count {
            mix(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
            index += 8
        }
        while index < count {
            absorbByte(bytes[index])
            index += 1
        }
    }

    private mutating func absorbByte(_ byte: UInt8) {
        pending |= UInt64(byte) << (8 * UInt64(pendingCount))
        pendingCount += 1
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
    }

    private mutating func mix(_ word: UInt64) {
        state = (state ^ (word &* 0xBF58_476D_1CE4_E5B9)).rotateLeft(27) &* 0x94D0_49BB_1331_11EB
    }

    public var value: UInt64 {
        var copy = self
        if copy.pendingCount > 0 { copy.mix(copy.pending ^ UInt64(copy.pendingCount) << 56) }
        copy.mix(copy.length)
        var h = copy.state
        h ^= h >> 31
        h = h &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }

    public var hex: String { String(value, radix: 16) }
}

extension UInt64 {
    fileprivate func rotateLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
