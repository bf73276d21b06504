/// Training one batch at a time, for a program that interleaves steps with other work (a UI that draws
/// between steps, a lesson that shows the loss falling batch by batch).
///
/// It follows exactly `fit`'s schedule: the same seed gives the same shuffles, masks and weights, so
/// `batchesPerEpoch` steps of a session equal one epoch of `fit`, bit for bit. A reference type: it owns
/// the trainer's buffers; `model` returns a copy of the weights as they are now.
public final class TrainingSession {
    public let batchSize: Int
    public let batchesPerEpoch: Int
    /// The epoch the next step belongs to (1-based).
    public private(set) var epoch = 1
    /// Batches finished in the current epoch.
    public private(set) var batch = 0
    /// Running means of the current epoch (as `BatchLog` reports them).
    public private(set) var loss: Float = 0
    public private(set) var accuracy: Float = 0

    private var base: Sequential
    private let trainer: Trainer
    private let x: any BatchSource
    private let y: [Int]
    private let shuffle: Bool
    private var order: [Int]
    private var shuffler: SeededGenerator
    private var dropoutGenerator: SeededGenerator
    private var lossSum: Double = 0
    private var correct = 0
    private var seen = 0
    private let clock = ContinuousClock()
    private var epochStart: ContinuousClock.Instant

    /// Prepares training of `model` (which must be compiled) on `x`/`y`; throws `TrainingError` like `fit`.
    public init(model: Sequential, x: any BatchSource, y: [Int], batchSize: Int = 32, shuffle: Bool = true,
                seed: UInt64 = 0) throws {
        guard var compilation = model.compilation else {
            throw TrainingError(.notCompiled, "the model is not compiled; call compile(optimizer:loss:metrics:) first.")
        }
        guard batchSize > 0 else { throw TrainingError(.badArgument, "the batch size must be at least 1, got \(batchSize).") }
        let plan = try Plan(model)
        try Sequential.check(x, y, plan: plan, what: "training")
        Matmul.setThreadCount(1)
        compilation.optimizer.prepare(sizes: plan.stages.flatMap { [$0.inputs * $0.units, $0.units] })
        base = model
        base.compilation = compilation
        trainer = Trainer(plan: plan, capacity: min(batchSize, x.exampleCount), model: model, optimizer: compilation.optimizer)
        self.x = x
        self.y = y
        self.batchSize = batchSize
        self.shuffle = shuffle
        batchesPerEpoch = (x.exampleCount + batchSize - 1) / batchSize
        order = Array(0 ..< x.exampleCount)
        let root = SeededGenerator(seed: seed)
        shuffler = root.derived(1)
        dropoutGenerator = root.derived(2)
        epochStart = clock.now
    }

    /// Trains one batch and returns the epoch's running figures. Starts a new epoch (with a new shuffle)
    /// when the previous one is complete.
    @discardableResult
    public func step() -> BatchLog {
        if batch == 0 {
            if shuffle { order.withUnsafeMutableBufferPointer { shuffler.shuffle($0) } }
            lossSum = 0; correct = 0; seen = 0
            epochStart = clock.now
        }
        let start = batch * batchSize
        let rows = min(batchSize, order.count - start)
        order.withUnsafeBufferPointer { trainer.loadBatch(x, indices: UnsafeBufferPointer(rebasing: $0[start ..< start + rows])) }
        for r in 0 ..< rows { trainer.labels[r] = Int32(y[order[start + r]]) }
        let result = trainer.trainStep(rows: rows, generator: &dropoutGenerator)
        lossSum += result.lossSum
        correct += result.correct
        seen += rows
        loss = Float(lossSum / Double(seen))
        accuracy = Float(correct) / Float(seen)
        batch += 1
        let log = BatchLog(epoch: epoch, epochs: 0, batch: batch, batches: batchesPerEpoch, loss: loss, accuracy: accuracy,
                           seconds: Sequential.seconds(clock.now - epochStart))
        if batch == batchesPerEpoch {
            batch = 0
            epoch += 1
        }
        return log
    }

    /// The model with the weights (and optimizer state) as they are after the steps so far.
    public var model: Sequential {
        var copy = base
        trainer.store(into: &copy)
        copy.compilation?.optimizer = trainer.optimizer
        return copy
    }
}
