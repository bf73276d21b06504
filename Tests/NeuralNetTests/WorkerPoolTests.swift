@testable import NeuralNet
import Synchronization
import Testing

/// The helper thread of two-thread training: `run` splits a loop between the two threads, `start` hands the
/// helper a job while the caller goes on, and whatever comes next (`wait`, `run`, another `start`) waits for it.
@Suite struct WorkerPoolTests {
    @Test("run runs part 0 and part 1 once each (part 1 on whichever thread claims it) and returns when both are done")
    func runSplits() {
        let pool = WorkerPool()
        let parts = Mutex<[Int]>([])
        for _ in 0 ..< 100 {
            pool.run { part in parts.withLock { $0.append(part) } }
        }
        let seen = parts.withLock { $0 }
        #expect(seen.count == 200)
        #expect(seen.filter { $0 == 0 }.count == 100 && seen.filter { $0 == 1 }.count == 100)
    }

    @Test("a started job has finished when wait, run or the next start returns")
    func startedJobsFinishFirst() {
        let pool = WorkerPool()
        let done = Atomic<Int>(0)
        func slowJob() {
            var x = 0.0
            for i in 0 ..< 200_000 { x += Double(i).squareRoot() }
            if x > 0 { done.add(1, ordering: .relaxed) }
        }
        pool.start(slowJob)
        pool.wait()
        #expect(done.load(ordering: .relaxed) == 1)
        pool.start(slowJob)
        pool.run { part in if part == 0 { #expect(done.load(ordering: .relaxed) == 2) } }
        pool.start(slowJob)
        pool.start(slowJob)
        #expect(done.load(ordering: .relaxed) >= 3)
        pool.wait()
        pool.wait()  // nothing pending: returns at once
        #expect(done.load(ordering: .relaxed) == 4)
    }
}
