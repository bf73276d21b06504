import NeuralNet

/// What a job of runs side by side reported, run by run (lessons 14 and 15: activations, widths).
///
/// Reports of different runs interleave (each names its run); this keeps each run's own: the untrained
/// model's test evaluation, every epoch's `fit` log with the test evaluation after it (dropout off), the
/// latest batch, and the end (`evaluate` on the test set and, when the run measures it, on its training
/// images, and the seconds `fit` took beside the others).
public struct ExperimentRuns: Equatable, Sendable {
    public struct Record: Equatable, Sendable {
        public var run: TrainingRun
        /// The untrained model on the test set (loss about ln 10).
        public var initial: Evaluation?
        /// `fit`'s epoch logs (means with dropout on), and the test evaluation after each (dropout off).
        public var epochs: [EpochLog] = []
        public var tests: [Evaluation] = []
        public var batch: BatchLog?
        /// After `fit`: the test (and training) evaluation and the seconds of `fit`.
        public var test: Evaluation?
        public var training: Evaluation?
        public var seconds: Double?
        public var stopped = false

        /// The run went through all its epochs and was measured.
        public var completed: Bool { test != nil && !stopped && epochs.count == run.epochs }

        /// Batches done so far, over all epochs.
        var batchesDone: Int {
            if completed { return batchesPerEpoch * run.epochs }
            guard let batch else { return epochs.count * batchesPerEpoch }
            return (batch.epoch - 1) * batch.batches + batch.batch
        }
        var batchesPerEpoch: Int { (run.trainSize + run.batchSize - 1) / max(1, run.batchSize) }

        /// Training minus test accuracy after `fit` (both dropout off), in 0...1 units.
        public var gap: Double? { training.flatMap { tr in test.map { Double(tr.accuracy - $0.accuracy) } } }

        /// Test loss, then accuracy (0...1), per epoch from 0 (untrained) on: what the curves plot.
        public var lossCurve: [Double] { ((initial.map { [$0] } ?? []) + tests).map { Double($0.loss) } }
        public var accuracyCurve: [Double] { ((initial.map { [$0] } ?? []) + tests).map { Double($0.accuracy) } }
        /// Where the curve's points are: epoch 0 (untrained) if measured, then 1, 2, …
        public var curvePositions: [Double] {
            let first = initial == nil ? 1 : 0
            return (first ..< first + lossCurve.count).map(Double.init)
        }
    }

    public private(set) var records: [Record]
    public private(set) var phase: TrainingPhase = .ready

    public init(runs: [TrainingRun] = []) {
        records = runs.map { Record(run: $0) }
    }

    /// A new job of `runs` has started.
    public mutating func start(_ runs: [TrainingRun]) {
        records = runs.map { Record(run: $0) }
        phase = .running
    }

    public mutating func receive(_ update: TrainingUpdate) {
        switch update {
        case .started(_, let run, let initial):
            if records.indices.contains(run) { records[run].initial = initial }
        case .batch(_, let run, let log):
            if records.indices.contains(run) { records[run].batch = log }
        case .epoch(_, let run, let log, let test, _):
            guard records.indices.contains(run) else { break }
            records[run].epochs.append(log)
            records[run].tests.append(test)
        case .runFinished(_, let run, _, let test, let stopped, let training, let seconds):
            guard records.indices.contains(run) else { break }
            records[run].test = test
            records[run].training = training
            records[run].seconds = seconds
            records[run].stopped = stopped
        case .finished(_, let stopped):
            phase = .finished(stopped: stopped)
        case .failed(_, let message):
            phase = .failed(message)
        }
    }

    /// Every run went through all its epochs.
    public var allCompleted: Bool { !records.isEmpty && records.allSatisfy(\.completed) }

    /// Overall progress while running: batches done of all runs' batches.
    public var progress: ProgressModel? {
        guard phase.isRunning, records.contains(where: { $0.batch != nil }) else { return nil }
        let total = records.reduce(0) { $0 + $1.batchesPerEpoch * $1.run.epochs }
        let done = records.reduce(0) { $0 + $1.batchesDone }
        let elapsed = records.map { r in r.epochs.reduce(0.0) { $0 + $1.seconds }
            + (r.batch.map { r.completed || r.epochs.count >= $0.epoch ? 0 : $0.seconds } ?? 0) }.max() ?? 0
        let running = records.filter { !$0.completed && $0.batch != nil }.map(\.run.label)
        return ProgressModel(completed: done, total: total, elapsed: elapsed,
                             title: running.isEmpty ? "measuring" : running.joined(separator: ", "))
    }

    /// What the job is doing, in a line ("Press g to train…" before the first run).
    func status(startKey: String, stopKey: String, what: String) -> String? {
        switch phase {
        case .ready: return "Press **\(startKey)** to train \(what) side by side."
        case .running:
            return records.contains(where: { $0.batch != nil }) ? "Training… **\(stopKey)** stops."
                : "Measuring the untrained models on the test digits…"
        case .finished(let stopped):
            return stopped ? "Stopped early: the runs are not comparable. Press **\(startKey)** to train again." : nil
        case .failed(let message): return "Training failed: \(message)"
        }
    }
}

/// The keys both experiment panels (lessons 14 and 15) share: start, stop, and the number of epochs,
/// each refused with a note while it cannot apply.
extension ExperimentRuns {
    /// Starts `request`'s runs, unless some are running (then `note` says how to stop them).
    mutating func start(_ request: TrainingRequest, note: inout String?, stopKey: String) -> [Effect] {
        guard !phase.isRunning else { note = "Already training; press \(stopKey) to stop."; return [] }
        start(request.runs)
        return [.startTraining(request)]
    }

    /// Stops the runs after the current batch, or says there is nothing to stop.
    func stop(note: inout String?, startKey: String) -> [Effect] {
        guard phase.isRunning else { note = "Nothing is training; press \(startKey) to start."; return [] }
        note = "Stopping after the current batch…"
        return [.stopTraining]
    }

    /// `epochs` one up or down (1 to 50), only while nothing is training.
    func changeEpochs(_ epochs: inout Int, up: Bool, note: inout String?) {
        guard !phase.isRunning else { note = "The number of epochs is fixed while training; stop first."; return }
        epochs = min(50, max(1, epochs + (up ? 1 : -1)))
    }

    /// A training report for these runs; the note of the last key goes once they end.
    mutating func receive(_ update: TrainingUpdate, note: inout String?) {
        receive(update)
        switch update {
        case .finished, .failed: note = nil
        default: break
        }
    }
}
