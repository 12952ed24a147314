/// FNV-1a, 64 bits: the one hash behind story ids, body hashes and the archive's key index.
/// Stable across runs and builds (unlike `Hasher`), which is what stored values need.
public enum FNV1a {
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
