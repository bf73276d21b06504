// mnist-bench: release-build measurements of the tutor's hot paths, printed side by side.
import Foundation
import MNIST
import NeuralNet
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Best of `repeats` wall-clock timings of `body`, in seconds.
func best(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var result = Double.infinity
    for _ in 0 ..< repeats {
        let t = now()
        try body()
        result = min(result, now() - t)
    }
    return result
}

let directory = try DataLocation.resolve()
let testLoad = try best(5) { _ = try MNISTDataset.loadTestSet(directory: directory) }
let fullLoad = try best(5) { _ = try MNISTDataset.load(directory: directory) }
print("== data loading (best of 5) ==")
print(String(format: "test set  (10,000 images): %7.1f ms   (target < 100 ms)", testLoad * 1000))
print(String(format: "full set  (70,000 images): %7.1f ms   (target < 500 ms)", fullLoad * 1000))

let data = try MNISTDataset.load(directory: directory)
var model = Sequential(seed: 0) {
    Flatten(inputShape: [28, 28]); Dense(128, activation: .relu); Dropout(0.2); Dense(10)
}
model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [.accuracy])
for e in 1...5 {
    let t = now()
    let h = try model.fit(data.xTrain, data.yTrain, epochs: 1, batchSize: 32, seed: UInt64(e), threads: 1)
    let dt = now() - t
    let ev = try model.evaluate(data.xTest, data.yTest)
    print(String(format: "epoch %d: %.3f s  loss %.4f acc %.4f  test %.4f", e, dt, h.epochs[0].loss, h.epochs[0].accuracy, ev.accuracy))
}
for _ in 0..<3 { print(String(format: "pool round trip: %.2f us", _workerPoolRoundTripSeconds(iterations: 20000) * 1e6)) }
runFrameBenchmark()
