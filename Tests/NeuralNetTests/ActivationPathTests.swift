import Testing
@testable import NeuralNet

/// One activation path: every activation gives the same outputs through the reference layers (`model(x)`,
/// the trace, `gradients`) and through the fast kernels (`predict`, `evaluate`, training).
@Suite struct ActivationPathTests {
    /// Same function, same inputs: the fast kernel's outputs and derivative factors are the reference's bit
    /// for bit, with and without a dropout mask (including lengths that leave a tail after the 8-lane blocks).
    @Test(arguments: Activation.allCases)
    func kernelAppliesTheActivationExactly(_ activation: Activation) {
        let count = 45
        let z = randomValues(count, seed: 3).map { $0 * 6 } + [0, -0, 40, -40, 1e-30]
        var g = SeededGenerator(seed: 4)
        let mask = Dropout(0.3).mask(count: z.count, generator: &g)
        for useMask in [false, true] {
            var a = [Float](repeating: .nan, count: z.count), factor = a
            mask.withUnsafeBufferPointer { m in
                SparseKernels.activate(z, count: z.count, activation: activation, mask: useMask ? m.baseAddress : nil,
                                       a: &a, factor: &factor)
            }
            let reference = activation(Tensor(z)).scalars
            for i in z.indices {
                let m: Float = useMask ? mask[i] : 1
                #expect(a[i].bitPattern == (reference[i] * m).bitPattern, "\(activation) z = \(z[i]) mask \(m)")
                #expect(factor[i].bitPattern == (activation.derivative(at: z[i], output: reference[i]) * m).bitPattern,
                        "\(activation) z = \(z[i]) mask \(m)")
            }
        }
    }

    /// `model(x)` (the reference layers) and `model.predict(x)` (the fast kernels) agree for every activation,
    /// on the article's shape and a deep stack. They are not bit-identical by design: the fast kernels fuse
    /// each multiply-add (one rounding instead of two) and the pretrained model's bits depend on that, while
    /// the reference adds the products one by one as the lessons show them; the difference is float rounding.
    @Test(arguments: Activation.allCases)
    func referenceAndFastPathGiveTheSameOutputs(_ activation: Activation) throws {
        for hidden in testedStacks {
            let (x, _) = syntheticData(count: 20, features: 50, seed: 5)
            let model = stack(features: 50, hidden: hidden, activation: activation, seed: 6)
            let reference = model(x)
            let fast = try model.predict(x, batchSize: 7)
            #expect(fast.shape == reference.shape)
            let scale = max(1, reference.scalars.map(abs).max()!)
            #expect(maxAbsDifference(fast.scalars, reference.scalars) <= 1e-5 * scale, "\(activation) \(hidden)")
            // The activation matters: the same weights with ReLU give other outputs (the bug this guards against
            // was a kernel running tanh as if it were linear).
            if activation != .relu {
                let relu = Sequential(layers: model.layers.map { layer in
                    guard let dense = layer as? Dense, dense.activation == activation else { return layer }
                    var swapped = Dense(dense.units, activation: .relu)
                    var unused = SeededGenerator(seed: 0)
                    swapped.build(inputShape: [dense.inputSize], generator: &unused)
                    swapped.setWeights(kernel: dense.kernel, bias: dense.bias)
                    return swapped
                })
                #expect(maxAbsDifference(try relu.predict(x).scalars, fast.scalars) > 1e-3, "\(activation) \(hidden)")
            }
        }
    }

    /// The trace runs the same layers on one row: its stages are `model(x)`'s, exactly.
    @Test(arguments: Activation.allCases)
    func traceIsTheReferenceForwardPass(_ activation: Activation) {
        let hidden = testedStacks[1]
        let (x, _) = syntheticData(count: 3, features: 50, seed: 7)
        let model = stack(features: 50, hidden: hidden, activation: activation, seed: 8)
        let batch = model(x)
        for r in 0 ..< 3 {
            let trace = model.trace(x.row(r))
            #expect(trace.logits == batch.row(r))
            #expect(trace.hiddenLayers.map(\.preActivations.count) == hidden)
            #expect(trace.hiddenLayers.allSatisfy { $0.activation == activation })
            for layer in trace.hiddenLayers {
                #expect(layer.outputs == layer.preActivations.map { activation($0) })
                #expect(layer.zeroCount == layer.outputs.filter { $0 == 0 }.count)
                #expect(layer.dropoutOutputs == layer.outputs)
            }
            // The first hidden layer, under the names the lessons use.
            #expect(trace.hiddenOutputs == trace.hiddenLayers[0].outputs && trace.preActivations == trace.hiddenLayers[0].preActivations)
        }
    }

    /// Training with each activation learns, and `evaluate` (the fast path) agrees with the reference
    /// forward pass's loss on the trained weights.
    @Test(arguments: Activation.allCases)
    func everyActivationTrains(_ activation: Activation) throws {
        let (x, y) = syntheticData(count: 2000, features: 100, seed: 9)
        let (tx, ty) = syntheticData(count: 300, features: 100, seed: 10)
        var model = stack(features: 100, hidden: [64, 32], activation: activation, seed: 11)
        model.compile()
        try model.fit(x, y, epochs: 3, batchSize: 32, seed: 1)
        let result = try model.evaluate(tx, ty)
        // Six times chance at least (sigmoid learns slowest: about 0.73 here, the others above 0.9).
        #expect(result.accuracy > 0.6, "\(activation): \(result.accuracy)")
        #expect(abs(result.loss - model.loss(tx, ty)) < 1e-4)
    }
}
