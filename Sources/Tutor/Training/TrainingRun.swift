import NeuralNet

/// One training run the tutor asks for: the article's `compile` + `fit` with the learner's settings.
public struct TrainingRun: Equatable, Sendable {
    public var label: String
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

    public init(label: String, epochs: Int, batchSize: Int, dropout: Float, learningRate: Float, seed: UInt64,
                trainSize: Int = 60_000, measureTrainAccuracy: Bool = false) {
        self.label = label
        self.epochs = epochs
        self.batchSize = batchSize
        self.dropout = dropout
        self.learningRate = learningRate
        self.seed = seed
        self.trainSize = trainSize
        self.measureTrainAccuracy = measureTrainAccuracy
    }

    /// The `mnist-tutor train` command that trains exactly this run: the same starting weights, the same
    /// shuffles and dropout masks, so the same weights bit for bit (`--output FILE` saves them).
    /// Numbers are written in their shortest exact form, so the command reads back the same Float.
    public var commandLine: String { commandLine(dropout: Self.text(dropout)) }

    /// `commandLine` with `dropout` written in place of the rate (e.g. "R", for a family of runs).
    public func commandLine(dropout: String) -> String {
        var parts = ["mnist-tutor train", "--epochs \(epochs)", "--batch-size \(batchSize)", "--dropout \(dropout)",
                     "--learning-rate \(Self.text(learningRate))", "--seed \(seed)"]
        if trainSize < Self.fullTrainingSet { parts.append("--limit \(trainSize)") }
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
