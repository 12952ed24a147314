import Foundation
import HorizonTesting
import Testing

@Suite("The test harness's child processes")
struct ChildProcessTests {
    @Test("a child that writes megabytes to both stdout and stderr finishes, and nothing is lost")
    func bothPipesAtOnce() throws {
        // Far more than a pipe's buffer (64 KiB) on each stream, interleaved.
        let script = "for i in $(seq 1 4000); do printf '%0250d\\n' $i; printf '%0250d\\n' $i >&2; done; exit 3"
        let result = try ChildProcess.run("/bin/sh", ["-c", script])
        #expect(result.status == 3)
        #expect(result.stdout.count == 4000 * 251)
        #expect(result.stderr.count == 4000 * 251)
    }

    @Test("input is written while output is read")
    func input() throws {
        let data = Data(repeating: 0x61, count: 1_000_000)
        let result = try ChildProcess.run("/bin/cat", [], input: data)
        #expect(result.stdout == data)
    }
}
