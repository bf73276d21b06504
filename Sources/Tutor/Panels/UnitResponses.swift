import MNIST
import NeuralNet

/// What each hidden unit responds to over a set of digits (lesson 17): the `k` digits that excite it most
/// (the largest weighted sums `w·x + b`, which for a unit that fires are its largest ReLU outputs), how many
/// digits make it fire, and how much its weight picture resembles the average picture of each digit class.
///
/// One pass over the set through the hidden layer's reference forward pass (`Dense.preActivations`, as
/// the trace and the sparsity statistics use), a thousand digits at a time.
public struct UnitResponses: Equatable, Sendable {
    /// One digit of the set and the weighted sum it gives the unit.
    public struct Exemplar: Equatable, Sendable {
        public var index: Int
        public var label: Int
        public var sum: Float
    }

    /// For each unit, its `k` largest sums over the set, largest first (ties: the lower index first).
    public let top: [[Exemplar]]
    /// For each unit, how many digits make it fire (ReLU output above 0).
    public let firing: [Int]
    /// How many digits the set has.
    public let count: Int
    /// For each unit, the digit class whose average picture its weights resemble most, and how much: the
    /// correlation (Pearson's r over the 784 pixels) between the weights and that class's mean image.
    public let bestMatch: [(digit: Int, correlation: Double)]

    public static func == (a: UnitResponses, b: UnitResponses) -> Bool {
        a.top == b.top && a.firing == b.firing && a.count == b.count
            && a.bestMatch.map(\.digit) == b.bestMatch.map(\.digit) && a.bestMatch.map(\.correlation) == b.bestMatch.map(\.correlation)
    }

    /// Units whose weight picture correlates at least this much with some digit's average picture count as
    /// looking like that digit: r = 0.5 means a quarter of the picture's variation (r²) follows the digit's shape.
    public static let digitLikeCorrelation = 0.5

    /// The units that look like a digit in that sense.
    public var digitLikeUnits: [Int] { bestMatch.indices.filter { bestMatch[$0].correlation >= Self.digitLikeCorrelation } }

    public init(model: Sequential, images: ImageSet, labels: [UInt8], k: Int = 8) {
        let hidden = model.denseLayers[0].layer
        let units = hidden.units
        var top = [[Exemplar]](repeating: [], count: units)
        var firing = [Int](repeating: 0, count: units)
        var classSums = [[Double]](repeating: [Double](repeating: 0, count: images.pixelsPerImage), count: 10)
        var classCounts = [Int](repeating: 0, count: 10)
        let chunk = 1000
        for start in stride(from: 0, to: images.count, by: chunk) {
            let indices = Array(start ..< min(start + chunk, images.count))
            let pixels = images.floats(indices: indices)
            let x = Tensor(shape: [indices.count, images.pixelsPerImage], scalars: pixels)
            let z = hidden.preActivations(x).scalars
            for (row, index) in indices.enumerated() {
                let label = Int(labels[index])
                if label < 10 {
                    classCounts[label] += 1
                    let base = row * images.pixelsPerImage
                    for p in 0 ..< images.pixelsPerImage where pixels[base + p] != 0 { classSums[label][p] += Double(pixels[base + p]) }
                }
                for j in 0 ..< units {
                    let sum = z[row * units + j]
                    if hidden.activation(sum) > 0 { firing[j] += 1 }
                    // Insert into the unit's top list when it beats the smallest kept (ties keep the earlier digit).
                    if top[j].count < k || sum > top[j][top[j].count - 1].sum {
                        var position = top[j].count
                        while position > 0 && top[j][position - 1].sum < sum { position -= 1 }
                        top[j].insert(Exemplar(index: index, label: label, sum: sum), at: position)
                        if top[j].count > k { top[j].removeLast() }
                    }
                }
            }
        }
        let means = zip(classSums, classCounts).map { sums, n in sums.map { $0 / Double(max(n, 1)) } }
        self.top = top
        self.firing = firing
        self.count = images.count
        self.bestMatch = (0 ..< units).map { unit in
            let w = hidden.weights(ofUnit: unit).map(Double.init)
            var best = (digit: 0, correlation: -Double.infinity)
            for (digit, mean) in means.enumerated() {
                let r = Self.correlation(w, mean)
                if r > best.correlation { best = (digit, r) }
            }
            return best
        }
    }

    /// Pearson's correlation of two equally long series (0 when either is constant).
    public static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        guard n > 1 else { return 0 }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var ab = 0.0, aa = 0.0, bb = 0.0
        for i in a.indices {
            let da = a[i] - ma, db = b[i] - mb
            ab += da * db
            aa += da * da
            bb += db * db
        }
        return aa == 0 || bb == 0 ? 0 : ab / (aa * bb).squareRoot()
    }
}
