extension Sequential {
    /// Keras's `model.evaluate(x, y)`: the mean loss (softmax cross-entropy on the logits) and the
    /// accuracy, dropout off. Does not need `compile`. `batchSize` only sets how many rows run at once;
    /// the figures do not depend on it beyond float rounding.
    public func evaluate<X: BatchSource>(_ x: X, _ y: [Int], batchSize: Int = 256) throws -> Evaluation {
        let plan = try Plan(self)
        try Self.check(x, y, plan: plan, what: "evaluation")
        let trainer = Trainer(plan: plan, capacity: max(1, min(batchSize, x.exampleCount)), model: self)
        return Self.evaluate(trainer: trainer, x, y)
    }

    public func evaluate<X: BatchSource>(_ x: X, _ y: [UInt8], batchSize: Int = 256) throws -> Evaluation {
        try evaluate(x, y.map(Int.init), batchSize: batchSize)
    }

    static func evaluate(trainer: Trainer, _ x: some BatchSource, _ y: [Int]) -> Evaluation {
        var lossSum: Double = 0
        var correct = 0
        var unused = SeededGenerator(seed: 0)
        let classes = trainer.plan.classes
        // The loss function also writes the gradient, which evaluation does not use: one buffer for all batches.
        var unusedGradient = [Float](repeating: 0, count: trainer.capacity * classes)
        var indices = [Int](repeating: 0, count: trainer.capacity)
        var start = 0
        while start < x.exampleCount {
            let rows = min(trainer.capacity, x.exampleCount - start)
            for r in 0 ..< rows { indices[r] = start + r }
            indices.withUnsafeBufferPointer { trainer.loadBatch(x, indices: UnsafeBufferPointer(rebasing: $0[..<rows])) }
            for r in 0 ..< rows { trainer.labels[r] = Int32(y[start + r]) }
            let logits = trainer.forward(rows: rows, training: false, generator: &unused)
            let result = unusedGradient.withUnsafeMutableBufferPointer {
                SparseCategoricalCrossentropy.lossAndGradient(logits: logits, labels: trainer.labels, batch: rows,
                                                              classes: classes, gradient: $0.baseAddress!)
            }
            lossSum += result.lossSum
            correct += result.correct
            start += rows
        }
        return Evaluation(loss: Float(lossSum / Double(x.exampleCount)),
                          accuracy: Float(correct) / Float(x.exampleCount), count: x.exampleCount)
    }

    /// Keras's `model.predict(x)`: the model's outputs for every example, `[count, classes]`
    /// (logits for the article's model; probabilities if it ends in `Softmax`). Dropout off.
    public func predict<X: BatchSource>(_ x: X, batchSize: Int = 256) throws -> Tensor {
        let plan = try Plan(self)
        guard x.featureCount == plan.inputSize else {
            throw TrainingError(.featureMismatch, "the examples have \(x.featureCount) values each, the model expects \(plan.inputSize).")
        }
        let count = x.exampleCount
        let classes = plan.classes
        var output = [Float](repeating: 0, count: count * classes)
        guard count > 0 else { return Tensor(shape: [0, classes], scalars: []) }
        let trainer = Trainer(plan: plan, capacity: max(1, min(batchSize, count)), model: self)
        var unused = SeededGenerator(seed: 0)
        var indices = [Int](repeating: 0, count: trainer.capacity)
        output.withUnsafeMutableBufferPointer { out in
            var start = 0
            while start < count {
                let rows = min(trainer.capacity, count - start)
                for r in 0 ..< rows { indices[r] = start + r }
                indices.withUnsafeBufferPointer { trainer.loadBatch(x, indices: UnsafeBufferPointer(rebasing: $0[..<rows])) }
                let logits = trainer.forward(rows: rows, training: false, generator: &unused)
                let target = out.baseAddress! + start * classes
                target.update(from: logits, count: rows * classes)
                if plan.endsWithSoftmax {
                    for r in 0 ..< rows { Softmax.apply(target + r * classes, count: classes) }
                }
                start += rows
            }
        }
        return Tensor(shape: [count, classes], scalars: output)
    }
}
