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
        #expect(trace.preActivations.count == 128 && trace.reluOutputs.count == 128)
        #expect(trace.reluOutputs == trace.preActivations.map { max(0, $0) })
        #expect(trace.zeroCount == trace.reluOutputs.filter { $0 == 0 }.count)
        #expect(trace.zeroCount > 0 && trace.zeroCount < 128)
        #expect(trace.dropoutMask == [Float](repeating: 1, count: 128))
        #expect(trace.dropoutOutputs == trace.reluOutputs)
        #expect(trace.dropoutRate == 0.2 && !trace.training)
        let logits = model(Tensor(shape: [1, 784], scalars: image)).scalars
        #expect(maxAbsDifference(trace.logits, logits) < 1e-5)
        #expect(abs(trace.probabilities.reduce(0, +) - 1) < 1e-5)
        #expect(trace.prediction == argmax(logits))
        // The hidden layer's sums are x · W + b, unit by unit.
        let dense = model.denseLayers[0].layer
        let unit5 = zip(image, dense.weights(ofUnit: 5)).reduce(dense.bias(ofUnit: 5)) { $0 + $1.0 * $1.1 }
        #expect(abs(trace.preActivations[5] - unit5) < 1e-4)
    }

    @Test func trainingTraceDrawsAMaskFromTheSeed() {
        let a = model.trace(image, training: true, seed: 1)
        let b = model.trace(image, training: true, seed: 1)
        let c = model.trace(image, training: true, seed: 2)
        #expect(a == b)
        #expect(a.dropoutMask != c.dropoutMask)
        #expect(a.dropoutMask.allSatisfy { $0 == 0 || $0 == 1.25 })
        #expect(a.droppedCount > 5 && a.droppedCount < 60)
        #expect(a.dropoutOutputs == zip(a.reluOutputs, a.dropoutMask).map { $0 * $1 })
        let half = model.trace(image, dropoutRate: 0.5, training: true, seed: 1)
        #expect(half.dropoutRate == 0.5 && half.dropoutMask.allSatisfy { $0 == 0 || $0 == 2 })
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
