import MNIST
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The numbers the `ui-demo` screen shows, all computed here from real MNIST digits.
///
/// The project's engine is not wired into the demo, so the network values come from a small,
/// clearly labelled stand-in: the article's untrained model (Dense(128, relu) -> Dense(10) with
/// Glorot-uniform weights from a fixed seed, zero biases), evaluated in plain loops. The
/// "training" page evaluates a nearest class-mean classifier, which needs no engine at all.
struct UIDemoData {
    let images: ImageSet
    let labels: [UInt8]
    /// Dense(128) kernel [784, 128] and Dense(10) kernel [128, 10], row-major; biases are zero (Keras's default).
    let kernel1: [Float]
    let kernel2: [Float]

    init(images: ImageSet, labels: [UInt8], seed: UInt64 = 42) {
        self.images = images
        self.labels = labels
        var rng = SplitMix64(seed: seed)
        kernel1 = UIDemoData.glorotUniform(fanIn: 784, fanOut: 128, rng: &rng)
        kernel2 = UIDemoData.glorotUniform(fanIn: 128, fanOut: 10, rng: &rng)
    }

    /// Keras's default kernel initialiser: uniform in ±sqrt(6 / (fan_in + fan_out)).
    static func glorotUniform(fanIn: Int, fanOut: Int, rng: inout SplitMix64) -> [Float] {
        let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
        return (0 ..< fanIn * fanOut).map { _ in Float((rng.nextUnit() * 2 - 1) * limit) }
    }

    func image(_ index: Int) -> DigitImageModel {
        DigitImageModel(mnist: images[index], label: "test digit #\(index), label \(labels[index])")
    }

    /// One forward pass: `x [784] -> relu(x W1) [128] -> (dropped?) -> h W2 [10]`.
    /// With `dropoutMaskSeed`, units are dropped with rate 0.2 and kept ones scaled by 1/0.8 (training mode).
    func forward(pixels: [UInt8], dropoutMaskSeed: UInt64? = nil) -> (hidden: ActivationGridModel, logits: [Float]) {
        var hidden = [Float](repeating: 0, count: 128)
        for (i, p) in pixels.enumerated() where p != 0 {
            let x = Float(p) / 255
            let row = i * 128
            for j in 0 ..< 128 { hidden[j] += x * kernel1[row + j] }
        }
        var states: [ActivationGridModel.UnitState] = []
        var rng = SplitMix64(seed: dropoutMaskSeed ?? 0)
        for j in 0 ..< 128 {
            hidden[j] = max(0, hidden[j])
            if dropoutMaskSeed != nil {
                if rng.nextUnit() < 0.2 {
                    hidden[j] = 0
                    states.append(.dropped)
                } else {
                    hidden[j] /= 0.8
                    states.append(hidden[j] == 0 ? .zero : .keptScaled)
                }
            } else {
                states.append(hidden[j] == 0 ? .zero : .active)
            }
        }
        var logits = [Float](repeating: 0, count: 10)
        for j in 0 ..< 128 where hidden[j] != 0 {
            for k in 0 ..< 10 { logits[k] += hidden[j] * kernel2[j * 10 + k] }
        }
        return (ActivationGridModel(values: hidden, states: states), logits)
    }

    static func softmax(_ z: [Float]) -> [Float] {
        let m = z.max() ?? 0
        let e = z.map { Float(exp(Double($0 - m))) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}

/// A nearest class-mean classifier evaluated a batch at a time, to give the progress bar and
/// charts a real loop to follow: class means from test images 0..<5000, evaluated on 5000..<10000.
struct ClassMeanEvaluation {
    static let split = 5000
    static let batch = 100
    let means: [[Float]]
    let total: Int
    private(set) var done = 0
    private(set) var correct = 0
    private(set) var batchAccuracy: [Double] = []
    private(set) var runningAccuracy: [Double] = []
    private(set) var meanDistance: [Double] = []
    private(set) var elapsed = 0.0

    init(data: UIDemoData) {
        var sums = [[Float]](repeating: [Float](repeating: 0, count: 784), count: 10)
        var counts = [Int](repeating: 0, count: 10)
        let n = min(Self.split, data.images.count)
        for i in 0 ..< n {
            let label = Int(data.labels[i])
            counts[label] += 1
            for (p, v) in data.images[i].enumerated() { sums[label][p] += Float(v) / 255 }
        }
        means = (0 ..< 10).map { c in sums[c].map { $0 / Float(max(counts[c], 1)) } }
        total = max(0, data.images.count - n)
    }

    var isFinished: Bool { done >= total }

    /// Classifies the next batch, adding the wall time it took (read from `clock`) to `elapsed`.
    mutating func step(data: UIDemoData, clock: () -> Double) {
        guard !isFinished else { return }
        let start = clock()
        defer { elapsed += clock() - start }
        let end = min(done + Self.batch, total)
        var hits = 0
        var distanceSum = 0.0
        for i in done ..< end {
            let pixels = data.images[Self.split + i]
            var best = 0
            var bestDistance = Float.infinity
            for c in 0 ..< 10 {
                var d: Float = 0
                for (p, v) in pixels.enumerated() {
                    let diff = Float(v) / 255 - means[c][p]
                    d += diff * diff
                }
                if d < bestDistance { bestDistance = d; best = c }
            }
            distanceSum += Double(bestDistance)
            if best == Int(data.labels[Self.split + i]) { hits += 1 }
        }
        let count = end - done
        correct += hits
        done = end
        batchAccuracy.append(Double(hits) / Double(count))
        runningAccuracy.append(Double(correct) / Double(done))
        meanDistance.append(distanceSum / Double(count))
    }
}

/// A tiny deterministic generator (SplitMix64), so the demo's random weights are the same every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<1.
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
