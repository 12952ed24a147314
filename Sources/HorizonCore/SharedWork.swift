import Dispatch
import Synchronization

/// Work on the items `0..<count`, taken in order, a chunk at a time, by whichever thread is free:
/// threads started at once, and later the owner itself, which helps when it asks for the results
/// (`finish`). An item the owner marks as no longer needed (`skip`) before a thread reaches it is
/// passed over.
///
/// Each thread makes its own worker (`makeWorker`) when it takes its first chunk, so that the
/// worker's state, such as a word cache, lasts from chunk to chunk and is never shared.
public final class SharedWork<Result: Sendable>: @unchecked Sendable {
    // @unchecked: a result slot is written only by the thread that took its chunk, and read only
    // after `finish` has waited for every thread; the next chunk and the skip marks are atomics.
    private let count: Int
    private let chunk: Int
    private let next = Atomic<Int>(0)
    private let skipped: UnsafeMutablePointer<Atomic<Bool>>
    private let results: UnsafeMutablePointer<Result?>
    private let makeWorker: @Sendable () -> (Int) -> Result
    private let threads = DispatchGroup()
    private var finished = false

    /// Starts `threads` threads on the items (none: the work waits for `finish`).
    public init(
        count: Int, threads: Int, chunk: Int = 64, makeWorker: @escaping @Sendable () -> (Int) -> Result
    ) {
        self.count = count
        self.chunk = max(1, chunk)
        self.makeWorker = makeWorker
        skipped = .allocate(capacity: max(1, count))
        results = .allocate(capacity: max(1, count))
        for index in 0..<count {
            (skipped + index).initialize(to: Atomic(false))
            (results + index).initialize(to: nil)
        }
        for _ in 0..<max(0, threads) {
            DispatchQueue.global().async(group: self.threads) { self.work() }
        }
    }

    deinit {
        // The threads hold the work until they are done, so none is running here.
        if !finished { results.deinitialize(count: count) }
        skipped.deinitialize(count: count)
        results.deallocate()
        skipped.deallocate()
    }

    /// Marks the item at `index` as not needed: a thread that has not reached it passes it over.
    public func skip(_ index: Int) {
        skipped[index].store(true, ordering: .relaxed)
    }

    /// Takes chunks until none is left. (The worker is made once and never stored again: a closure
    /// put back into an optional would be wrapped in one more thunk each time.)
    private func work() {
        var start = next.add(chunk, ordering: .relaxed).oldValue
        guard start < count else { return }
        let body = makeWorker()
        while start < count {
            for index in start..<min(count, start + chunk) where !skipped[index].load(ordering: .relaxed) {
                results[index] = body(index)
            }
            start = next.add(chunk, ordering: .relaxed).oldValue
        }
    }

    /// Each item's result, nil for one passed over: the calling thread takes the chunks left, then
    /// waits for the other threads. Called once.
    public func finish() -> [Result?] {
        precondition(!finished, "SharedWork.finish called twice")
        work()
        threads.wait()
        finished = true
        return (0..<count).map { (results + $0).move() }
    }
}
