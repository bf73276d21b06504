/// A stack of Dense layers on flat inputs, the family of models the command line and the "Going further"
/// experiments build: `Flatten(inputShape:)`, then for each hidden width `Dense(width, activation:)`
/// followed by `Dropout(rate)`, then `Dense(classes)` for the logits.
///
/// The default is the article's model (one hidden layer of 128 ReLU units, dropout 0.2, 10 classes), and
/// `model(seed:)` builds it exactly as `Sequential.article(seed:)` does: the same layers in the same order,
/// so the same Glorot-uniform draws and Keras's layer names (`dense`, `dropout`, `dense_1`, …).
public struct Architecture: Sendable, Hashable, CustomStringConvertible {
    /// The hidden layers' widths, first to last (`[128]` in the article; `[64, 64, 64]` for three of 64).
    public var hidden: [Int]
    /// The activation of every hidden layer (the output layer has none: it gives logits).
    public var activation: Activation
    /// The rate of the Dropout layer after each hidden layer (a rate of 0 keeps the layer, which then does nothing).
    public var dropoutRate: Float
    /// The shape of one input example (`[28, 28]` for MNIST's digits).
    public var inputShape: [Int]
    /// Output units, one per class.
    public var classes: Int

    public init(hidden: [Int] = [128], activation: Activation = .relu, dropoutRate: Float = 0.2,
                inputShape: [Int] = [28, 28], classes: Int = 10) {
        precondition(hidden.allSatisfy { $0 > 0 } && classes > 0, "Architecture: widths must be positive, got \(hidden) and \(classes)")
        precondition(dropoutRate >= 0 && dropoutRate < 1, "Architecture: dropout rate must be in 0 ..< 1, got \(dropoutRate)")
        self.hidden = hidden
        self.activation = activation
        self.dropoutRate = dropoutRate
        self.inputShape = inputShape
        self.classes = classes
    }

    /// The article's model: `Dense(128, activation='relu')`, `Dropout(0.2)`, `Dense(10)` on 28×28 inputs.
    public static let article = Architecture()

    /// The layers, in Keras's order.
    public var layers: [any Layer] {
        var result: [any Layer] = [Flatten(inputShape: inputShape)]
        for width in hidden {
            result.append(Dense(width, activation: activation))
            result.append(Dropout(dropoutRate))
        }
        result.append(Dense(classes))
        return result
    }

    /// The model with fresh Keras-style weights (Glorot-uniform kernels, zero biases) drawn from `seed`.
    public func model(seed: UInt64 = 0) -> Sequential {
        Sequential(layers: layers, seed: seed)
    }

    /// Trainable values: every kernel and bias (101,770 for the article's model).
    public var parameterCount: Int {
        let sizes = [inputShape.reduce(1, *)] + hidden + [classes]
        return zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
    }

    /// Recognises a model of this family (the architecture of `model`), or nil when it is not one: the layers
    /// must be Flatten, then Dense + Dropout pairs with one activation and one rate, then a linear Dense.
    public init?(_ model: Sequential) {
        let layers = model.layers
        guard layers.count >= 2, let flatten = layers.first as? Flatten, let inputShape = flatten.inputShape,
              let output = layers.last as? Dense, output.activation == .linear, (layers.count - 2) % 2 == 0 else { return nil }
        var hidden: [Int] = []
        var activations: Set<Activation> = [], rates: Set<Float> = []
        var i = 1
        while i < layers.count - 1 {
            guard let dense = layers[i] as? Dense, let dropout = layers[i + 1] as? Dropout else { return nil }
            hidden.append(dense.units)
            activations.insert(dense.activation)
            rates.insert(dropout.rate)
            i += 2
        }
        guard activations.count <= 1, rates.count <= 1 else { return nil }
        self.init(hidden: hidden, activation: activations.first ?? .relu, dropoutRate: rates.first ?? 0,
                  inputShape: inputShape, classes: output.units)
    }

    /// `784 → 128 relu → 10`: the widths from input to output, and the hidden layers' activation.
    public var description: String {
        let input = String(inputShape.reduce(1, *))
        return ([input] + hidden.map { "\($0) \(activation.rawValue)" } + [String(classes)]).joined(separator: " → ")
    }
}

extension Architecture {
    /// The article's model with another dropout rate.
    public static func article(dropoutRate: Float) -> Architecture { Architecture(dropoutRate: dropoutRate) }
}
