/// Every stage of a model for one input, as the lessons show it. For the article's model:
/// 784 pixels -> Dense(128) sums -> ReLU -> dropout -> Dense(10) logits -> softmax probabilities.
///
/// Produced by `Sequential.trace(_:dropoutRate:training:seed:)`, which runs the layers' own forward code
/// (`Dense.forward`, `Dropout.forward`) on a batch of one; cheap enough (a few microseconds in a release
/// build) to recompute on every keystroke.
public struct Trace: Sendable, Equatable {
    /// One hidden Dense layer (every Dense but the last) and the dropout after it.
    public struct Hidden: Sendable, Equatable {
        /// The layer's activation (ReLU in the article's model).
        public var activation: Activation
        /// The weighted sums `x · W + b`, before the activation (128 values in the article's model).
        public var preActivations: [Float]
        /// After the activation (ReLU: negative sums become exactly 0).
        public var outputs: [Float]
        /// How many `outputs` are exactly 0. This is what ReLU's sparsity means; sigmoid and tanh almost
        /// never give an exact 0, so for them the count is (nearly always) 0, not a measure of anything.
        public var zeroCount: Int
        /// One factor per unit: in training 0 (dropped) or `1 / (1 - rate)` (kept, scaled up); all 1 at
        /// inference (dropout is the identity) or without a Dropout layer after this one.
        public var dropoutMask: [Float]
        /// `outputs · dropoutMask`: what the next layer receives.
        public var dropoutOutputs: [Float]
    }

    /// The input as one row of values (784 for a 28×28 digit, pixel / 255).
    public var flattened: [Float]
    /// The hidden layers in order (one in the article's model).
    public var hiddenLayers: [Hidden]
    /// The dropout rate used for this trace.
    public var dropoutRate: Float
    /// Whether dropout was active (training mode).
    public var training: Bool
    /// The output layer's values, one per class (10 for the digits): logits in the article's model.
    public var logits: [Float]
    /// `softmax(logits)`: non-negative, summing to 1.
    public var probabilities: [Float]

    /// The class with the largest logit.
    public var prediction: Int { argmax(logits) }

    // The first hidden layer, the article's only one, as the lessons name its parts (empty without one).

    /// The first hidden layer's weighted sums, before its activation.
    public var preActivations: [Float] { hiddenLayers.first?.preActivations ?? [] }
    /// The first hidden layer's outputs, after its activation (the ReLU outputs in the article's model).
    public var hiddenOutputs: [Float] { hiddenLayers.first?.outputs ?? [] }
    /// How many of `hiddenOutputs` are exactly 0 (see `Hidden.zeroCount`: meaningful for ReLU).
    public var zeroCount: Int { hiddenLayers.first?.zeroCount ?? 0 }
    /// The dropout mask after the first hidden layer.
    public var dropoutMask: [Float] { hiddenLayers.first?.dropoutMask ?? [] }
    /// `hiddenOutputs · dropoutMask`: what the next layer receives.
    public var dropoutOutputs: [Float] { hiddenLayers.first?.dropoutOutputs ?? [] }
    /// How many units of the first hidden layer dropout switched off.
    public var droppedCount: Int { dropoutMask.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
}

extension Sequential {
    /// Runs one input through the model, layer by layer, and keeps every stage.
    ///
    /// - `image`: the input's values (784 floats, pixel / 255 for MNIST).
    /// - `dropoutRate`: the rate to show for every Dropout layer; nil uses each layer's own rate.
    /// - `training`: true draws dropout masks from `seed` (as during `fit`); false is inference, where
    ///   dropout passes values through unchanged.
    /// - `seed`: the same seed gives the same masks, so a lesson can step through masks predictably.
    ///
    /// Expects a stack of Dense layers (optionally after Flatten, with Dropout between them and Softmax
    /// at the end); the last Dense is the output layer, the others are `hiddenLayers`.
    public func trace(_ image: [Float], dropoutRate: Float? = nil, training: Bool = false, seed: UInt64 = 0) -> Trace {
        precondition(image.count == inputSize, "trace expects \(inputSize) values, got \(image.count)")
        precondition(dropoutRate.map { $0 >= 0 && $0 < 1 } ?? true, "dropout rate must be in 0 ..< 1, got \(dropoutRate!)")
        let lastDense = layers.lastIndex { $0 is Dense }
        precondition(lastDense != nil, "trace needs a model with a Dense layer")
        var generator = SeededGenerator(seed: seed)
        var x = Tensor(shape: [1, image.count], scalars: image)
        var hidden: [Trace.Hidden] = []
        var rateShown: Float?
        var probabilities: [Float]?
        for (index, layer) in layers.enumerated() {
            switch layer {
            case let dense as Dense:
                let (z, y) = dense.forward(x)
                x = y
                if index != lastDense {
                    let zeros = y.scalars.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
                    hidden.append(Trace.Hidden(activation: dense.activation, preActivations: z.scalars, outputs: y.scalars,
                                               zeroCount: zeros, dropoutMask: [Float](repeating: 1, count: y.count),
                                               dropoutOutputs: y.scalars))
                }
            case let dropout as Dropout:
                let rate = dropoutRate ?? dropout.rate
                rateShown = rateShown ?? rate
                let (y, mask) = Dropout(rate).forward(x, training: training, generator: &generator)
                x = y
                if !hidden.isEmpty && index < lastDense! {
                    hidden[hidden.count - 1].dropoutMask = zip(hidden[hidden.count - 1].dropoutMask, mask).map { $0 * $1 }
                    hidden[hidden.count - 1].dropoutOutputs = y.scalars
                }
            case is Softmax:
                probabilities = layer(x, training: training, generator: &generator).scalars
            default:
                x = layer(x, training: training, generator: &generator)
            }
        }
        let logits = x.scalars
        return Trace(flattened: image, hiddenLayers: hidden, dropoutRate: rateShown ?? dropoutRate ?? 0, training: training,
                     logits: logits, probabilities: probabilities ?? Softmax.probabilities(logits))
    }
}
