import Testing
@testable import NeuralNet

/// Values worked out by hand (or with a calculator), so a mistake in the engine cannot hide behind
/// an equally wrong reference.
@Suite struct HandComputedTests {
    @Test func twoInputDense() {
        var dense = Dense(2, activation: .relu)
        var g = SeededGenerator(seed: 0)
        dense.build(inputShape: [2], generator: &g)
        // kernel [inputs, units] = [[1, 2], [3, 4]], bias [0.5, -1]
        dense.setWeights(kernel: Tensor([[1, 2], [3, 4]]), bias: Tensor([0.5, -1]))
        // x = [2, 1]: z = [2·1 + 1·3 + 0.5, 2·2 + 1·4 - 1] = [5.5, 7]
        #expect(dense(Tensor([[2, 1]]), training: false, generator: &g).scalars == [5.5, 7])
        // x = [1, -1]: z = [1 - 3 + 0.5, 2 - 4 - 1] = [-1.5, -3] -> ReLU -> [0, 0]
        #expect(dense.preActivations(Tensor([[1, -1]])).scalars == [-1.5, -3])
        #expect(dense(Tensor([[1, -1]]), training: false, generator: &g).scalars == [0, 0])
        #expect(dense.weights(ofUnit: 1) == [2, 4])
        #expect(dense.bias(ofUnit: 0) == 0.5)
    }

    @Test func softmaxOfOneTwoThree() {
        let p = Softmax.probabilities([1, 2, 3])
        // e^1, e^2, e^3 over their sum 30.1929...
        #expect(abs(p[0] - 0.09003057) < 1e-6)
        #expect(abs(p[1] - 0.24472847) < 1e-6)
        #expect(abs(p[2] - 0.66524096) < 1e-6)
        // Stable for huge logits (a naive exp would overflow to inf/inf = NaN).
        let big = Softmax.probabilities([1000, 1001, 1002])
        #expect(abs(big[2] - 0.66524096) < 1e-6)
    }

    @Test func crossEntropyFromLogits() {
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        // -log(softmax([1,2,3])[2]) = -log(0.66524096) = 0.40760596
        #expect(abs(loss(labels: [2], predictions: Tensor([[1, 2, 3]])) - 0.40760596) < 1e-6)
        // label 0: -log(0.09003057) = 2.40760596; the batch loss is the mean
        #expect(abs(loss(labels: [2, 0], predictions: Tensor([[1, 2, 3], [1, 2, 3]])) - 1.40760596) < 1e-6)
        // Equal logits: ln(10) = 2.302585, the untrained model's starting point.
        #expect(abs(loss(labels: [7], predictions: Tensor([[Float](repeating: 0.3, count: 10)])) - 2.3025851) < 1e-6)
        // Probabilities (fromLogits: false): -log(0.25)
        let probabilityLoss = SparseCategoricalCrossentropy(fromLogits: false)
        #expect(abs(probabilityLoss(labels: [1], predictions: Tensor([[0.75, 0.25]])) - 1.3862944) < 1e-6)
    }

    @Test func oneAdamStep() {
        // w = 1, g = 0.5, Keras defaults:
        // m = 0.1·0.5 = 0.05; v = 0.001·0.25 = 0.00025
        // α = 0.001·sqrt(1 - 0.999)/(1 - 0.9) = 3.16227766e-4
        // w -= α·m/(sqrt(v) + 1e-7) = 3.16227766e-4·0.05/(0.0158113883 + 1e-7) = 9.9999368e-4
        var adam = Adam()
        #expect(adam.learningRate == 0.001 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-7)
        var parameters = [Tensor([1])]
        adam.apply(gradients: [Tensor([0.5])], to: &parameters)
        #expect(adam.iterations == 1)
        #expect(abs(adam.moments[0][0] - 0.05) < 1e-8 * 2)
        #expect(abs(adam.velocities[0][0] - 0.00025) / 0.00025 < 2e-5)
        #expect(abs(adam.stepSize(step: 1) - 3.16227766e-4) / 3.16227766e-4 < 1e-5)
        #expect(abs(parameters[0].scalars[0] - (1 - 9.9999368e-4)) < 1e-7)
        // A second step with the same gradient: m = 0.095, v = 0.00049975, α = 0.001·sqrt(0.001999)/0.19
        adam.apply(gradients: [Tensor([0.5])], to: &parameters)
        let alpha2: Double = 0.001 * (0.001999 as Double).squareRoot() / 0.19
        let step2 = alpha2 * 0.095 / ((0.00049975 as Double).squareRoot() + 1e-7)
        #expect(abs(Double(parameters[0].scalars[0]) - (1 - 9.9999368e-4 - step2)) < 1e-6)
    }

