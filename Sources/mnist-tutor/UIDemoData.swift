import MNIST
import NeuralNet
import TerminalUI
import Tutor

/// The numbers the `ui-demo` screen shows, all computed from real MNIST digits.
///
/// The network page runs the engine: the article's model, untrained (Glorot-uniform weights from
/// seed 42, zero biases), traced on the current digit. The "training" page evaluates a nearest
/// class-mean classifier, a real loop for the progress widgets that needs no network at all.
struct UIDemoData {
    let images: ImageSet
    let labels: [UInt8]
    let model: Sequential

    init(images: ImageSet, labels: [UInt8], seed: UInt64 = 42) {
        self.images = images
        self.labels = labels
        model = .article(seed: seed)
    }

    func image(_ index: Int) -> DigitImageModel {
        DigitImageModel(mnist: images[index], label: "test digit #\(index), label \(labels[index])")
    }

    /// The engine's trace of the digit: inference, or training mode with the mask drawn from `dropoutMaskSeed`.
    func forward(pixels: [UInt8], dropoutMaskSeed: UInt64? = nil) -> (hidden: ActivationGridModel, trace: Trace) {
        let t = model.trace(pixels.map { Float($0) / 255 }, training: dropoutMaskSeed != nil, seed: dropoutMaskSeed ?? 0)
        return (ActivationGridModel(values: t.dropoutOutputs, states: DropoutPanel.states(t)), t)
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
