#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keras's `SparseCategoricalCrossentropy`: labels are class numbers (0...9), not one-hot vectors.
/// The loss of one example is `-log p[label]`; the batch loss is the mean.
///
/// With `fromLogits: true` (the article's choice) the predictions are logits and softmax is applied
/// inside, stably: `loss = logsumexp(z) - z[label]`, never `log(softmax)`, which underflows to `-inf`
/// for confident wrong answers. An untrained 10-class model starts near `ln(10) ≈ 2.30`.
public struct SparseCategoricalCrossentropy: Sendable, Equatable {
    public let fromLogits: Bool

    public init(fromLogits: Bool = false) {
        self.fromLogits = fromLogits
    }

    /// Keras clips probabilities to `[1e-7, 1 - 1e-7]` when `fromLogits` is false (its backend epsilon).
    public static let probabilityEpsilon: Float = 1e-7

    /// The mean loss over a batch: `predictions: [batch, classes], labels: [batch] -> scalar`.
    public func callAsFunction(labels: [Int], predictions: Tensor) -> Float {
        precondition(predictions.rowCount == labels.count, "\(labels.count) labels for \(predictions.rowCount) predictions")
        let n = predictions.rowSize
        var total: Double = 0
        predictions.scalars.withUnsafeBufferPointer { p in
            for (b, label) in labels.enumerated() {
                precondition(label >= 0 && label < n, "label \(label) outside 0..<\(n)")
                let row = p.baseAddress! + b * n
                total += Double(fromLogits ? Self.logitLoss(row, count: n, label: label)
                                           : Self.probabilityLoss(row, label: label))
            }
        }
        return Float(total / Double(max(labels.count, 1)))
    }

    /// `z: [classes] -> logsumexp(z) - z[label]`.
    @inlinable
    public static func logitLoss(_ z: UnsafePointer<Float>, count: Int, label: Int) -> Float {
        var largest = z[0]
        for i in 1 ..< count where z[i] > largest { largest = z[i] }
        var sum: Float = 0
        for i in 0 ..< count { sum += expf(z[i] - largest) }
        return logf(sum) + largest - z[label]
    }

    @inlinable
    static func probabilityLoss(_ p: UnsafePointer<Float>, label: Int) -> Float {
        -logf(min(max(p[label], probabilityEpsilon), 1 - probabilityEpsilon))
    }

    /// The fused softmax + cross-entropy step of training, for one batch:
    /// `z: [batch, classes], labels: [batch] -> dz: [batch, classes]` with `dz = (softmax(z) - onehot(label)) / batch`
    /// (the gradient of the mean loss with respect to the logits). Returns the summed loss and the number of
    /// rows whose largest logit is the label (ties go to the lowest index, like `argmax`).
    @inlinable
    public static func lossAndGradient(logits z: UnsafePointer<Float>, labels: UnsafePointer<Int32>, batch: Int,
                                       classes: Int, gradient dz: UnsafeMutablePointer<Float>) -> (lossSum: Double, correct: Int) {
        var lossSum: Double = 0
        var correct = 0
        let inverseBatch = 1 / Float(batch)
        for b in 0 ..< batch {
            let row = z + b * classes
            let out = dz + b * classes
            let label = Int(labels[b])
            var largest = row[0]
            var best = 0
            for i in 1 ..< classes where row[i] > largest { largest = row[i]; best = i }
            var sum: Float = 0
            for i in 0 ..< classes {
                let e = expf(row[i] - largest)
                out[i] = e
                sum += e
            }
            lossSum += Double(logf(sum) + largest - row[label])
            if best == label { correct += 1 }
            let scale = inverseBatch / sum
            for i in 0 ..< classes { out[i] *= scale }
            out[label] -= inverseBatch
        }
        return (lossSum, correct)
    }

    /// The same gradient on tensors (the reference for tests): `z: [batch, classes] -> (mean loss, dz)`.
    public static func lossAndGradient(logits: Tensor, labels: [Int]) -> (loss: Float, gradient: Tensor) {
        var dz = Tensor(zeros: logits.shape)
        let labels32 = labels.map(Int32.init)
        let result = logits.scalars.withUnsafeBufferPointer { z in
            labels32.withUnsafeBufferPointer { l in
                dz.scalars.withUnsafeMutableBufferPointer { d in
                    lossAndGradient(logits: z.baseAddress!, labels: l.baseAddress!, batch: labels.count,
                                    classes: logits.rowSize, gradient: d.baseAddress!)
                }
            }
        }
        return (Float(result.lossSum / Double(labels.count)), dz)
    }
}
