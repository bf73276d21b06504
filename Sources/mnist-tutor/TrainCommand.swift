import ArgumentParser
import MNIST
import NeuralNet
import Synchronization
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Set by Ctrl-C; training stops after the current batch and nothing is written.
let interruptRequested = Atomic<Bool>(false)

/// `mnist-tutor train`: the article's training (`model.fit(x_train, y_train, epochs=5)`), on the engine;
/// `--hidden` and `--activation` train another stack of Dense layers the same way.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the article's model on MNIST and report loss and accuracy per epoch.",
        discussion: """
            On a terminal it shows a Keras-like progress line per epoch; otherwise (or with --json) one JSON object
            per epoch, then one with the test results. --output is checked before training starts and written only
            when training finished: Ctrl-C stops after the current batch and leaves an existing file untouched, and so
            does a run that diverged (NaN or overflowing weights). A folder, a device, a FIFO or a read-only file is
            never replaced; a symbolic link is written through to its target, which keeps its permissions.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Passes over the training images.") var epochs = 5
    @Option(help: "Images per step (Keras's default: 32).") var batchSize = 32
    @OptionGroup var architecture: ArchitectureOptions
    @Option(help: "The Dropout layers' rate (one after each hidden layer), 0 to <1.") var dropout: Float = 0.2
    @Option(help: "Adam's learning rate (Keras's default: 0.001).") var learningRate: Float = 0.001
    @Option(help: "Seed for the initial weights, the shuffling and the dropout masks.") var seed: UInt64 = 0
    @OptionGroup var training: TrainingOptions
    @Option(help: "Where to save the trained weights (safetensors).") var output: String?
    @Flag(help: "Print JSON lines instead of progress bars.") var json = false

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs).") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize).") }
        guard dropout >= 0 && dropout < 1 else { throw ValidationError("--dropout must be between 0 and 1 (1 excluded), got \(dropout).") }
        guard learningRate > 0 && learningRate.isFinite else { throw ValidationError("--learning-rate must be a positive number, got \(learningRate).") }
    }

    /// `--json`, after each epoch: the running means over its training batches (dropout on) and its seconds.
    struct EpochOutput: Encodable {
        var epoch: Int
        @Finite var loss: Float
        @Finite var accuracy: Float
        @Finite var seconds: Double
    }

    /// `--json`, at the end: the test figures, the file written (null without --output) and the model trained.
    struct Output: Encodable {
        @Finite var testAccuracy: Float
        @Finite var testLoss: Float
        @Finite var secondsPerEpoch: Double
        @Nullable var output: String?
        var hidden: [Int]
        var activation: String
        var parameters: Int
    }

    func run() throws {
        // Installed first, so Ctrl-C during loading also ends cleanly (after the first batch, nothing written).
        signal(SIGINT) { _ in interruptRequested.store(true, ordering: .relaxed) }
        // A parent may have blocked SIGINT (the mask is inherited); Ctrl-C must still reach us.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigprocmask(SIG_UNBLOCK, &interrupt, nil)
        if let output { try checkWritable(output) }
        let data = try loadDataset(global)
        let (x, y) = training.trainingSet(data)
        let count = x.count
        let architecture = self.architecture.architecture(dropoutRate: dropout)
        // The same run `sweep` makes for this architecture: build from the seed, compile, fit, evaluate.
        let run = Experiment(architecture: architecture, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                              seed: seed, threads: training.threads)

        let jsonLines = json || isatty(STDOUT_FILENO) != 1
        let progress = ProgressLine(color: global.useColor, ascii: global.useASCII)
        var lastDraw = 0.0
        let outcome = try run.perform(x: x, y: y.map(Int.init), testX: data.xTest, testY: data.yTest.map(Int.init)) { event in
            if interruptRequested.load(ordering: .relaxed) { return .stop }
            switch event {
            case .batchEnd(let log):
                if !jsonLines {
                    let now = monotonicSeconds()
                    if log.batch == 1 { print("Epoch \(log.epoch)/\(log.epochs)") }
                    if now - lastDraw > 0.05 || log.batch == log.batches {
                        progress.draw(log)
                        lastDraw = now
                    }
                }
            case .epochEnd(let log):
                if jsonLines {
                    JSONOutput.print(EpochOutput(epoch: log.epoch, loss: log.loss, accuracy: log.accuracy, seconds: log.seconds))
                } else {
                    print("")  // the epoch's progress line (drawn at its last batch) stays
                }
            }
            return .proceed
        }
        let history = outcome.history, test = outcome.test
        if history.stopped {
            if !jsonLines { print("") }
            throw CommandError("training interrupted after \(history.steps) steps; nothing was written\(output.map { " (\($0) is untouched)" } ?? "").",
                               exitCode: 130)
        }
        // A run that diverged (a learning rate far too high) ends here, before its NaN or overflowing
        // weights are printed as "loss null" or written over a good --output.
        let model = outcome.model
        if !model.namedWeights.allSatisfy({ $0.tensor.isFinite }) || model.overflowingTensor() != nil {
            let why = model.namedWeights.first { !$0.tensor.isFinite }.map { "\"\($0.name)\" holds NaN or infinity" }
                ?? model.overflowingTensor().map { "\"\($0.name)\" grew so large the model overflows float32" } ?? ""
            throw CommandError("training diverged: after \(history.steps) steps \(why). Nothing was written\(output.map { " (\($0) is untouched)" } ?? ""); train again with a lower --learning-rate (the default is 0.001).")
        }
        if let output { try model.save(to: output) }
        let perEpoch = history.epochs.map(\.seconds).reduce(0, +) / Double(max(history.epochs.count, 1))
        if jsonLines {
            JSONOutput.print(Output(testAccuracy: test.accuracy, testLoss: test.loss, secondsPerEpoch: perEpoch, output: output,
                                    hidden: architecture.hidden, activation: architecture.activation.rawValue,
                                    parameters: architecture.parameterCount))
        } else {
            if architecture != .article(dropoutRate: dropout) { print("Model: \(architecture) (\(architecture.parameterCount) parameters).") }
            print(String(format: "Test accuracy %.4f, loss %.4f on %d images (%.2f s per epoch on %d images).",
                         test.accuracy, test.loss, test.count, perEpoch, count))
            if let output { print("Saved the weights to \(output).") }
        }
    }
}
