import ArgumentParser
import MNIST
import NeuralNet
import TerminalUI

/// `mnist-tutor bench`: how fast the engine trains and traces on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time one epoch of the article's training, a single-image trace and a tutor frame; report test accuracy.",
        discussion: "Meaningful with the release build (`make build`). `make bench` also runs the NumPy reference.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Epochs to time (the fastest is reported).") var epochs = 1
    @OptionGroup var training: TrainingOptions
    @Flag(help: "Print one JSON object.") var json = false

    /// `--json`: the timings and the accuracy reached.
    struct Output: Encodable {
        @Finite var secondsPerEpoch: Double
        @Finite var imagesPerSecond: Double
        @Finite var traceMicroseconds: Double
        @Finite var frameRenderMs: Double
        @Finite var testAccuracy: Float
        var epochs: Int
        var trainingImages: Int
    }

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
    }

    func run() throws {
        let data = try loadDataset(global)
        let (x, y) = training.trainingSet(data)
        let count = x.count
        let result = try EngineBenchmark(epochs: epochs, threads: training.threads).run(
            x: x, y: y.map(Int.init), testX: data.xTest, testY: data.yTest.map(Int.init),
            traceImage: data.xTest.image(0))
        let frame = try FrameTiming.dropoutLesson(data: data)
        if json {
            JSONOutput.print(Output(secondsPerEpoch: result.secondsPerEpoch, imagesPerSecond: result.imagesPerSecond.rounded(),
                                    traceMicroseconds: result.traceMicroseconds, frameRenderMs: frame.median,
                                    testAccuracy: result.testAccuracy, epochs: epochs, trainingImages: count))
        } else {
            print(String(format: "seconds per epoch:  %.3f s (%d images, batch 32, dropout 0.2, Adam)", result.secondsPerEpoch, count))
            print(String(format: "images per second:  %.0f", result.imagesPerSecond))
            print(String(format: "single-image trace: %.1f µs", result.traceMicroseconds))
            print(String(format: "tutor frame:        %.2f ms median, %.2f ms best (keystroke + 120x40 screen + diff)", frame.median, frame.best))
            print(String(format: "test accuracy:      %.4f after %d epoch%@", result.testAccuracy, epochs, epochs == 1 ? "" : "s"))
        }
    }
}
