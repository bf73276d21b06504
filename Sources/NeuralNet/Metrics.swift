/// What `compile(metrics:)` may ask for besides the loss. Keras's name: `'accuracy'`.
public enum Metric: String, Sendable, Equatable {
    /// The fraction of examples whose largest output is the label.
    case accuracy
}

/// The index of the largest value (the first one on ties, like `np.argmax`).
public func argmax(_ values: [Float]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
}

/// What `compile` fixes: the optimizer (with its state), the loss and the metrics.
public struct Compilation: Sendable {
    public var optimizer: Adam
    public var loss: SparseCategoricalCrossentropy
    public var metrics: [Metric]
}

extension Sequential {
    /// Keras's `model.compile(optimizer='adam', loss=..., metrics=['accuracy'])`.
    public mutating func compile(optimizer: Adam = Adam(),
                                 loss: SparseCategoricalCrossentropy = SparseCategoricalCrossentropy(fromLogits: true),
                                 metrics: [Metric] = [.accuracy]) {
        compilation = Compilation(optimizer: optimizer, loss: loss, metrics: metrics)
    }
}
