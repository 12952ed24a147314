import Foundation
import HorizonParse

/// The fuzz entry point: any bytes, as a feed document, must parse or fail cleanly, both for plain
/// text and with every detail and sanitized HTML (as `horizon parse` and `catalogue.keepHTML` read feeds).
///
/// Build and run with libFuzzer (scripts/fuzz.sh):
///   swift build -c release --product horizon-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
/// Without -DFUZZING the same target replays files given as arguments (a crash reproducer).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    for detailed in [false, true] {
        guard
            let feed = try? FeedParser.parse(
                data, url: "http://example.org/feed/", contentType: nil, sanitizedHTML: detailed)
        else {
            continue
        }
        // Touch what callers use, so that nothing lazily computed escapes the fuzzer.
        var total = feed.title.utf8.count + feed.problems.count
        for entry in feed.entries {
            total &+= entry.title.utf8.count &+ entry.summary.utf8.count &+ (entry.link?.utf8.count ?? 0)
            total &+= entry.summaryHTML?.utf8.count ?? 0
        }
        if total == Int.min { print(total) }
    }
    return 0
}

#if FUZZING
    /// libFuzzer's driver, for a program that has its own `main` (SwiftPM gives every executable one).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzer(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    @main
    struct Fuzzer {
        static func main() {
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(runFuzzer(&argc, &argv) { fuzzOneInput($0, $1) })
        }
    }
#else
    @main
    struct Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("\(path): cannot read\n".utf8))
                    continue
                }
                _ = data.withUnsafeBytes { buffer in
                    fuzzOneInput(
                        buffer.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
                }
                print("\(path): ok")
            }
        }
    }
#endif
