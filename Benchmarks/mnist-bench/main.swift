// mnist-bench: release-build measurements of the tutor's hot paths, printed side by side.
import Foundation
import MNIST
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
runFrameBenchmark()
