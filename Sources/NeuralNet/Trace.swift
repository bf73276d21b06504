/// Every stage of the article's model for one input, as the lessons show it:
/// 784 pixels -> Dense(128) sums -> ReLU -> dropout -> Dense(10) logits -> softmax probabilities.
///
/// Produced by `Sequential.trace(_:dropoutRate:training:seed:)`; cheap enough (a few microseconds in a
/// release build) to recompute on every keystroke.
public struct Trace: Sendable, Equatable {
    /// The input as one row of values (784 for a 28×28 digit, pixel / 255).
    public var flattened: [Float]
    /// The hidden Dense layer's weighted sums `x · W + b`, before the activation (128 values).
    public var preActivations: [Float]
    /// After the activation (ReLU: negative sums become exactly 0).
    public var reluOutputs: [Float]
    /// How many of `reluOutputs` are exactly 0.
    public var zeroCount: Int
    /// The dropout rate used for this trace.
    public var dropoutRate: Float
    /// Whether dropout was active (training mode).
    public var training: Bool
    /// One factor per hidden unit: in training 0 (dropped) or `1 / (1 - rate)` (kept, scaled up);
    /// at inference all 1 (dropout is the identity).
    public var dropoutMask: [Float]
    /// `reluOutputs · dropoutMask`: what the output layer receives.
    public var dropoutOutputs: [Float]
    /// The output layer's raw scores, one per class (10 for the digits).
    public var logits: [Float]
    /// `softmax(logits)`: non-negative, summing to 1.
    public var probabilities: [Float]

    /// The class with the largest logit.
    public var prediction: Int { argmax(logits) }
    /// How many units dropout switched off.
    public var droppedCount: Int { dropoutMask.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
}

extension Sequential {
    /// Runs one input through the model and keeps every stage.
    ///
    /// - `image`: the input's values (784 floats, pixel / 255 for MNIST).
    /// - `dropoutRate`: the rate to show; nil uses the model's own Dropout layer's rate (0 without one).
    /// - `training`: true draws a dropout mask from `seed` (as during `fit`); false is inference, where
    ///   dropout passes values through unchanged.
    /// - `seed`: the same seed gives the same mask, so a lesson can step through masks predictably.
    ///
    /// Expects the article's shape: an optional Flatten, a hidden Dense, optional Dropout, an output Dense.
    public func trace(_ image: [Float], dropoutRate: Float? = nil, training: Bool = false, seed: UInt64 = 0) -> Trace {
        let denses = layers.compactMap { $0 as? Dense }
        precondition(denses.count == 2, "trace expects the article's model: Flatten, Dense, Dropout, Dense")
        precondition(image.count == inputSize, "trace expects \(inputSize) values, got \(image.count)")
        let hidden = denses[0], output = denses[1]
        let rate = dropoutRate ?? (layers.first { $0 is Dropout } as? Dropout)?.rate ?? 0
        precondition(rate >= 0 && rate < 1, "dropout rate must be in 0 ..< 1, got \(rate)")

        // Hidden layer: only nonzero pixels contribute (about 150 of 784 for a digit).
        let units = hidden.units
        var z = hidden.bias.scalars
        hidden.kernel.scalars.withUnsafeBufferPointer { w in
            z.withUnsafeMutableBufferPointer { out in
                for (i, x) in image.enumerated() where x != 0 {
                    let row = w.baseAddress! + i * units
                    for j in 0 ..< units { out[j] += x * row[j] }
                }
            }
        }
        let relu = z.map { hidden.activation($0) }
        let zeros = relu.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        var mask = [Float](repeating: 1, count: units)
        if training && rate > 0 {
            var generator = SeededGenerator(seed: seed)
            mask = Dropout(rate).mask(count: units, generator: &generator)
        }
        let dropped = zip(relu, mask).map { $0 * $1 }

        let classes = output.units
        var logits = output.bias.scalars
        output.kernel.scalars.withUnsafeBufferPointer { w in
            for (i, a) in dropped.enumerated() where a != 0 {
                for c in 0 ..< classes { logits[c] += a * w[i * classes + c] }
            }
        }
        logits = logits.map { output.activation($0) }
        return Trace(flattened: image, preActivations: z, reluOutputs: relu, zeroCount: zeros, dropoutRate: rate,
                     training: training, dropoutMask: mask, dropoutOutputs: dropped, logits: logits,
                     probabilities: Softmax.probabilities(logits))
    }
}
