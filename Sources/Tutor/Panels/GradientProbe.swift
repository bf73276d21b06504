import Foundation
import NeuralNet

/// One weight of the article's model, as lesson 13 picks it: a weight of the hidden layer (the one from
/// pixel `row`, `column` to hidden unit `unit`: `dense/kernel[pixel, unit]`) or of the output layer (from
/// hidden unit `unit` to the logit of `digit`: `dense_1/kernel[unit, digit]`).
public struct WeightChoice: Equatable, Sendable {
    public enum Place: Equatable, Sendable {
        case hidden(row: Int, column: Int, unit: Int)
        case output(unit: Int, digit: Int)
    }

    public var place: Place
    /// The image's width in pixels (28), for the pixel's index in the flat input.
    public var side: Int

    public init(_ place: Place, side: Int = 28) {
        self.place = place
        self.side = side
    }

    /// Which Dense layer (0 = `dense`, 1 = `dense_1`) and which entry of its kernel `[inputs, units]`.
    public var layer: Int {
        if case .hidden = place { return 0 }
        return 1
    }

    public var kernelRow: Int {
        switch place {
        case .hidden(let row, let column, _): row * side + column
        case .output(let unit, _): unit
        }
    }

    public var kernelColumn: Int {
        switch place {
        case .hidden(_, _, let unit): unit
        case .output(_, let digit): digit
        }
    }

    /// Keras's name of the kernel and the entry: `dense/kernel[406, 5]`.
    public func name(_ model: Sequential) -> String {
        "\(model.denseLayers[layer].name)/kernel[\(kernelRow), \(kernelColumn)]"
    }
}

/// What lesson 13 measures about one weight on one fixed batch: the loss, the loss with the weight nudged
/// by ±h, the slope those give (a finite difference), and the engine's back-propagated gradient beside it;
/// then one step of plain gradient descent and one of Adam on every weight, with the loss after each.
///
/// The finite difference is computed twice. In double precision (`DoubleForward`, the model's float32
/// weights read as doubles): rounding is then about 1e-16 of the loss, far below what a nudge of 1e-3
/// changes, so it agrees with the gradient to as many digits as float32 carries (about 6). And through
/// the engine's own float32 loss (`Sequential.loss`), whose rounding (about 1e-7 of the loss) is divided
/// by 2h: with a small h that noise swamps the slope, which is why a check in float32 needs a larger h,
/// or double precision.
public struct GradientProbe: Sendable {
    public let weight: WeightChoice
    /// The weight's value now.
    public let value: Float
    /// The nudge.
    public let h: Double
    /// The mean loss on the batch, in double precision, at w, w + h and w - h.
    public let loss: Double
    public let lossPlus: Double
    public let lossMinus: Double
    /// The engine's float32 loss at w + h and w - h (the weight rounded to float32 after the nudge).
    public let floatLossPlus: Float
    public let floatLossMinus: Float
    /// The nudge as float32 weights hold it: (w + h) - (w - h) after rounding each to float32.
    public let floatStep: Double
    /// The engine's back-propagated gradient of the loss with respect to this weight (`Sequential.gradients`).
    public let gradient: Float
    /// The engine's loss on the batch as `gradients` computed it (float32).
    public let engineLoss: Float
    /// One step of each optimizer on all parameters, from the gradient of this batch.
    public let sgd: Step
    public let adam: Step

    /// One optimizer step: the learning rate, how far this weight moved, and the engine's loss afterwards.
    public struct Step: Equatable, Sendable {
        public var learningRate: Float
        public var weightChange: Float
        public var lossAfter: Float
    }

    /// Keras's `SGD()` default learning rate (plain gradient descent: w -= 0.01 · g).
    public static let sgdLearningRate: Float = 0.01

    /// The slope from the double-precision losses: (L(w + h) - L(w - h)) / 2h.
    public var slope: Double { (lossPlus - lossMinus) / (2 * h) }
    /// The same from the engine's float32 losses, over the nudge the float32 weights really made.
    public var floatSlope: Double { floatStep == 0 ? 0 : (Double(floatLossPlus) - Double(floatLossMinus)) / floatStep }

    /// How many leading significant digits `a` and `b` share (0 ... 9; 9 when they are equal, zeros included).
    public static func agreeingDigits(_ a: Double, _ b: Double) -> Int {
        if a == b { return 9 }
        let scale = max(abs(a), abs(b))
        let relative = abs(a - b) / scale
        guard relative > 0 else { return 9 }
        return max(0, min(9, Int((-log10(relative)).rounded(.down))))
    }

    /// Digits on which the double-precision slope and the back-propagated gradient agree.
    public var agreeingDigits: Int { Self.agreeingDigits(slope, Double(gradient)) }

