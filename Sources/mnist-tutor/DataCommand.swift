import ArgumentParser
import MNIST

/// `mnist-tutor data`: which MNIST folder is in use, what it holds, and whether the images came from
/// the decompressed cache (`MNISTCache`).
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show which MNIST folder is used (--data, $MNIST_TUTOR_DATA or Assets/mnist), what it holds, and the cache.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let start = monotonicSeconds()
        let data = try loadDataset(global)
        let elapsed = monotonicSeconds() - start
        print("data folder: \(data.directory)")
        print("training set: \(data.xTrain.count) images of \(data.xTrain.rows)x\(data.xTrain.columns), \(data.yTrain.count) labels")
        print("test set: \(data.xTest.count) images of \(data.xTest.rows)x\(data.xTest.columns), \(data.yTest.count) labels")
        print("loaded in \(Int(elapsed * 1000)) ms")
        if let cache = MNISTCache.standard(), let use = data.cacheUse {
            print("cache: \(cache.directory) (training images: \(Self.describe(use.train)); test images: \(Self.describe(use.test)))")
        } else {
            print("cache: none (set XDG_CACHE_HOME or HOME to keep a decompressed copy)")
        }
        print("MNIST: Yann LeCun, Corinna Cortes, Christopher J. C. Burges (CC BY-SA 3.0)")
    }

    static func describe(_ use: MNISTCache.Use) -> String {
        switch use {
        case .hit: "from the cache"
        case .written: "read from the source, cache written"
        case .unwritable(let reason): "read from the source, not cached (\(reason))"
        case .notCached: "read from the source (not gzipped or small: not cached)"
        }
    }
}
