/// Runs to do under one id (so late reports of a cancelled request are ignored): one after the other, or
/// `parallel` at a time side by side (`ParallelRuns`, as `mnist-tutor sweep` does), with the same results.
public struct TrainingRequest: Equatable, Sendable {
    public var id: Int
    public var runs: [TrainingRun]
    /// Runs at once: 1 runs them in order; more runs them side by side on that many threads, the costliest
    /// first, and their reports interleave (each names its run).
    public var parallel: Int
    public init(id: Int, runs: [TrainingRun], parallel: Int = 1) {
        self.id = id
        self.runs = runs
        self.parallel = max(1, parallel)
    }
}
