/// FNV-1a, 64 bits: the hash behind story ids, the archive's key index and the words' keys (response
/// bodies and the analysers' word caches use `BlockHash`, which takes eight bytes a step).
/// Stable across runs and builds (unlike `Hasher`), which is what stored values need.
public enum FNV1a {
    /// The hash of contiguous bytes: the fast path every other form ends in when it can.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Any bytes; taken through a contiguous buffer when the sequence has one (a `Data` body, a
    /// native string's UTF-8), which is many times faster than iterating it.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        if let hash = bytes.withContiguousStorageIfAvailable({ FNV1a.hash(UnsafeRawBufferPointer($0)) }) {
            return hash
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
