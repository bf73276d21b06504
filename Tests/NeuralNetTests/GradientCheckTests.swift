import Foundation
import Testing
@testable import NeuralNet

/// Every backward pass against central differences of its forward pass: each layer's alone, then the
/// library's whole-model backward pass (`Sequential.gradients`) for every activation and for deep stacks,
/// and the fast training step against that reference.
@Suite struct GradientCheckTests {
    @Test func denseKernelBiasAndInputGradients() {
        let x = randomTensor([3, 5], seed: 1)
        let w = randomTensor([5, 4], seed: 2)
        let b = randomTensor([4], seed: 3)
        let r = randomTensor([3, 4], seed: 4)  // loss = Σ r ⊙ (x·w + b), so dLoss/dz = r
        func loss(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Double {
            var dense = Dense(4)
            var g = SeededGenerator(seed: 0)
            dense.build(inputShape: [5], generator: &g)
            dense.setWeights(kernel: w, bias: b)
            let z = dense.preActivations(x)
            return zip(z.scalars, r.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let analytic = Dense.backward(input: x, kernel: w, outputGradient: r)
        let dW = numericalGradient(w.scalars) { loss(x, Tensor(shape: [5, 4], scalars: $0), b) }
        let db = numericalGradient(b.scalars) { loss(x, w, Tensor(shape: [4], scalars: $0)) }
        let dx = numericalGradient(x.scalars) { loss(Tensor(shape: [3, 5], scalars: $0), w, b) }
        #expect(maxRelativeError(analytic.kernelGradient.scalars, dW) < 1e-3)
        #expect(maxRelativeError(analytic.biasGradient.scalars, db) < 1e-3)
        #expect(maxRelativeError(analytic.inputGradient.scalars, dx) < 1e-3)
    }

    @Test(arguments: Activation.allCases)
    func activationGradient(_ activation: Activation) {
        // Keep values away from ReLU's kink at 0, where the derivative is not defined.
        let z = Tensor(shape: [2, 6], scalars: randomValues(12, seed: 5).map { ($0 + ($0 < 0 ? -0.1 : 0.1)) * 3 })
        let r = randomTensor([2, 6], seed: 6)
        let analytic = activation.backward(preActivations: z, outputGradient: r)
        let numeric = numericalGradient(z.scalars, h: 1e-3) { values in
            zip(values, r.scalars).reduce(0) { $0 + Double(activation($1.0)) * Double($1.1) }
        }
        #expect(maxRelativeError(analytic.scalars, numeric) < 2e-3)
        if activation == .relu {
            #expect(analytic.scalars.enumerated().allSatisfy { i, v in z.scalars[i] > 0 ? v == r.scalars[i] : v == 0 })
        }
    }

    @Test func dropoutGradientWithFixedMask() {
        let x = randomTensor([4, 8], seed: 7)
        let r = randomTensor([4, 8], seed: 8)
        var g = SeededGenerator(seed: 9)
        let mask = Dropout(0.5).mask(count: 32, generator: &g)
        let analytic = Dropout.backward(mask: mask, outputGradient: r)
        let numeric = numericalGradient(x.scalars) { values in
            (0 ..< 32).reduce(0) { $0 + Double(values[$1] * mask[$1]) * Double(r.scalars[$1]) }
        }
        #expect(maxRelativeError(analytic.scalars, numeric) < 1e-3)
        #expect(mask.contains(0) && mask.contains(2))
    }

    @Test func fusedSoftmaxCrossEntropyGradient() {
        let logits = Tensor(shape: [3, 10], scalars: randomValues(30, seed: 10).map { $0 * 4 })
        let labels = [3, 0, 9]
        let (loss, analytic) = SparseCategoricalCrossentropy.lossAndGradient(logits: logits, labels: labels)
        let lossFunction = SparseCategoricalCrossentropy(fromLogits: true)
        #expect(abs(loss - lossFunction(labels: labels, predictions: logits)) < 1e-6)
        let numeric = numericalGradient(logits.scalars, h: 1e-2) { values in
            Double(lossFunction(labels: labels, predictions: Tensor(shape: [3, 10], scalars: values)))
        }
        #expect(maxRelativeError(analytic.scalars, numeric) < 2e-3)
    }

    /// The model's loss in Double, written out independently of the engine (the same formulas: `x · W + b`,
    /// the activation, `logsumexp(z) - z[label]`), so central differences are accurate even for the tiny
    /// gradients of a deep sigmoid stack and a mistake in the engine's forward pass cannot hide.
    static func doubleLoss(_ model: Sequential, _ parameters: [[Double]], _ x: Tensor, _ labels: [Int]) -> Double {
        let denses = model.denseLayers.map(\.layer)
        var a = (0 ..< x.rowCount).map { r in x.row(r).map(Double.init) }
        for (k, dense) in denses.enumerated() {
            let w = parameters[2 * k], b = parameters[2 * k + 1]
            a = a.map { row in
                (0 ..< dense.units).map { j in
                    let z = row.indices.reduce(b[j]) { $0 + row[$1] * w[$1 * dense.units + j] }
                    switch dense.activation {
                    case .linear: return z
                    case .relu: return max(0, z)
                    case .sigmoid: return 1 / (1 + Foundation.exp(-z))
                    case .tanh: return Foundation.tanh(z)
                    }
                }
            }
        }
        let losses = zip(a, labels).map { z, label in
            let m = z.max()!
            return Foundation.log(z.reduce(0) { $0 + Foundation.exp($1 - m) }) + m - z[label]
        }
        return losses.reduce(0, +) / Double(labels.count)
    }

    /// `Sequential.gradients` against central differences of the Double loss, for every parameter of small
    /// models: one hidden layer and a stack of five, for each activation. Each tensor is compared relative
    /// to its own largest gradient, so the first layers of a sigmoid stack (gradients orders of magnitude
    /// smaller than the last ones: the vanishing gradient) are checked as strictly as the rest.
    @Test(arguments: Activation.allCases, [[7], [6, 5, 7, 4, 6]])
    func modelGradientsMatchFiniteDifferences(_ activation: Activation, hidden: [Int]) throws {
        let (x, labels) = syntheticData(count: 5, features: 12, classes: 4, seed: 21)
        let model = stack(features: 12, hidden: hidden, activation: activation, classes: 4, seed: 22)
        let gradients = try model.gradients(x, labels)
        #expect(gradients.parameters.map(\.name) == model.namedWeights.map(\.name))
        #expect(gradients.parameters.map(\.tensor.shape) == model.namedWeights.map(\.tensor.shape))
        #expect(abs(Double(gradients.loss) - Self.doubleLoss(model, model.namedWeights.map { $0.tensor.scalars.map(Double.init) }, x, labels)) < 1e-5)
        #expect(gradients.logits == model(x))
        var parameters = model.namedWeights.map { $0.tensor.scalars.map(Double.init) }
        let h = 1e-4
        for (k, entry) in gradients.parameters.enumerated() {
            var numeric = [Double](repeating: 0, count: entry.tensor.count)
            for i in numeric.indices {
                let saved = parameters[k][i]
                parameters[k][i] = saved + h
                let plus = Self.doubleLoss(model, parameters, x, labels)
                parameters[k][i] = saved - h
                let minus = Self.doubleLoss(model, parameters, x, labels)
                parameters[k][i] = saved
                numeric[i] = (plus - minus) / (2 * h)
            }
            let scale = max(numeric.map(abs).max()!, 1e-12)
            let error = zip(entry.tensor.scalars, numeric).map { abs(Double($0) - $1) }.max()! / scale
            #expect(error < 2e-3, "\(activation) \(hidden) \(entry.name): error \(error) of scale \(scale)")
            #expect(scale > 1e-9, "\(entry.name): a gradient that is all zeros checks nothing")
        }
    }

    /// The vanishing gradient the "Going further" lesson shows, as a fact of the engine: in a stack of five
    /// sigmoid layers the first layer's gradient is far smaller than the last hidden layer's; with ReLU it is not.
    @Test func sigmoidStacksVanishReLUStacksDoNot() throws {
        let (x, labels) = syntheticData(count: 32, features: 100, seed: 31)
        func ratio(_ activation: Activation) throws -> Double {
            let model = stack(features: 100, hidden: [64, 64, 64, 64, 64], activation: activation, seed: 32)
            let g = try model.gradients(x, labels)
            func size(_ name: String) -> Double {
                let t = g[name]!.scalars
                return (t.reduce(0) { $0 + Double($1) * Double($1) } / Double(t.count)).squareRoot()
            }
            return size("dense/kernel") / size("dense_4/kernel")
        }
        let sigmoid = try ratio(.sigmoid), relu = try ratio(.relu)
        #expect(sigmoid < 0.05, "sigmoid first/last hidden gradient size \(sigmoid)")
        #expect(relu > 0.2, "relu first/last hidden gradient size \(relu)")
    }

    @Test func gradientsRefuseWhatTheyCannotDifferentiate() {
        let model = stack(features: 12, hidden: [5], activation: .relu, classes: 4)
        let (x, labels) = syntheticData(count: 3, features: 12, classes: 4, seed: 1)
        #expect(throws: TrainingError.self) { try Sequential(layers: model.layers + [Softmax()]).gradients(x, labels) }
        #expect(throws: TrainingError.self) { try model.gradients(x, [0, 1, 9]) }
        #expect(throws: TrainingError.self) { try model.gradients(x.reshaped([6, 6]), labels + labels) }
    }

    /// The fast training step (sparse forward, the activation kernel, CSC gradients fused with Adam) against
    /// the library's reference: `gradients` in training mode (the same dropout masks: the same generator,
    /// drawn layer by layer) and `Adam.apply`. For every activation, the article's shape and a deep stack,
    /// on one thread and two.
    @Test(arguments: Activation.allCases, [1, 2])
    func fastTrainingStepMatchesReference(_ activation: Activation, threads: Int) throws {
        for hidden in testedStacks {
            let (x, labels) = syntheticData(count: 16, features: 40, seed: 11)
            var model = stack(features: 40, hidden: hidden, activation: activation)
            let trainer = Trainer(plan: try Plan(model), capacity: 16, model: model, threads: threads)
            Array(0 ..< 16).withUnsafeBufferPointer { trainer.loadBatch(x, indices: $0) }
            for r in 0 ..< 16 { trainer.labels[r] = Int32(labels[r]) }
            var fastGenerator = SeededGenerator(seed: 12)
            _ = trainer.trainStep(rows: 16, generator: &fastGenerator)
            var fast = model
            trainer.store(into: &fast)

            var referenceGenerator = SeededGenerator(seed: 12)
            let before = model.namedWeights.map(\.tensor)
            let gradients = try model.gradients(x, labels, training: true, generator: &referenceGenerator)
            var parameters = before
            var adam = Adam()
            adam.apply(gradients: gradients.tensors, to: &parameters)
            for k in 0 ..< parameters.count / 2 { model.setDense(k, kernel: parameters[2 * k], bias: parameters[2 * k + 1]) }

            // Adam's first step moves each weight by about the learning rate (0.001) whatever the gradient's size,
            // so where a gradient is tiny (a deep stack's first layers) its last-bit differences show: 3·10⁻⁶ is
            // 0.3% of a step, while a wrong gradient would be off by whole steps.
            for (a, b) in zip(fast.namedWeights, model.namedWeights) {
                #expect(a.name == b.name)
                #expect(maxAbsDifference(a.tensor.scalars, b.tensor.scalars) < 3e-6, "\(activation) \(hidden) \(a.name)")
            }
            // The step really moved every layer (by about the learning rate where the gradient is nonzero).
            for (k, entry) in fast.namedWeights.enumerated() where entry.name.hasSuffix("kernel") {
                #expect(maxAbsDifference(entry.tensor.scalars, before[k].scalars) > 5e-4, "\(activation) \(hidden) \(entry.name)")
            }
        }
    }
}
