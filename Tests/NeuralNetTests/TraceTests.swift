import Testing
@testable import NeuralNet

@Suite struct TraceTests {
    let model = Sequential.article(seed: 3)
    let image: [Float] = {
        var values = randomValues(784, seed: 9).map { max(0, $0) }
        for i in 0 ..< 300 { values[i] = 0 }  // a blank top, as in a digit
        return values
    }()

    @Test func inferenceTraceMatchesTheModel() {
        let trace = model.trace(image)
        #expect(trace.flattened == image)
        #expect(trace.hiddenLayers.count == 1 && trace.hiddenLayers[0].activation == .relu)
        #expect(trace.preActivations.count == 128 && trace.hiddenOutputs.count == 128)
        #expect(trace.hiddenOutputs == trace.preActivations.map { max(0, $0) })
        #expect(trace.zeroCount == trace.hiddenOutputs.filter { $0 == 0 }.count)
        #expect(trace.zeroCount > 0 && trace.zeroCount < 128)
        #expect(trace.dropoutMask == [Float](repeating: 1, count: 128))
        #expect(trace.dropoutOutputs == trace.hiddenOutputs)
        #expect(trace.dropoutRate == 0.2 && !trace.training)
        let logits = model(Tensor(shape: [1, 784], scalars: image)).scalars
        #expect(trace.logits == logits)
        #expect(abs(trace.probabilities.reduce(0, +) - 1) < 1e-5)
        #expect(trace.prediction == argmax(logits))
        // The hidden layer's sums are x · W + b, unit by unit, in the order the lessons add them.
        let dense = model.denseLayers[0].layer
        for unit in [0, 5, 127] {
            let sum = zip(image, dense.weights(ofUnit: unit)).reduce(dense.bias(ofUnit: unit)) { $1.0 == 0 ? $0 : $0 + $1.0 * $1.1 }
            #expect(trace.preActivations[unit] == sum)
        }
    }

    @Test func trainingTraceDrawsAMaskFromTheSeed() {
        let a = model.trace(image, training: true, seed: 1)
        let b = model.trace(image, training: true, seed: 1)
        let c = model.trace(image, training: true, seed: 2)
        #expect(a == b)
        #expect(a.dropoutMask != c.dropoutMask)
        #expect(a.dropoutMask.allSatisfy { $0 == 0 || $0 == 1.25 })
        #expect(a.droppedCount > 5 && a.droppedCount < 60)
        #expect(a.dropoutOutputs == zip(a.hiddenOutputs, a.dropoutMask).map { $0 * $1 })
        // The mask is the Dropout layer's own, drawn from the seed as in training.
        var g = SeededGenerator(seed: 1)
        #expect(a.dropoutMask == Dropout(0.2).mask(count: 128, generator: &g))
        let half = model.trace(image, dropoutRate: 0.5, training: true, seed: 1)
        #expect(half.dropoutRate == 0.5 && half.dropoutMask.allSatisfy { $0 == 0 || $0 == 2 })
        // The logits are the output layer's on the masked values.
        let output = model.denseLayers[1].layer
        #expect(a.logits == output.preActivations(Tensor(shape: [1, 128], scalars: a.dropoutOutputs)).scalars)
    }

    @Test func deepStackTracesEveryHiddenLayer() {
        let deep = Architecture(hidden: [64, 32, 16], activation: .tanh).model(seed: 4)
        let a = deep.trace(image, training: true, seed: 5)
        #expect(a.hiddenLayers.map(\.outputs.count) == [64, 32, 16])
        #expect(a.hiddenLayers.allSatisfy { layer in layer.dropoutMask.contains(0) || layer.outputs.count < 20 })
        #expect(a.hiddenLayers[1].preActivations == deep.denseLayers[1].layer
            .preActivations(Tensor(shape: [1, 64], scalars: a.hiddenLayers[0].dropoutOutputs)).scalars)
        #expect(deep.trace(image).logits == deep(Tensor(shape: [1, 784], scalars: image)).scalars)
    }

    @Test func copiesAreIndependent() throws {
        var trained = model
        let untrained = model
        trained.compile()
        let (x, y) = syntheticData(count: 64, seed: 4)
        try trained.fit(x, y, epochs: 1)
        #expect(untrained.namedWeights.map(\.tensor) == model.namedWeights.map(\.tensor))
        #expect(trained.trace(image).logits != untrained.trace(image).logits)
    }
}
