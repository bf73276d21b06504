/// A plain stack of layers, each feeding the next (Keras's `Sequential`). Not a model for sequences:
/// the name only says the layers run one after another.
///
/// A value type: `let untrained = model` keeps an independent copy while `model` trains.
/// Building draws the initial weights from `SeededGenerator(seed:)`; the default seed 0 makes the
/// untrained model the same on every run, so a lesson can show the same "random" predictions each time.
public struct Sequential: Sendable {
    public internal(set) var layers: [any Layer]
    /// The shape of one input example (from the first layer, e.g. `[28, 28]`).
    public let inputShape: [Int]
    /// Keras's default model name.
    public var name = "sequential"
    /// Set by `compile`; `fit` and `evaluate` need it.
    public internal(set) var compilation: Compilation?

    /// Builds the model written in the article's order, e.g.
    /// `Sequential { Flatten(inputShape: [28, 28]); Dense(128, activation: .relu); Dropout(0.2); Dense(10) }`.
    public init(seed: UInt64 = 0, @LayerBuilder _ layers: () -> [any Layer]) {
        self.init(layers: layers(), seed: seed)
    }

    /// The first layer must declare the input shape (`Flatten(inputShape:)` or `Dense(_, inputShape:)`).
    /// Dense layers that already have weights keep them.
    public init(layers: [any Layer], seed: UInt64 = 0) {
        precondition(!layers.isEmpty, "Sequential needs at least one layer")
        let declared = (layers[0] as? Flatten)?.inputShape ?? (layers[0] as? Dense)?.declaredInputShape
        guard let declared else {
            preconditionFailure("the first layer must declare the input shape, e.g. Flatten(inputShape: [28, 28])")
        }
        inputShape = declared
        var generator = SeededGenerator(seed: seed)
        var shape = declared
        var built: [any Layer] = []
        for var layer in layers {
            // Layers taken from another model keep their weights (e.g. `Sequential(layers: model.layers + [Softmax()])`);
            // new ones are built. Dense layers that already fit still consume their draws, so the seed's stream
            // stays the same for the layers after them.
            if let dense = layer as? Dense, dense.inputSize > 0 {
                precondition([dense.inputSize] == shape, "a built Dense(\(dense.units)) takes \(dense.inputSize) inputs, but receives \(shape)")
                var fresh = Dense(dense.units, activation: dense.activation)
                fresh.build(inputShape: shape, generator: &generator)
            } else {
                layer.build(inputShape: shape, generator: &generator)
            }
            shape = layer.outputShape(for: shape)
            built.append(layer)
        }
        self.layers = built
    }

    /// Values per input example (784 for 28×28 images).
    public var inputSize: Int { inputShape.reduce(1, *) }

    /// The shape of one example's output (e.g. `[10]`).
    public var outputShape: [Int] {
        layers.reduce(inputShape) { $1.outputShape(for: $0) }
    }

    /// Each layer's output shape, in order.
    public var layerOutputShapes: [[Int]] {
        var shape = inputShape
        return layers.map { shape = $0.outputShape(for: shape); return shape }
    }

    /// Keras's automatic names: a counter per layer type, e.g. `flatten, dense, dropout, dense_1`.
    /// The weights file uses the Dense names (`dense/kernel`, `dense_1/kernel`).
    public var layerNames: [String] {
        var seen: [String: Int] = [:]
        return layers.map { layer in
            let base = layer.baseName
            let n = seen[base, default: 0]
            seen[base] = n + 1
            return n == 0 ? base : "\(base)_\(n)"
        }
    }

    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// The Dense layers in order, with their Keras names (`dense`, `dense_1`).
    public var denseLayers: [(name: String, layer: Dense)] {
        zip(layerNames, layers).compactMap { name, layer in (layer as? Dense).map { (name, $0) } }
    }

    /// Replaces the Dense layer at `denseIndex` (0 = the first Dense) with `layer` (same shapes).
    public mutating func setDense(_ denseIndex: Int, kernel: Tensor, bias: Tensor) {
        let positions = layers.indices.filter { layers[$0] is Dense }
        precondition(denseIndex >= 0 && denseIndex < positions.count, "no Dense layer number \(denseIndex)")
        var dense = layers[positions[denseIndex]] as! Dense
        dense.setWeights(kernel: kernel, bias: bias)
        layers[positions[denseIndex]] = dense
    }

    /// Inference on a batch (`model(x_train[:1])`): `x: [batch, 28, 28] or [batch, 784] -> logits [batch, 10]`.
    /// Dropout is the identity here.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var unused = SeededGenerator(seed: 0)
        return self(x, training: false, generator: &unused)
    }

    /// Runs every layer on `x`; with `training: true` dropout draws its masks from `generator`.
    public func callAsFunction(_ x: Tensor, training: Bool, generator: inout SeededGenerator) -> Tensor {
        precondition(x.rank >= 2 && x.rowSize == inputSize,
                     "the model expects a batch of shape [batch] + \(inputShape), got \(x.shape)")
        var y = x.reshaped([x.rowCount] + inputShape)
        for layer in layers { y = layer(y, training: training, generator: &generator) }
        return y
    }
}
