import ArgumentParser
import MNIST

/// `--limit N` and `--threads T`, for the commands that train.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Train on the first N training images only (the figures then describe N images).") var limit: Int?
    @Option(help: "Threads for training (1 or 2; the weights are the same either way).") var threads = 1

    func validate() throws {
        if let limit { guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit).") } }
        guard threads == 1 || threads == 2 else { throw ValidationError("--threads must be 1 or 2, got \(threads).") }
    }

    /// The training images and labels to use: all of them, or the first `--limit`.
    func trainingSet(_ data: MNISTDataset) -> (x: ImageSet, y: [UInt8]) {
        let count = min(limit ?? data.xTrain.count, data.xTrain.count)
        return (data.xTrain.prefix(count), Array(data.yTrain.prefix(count)))
    }
}
