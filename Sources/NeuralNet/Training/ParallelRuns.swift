import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent jobs side by side, one thread per core: a width sweep, the activation comparison,
/// lesson 12's three dropout rates.
///
/// Each job owns everything it touches (a model is a value; `fit` allocates its own buffers and generators),
/// so a job's result is the same, bit for bit, as when it runs alone: only the wall-clock times change.
/// Jobs start in the order given (put the longest first for the shortest total), on `threads` workers that
/// each take the next job when they finish one; results come back in the order given.
public enum ParallelRuns {
    /// The cores this process may use (at least 1).
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `body(item)` for every item, on up to `threads` threads at once (default: one per core).
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], threads: Int = coreCount, _ body: @Sendable (Item) throws -> Output) -> [Result<Output, any Error>] {
        let workers = max(1, min(threads, items.count))
        let next = Atomic<Int>(0)
        let results = Mutex<[Result<Output, any Error>?]>(Array(repeating: nil, count: items.count))
        @Sendable func work(_ worker: Int) {
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                let result = Result { try body(items[index]) }
                results.withLock { $0[index] = result }
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { work($0) }
        }
        return results.withLock { $0.map { $0! } }
    }
}
