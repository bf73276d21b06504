/// The gradient of a batch's loss with respect to every parameter of a model, with Keras's names.
public struct Gradients: Sendable {
    /// The mean loss over the batch (`SparseCategoricalCrossentropy(fromLogits: true)`, the article's loss).
    public var loss: Float
    /// The model's outputs for the batch, `[batch, classes]` (logits).
    public var logits: Tensor
    /// `dLoss/dParameter` for every parameter, in `Sequential.namedWeights`' order and with its names and
    /// shapes: `dense/kernel [784, 128]`, `dense/bias [128]`, `dense_1/kernel [128, 10]`, `dense_1/bias [10]`.
    public var parameters: [Safetensors.Entry]

    /// The gradients alone, in order (what `Adam.apply(gradients:to:)` takes).
    public var tensors: [Tensor] { parameters.map(\.tensor) }

    /// The gradient of the parameter named `name` (e.g. `"dense/kernel"`), if the model has one.
    public subscript(name: String) -> Tensor? { parameters.first { $0.name == name }?.tensor }
}

extension Sequential {
    /// The reference backward pass: the loss of `x` (one example per row) with `labels`, and its gradient
    /// with respect to every kernel and bias, by back-propagation through the layers' own forward and
    /// backward code (`Dense.forward`/`backward`, `Activation.backward`, `Dropout.forward`/`backward`).
    ///
    /// With `training`, dropout draws its masks from `generator` in the order `fit` does (layer by layer),
    /// so one training step of the fast path can be checked against this plus `Adam.apply`. Without it,
    /// dropout is the identity and the result depends only on the weights and the batch.
    ///
    /// The model must output logits (no `Softmax` layer): the loss is the article's
    /// `SparseCategoricalCrossentropy(fromLogits: true)`. Throws `TrainingError` for other layers, a batch of
    /// the wrong width, or labels that do not fit.
    public func gradients(_ x: Tensor, _ labels: [Int], training: Bool, generator: inout SeededGenerator) throws -> Gradients {
        let plan = try Plan(self)
        if plan.endsWithSoftmax {
            throw TrainingError(.unsupportedLayers, "gradients expect a model that outputs logits; remove Softmax() (the loss applies softmax itself).")
        }
        try Self.check(x, labels, plan: plan, what: "gradient")
        enum Saved { case dense(input: Tensor, preActivations: Tensor, outputs: Tensor), dropout(mask: [Float]), none }
        var saved: [Saved] = []
        var a = x.reshaped([x.rowCount, inputSize])
        for layer in layers {
            switch layer {
            case let dense as Dense:
                let (z, y) = dense.forward(a)
                saved.append(.dense(input: a, preActivations: z, outputs: y))
                a = y
            case let dropout as Dropout:
                let (y, mask) = dropout.forward(a, training: training, generator: &generator)
                saved.append(.dropout(mask: mask))
                a = y
            default:  // Flatten: the batch is already one row per example
                saved.append(.none)
            }
        }
        let (loss, dLogits) = SparseCategoricalCrossentropy.lossAndGradient(logits: a, labels: labels)
        var d = dLogits
        var reversed: [Safetensors.Entry] = []
        let names = layerNames
        for index in layers.indices.reversed() {
            switch saved[index] {
            case .dense(let input, let z, let y):
                let dense = layers[index] as! Dense
                let dz = dense.activation == .linear ? d : dense.activation.backward(preActivations: z, outputs: y, outputGradient: d)
                let back = Dense.backward(input: input, kernel: dense.kernel, outputGradient: dz)
                reversed.append(("\(names[index])/bias", back.biasGradient))
                reversed.append(("\(names[index])/kernel", back.kernelGradient))
                d = back.inputGradient
            case .dropout(let mask):
                d = Dropout.backward(mask: mask, outputGradient: d)
            case .none:
                break
            }
        }
        return Gradients(loss: loss, logits: a, parameters: reversed.reversed())
    }

    /// `gradients` at inference (dropout off): the gradient of the loss the model has on this batch as it is.
    public func gradients(_ x: Tensor, _ labels: [Int]) throws -> Gradients {
        var unused = SeededGenerator(seed: 0)
        return try gradients(x, labels, training: false, generator: &unused)
    }

    /// The mean loss of `x` with `labels` through the reference forward pass, dropout off
    /// (`SparseCategoricalCrossentropy(fromLogits: true)`): what `gradients` differentiates, so nudging a
    /// weight by ±h and dividing the change by 2h approximates its gradient.
    public func loss(_ x: Tensor, _ labels: [Int]) -> Float {
        SparseCategoricalCrossentropy(fromLogits: true)(labels: labels, predictions: self(x))
    }
}
