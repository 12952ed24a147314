import Foundation

/// Work split over every core.
public enum Parallel {
    /// The cores this process may use.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// How many shares to split `count` items into: one per core (at most `limit`), or one when
    /// there are fewer than `minimum` items and threads would cost more than they save.
    public static func shares(for count: Int, minimum: Int = 2_000, limit: Int = 8) -> Int {
        count >= minimum ? min(limit, cores) : 1
    }

    /// `body(0) ... body(count - 1)`, run at once on every core, in order. Each call writes only its
    /// own slot, so no lock is needed.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { slots.deallocate() }
        let address = Int(bitPattern: slots)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (UnsafeMutablePointer<T>(bitPattern: address)! + index).initialize(to: shared.value(index))
            }
        }
        return (0..<count).map { (slots + $0).move() }
    }

    /// `body` over `count` items split into `shares` contiguous ranges, one call per range, in order.
    public static func map<T>(_ count: Int, shares: Int, _ body: (Range<Int>) -> T) -> [T] {
        let shares = max(1, shares)
        return map(shares) { share in body((count * share / shares)..<(count * (share + 1) / shares)) }
    }
}

extension Parallel {
    /// Lets go of a large value on another thread: its memory is free for what comes next without
    /// the caller waiting for tens of thousands of objects to be freed one by one.
    public static func release<T: Sendable>(_ value: consuming T) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }

    private final class Box<T>: @unchecked Sendable {  // `value` is touched by one thread at a time
        var value: T?
        init(_ value: T) { self.value = value }
    }

    /// Work started on another thread, whose result is waited for when first needed.
    public final class Background<T: Sendable>: @unchecked Sendable {
        // @unchecked: `result` is written once, before `done` is signalled, and read only after it.
        private var result: T?
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()

        public init(_ work: @escaping @Sendable () -> T) {
            DispatchQueue.global().async {
                let value = work()
                self.lock.withLock { self.result = value }
                self.done.signal()
            }
        }

        /// The result, once the work is done, handed over: nothing here keeps a copy (a large value
        /// is then changed in place, not copied). `value` must not be read after it.
        public func take() -> T {
            _ = value
            return lock.withLock {
                defer { result = nil }
                return result!
            }
        }

        /// The result, once the work is done.
        public var value: T {
            lock.lock()
            if let result {
                lock.unlock()
                return result
            }
            lock.unlock()
            done.wait()
            return lock.withLock { result! }
        }
    }
}

/// Hands a value to the threads of `concurrentPerform`, which only read it.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