    @Test func dropoutKeepsTheExpectedFractionAndScales() {
        var g = SeededGenerator(seed: 42)
        let mask = Dropout(0.2).mask(count: 100_000, generator: &g)
        let kept = mask.filter { $0 != 0 }
        #expect(abs(Double(kept.count) / 100_000 - 0.8) < 0.01)
        #expect(kept.allSatisfy { $0 == 1.25 })  // 1 / (1 - 0.2)
        #expect(mask.allSatisfy { $0 == 0 || $0 == 1.25 })
        // Through the layer: the expected sum is unchanged.
        let x = Tensor(shape: [1, 100_000], scalars: [Float](repeating: 1, count: 100_000))
        var g2 = SeededGenerator(seed: 7)
        let y = Dropout(0.2)(x, training: true, generator: &g2)
        #expect(abs(y.scalars.reduce(0, +) / 100_000 - 1) < 0.02)
    }

    @Test func dropoutAtInferenceIsTheIdentity() {
        let x = randomTensor([3, 50], seed: 1)
        var g = SeededGenerator(seed: 0)
        let before = g
        #expect(Dropout(0.5)(x, training: false, generator: &g) == x)
        #expect(g == before)  // no random numbers were drawn
        #expect(Dropout(0)(x, training: true, generator: &g) == x)
    }

    @Test func glorotUniformAndZeroBiases() {
        let model = Sequential.article()
        let dense = model.denseLayers[0].layer
        let limit = (6.0 / Float(784 + 128)).squareRoot()
        #expect(dense.kernel.shape == [784, 128])
        #expect(dense.kernel.scalars.allSatisfy { abs($0) <= limit })
        #expect(dense.kernel.scalars.map(abs).max()! > limit * 0.99)
        #expect(abs(dense.kernel.scalars.reduce(0, +) / Float(dense.kernel.count)) < 0.002)
        #expect(dense.bias.scalars.allSatisfy { $0 == 0 })
    }

    @Test func articleModelShapeAndParameters() {
        let model = Sequential {
            Flatten(inputShape: [28, 28])
            Dense(128, activation: .relu)
            Dropout(0.2)
            Dense(10)
        }
        #expect(model.layerNames == ["flatten", "dense", "dropout", "dense_1"])
        #expect(model.layers.map(\.parameterCount) == [0, 100_480, 0, 1_290])
        #expect(model.parameterCount == 101_770)
        #expect(model.layerOutputShapes == [[784], [128], [128], [10]])
        // model(x_train[:1]) on one 28×28 input gives 10 logits.
        let logits = model(randomTensor([1, 28, 28], seed: 3).reshaped([1, 28, 28]))
        #expect(logits.shape == [1, 10])
        // Untrained: softmax close to 0.1 each.
        #expect(Softmax.probabilities(logits.row(0)).allSatisfy { $0 > 0.02 && $0 < 0.4 })
    }

    @Test func summaryTable() {
        let text = Sequential.article().summary()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Model: \"sequential\"")
        #expect(lines[2] == "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃")
        #expect(lines[4] == "│ flatten (Flatten)               │ (None, 784)            │             0 │")
        #expect(lines[6] == "│ dense (Dense)                   │ (None, 128)            │       100,480 │")
        #expect(lines[8] == "│ dropout (Dropout)               │ (None, 128)            │             0 │")
        #expect(lines[10] == "│ dense_1 (Dense)                 │ (None, 10)             │         1,290 │")
        #expect(lines.contains(" Total params: 101,770 (397.54 KB)"))
        #expect(lines.contains(" Non-trainable params: 0 (0.00 B)"))
        let ascii = Sequential.article().summary(ascii: true)
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.contains("| dense_1 (Dense)                 | (None, 10)             |         1,290 |"))
    }
}
