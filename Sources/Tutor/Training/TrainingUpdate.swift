import NeuralNet
/// What a training job reports back, in order. `run` indexes `TrainingRequest.runs`.
public enum TrainingUpdate: Sendable {
    /// Before the first step: the untrained model's loss and accuracy on the test set (loss ≈ ln 10 ≈ 2.30).
    case started(request: Int, run: Int, initial: Evaluation)
    case batch(request: Int, run: Int, BatchLog)
    /// After an epoch: the epoch's log, test accuracy (dropout off), and training accuracy (dropout off) if asked.
    case epoch(request: Int, run: Int, EpochLog, test: Evaluation, trainAccuracy: Float?)
    /// A run ended (finished or stopped); `model` holds the weights reached, `test` (and `training`, when the
    /// run measures it) is `evaluate` after `fit`, and `seconds` the wall-clock time of `fit`.
    case runFinished(request: Int, run: Int, model: Sequential, test: Evaluation, stopped: Bool, training: Evaluation?, seconds: Double)
    /// Every run is done, or the job was stopped.
    case finished(request: Int, stopped: Bool)
    case failed(request: Int, message: String)

    public var requestID: Int {
        switch self {
        case .started(let r, _, _), .batch(let r, _, _), .epoch(let r, _, _, _, _), .runFinished(let r, _, _, _, _, _, _),
             .finished(let r, _), .failed(let r, _):
            return r
        }
    }
}
