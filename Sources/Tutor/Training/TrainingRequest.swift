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

/// Runs to do one after the other, under one id (so late reports of a cancelled request are ignored).
public struct TrainingRequest: Equatable, Sendable {
    public var id: Int
    public var runs: [TrainingRun]
    public init(id: Int, runs: [TrainingRun]) {
        self.id = id
        self.runs = runs
    }
}

/// What a training job reports back, in order. `run` indexes `TrainingRequest.runs`.
public enum TrainingUpdate: Sendable {
    /// Before the first step: the untrained model's loss and accuracy on the test set (loss ≈ ln 10 ≈ 2.30).
    case started(request: Int, run: Int, initial: Evaluation)
    case batch(request: Int, run: Int, BatchLog)
    /// After an epoch: the epoch's log, test accuracy (dropout off), and training accuracy (dropout off) if asked.
    case epoch(request: Int, run: Int, EpochLog, test: Evaluation, trainAccuracy: Float?)
    /// A run ended (finished or stopped); `model` holds the weights reached.
    case runFinished(request: Int, run: Int, model: Sequential, test: Evaluation, stopped: Bool)
    /// Every run is done, or the job was stopped.
    case finished(request: Int, stopped: Bool)
    case failed(request: Int, message: String)

    public var requestID: Int {
        switch self {
        case .started(let r, _, _), .batch(let r, _, _), .epoch(let r, _, _, _, _), .runFinished(let r, _, _, _, _),
             .finished(let r, _), .failed(let r, _):
            return r
        }
    }
}
