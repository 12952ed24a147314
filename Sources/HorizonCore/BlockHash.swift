/// A 64-bit hash that takes eight bytes a step, where FNV-1a takes one: for the bytes a run hashes
/// by the million (response bodies, the words of every story in the analysers' caches).
///
/// Each eight-byte word is mixed in by a multiply and a shift (the constant is the golden ratio's,
/// odd), the last few bytes as one more word, and the result is mixed once more so that every input
/// bit reaches every output bit. The length is part of the seed, so a text and the same text with
/// NUL bytes after it differ. Stable across runs and builds, as stored values need.
public enum BlockHash {
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash =
                (hash ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 29
        hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }
}
