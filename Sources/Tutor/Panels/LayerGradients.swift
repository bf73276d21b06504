import MNIST
import NeuralNet

/// How large each Dense layer's gradient is in an untrained stack: the vanishing-gradient picture.
///
/// The model is `architecture` freshly initialised from `seed` (Keras's Glorot-uniform kernels, zero biases),
/// which is where `fit` starts. Its gradient comes from the engine's reference backward pass
/// (`Sequential.gradients`, dropout off) on the first `count` training digits, the article's loss; a layer's
/// size is the mean absolute value of `dLoss/dw` over its kernel's weights, so layers of different shapes
/// compare fairly. Layers run from the first hidden layer (next to the pixels) to the output layer.
public struct LayerGradients: Equatable, Sendable {
    public struct Key: Hashable, Sendable {
        var architecture: Architecture
        var seed: UInt64
        var count: Int
    }

    /// Keras's names, `dense`, `dense_1`, …, first to last (the last is the output layer).
    public let names: [String]
    /// Mean |dLoss/dw| over each layer's kernel, in the same order.
    public let sizes: [Double]
    /// The batch's loss at the starting weights (about ln 10 = 2.30).
    public let loss: Double

    public init(architecture: Architecture, seed: UInt64, images: ImageSet, labels: [UInt8], count: Int) {
        let n = max(1, min(count, images.count))
        let model = architecture.model(seed: seed)
        let x = Tensor(shape: [n] + architecture.inputShape, scalars: images.floats(indices: 0 ..< n))
        let y = labels.prefix(n).map(Int.init)
        // The architecture builds a logits model of its own input shape, so the engine cannot refuse it.
        let gradients = try! model.gradients(x, y)
        let kernels = gradients.parameters.filter { $0.name.hasSuffix("/kernel") }
        names = kernels.map { String($0.name.dropLast("/kernel".count)) }
        sizes = kernels.map { entry in
            let scalars = entry.tensor.scalars
            return scalars.reduce(0.0) { $0 + Double(abs($1)) } / Double(max(1, scalars.count))
        }
        loss = Double(gradients.loss)
    }

    /// The output layer's size divided by the first hidden layer's: how much the gradient shrinks on its way
    /// back to the pixels (thousands of times with sigmoid in a deep stack, about 2 with relu).
    public var lastToFirst: Double {
        guard let first = sizes.first, let last = sizes.last, first > 0 else { return 1 }
        return last / first
    }

    /// Layer labels for bars: "1", "2", … for the hidden layers, "out" for the output layer.
    public var labels: [String] { names.indices.map { $0 == names.count - 1 ? "out" : String($0 + 1) } }
}
