import ArgumentParser
import Foundation
import MNIST
import NeuralNet
import Tutor

/// `mnist-tutor sweep`: the experiments the article puts off — how wide, which activation, how deep — as
/// independent training runs side by side, one per core, each exactly what `train` would give alone.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train the model at several widths (or activations, or depths) side by side and compare them.",
        discussion: """
            Every combination of --widths and --activations is one run: --layers hidden layers of that width with \
            that activation, trained as `mnist-tutor train --hidden W[,W...] --activation A` would (same seed, same \
            result), then measured on the training and test images with dropout off. Runs go side by side, \
            --parallel at a time (default: one per core). For example: `sweep` (why 128?), \
            `sweep --widths 128 --activations linear,relu,sigmoid,tanh` (why an activation at all?).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Hidden widths to compare, separated by commas.", valueName: "widths"))
    var widths = "16,32,64,128,256,512"
    @Option(help: ArgumentHelp("Activations to compare, separated by commas (relu, sigmoid, tanh, linear).", valueName: "names"))
    var activations = "relu"
    @Option(help: "Hidden layers per model, all of the same width (1 to 6).") var layers = 1
    @Option(help: "Passes over the training images, per run.") var epochs = 5
    @Option(help: "The Dropout layers' rate, 0 to <1.") var dropout: Float = 0.2
    @Option(help: "Seed for every run's initial weights, shuffling and dropout masks.") var seed: UInt64 = 0
    @Option(help: "Train on the first N training images only.") var limit: Int?
    @Option(help: "Runs at once (default: one per core).") var parallel: Int?
    @Flag(help: "Print one JSON object.") var json = false

    /// The widths and activations to cross (checked in `validate`).
    var widthList: [Int] { (try? ArchitectureOptions.widths(widths, option: "--widths", maximumCount: 16)) ?? [] }
    var activationList: [Activation] {
        activations.split(separator: ",", omittingEmptySubsequences: false)
            .compactMap { try? ArchitectureOptions.activation(String($0), option: "--activations") }
    }

    func validate() throws {
        _ = try ArchitectureOptions.widths(widths, option: "--widths", maximumCount: 16)
        let names = activations.split(separator: ",", omittingEmptySubsequences: false)
        for name in names { _ = try ArchitectureOptions.activation(String(name), option: "--activations") }
        guard (1 ... ArchitectureOptions.maximumLayers).contains(layers) else {
            throw ValidationError("--layers must be from 1 to \(ArchitectureOptions.maximumLayers), got \(layers).")
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
        guard dropout >= 0 && dropout < 1 else { throw ValidationError("--dropout must be between 0 and 1 (1 excluded), got \(dropout).") }
        if let limit { guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit).") } }
        if let parallel { guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1, got \(parallel).") } }
        guard widthList.count * names.count <= 64 else {
            throw ValidationError("--widths and --activations make \(widthList.count * names.count) runs; at most 64 at once.")
        }
    }

    /// `--json`: the settings, the total time, and one entry per run in the order asked.
    struct Output: Encodable {
        struct Run: Encodable {
            var hidden: [Int]
            var activation: String
            var parameters: Int
            @Finite var testAccuracy: Float
            @Finite var testLoss: Float
            @Finite var trainAccuracy: Float
            /// Training minus test accuracy (dropout off), 0...1.
            @Finite var gap: Float
            /// Seconds of this run's training (beside the others).
            @Finite var seconds: Double
            @Finite var secondsPerEpoch: Double
        }
        var epochs: Int
        var trainingImages: Int
        var parallel: Int
        @Finite var seconds: Double
        var runs: [Run]
    }

    func run() throws {
        let data = try loadDataset(global)
        let count = min(limit ?? data.xTrain.count, data.xTrain.count)
        let x = data.xTrain.prefix(count), y = data.yTrain.prefix(count).map(Int.init)
        let runs = activationList.flatMap { activation in
            widthList.map { width in
                Experiment(architecture: Architecture(hidden: Array(repeating: width, count: layers), activation: activation,
                                                       dropoutRate: dropout),
                            epochs: epochs, seed: seed, measuresTraining: true)
            }
        }
        let workers = min(parallel ?? ParallelRuns.coreCount, runs.count)
        let start = monotonicSeconds()
        let results = try Experiment.performAll(runs, x: x, y: y, testX: data.xTest, testY: data.yTest.map(Int.init),
                                                 threads: workers).map { try $0.get() }
        let total = monotonicSeconds() - start
        if json {
            JSONOutput.print(Output(epochs: epochs, trainingImages: count, parallel: workers, seconds: total, runs: results.map { r in
                Output.Run(hidden: r.run.architecture.hidden, activation: r.run.architecture.activation.rawValue,
                           parameters: r.parameterCount, testAccuracy: r.test.accuracy, testLoss: r.test.loss,
                           trainAccuracy: r.training!.accuracy, gap: r.gap!, seconds: r.seconds,
                           secondsPerEpoch: r.seconds / Double(max(1, r.history.epochs.count)))
            }))
            return
        }
        print("hidden       activation  parameters  train acc  test acc  gap (points)  seconds")
        for r in results {
            let a = r.run.architecture
            let hidden = a.hidden.count == 1 ? "\(a.hidden[0])" : "\(a.hidden.count)x\(a.hidden[0])"
            // Padded by hand: String(format:) does not pad `%@` on Linux.
            print(NumberFormat.padRight(hidden, 12) + " " + NumberFormat.padRight(a.activation.rawValue, 10)
                  + NumberFormat.padLeft(Sequential.grouped(r.parameterCount), 12)
                  + String(format: "  %9.4f  %8.4f  %12.2f  %7.2f", r.training!.accuracy, r.test.accuracy, r.gap! * 100, r.seconds))
        }
        print(String(format: "%d run%@ of %d epoch%@ on %d images, %d at a time: %.1f s in all.",
                     results.count, results.count == 1 ? "" : "s", epochs, epochs == 1 ? "" : "s", count, workers, total))
    }
}
