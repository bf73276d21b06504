import MNIST
import NeuralNet
import TerminalUI
import Tutor

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
