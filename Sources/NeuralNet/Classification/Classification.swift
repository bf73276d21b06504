/// What a model says about every example of a labelled set: its prediction (the largest output, as
/// `evaluate` counts it), how sure it is (the softmax probability of that class), and where it is wrong.
public struct Classification: Sendable {
    /// The true classes.
    public let labels: [Int]
    /// The class with the largest logit for each example (the first on ties, like `argmax`).
    public let predictions: [Int]
    /// Softmax probabilities, `[count, classes]`.
    public let probabilities: Tensor

    public var count: Int { labels.count }
    public var classes: Int { probabilities.rowSize }

    /// The probability the model gives its own prediction for example `index`.
    public func confidence(_ index: Int) -> Float {
        probabilities.scalars[index * classes + predictions[index]]
    }

    /// The labels against the predictions.
    public var confusion: ConfusionMatrix {
        ConfusionMatrix(labels: labels, predictions: predictions, classes: classes)
    }

    /// One wrong prediction.
    public struct Mistake: Sendable, Equatable {
        /// The example's position in the set (e.g. in `x_test`).
        public var index: Int
        public var label: Int
        public var predicted: Int
        /// The probability given to the wrong class.
        public var confidence: Float
        /// The probability given to the right class.
        public var labelProbability: Float
    }

    /// The wrong predictions, optionally only those of true class `label` and/or predicted as `predicted`,
    /// most confident first (ties in index order): the mistakes the model was surest of lead.
    public func mistakes(label: Int? = nil, predicted: Int? = nil) -> [Mistake] {
        var result: [Mistake] = []
        for i in 0 ..< count where predictions[i] != labels[i] {
            if let label, labels[i] != label { continue }
            if let predicted, predictions[i] != predicted { continue }
            result.append(Mistake(index: i, label: labels[i], predicted: predictions[i], confidence: confidence(i),
                                  labelProbability: probabilities.scalars[i * classes + labels[i]]))
        }
        return result.sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.index < $1.index }
    }
}

extension Sequential {
    /// Runs every example of `x` through the fast inference path (`predict`, dropout off) and compares with
    /// `labels`. The predictions are taken from the logits, so they are exactly the ones `evaluate` counts.
    public func classify<X: BatchSource>(_ x: X, labels: [Int]) throws -> Classification {
        let plan = try Plan(self)
        try Self.check(x, labels, plan: plan, what: "classified")
        var outputs = try predict(x)
        let classes = outputs.rowSize
        var predictions = [Int](repeating: 0, count: x.exampleCount)
        outputs.scalars.withUnsafeMutableBufferPointer { p in
            for r in 0 ..< x.exampleCount {
                let row = p.baseAddress! + r * classes
                var best = 0
                for c in 1 ..< classes where row[c] > row[best] { best = c }
                predictions[r] = best
                if !plan.endsWithSoftmax { Softmax.apply(row, count: classes) }
            }
        }
        return Classification(labels: labels, predictions: predictions, probabilities: outputs)
    }

    public func classify<X: BatchSource>(_ x: X, labels: [UInt8]) throws -> Classification {
        try classify(x, labels: labels.map(Int.init))
    }
}
