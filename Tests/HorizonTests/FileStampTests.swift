import Foundation
import HorizonCore
import HorizonTesting
import Testing

@Suite("File stamps")
struct FileStampTests {
    static let bytes: [UInt8] = (0..<100_003).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }

    func hash(_ bytes: [UInt8], cuts: [Int]) -> UInt64 {
        var hasher = StreamHash()
        var start = 0
        for cut in cuts.sorted() + [bytes.count] where cut >= start {
            bytes[start..<cut].withUnsafeBytes { hasher.update($0) }
            start = cut
        }
        return hasher.value
    }

    @Test(
        "the hash is the same however the stream is cut",
        arguments: [[], [1], [31, 32, 33], [7, 100, 5_000, 99_999], [64, 65]])
    func cuts(_ cuts: [Int]) {
        #expect(hash(Self.bytes, cuts: cuts) == hash(Self.bytes, cuts: []))
    }

    @Test("one changed byte, a truncation or an extra zero changes it")
    func damage() {
        let whole = hash(Self.bytes, cuts: [])
        var changed = Self.bytes
        changed[50_000] ^= 0x01
        #expect(hash(changed, cuts: []) != whole)
        #expect(hash(Array(Self.bytes.dropLast()), cuts: []) != whole)
        #expect(hash(Self.bytes + [0], cuts: []) != whole)
        #expect(hash([], cuts: []) != hash([0], cuts: []))
    }

    @Test("a file's stamp is the stamp of the bytes written to it")
    func fileStamp() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("f")
        try AtomicFile.write(parts: [Array(Self.bytes[..<40_000]), Array(Self.bytes[40_000...])], to: path)
        #expect(FileStamp(file: path) == FileStamp(parts: [Self.bytes]))
        #expect(FileStamp(file: path)?.size == Self.bytes.count)
        #expect(FileStamp(file: directory.file("missing")) == nil)
    }
}
