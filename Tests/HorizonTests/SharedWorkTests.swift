import HorizonCore
import Synchronization
import Testing

@Suite("Work shared between threads")
struct SharedWorkTests {
    /// Counts the workers made: one per thread that took a chunk.
    final class Workers: Sendable {
        let made = Atomic<Int>(0)
    }

    @Test("every item's result comes back in order, whoever worked on it", arguments: [0, 1, 3])
    func inOrder(threads: Int) {
        let workers = Workers()
        let work = SharedWork<Int>(count: 1_001, threads: threads, chunk: 16) {
            workers.made.add(1, ordering: .relaxed)
            return { $0 * $0 }
        }
        let results = work.finish()
        #expect(results.count == 1_001)
        #expect(results.map { $0 ?? -1 } == (0..<1_001).map { $0 * $0 })
        // Each thread makes its worker once, however many chunks it takes (the owner is one more).
        #expect((1...(threads + 1)).contains(workers.made.load(ordering: .relaxed)))
    }

    @Test("items marked as not needed before they are reached are passed over")
    func skipped() {
        let work = SharedWork<String>(count: 100, threads: 0, chunk: 7) { { "item \($0)" } }
        for index in stride(from: 0, to: 100, by: 3) { work.skip(index) }
        let results = work.finish()
        for (index, result) in results.enumerated() {
            #expect(result == (index % 3 == 0 ? nil : "item \(index)"))
        }
    }

    @Test("no items: no worker is made and there is nothing to wait for")
    func empty() {
        let workers = Workers()
        let work = SharedWork<Int>(count: 0, threads: 2) {
            workers.made.add(1, ordering: .relaxed)
            return { $0 }
        }
        #expect(work.finish().isEmpty)
        #expect(workers.made.load(ordering: .relaxed) == 0)
    }
}
