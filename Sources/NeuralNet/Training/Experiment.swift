/// One training experiment from start to finish, the way `mnist-tutor train` does it: build the model of
/// `architecture` from `seed`, `compile` with Adam, `fit`, then measure it with dropout off. A sweep or a
/// comparison is a list of these, run side by side with `performAll`.
///
/// Deterministic: the same run gives the same weights bit for bit, whether alone, in a list, on one
/// thread or beside another run (only `seconds` changes).
public struct Experiment: Sendable, Hashable {
    public var architecture: Architecture
    public var epochs: Int
    /// Keras's default, 32.
    public var batchSize: Int
    /// Adam's learning rate (Keras's default, 0.001).
    public var learningRate: Float
    /// The seed of the initial weights, the shuffling and the dropout masks.
    public var seed: UInt64
    /// Threads inside the run (1 or 2, see `fit`); runs side by side use 1 each.
    public var threads: Int
    /// Also evaluate the trained model on its training examples (dropout off), for the training–test gap.
    public var measuresTraining: Bool

    public init(architecture: Architecture = .article, epochs: Int = 5, batchSize: Int = 32, learningRate: Float = 0.001,
                seed: UInt64 = 0, threads: Int = 1, measuresTraining: Bool = false) {
        self.architecture = architecture
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
        self.threads = threads
        self.measuresTraining = measuresTraining
    }

    /// What a run produced.
    public struct Outcome: Sendable {
        public var run: Experiment
        /// The trained model (with its optimizer state).
        public var model: Sequential
        public var history: History
        /// On the test examples, dropout off.
        public var test: Evaluation
        /// On the training examples, dropout off (when `measuresTraining`).
        public var training: Evaluation?
        /// Wall-clock seconds of `fit` alone.
        public var seconds: Double

        public var parameterCount: Int { model.parameterCount }
        /// Training minus test accuracy (both dropout off), in 0...1 units: how much the model memorised.
        public var gap: Float? { training.map { $0.accuracy - test.accuracy } }
    }

    /// Trains on `x`/`y` and evaluates on `testX`/`testY`. `callback` sees every `fit` event and may stop the
    /// run (then `history.stopped` is true and the model keeps the steps taken). `epochEvaluations` are
    /// `fit`'s: sets measured after every epoch (for curves), which draw nothing from the seed, so the
    /// outcome is the same with or without them.
    public func perform<X: BatchSource, T: BatchSource>(x: X, y: [Int], testX: T, testY: [Int],
                                                        epochEvaluations: [(x: any BatchSource, y: [Int])] = [],
                                                        callback: (FitEvent) -> FitControl = { _ in .proceed }) throws -> Outcome {
        var model = architecture.model(seed: seed)
        model.compile(optimizer: Adam(learningRate: learningRate), loss: SparseCategoricalCrossentropy(fromLogits: true),
                      metrics: [.accuracy])
        let clock = ContinuousClock()
        let start = clock.now
        let history = try model.fit(x, y, epochs: epochs, batchSize: batchSize, seed: seed, threads: threads,
                                    epochEvaluations: epochEvaluations, callback: callback)
        let seconds = Sequential.seconds(clock.now - start)
        let test = try model.evaluate(testX, testY)
        let training = measuresTraining ? try model.evaluate(x, y) : nil
        return Outcome(run: self, model: model, history: history, test: test, training: training, seconds: seconds)
    }

    /// Every run of `runs`, side by side on up to `threads` threads (default one per core; see `ParallelRuns`),
    /// results in the order given. The costliest runs (parameters × epochs) start first, so that the last to
    /// finish is a short one. `callback` gets the run's index in `runs` with each of its events, from its thread.
    public static func performAll<X: BatchSource, T: BatchSource>(
        _ runs: [Experiment], x: X, y: [Int], testX: T, testY: [Int], threads: Int = ParallelRuns.coreCount,
        callback: @Sendable (Int, FitEvent) -> FitControl = { _, _ in .proceed }) -> [Result<Outcome, any Error>] {
        let order = runs.indices.sorted { runs[$0].cost > runs[$1].cost }
        let results = ParallelRuns.map(order, threads: threads) { index in
            try runs[index].perform(x: x, y: y, testX: testX, testY: testY) { callback(index, $0) }
        }
        var inOrder = results
        for (position, index) in order.enumerated() { inOrder[index] = results[position] }
        return inOrder
    }

    /// A run's relative cost: its parameters times its epochs (what the training time grows with).
    var cost: Int { architecture.parameterCount * epochs }
}
