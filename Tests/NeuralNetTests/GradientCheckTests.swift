import Testing
@testable import NeuralNet

/// Every backward pass against central differences (in Double) of its own forward pass.
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

    @Test func reluGradient() {
        // Keep values away from the kink at 0, where the derivative is not defined.
        let z = Tensor(shape: [2, 6], scalars: randomValues(12, seed: 5).map { $0 + ($0 < 0 ? -0.1 : 0.1) })
        let r = randomTensor([2, 6], seed: 6)
        let analytic = Activation.relu.backward(preActivations: z, outputGradient: r)
        let numeric = numericalGradient(z.scalars, h: 1e-3) { values in
            zip(values, r.scalars).reduce(0) { $0 + Double(Activation.relu($1.0)) * Double($1.1) }
        }
        #expect(maxRelativeError(analytic.scalars, numeric) < 1e-3)
        #expect(analytic.scalars.enumerated().allSatisfy { i, v in z.scalars[i] > 0 ? v == r.scalars[i] : v == 0 })
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

    /// The fast training step (sparse forward, CSC gradients fused with Adam) against the reference path:
    /// the layers' own forward and backward on tensors, with the same dropout mask, and `Adam.apply`.
    @Test(arguments: [1, 2])
    func fastTrainingStepMatchesReference(threads: Int) throws {
        let (x, labels) = syntheticData(count: 16, features: 40, seed: 11)
        var model = smallModel(features: 40, hidden: 64)
        let plan = try Plan(model)
        let trainer = Trainer(plan: plan, capacity: 16, model: model, threads: threads)
        Array(0 ..< 16).withUnsafeBufferPointer { trainer.loadBatch(x, indices: $0) }
        for r in 0 ..< 16 { trainer.labels[r] = Int32(labels[r]) }
        var fastGenerator = SeededGenerator(seed: 12)
        _ = trainer.trainStep(rows: 16, generator: &fastGenerator)
        var fast = model
        trainer.store(into: &fast)

        // Reference: same mask (the first draws of the same generator), tensors all the way.
        let dense0 = model.layers[1] as! Dense, dense1 = model.layers[3] as! Dense
        var referenceGenerator = SeededGenerator(seed: 12)
        let mask = Dropout(0.2).mask(count: 16 * 64, generator: &referenceGenerator)
        let z0 = dense0.preActivations(x)
        let a0 = Tensor(shape: z0.shape, scalars: z0.scalars.map { Activation.relu($0) })
        let d0 = Tensor(shape: z0.shape, scalars: zip(a0.scalars, mask).map { $0 * $1 })
        let logits = dense1.preActivations(d0)
        let (_, dLogits) = SparseCategoricalCrossentropy.lossAndGradient(logits: logits, labels: labels)
        let back1 = Dense.backward(input: d0, kernel: dense1.kernel, outputGradient: dLogits)
        let dA0 = Dropout.backward(mask: mask, outputGradient: back1.inputGradient)
        let dZ0 = Activation.relu.backward(preActivations: z0, outputGradient: dA0)
        let back0 = Dense.backward(input: x, kernel: dense0.kernel, outputGradient: dZ0)
        var parameters = [dense0.kernel, dense0.bias, dense1.kernel, dense1.bias]
        var adam = Adam()
        adam.apply(gradients: [back0.kernelGradient, back0.biasGradient, back1.kernelGradient, back1.biasGradient],
                   to: &parameters)
        model.setDense(0, kernel: parameters[0], bias: parameters[1])
        model.setDense(1, kernel: parameters[2], bias: parameters[3])

        for (a, b) in zip(fast.namedWeights, model.namedWeights) {
            #expect(a.name == b.name)
            #expect(maxAbsDifference(a.tensor.scalars, b.tensor.scalars) < 1e-6, "\(a.name)")
        }
        // The step really moved the weights (by about the learning rate where the gradient is nonzero).
        #expect(maxAbsDifference(fast.namedWeights[2].tensor.scalars, dense1.kernel.scalars) > 5e-4)
    }
}
