import MNIST
import NeuralNet

/// Exact zeros of the hidden ReLU layer over a set of digits.
public struct SparsityStatistics: Equatable, Sendable {
    /// For each digit, how many of the 128 units are exactly 0.
    public let zeroCounts: [Int]
    /// Mean zero count per class 0...9.
    public let meanZerosPerClass: [Double]
    /// Units that are 0 for every digit of the set.
    public let neverFiring: [Int]
    public let units: Int

    public var meanZeros: Double { zeroCounts.isEmpty ? 0 : Double(zeroCounts.reduce(0, +)) / Double(zeroCounts.count) }
    /// Units above 0, per digit: the other side of `zeroCounts`.
    public var activeCounts: [Int] { zeroCounts.map { units - $0 } }
    public var meanActive: Double { Double(units) - meanZeros }
    /// The fewest and the most units any one digit leaves active.
    public var fewestActive: Int { units - (zeroCounts.max() ?? units) }
    public var mostActive: Int { units - (zeroCounts.min() ?? 0) }
    public var meanActivePerClass: [Double] { meanZerosPerClass.map { Double(units) - $0 } }

    /// Runs every digit through the hidden layer, a thousand at a time (one matrix product each).
    public init(model: Sequential, images: ImageSet, labels: [UInt8]) {
        let hidden = model.denseLayers[0].layer
        let units = hidden.units
        var zeroCounts = [Int](repeating: 0, count: images.count)
        var fired = [Bool](repeating: false, count: units)
        var sums = [Double](repeating: 0, count: 10), counts = [Int](repeating: 0, count: 10)
        let chunk = 1000
        for start in stride(from: 0, to: images.count, by: chunk) {
            let indices = Array(start ..< min(start + chunk, images.count))
            let x = Tensor(shape: [indices.count, images.pixelsPerImage], scalars: images.floats(indices: indices))
            let z = hidden.preActivations(x).scalars
            for (row, index) in indices.enumerated() {
                var zeros = 0
                for j in 0 ..< units {
                    if hidden.activation(z[row * units + j]) == 0 { zeros += 1 } else { fired[j] = true }
                }
                zeroCounts[index] = zeros
                let label = Int(labels[index])
                sums[label] += Double(zeros)
                counts[label] += 1
            }
        }
        self.zeroCounts = zeroCounts
        self.meanZerosPerClass = zip(sums, counts).map { $1 == 0 ? 0 : $0 / Double($1) }
        self.neverFiring = fired.indices.filter { !fired[$0] }
        self.units = units
    }
}
