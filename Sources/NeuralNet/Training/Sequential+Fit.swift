extension Sequential {
    /// Keras's `model.fit(x, y, epochs=5)`: trains on `x` (one example per row) with labels `y`.
    ///
    /// - `batchSize`: 32 by default, Keras's default (1,875 steps per epoch on 60,000 images).
    /// - `shuffle`: a new order every epoch, drawn from `seed`.
    /// - `seed`: the only source of the shuffling and the dropout masks (the initial weights come from
    ///   `Sequential(seed:)`). Same model, data and seed on the same machine: the same weights, bit for bit.
    /// - `threads`: 1 (the default) or 2. A second thread takes half of the first layer's units (forward, and
    ///   gradient + Adam), and while this thread runs the later layers it compresses the batch's input by column
    ///   and reads the next batch; the arithmetic is the same either way, so the weights are bit-identical. One is
    ///   the default because the second spins between steps, competing with a UI thread, and on a loaded 2-core
    ///   machine it loses: each half step waits for a thread the scheduler may have set aside (measured at a load
    ///   average near 15 on 2 cores: 2.5 s an epoch with two threads against 0.5 s with one).
    /// - `epochEvaluations`: more sets to `evaluate` after every epoch (dropout off), reported in order in
    ///   `EpochLog.evaluations` (e.g. the test set and the training images, to watch a model overfit). Like
    ///   `validationData` they draw nothing from `seed`: the weights are the same with or without them.
    /// - `callback`: called after every batch and every epoch; return `.stop` to end training between batches.
    ///
    /// Needs `compile` first. Throws `TrainingError` (before any step) for data that does not fit the model.
    @discardableResult
    public mutating func fit<X: BatchSource>(_ x: X, _ y: [Int], epochs: Int = 1, batchSize: Int = 32,
                                             shuffle: Bool = true, seed: UInt64 = 0,
                                             validationData: (x: any BatchSource, y: [Int])? = nil, threads: Int = 1,
                                             epochEvaluations: [(x: any BatchSource, y: [Int])] = [],
                                             callback: (FitEvent) -> FitControl = { _ in .proceed }) throws -> History {
        guard var compilation else {
            throw TrainingError(.notCompiled, "the model is not compiled; call compile(optimizer:loss:metrics:) before fit.")
        }
        let plan = try Plan(self)
        if plan.endsWithSoftmax && compilation.loss.fromLogits {
            throw TrainingError(.lossMismatch, "the model ends in Softmax, so it outputs probabilities, but the loss expects logits; use SparseCategoricalCrossentropy(fromLogits: false) or remove Softmax().")
        }
        if !plan.endsWithSoftmax && !compilation.loss.fromLogits {
            throw TrainingError(.lossMismatch, "the model's last layer outputs logits, but the loss expects probabilities; use SparseCategoricalCrossentropy(fromLogits: true) (as the article does) or add Softmax().")
        }
        guard epochs >= 0 else { throw TrainingError(.badArgument, "epochs must be 0 or more, got \(epochs).") }
        guard batchSize > 0 else { throw TrainingError(.badArgument, "the batch size must be at least 1, got \(batchSize).") }
        try Self.check(x, y, plan: plan, what: "training")
        if let validationData { try Self.check(validationData.x, validationData.y, plan: plan, what: "validation") }
        for set in epochEvaluations { try Self.check(set.x, set.y, plan: plan, what: "evaluation") }

        let count = x.exampleCount
        // Training never calls BLAS, but OpenBLAS's idle threads spin on the cores the trainer needs.
        Matmul.setThreadCount(1)
        compilation.optimizer.prepare(sizes: plan.stages.flatMap { [$0.inputs * $0.units, $0.units] })
        let trainer = Trainer(plan: plan, capacity: min(batchSize, count), model: self, optimizer: compilation.optimizer,
                              threads: threads)
        var order = Array(0 ..< count)
        let root = SeededGenerator(seed: seed)
        var shuffler = root.derived(1)
        var dropoutGenerator = root.derived(2)
        let batches = (count + batchSize - 1) / batchSize
        var history = History()
        let clock = ContinuousClock()

        training: for epoch in 1 ... max(epochs, 1) where epochs > 0 {
            let started = clock.now
            if shuffle { order.withUnsafeMutableBufferPointer { shuffler.shuffle($0) } }
            var lossSum: Double = 0
            var correct = 0
            var seen = 0
            var loaded = false  // whether the helper thread has loaded this batch (`Trainer.loadSpare`)
            for batch in 0 ..< batches {
                let start = batch * batchSize
                let rows = min(batchSize, count - start)
                if !loaded {
                    order.withUnsafeBufferPointer { all in
                        trainer.loadBatch(x, indices: UnsafeBufferPointer(rebasing: all[start ..< start + rows]))
                    }
                }
                for r in 0 ..< rows { trainer.labels[r] = Int32(y[order[start + r]]) }
                // With two threads, the helper reads the next batch of this epoch while this one trains.
                var prefetch: (() -> Void)?
                if trainer.spareInput != nil && batch + 1 < batches {
                    let next = start + batchSize ..< min(start + 2 * batchSize, count)
                    // The helper also draws the next step's dropout masks: after this step's, before the next
                    // one's, so the generator gives the same masks in the same order as with one thread.
                    prefetch = { [order] in
                        order.withUnsafeBufferPointer { all in trainer.loadSpare(x, indices: UnsafeBufferPointer(rebasing: all[next])) }
                        trainer.prepareMasks(rows: next.count, generator: &dropoutGenerator)
                    }
                }
                let result: (lossSum: Double, correct: Int)
                if trainer.spareInput != nil {
                    // Two threads: the step's masks are drawn before it starts (here, or by the helper during the
                    // last step), so the step itself never touches the generator the helper may be drawing from.
                    if !trainer.masksReady { trainer.prepareMasks(rows: rows, generator: &dropoutGenerator) }
                    var unused = SeededGenerator(seed: 0)
                    result = trainer.trainStep(rows: rows, generator: &unused, prefetch: prefetch)
                } else {
                    result = trainer.trainStep(rows: rows, generator: &dropoutGenerator, prefetch: prefetch)
                }
                if prefetch != nil { trainer.swapInput() }
                loaded = prefetch != nil
                history.steps += 1
                lossSum += result.lossSum
                correct += result.correct
                seen += rows
                let log = BatchLog(epoch: epoch, epochs: epochs, batch: batch + 1, batches: batches,
                                   loss: Float(lossSum / Double(seen)), accuracy: Float(correct) / Float(seen),
                                   seconds: Self.seconds(clock.now - started))
                if callback(.batchEnd(log)) == .stop {
                    history.stopped = true
                    break training
                }
            }
            var log = EpochLog(epoch: epoch, epochs: epochs, loss: Float(lossSum / Double(seen)),
                               accuracy: Float(correct) / Float(seen), seconds: Self.seconds(clock.now - started))
            if let validationData {
                let result = Self.evaluate(trainer: trainer, validationData.x, validationData.y)
                log.validationLoss = result.loss
                log.validationAccuracy = result.accuracy
            }
            for set in epochEvaluations {
                let x = set.x
                log.evaluations.append(Self.evaluate(trainer: trainer, x, set.y))
            }
            history.epochs.append(log)
            if callback(.epochEnd(log)) == .stop {
                history.stopped = epoch < epochs
                break training
            }
        }
        trainer.store(into: &self)
        compilation.optimizer = trainer.optimizer
        self.compilation = compilation
        return history
    }

    /// `fit` with MNIST-style byte labels.
    @discardableResult
    public mutating func fit<X: BatchSource>(_ x: X, _ y: [UInt8], epochs: Int = 1, batchSize: Int = 32,
                                             shuffle: Bool = true, seed: UInt64 = 0,
                                             validationData: (x: any BatchSource, y: [UInt8])? = nil, threads: Int = 1,
                                             epochEvaluations: [(x: any BatchSource, y: [UInt8])] = [],
                                             callback: (FitEvent) -> FitControl = { _ in .proceed }) throws -> History {
        try fit(x, y.map(Int.init), epochs: epochs, batchSize: batchSize, shuffle: shuffle, seed: seed,
                validationData: validationData.map { ($0.x, $0.y.map(Int.init)) }, threads: threads,
                epochEvaluations: epochEvaluations.map { ($0.x, $0.y.map(Int.init)) }, callback: callback)
    }

    static func check(_ x: some BatchSource, _ y: [Int], plan: Plan, what: String) throws {
        guard x.featureCount == plan.inputSize else {
            throw TrainingError(.featureMismatch, "the \(what) examples have \(x.featureCount) values each, the model expects \(plan.inputSize).")
        }
        guard x.exampleCount == y.count else {
            throw TrainingError(.labelCountMismatch, "\(x.exampleCount) \(what) examples but \(y.count) labels; give one label per example.")
        }
        guard x.exampleCount > 0 else { throw TrainingError(.emptyData, "there are no \(what) examples.") }
        if let bad = y.first(where: { $0 < 0 || $0 >= plan.classes }) {
            throw TrainingError(.labelOutOfRange, "\(what) label \(bad) is outside 0...\(plan.classes - 1) (the model has \(plan.classes) outputs).")
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
