/// Measures what the engine exists for: seconds per epoch of the article's training, images per second,
/// the cost of one single-image trace, and the accuracy reached. Used by `mnist-tutor bench` and `mnist-bench`
/// (which adds the NumPy reference beside it). Wall-clock times; run a release build on a quiet machine.
public struct EngineBenchmark: Sendable {
    public struct Result: Sendable, Equatable {
        /// The fastest epoch's seconds (the others are in `epochSeconds`).
        public var secondsPerEpoch: Double
        public var epochSeconds: [Double]
        public var imagesPerSecond: Double
        /// Median over many single-image traces (inference mode), in microseconds.
        public var traceMicroseconds: Double
        public var testAccuracy: Float
        public var testLoss: Float
        public var trainingImages: Int
    }

    public var epochs: Int
    public var batchSize: Int
    public var dropoutRate: Float
    public var seed: UInt64
    public var threads: Int

    public init(epochs: Int = 1, batchSize: Int = 32, dropoutRate: Float = 0.2, seed: UInt64 = 0, threads: Int = 1) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.dropoutRate = dropoutRate
        self.seed = seed
        self.threads = threads
    }

    /// Trains the article's model on `x`/`y` for `epochs`, then evaluates on the test data and times traces of
    /// the first test image. `progress` is called after each epoch.
    public func run<Train: BatchSource, Test: BatchSource>(
        x: Train, y: [Int], testX: Test, testY: [Int], traceImage: [Float],
        progress: (EpochLog) -> Void = { _ in }) throws -> Result {
        var model = Sequential.article(seed: seed, dropoutRate: dropoutRate)
        model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [.accuracy])
        let history = try model.fit(x, y, epochs: epochs, batchSize: batchSize, seed: seed, threads: threads) { event in
            if case .epochEnd(let log) = event { progress(log) }
            return .proceed
        }
        let seconds = history.epochs.map(\.seconds)
        let evaluation = try model.evaluate(testX, testY)
        let clock = ContinuousClock()
        var samples: [Double] = []
        var sink: Float = 0
        for _ in 0 ..< 2_000 {
            let start = clock.now
            sink += model.trace(traceImage).logits[0]
            let d = clock.now - start
            samples.append(Double(d.components.attoseconds) * 1e-12 + Double(d.components.seconds) * 1e6)
        }
        precondition(sink.isFinite || !sink.isFinite)  // keeps the traces from being optimised away
        samples.sort()
        let best = seconds.min() ?? 0
        return Result(secondsPerEpoch: best, epochSeconds: seconds, imagesPerSecond: best > 0 ? Double(x.exampleCount) / best : 0,
                      traceMicroseconds: samples[samples.count / 2], testAccuracy: evaluation.accuracy,
                      testLoss: evaluation.loss, trainingImages: x.exampleCount)
    }
}
