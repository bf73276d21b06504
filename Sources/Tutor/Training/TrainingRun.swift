import NeuralNet

/// One training run the tutor asks for: the article's `compile` + `fit` with the learner's settings, or the
/// same for another stack of Dense layers (`hidden`, `activation`: the "Going further" experiments).
public struct TrainingRun: Equatable, Sendable {
    public var label: String
    /// The hidden layers' widths (`[128]`: the article's model).
    public var hidden: [Int] = [128]
    /// The hidden layers' activation (`.relu`: the article's).
    public var activation: Activation = .relu
    public var epochs: Int
    public var batchSize: Int
    public var dropout: Float
    public var learningRate: Float
    public var seed: UInt64
    /// How many of the 60,000 training images to use (the first N).
    public var trainSize: Int
    /// Also measure accuracy on the training images after each epoch, with dropout off (for the
    /// overfitting lesson: Keras's running training accuracy has dropout on, which hides the gap).
    public var measureTrainAccuracy: Bool
    /// Measure accuracy on the training images once, after `fit` (dropout off), as `mnist-tutor sweep` does for its
    /// gap (implied by `measureTrainAccuracy`).
    public var measureTrainAccuracyAtEnd = false

    public init(label: String, epochs: Int, batchSize: Int, dropout: Float, learningRate: Float, seed: UInt64,
                trainSize: Int = 60_000, measureTrainAccuracy: Bool = false, hidden: [Int] = [128], activation: Activation = .relu) {
        self.label = label
        self.hidden = hidden
        self.activation = activation
        self.epochs = epochs
        self.batchSize = batchSize
        self.dropout = dropout
        self.learningRate = learningRate
        self.seed = seed
        self.trainSize = trainSize
        self.measureTrainAccuracy = measureTrainAccuracy
    }

    /// The model trained: `hidden` layers of `activation`, each followed by `Dropout(dropout)`, then `Dense(10)`.
    public var architecture: Architecture { Architecture(hidden: hidden, activation: activation, dropoutRate: dropout) }

    /// The engine's description of this run, exactly as `mnist-tutor train` and `sweep` build it (one
    /// thread; the final training evaluation when `measureTrainAccuracy`).
    public var experiment: Experiment {
        Experiment(architecture: architecture, epochs: epochs, batchSize: batchSize, learningRate: learningRate, seed: seed,
                   threads: 1, measuresTraining: measureTrainAccuracy || measureTrainAccuracyAtEnd)
    }

    /// The `mnist-tutor train` command that trains exactly this run: the same starting weights, the same
    /// shuffles and dropout masks, so the same weights bit for bit (`--output FILE` saves them).
    /// Numbers are written in their shortest exact form, so the command reads back the same Float.
    public var commandLine: String { commandLine(dropout: Self.text(dropout)) }

    /// `commandLine` with `dropout` written in place of the rate (e.g. "R", for a family of runs).
    public func commandLine(dropout: String) -> String {
        var parts = ["mnist-tutor train", "--epochs \(epochs)", "--batch-size \(batchSize)", "--dropout \(dropout)",
                     "--learning-rate \(Self.text(learningRate))", "--seed \(seed)"]
        if hidden != [128] { parts.append("--hidden " + hidden.map(String.init).joined(separator: ",")) }
        if activation != .relu { parts.append("--activation \(activation.rawValue)") }
        if trainSize < Self.fullTrainingSet { parts.append("--limit \(trainSize)") }
        return parts.joined(separator: " ")
    }

    /// The `mnist-tutor sweep` command that trains these runs side by side, each exactly as here (same
    /// seed, epochs, dropout and images; `sweep` always uses Keras's batch size 32 and Adam's 0.001), or nil
    /// when the runs are not such a family (every width crossed with every activation).
    public static func sweepCommand(_ runs: [TrainingRun]) -> String? {
        guard let first = runs.first else { return nil }
        var widths: [Int] = [], activations: [Activation] = []
        for run in runs {
            if !widths.contains(run.hidden[0]) { widths.append(run.hidden[0]) }
            if !activations.contains(run.activation) { activations.append(run.activation) }
        }
        let layers = first.hidden.count
        let expected = activations.flatMap { a in widths.map { w in (a, w) } }
        guard runs.count == expected.count,
              zip(runs, expected).allSatisfy({ run, pair in
                  run.activation == pair.0 && run.hidden == Array(repeating: pair.1, count: layers) && run.epochs == first.epochs
                      && run.dropout == first.dropout && run.seed == first.seed && run.trainSize == first.trainSize
                      && run.batchSize == 32 && run.learningRate == 0.001 }) else { return nil }
        var parts = ["mnist-tutor sweep", "--widths " + widths.map(String.init).joined(separator: ","),
                     "--activations " + activations.map(\.rawValue).joined(separator: ",")]
        if layers != 1 { parts.append("--layers \(layers)") }
        parts += ["--epochs \(first.epochs)", "--dropout \(text(first.dropout))", "--seed \(first.seed)"]
        if first.trainSize < fullTrainingSet { parts.append("--limit \(first.trainSize)") }
        return parts.joined(separator: " ")
    }

    /// `x` in its shortest form that reads back as the same Float: `0.2`, `0.001`, `1e-06`, `0` (not `0.0`).
    public static func text(_ x: Float) -> String {
        let text = "\(x)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// MNIST's training images: a run on all of them needs no `--limit`.
    public static let fullTrainingSet = 60_000
}
