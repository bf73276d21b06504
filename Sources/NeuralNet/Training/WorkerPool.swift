import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One helper thread that runs half of a loop while the calling thread runs the other half.
///
/// Training steps are short (about 100 µs), so waking a sleeping thread for every half step would cost
/// as much as it saves: the helper spins while steps keep coming, yields the core when the caller is
/// slow, and sleeps between `fit` calls' phases. Each half writes only its own part of the output, so
/// results do not depend on the number of threads, nor on which thread ran a part.
///
/// The helper's part goes to whichever thread claims it first: the caller, done with its own part, claims it
/// when the helper has not (`claimed`), so on a loaded machine, where the scheduler may keep the helper off
/// its core for milliseconds, a step never waits for a thread that has not started; at worst the caller runs
/// both parts, as one thread would.
final class WorkerPool: @unchecked Sendable {
    private let posted = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    /// The last generation whose part 1 a thread took (each generation's exactly once, in order).
    private let claimed = Atomic<Int>(0)
    private let quit = Atomic<Bool>(false)
    /// The job of the current generation; written before `posted` is released, read after it is acquired.
    private var job: ((Int) -> Void)?
    private var thread = pthread_t()
    private var generation = 0
    /// Whether a job `start` posted may still be running on the helper.
    private var pending = false

    init() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        pthread_create(&thread, nil, { context in
            Unmanaged<WorkerPool>.fromOpaque(context!).takeUnretainedValue().loop()
            return nil
        }, context)
    }

    deinit {
        wait()
        quit.store(true, ordering: .releasing)
        pthread_join(thread, nil)
    }

    /// Runs `body(0)` on this thread and `body(1)` on the helper; returns when both are done
    /// (and after a job `start` posted, which finishes first).
    func run(_ body: (Int) -> Void) {
        wait()
        withoutActuallyEscaping(body) { body in
            job = body
            generation += 1
            posted.store(generation, ordering: .releasing)
            body(0)
            finishPartOne()
            job = nil
        }
    }

    /// Runs `body()` on the helper while this thread goes on; `wait`, `run` or the next `start` waits for it.
    /// What `body` writes must not be read or written on this thread before `wait` returns.
    func start(_ body: @escaping () -> Void) {
        wait()
        job = { _ in body() }
        generation += 1
        pending = true
        posted.store(generation, ordering: .releasing)
    }

    /// Returns when the job `start` posted is done (at once if there is none).
    func wait() {
        guard pending else { return }
        finishPartOne()
        job = nil
        pending = false
    }

    /// Runs the current generation's part 1 here if the helper has not claimed it, else waits until it is done.
    private func finishPartOne() {
        if claimed.compareExchange(expected: generation - 1, desired: generation, ordering: .acquiringAndReleasing).exchanged {
            job!(1)
            return
        }
        var spins = 0
        while finished.load(ordering: .acquiring) != generation {
            spins += 1
            if spins > 4096 { sched_yield() }
        }
    }

    private func loop() {
        var seen = 0
        while true {
            var spins = 0
            var current = posted.load(ordering: .acquiring)
            while current == seen {
                if quit.load(ordering: .acquiring) { return }
                spins += 1
                if spins > 200_000 { usleep(100) } else if spins > 20_000 { sched_yield() }
                current = posted.load(ordering: .acquiring)
            }
            seen = current
            // Generations before `current` were claimed already (one is posted only when the last is done).
            guard claimed.compareExchange(expected: current - 1, desired: current, ordering: .acquiringAndReleasing).exchanged else {
                continue  // the caller took it
            }
            job!(1)
            finished.store(seen, ordering: .releasing)
        }
    }
}

