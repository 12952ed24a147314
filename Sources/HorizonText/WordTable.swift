import HorizonCore

/// A hash table from words (UTF-8 bytes) to 64-bit values, for the per-word caches that text
/// analysis consults millions of times in a run: a word seen before is found from its bytes alone,
/// with no `String` built and no SipHash run. Open addressing, linear probing; the words are kept
/// in one byte arena. Not thread-safe: each thread uses its own.
public struct WordTable: Sendable {
    private struct Slot {
        var hash: UInt64 = 0
        var offset: UInt32 = 0
        var length: UInt32 = 0
        var value: UInt64 = 0
        var used = false
    }

    private var slots: [Slot]
    private var arena: [UInt8] = []
    private var mask: Int
    public private(set) var count = 0

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        BlockHash.hash(UnsafeRawBufferPointer(word))
    }

    @inline(__always)
    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ offset: Int, _ word: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        for k in 0..<word.count where arena[offset + k] != word[k] { return false }
        return true
    }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value stored for `word`, if any.
    public func value(for word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let hash = Self.hash(word)
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                var index = home(hash)
                while slots[index].used {
                    let slot = slots[index]
                    if slot.hash == hash && Int(slot.length) == word.count && Self.equal(arena, Int(slot.offset), word)
                    {
                        return slot.value
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
    }

    /// Stores `value` for `word`, replacing any value it had.
    public mutating func set(_ word: UnsafeBufferPointer<UInt8>, _ value: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(word)
        var index = home(hash)
        while slots[index].used {
            let slot = slots[index]
            if slot.hash == hash && Int(slot.length) == word.count
                && arena.withUnsafeBufferPointer({ Self.equal($0, Int(slot.offset), word) })
            {
                slots[index].value = value
                return
            }
            index = (index + 1) & mask
        }
        slots[index] = Slot(
            hash: hash, offset: UInt32(arena.count), length: UInt32(word.count), value: value, used: true)
        arena.append(contentsOf: word)
        count += 1
    }

    /// Empties the table, keeping its memory.
    public mutating func removeAll() {
        for index in slots.indices { slots[index].used = false }
        arena.removeAll(keepingCapacity: true)
        count = 0
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.used {
            var index = home(slot.hash)
            while slots[index].used { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
