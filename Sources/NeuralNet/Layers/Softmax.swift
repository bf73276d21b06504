#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns logits into probabilities that sum to 1: `p_i = exp(z_i) / Σ_j exp(z_j)`.
///
/// The article's model has no softmax inside: its last `Dense(10)` outputs logits and the loss applies
/// softmax itself (`fromLogits: true`). Add `Softmax()` after it to get a model that outputs probabilities,
/// as Keras's `Sequential([model, Softmax()])` does.
public struct Softmax: Layer {
    public init() {}

    public var typeName: String { "Softmax" }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    /// `z: [batch, classes] -> [batch, classes]`, row by row.
    public func callAsFunction(_ x: Tensor, training: Bool, generator: inout SeededGenerator) -> Tensor {
        var y = x
        let n = x.rowSize
        y.scalars.withUnsafeMutableBufferPointer { p in
            for b in 0 ..< x.rowCount { Softmax.apply(p.baseAddress! + b * n, count: n) }
        }
        return y
    }

    /// The probabilities for one row of logits.
    public static func probabilities(_ logits: [Float]) -> [Float] {
        var p = logits
        p.withUnsafeMutableBufferPointer { apply($0.baseAddress!, count: $0.count) }
        return p
    }

    /// In place, stably: subtracts the largest logit before `exp`, so large logits cannot overflow.
    @inlinable
    public static func apply(_ z: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        var largest = z[0]
        for i in 1 ..< count where z[i] > largest { largest = z[i] }
        var sum: Float = 0
        for i in 0 ..< count {
            let e = expf(z[i] - largest)
            z[i] = e
            sum += e
        }
        let inverse = 1 / sum
        for i in 0 ..< count { z[i] *= inverse }
    }
}
