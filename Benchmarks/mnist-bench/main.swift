// mnist-bench: release-build measurements of the tutor's hot paths, printed side by side.
// `make bench` runs it; the NumPy reference (Benchmarks/numpy_reference.py) runs as a subprocess.
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

// MARK: - The engine against NumPy, same training loop

let epochs = Int(ProcessInfo.processInfo.environment["BENCH_EPOCHS"] ?? "") ?? 5
let data = try MNISTDataset.load(directory: directory)
let yTrain = data.yTrain.map(Int.init), yTest = data.yTest.map(Int.init)
print("\n== training: the article's model, 60,000 images, batch 32, dropout 0.2, Adam, \(epochs) epochs ==")
let engine = try EngineBenchmark(epochs: epochs).run(x: data.xTrain, y: yTrain, testX: data.xTest, testY: yTest,
                                                      traceImage: data.xTest.image(0)) { log in
    print(String(format: "  engine epoch %d: %.3f s  loss %.4f  accuracy %.4f", log.epoch, log.seconds, log.loss, log.accuracy))
}
let twoThreads = try EngineBenchmark(epochs: 2, threads: 2).run(x: data.xTrain, y: yTrain, testX: data.xTest, testY: yTest,
                                                                traceImage: data.xTest.image(0))

/// Runs the NumPy reference with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset (for this command alone).
func runNumPy(epochs: Int) -> [String: Any]? {
    let script = (DataLocation.installationDirectory() ?? ".") + "/Benchmarks/numpy_reference.py"
    guard FileManager.default.fileExists(atPath: script) else { print("  NumPy reference: \(script) not found"); return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", "python3", script,
                         "--data", directory, "--epochs", "\(epochs)", "--json"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { print("  NumPy reference: python3 could not be started (\(error))"); return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else {
        print("  NumPy reference failed (exit \(process.terminationStatus)); is numpy installed for python3?")
        return nil
    }
    return object
}

print("  running the NumPy reference (same loop, OpenBLAS GEMMs)...")
let numpy = runNumPy(epochs: epochs)
let numpySeconds = numpy?["seconds_per_epoch"] as? Double
let numpyAccuracy = numpy?["test_accuracy"] as? Double

print("")
print("                          engine       NumPy        NumPy/engine")
print(String(format: "seconds per epoch     %9.3f   %9@   %9@", engine.secondsPerEpoch,
             numpySeconds.map { String(format: "%.3f", $0) } ?? "n/a",
             numpySeconds.map { String(format: "%.1fx", $0 / engine.secondsPerEpoch) } ?? "n/a"))
print(String(format: "images per second     %9.0f   %9@", engine.imagesPerSecond,
             numpySeconds.map { String(format: "%.0f", 60_000 / $0) } ?? "n/a"))
print(String(format: "test accuracy         %9.4f   %9@   (after %d epochs)", engine.testAccuracy,
             numpyAccuracy.map { String(format: "%.4f", $0) } ?? "n/a", epochs))
print(String(format: "single-image trace    %7.2f µs   (target < 20 µs)", engine.traceMicroseconds))
print(String(format: "engine epochs (s): %@; with 2 threads: %.3f s per epoch",
             engine.epochSeconds.map { String(format: "%.3f", $0) }.joined(separator: " "), twoThreads.secondsPerEpoch))
print(String(format: "floor 0.300 s per epoch, aim 0.150 s: %@", engine.secondsPerEpoch <= 0.3 ? "floor met" : "FLOOR MISSED"))

// MARK: - Why no BLAS in training: the first layer's forward product on one batch of 32

let batch = Tensor(shape: [32, 784], scalars: data.xTrain.floats(indices: 0 ..< 32))
let kernels = EngineBenchmark.firstLayerForward(model: Sequential.article(), batch: batch)
print("\n== first layer forward, [32,784]·[784,128] (µs per batch) ==")
print(String(format: "OpenBLAS sgemm, 1 thread: %7.2f   2 threads: %7.2f   sparse kernel (zeros skipped): %7.2f",
             kernels.blasOneThread, kernels.blasTwoThreads, kernels.sparse))

runFrameBenchmark()