    /// Measures `weight` of `model` on the batch `x` (one example per row) with `labels`, nudging by `h`.
    /// Throws what `Sequential.gradients` throws (a model that does not output logits, a batch of the wrong shape).
    public init(model: Sequential, x: Tensor, labels: [Int], weight: WeightChoice, h: Double) throws {
        self.weight = weight
        self.h = h
        let gradients = try model.gradients(x, labels)
        let dense = model.denseLayers[weight.layer].layer
        let index = weight.kernelRow * dense.units + weight.kernelColumn
        let w = dense.kernel.scalars[index]
        value = w
        gradient = gradients.parameters[2 * weight.layer].tensor.scalars[index]
        engineLoss = gradients.loss

        let exact = DoubleForward(model)
        let inputs = x.scalars.map(Double.init)
        loss = exact.loss(inputs, labels)
        lossPlus = exact.loss(inputs, labels, nudging: weight, by: h)
        lossMinus = exact.loss(inputs, labels, nudging: weight, by: -h)

        func nudged(_ delta: Double) -> (model: Sequential, weight: Float) {
            var copy = model
            var kernel = dense.kernel
            kernel.scalars[index] = Float(Double(w) + delta)
            copy.setDense(weight.layer, kernel: kernel, bias: dense.bias)
            return (copy, kernel.scalars[index])
        }
        let plus = nudged(h), minus = nudged(-h)
        floatLossPlus = plus.model.loss(x, labels)
        floatLossMinus = minus.model.loss(x, labels)
        floatStep = Double(plus.weight) - Double(minus.weight)

        // Plain gradient descent: every parameter moves by -lr · g.
        var descended = model
        for (d, (_, layer)) in model.denseLayers.enumerated() {
            // On plain arrays: an element written through `Tensor.scalars` from this module copies the whole
            // array each time (its `didSet` is not inlined across modules), 1.5 s for the 100,352 weights.
            var kernel = layer.kernel.scalars, bias = layer.bias.scalars
            let gk = gradients.parameters[2 * d].tensor.scalars, gb = gradients.parameters[2 * d + 1].tensor.scalars
            for i in kernel.indices { kernel[i] -= Self.sgdLearningRate * gk[i] }
            for i in bias.indices { bias[i] -= Self.sgdLearningRate * gb[i] }
            descended.setDense(d, kernel: Tensor(shape: layer.kernel.shape, scalars: kernel),
                               bias: Tensor(shape: layer.bias.shape, scalars: bias))
        }
        sgd = Step(learningRate: Self.sgdLearningRate,
                   weightChange: descended.denseLayers[weight.layer].layer.kernel.scalars[index] - w,
                   lossAfter: descended.loss(x, labels))

        // Adam's first step with Keras's defaults, through the engine's optimizer.
        var optimizer = Adam()
        var parameters = model.namedWeights.map(\.tensor)
        optimizer.apply(gradients: gradients.tensors, to: &parameters)
        var stepped = model
        for d in model.denseLayers.indices {
            stepped.setDense(d, kernel: parameters[2 * d], bias: parameters[2 * d + 1])
        }
        adam = Step(learningRate: optimizer.learningRate,
                    weightChange: stepped.denseLayers[weight.layer].layer.kernel.scalars[index] - w,
                    lossAfter: stepped.loss(x, labels))
    }
}

/// The model's forward pass and loss in double precision, for finite differences that float32 rounding
/// does not swamp. The weights are the model's float32 values, read exactly as doubles, so this is the
/// same function the engine differentiates, evaluated with less rounding.
struct DoubleForward {
    struct Layer {
        var kernel: [Double]
        var bias: [Double]
        var inputs: Int
        var units: Int
        var activation: Activation
    }

    let layers: [Layer]

    init(_ model: Sequential) {
        layers = model.denseLayers.map { _, dense in
            Layer(kernel: dense.kernel.scalars.map(Double.init), bias: dense.bias.scalars.map(Double.init),
                  inputs: dense.inputSize, units: dense.units, activation: dense.activation)
        }
    }

    static func activate(_ z: Double, _ activation: Activation) -> Double {
        switch activation {
        case .linear: z
        case .relu: z > 0 ? z : 0
        case .sigmoid: 1 / (1 + exp(-z))
        case .tanh: tanh(z)
        }
    }

    /// Mean `logsumexp(z) - z[label]` over the batch `x: [batch * inputs]`, with kernel entry `weight`
    /// changed by `delta`.
    func loss(_ x: [Double], _ labels: [Int], nudging weight: WeightChoice? = nil, by delta: Double = 0) -> Double {
        var layers = self.layers
        if let weight {
            let l = weight.layer
            layers[l].kernel[weight.kernelRow * layers[l].units + weight.kernelColumn] += delta
        }
        let inputs = layers[0].inputs
        var total = 0.0
        for (b, label) in labels.enumerated() {
            var a = Array(x[b * inputs ..< (b + 1) * inputs])
            for layer in layers {
                var z = layer.bias
                for i in 0 ..< layer.inputs where a[i] != 0 {
                    let v = a[i], row = i * layer.units
                    for j in 0 ..< layer.units { z[j] += v * layer.kernel[row + j] }
                }
                a = z.map { Self.activate($0, layer.activation) }
            }
            let largest = a.max() ?? 0
            let sum = a.reduce(0) { $0 + exp($1 - largest) }
            total += log(sum) + largest - a[label]
        }
        return total / Double(max(1, labels.count))
    }
}
