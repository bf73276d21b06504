import Foundation
import Testing
@testable import NeuralNet

/// The written-out exp, sigmoid and tanh against Double precision, over their whole useful range.
@Suite struct VectorMathTests {
    /// Every value in `range` at `step`, eight at a time, through `f`, paired with the input.
    func sweep(_ range: ClosedRange<Float>, step: Float, _ f: (VectorMath.V) -> VectorMath.V) -> [(x: Float, y: Float)] {
        let xs = Array(stride(from: range.lowerBound, through: range.upperBound, by: step))
        var result: [(Float, Float)] = []
        for start in stride(from: 0, to: xs.count, by: 8) {
            var v = VectorMath.V()
            let n = min(8, xs.count - start)
            for l in 0 ..< n { v[l] = xs[start + l] }
            let out = f(v)
            for l in 0 ..< n { result.append((xs[start + l], out[l])) }
        }
        return result
    }

    @Test func expIsWithinTwoUlp() {
        let worst = sweep(-87 ... 88, step: 0.0037, VectorMath.exp).map { x, y in
            let exact = Foundation.exp(Double(x))
            return (x: x, ulps: abs(Double(y) - exact) / Double(Float(exact).ulp))
        }.max { $0.ulps < $1.ulps }!
        #expect(worst.ulps <= 2, "exp(\(worst.x)) is \(worst.ulps) ulp off")
        // Clamped at ±88.376: the largest result is just below Float's largest value, the smallest is 0.
        let edges = VectorMath.exp(VectorMath.V(0, 1, -1, 200, -200, 88.5, -88.5, 0.5))
        #expect(edges[0] == 1 && edges[3].isFinite && edges[3] > 2e38 && edges[4] == 0 && edges[5] == edges[3] && edges[6] == 0)
        #expect(abs(edges[1] - 2.7182817) <= Float(2.7182817).ulp)
    }

    @Test func sigmoidIsAccurate() {
        let worst = sweep(-30 ... 30, step: 0.0013, VectorMath.sigmoid).map { x, y in
            let exact = 1 / (1 + Foundation.exp(-Double(x)))
            return (x: x, error: abs(Double(y) - exact) / exact)
        }.max { $0.error < $1.error }!
        #expect(worst.error <= 3e-7, "sigmoid(\(worst.x)) is off by \(worst.error) of its value")
        let edges = VectorMath.sigmoid(VectorMath.V(0, 100, -100, 17, -17, 1, -1, 0))
        #expect(edges[0] == 0.5 && edges[1] == 1 && edges[2] >= 0 && edges[2] < 1e-38)
        #expect(edges[0] == Activation.sigmoid(0))
    }

    @Test func tanhIsAccurateAndOdd() {
        let values = sweep(-10 ... 10, step: 0.00071, VectorMath.tanh)
        let worst = values.map { x, y in
            let exact = Foundation.tanh(Double(x))
            return (x: x, error: abs(Double(y) - exact) / abs(exact))
        }.max { $0.error < $1.error }!
        #expect(worst.error <= 3e-7, "tanh(\(worst.x)) is off by \(worst.error) of its value")
        let mirrored = sweep(-10 ... 10, step: 0.00071) { VectorMath.tanh(-$0) }
        #expect(zip(values, mirrored).allSatisfy { $0.y == -$1.y }, "tanh is odd")
        let edges = VectorMath.tanh(VectorMath.V(0, 1e-30, -1e-30, 50, -50, 0.625, -0.625, 1e-5))
        #expect(edges[0] == 0 && edges[1] == 1e-30 && edges[2] == -1e-30 && edges[3] == 1 && edges[4] == -1 && edges[7] == 1e-5)
    }

    /// `Activation` gives single values through these functions: the same bits as the vector lanes.
    @Test func activationUsesTheVectorFunctions() {
        let xs = VectorMath.V(-3, -0.5, -1e-4, 0, 0.1, 0.7, 2, 9)
        let sigmoid = VectorMath.sigmoid(xs), tanh = VectorMath.tanh(xs)
        for l in 0 ..< 8 {
            #expect(Activation.sigmoid(xs[l]).bitPattern == sigmoid[l].bitPattern)
            #expect(Activation.tanh(xs[l]).bitPattern == tanh[l].bitPattern)
        }
    }
}
