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
        /// The trained weights, kernel then bias of each dense layer: for checking that speed work changes no bit.
        public var weights: [[Float]]
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
            samples.append(Sequential.seconds(clock.now - start) * 1e6)
        }
        blackHole(sink)  // the traces' results are used, so they cannot be optimised away
        samples.sort()
        let best = seconds.min() ?? 0
        return Result(secondsPerEpoch: best, epochSeconds: seconds, imagesPerSecond: best > 0 ? Double(x.exampleCount) / best : 0,
                      traceMicroseconds: samples[samples.count / 2], testAccuracy: evaluation.accuracy,
                      testLoss: evaluation.loss, trainingImages: x.exampleCount,
                      weights: model.denseLayers.flatMap { [$0.layer.kernel.scalars, $0.layer.bias.scalars] })
    }
}

extension EngineBenchmark {
    /// Microseconds for one forward product of the first layer on a batch `x: [rows, 784]`:
    /// OpenBLAS `sgemm` with 1 and 2 threads against the engine's sparse kernel (which skips zero pixels).
    /// Why the engine trains without BLAS, measured rather than assumed.
    public static func firstLayerForward(model: Sequential, batch x: Tensor, repeats: Int = 2_000)
        -> (blasOneThread: Double, blasTwoThreads: Double, sparse: Double) {
        let dense = model.denseLayers[0].layer
        let rows = x.rowCount, inputs = dense.inputSize, units = dense.units
        var z = [Float](repeating: 0, count: rows * units)
        let clock = ContinuousClock()
        func microseconds(_ body: () -> Void) -> Double {
            body()
            let start = clock.now
            for _ in 0 ..< repeats { body() }
            return Sequential.seconds(clock.now - start) * 1e6 / Double(repeats)
        }
        let previous = Matmul.threadCount
        var results: [Double] = []
        for threads in [1, 2] {
            Matmul.setThreadCount(threads)
            results.append(microseconds {
                x.scalars.withUnsafeBufferPointer { a in
                    dense.kernel.scalars.withUnsafeBufferPointer { b in
                        z.withUnsafeMutableBufferPointer { c in
                            Matmul.gemm(m: rows, n: units, k: inputs, a: a.baseAddress!, lda: inputs, b: b.baseAddress!,
                                        ldb: units, c: c.baseAddress!, ldc: units)
                        }
                    }
                }
            })
        }
        Matmul.setThreadCount(previous)
        var rowStart = [Int32](repeating: 0, count: rows + 1), column = [Int32](repeating: 0, count: rows * inputs)
        var value = [Float](repeating: 0, count: rows * inputs)
        let sparse = microseconds {
            _ = SparseKernels.compressRows(x.scalars, rows: rows, columns: inputs, rowStart: &rowStart, column: &column, value: &value)
            SparseKernels.forward(rows: rows, units: units, part: 0 ..< units, rowStart: rowStart, column: column, value: value,
                                  w: dense.kernel.scalars, bias: dense.bias.scalars, z: &z)
        }
        return (results[0], results[1], sparse)
    }
}

/// Takes a value the optimiser cannot see through, so the work that produced it is kept.
@inline(never) @_optimize(none) func blackHole(_ value: Float) {}
