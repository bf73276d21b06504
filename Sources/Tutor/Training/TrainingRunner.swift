import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import MNIST
import NeuralNet
import Synchronization

/// Runs training requests on a background thread so the screen keeps redrawing and keys keep
/// working; the run loop collects the updates with `poll()` on every tick and hands them to the tutor.
///
/// Batch updates are thinned to about one per 20 ms (a screen cannot show more), epoch and run
/// updates are never dropped. `stop()` ends the job between two batches.
public final class TrainingRunner: Sendable {
    private let pending = Mutex<[TrainingUpdate]>([])
    private let stopFlag = Atomic<Bool>(false)
    private let busy = Atomic<Bool>(false)

    public init() {}

    public var isRunning: Bool { busy.load(ordering: .acquiring) }

    /// Starts `request` on `data`; a request while another runs stops the old one first.
    public func start(_ request: TrainingRequest, data: MNISTDataset) {
        stop()
        while isRunning { usleep(1000) }
        stopFlag.store(false, ordering: .releasing)
        busy.store(true, ordering: .releasing)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            run(request, data: data)
            busy.store(false, ordering: .releasing)
        }
    }

    public func stop() { stopFlag.store(true, ordering: .releasing) }

    /// The updates since the last call, oldest first.
    public func poll() -> [TrainingUpdate] {
        pending.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }

    /// Runs every run of `request` in order, synchronously (the background thread's body; tests call it directly).
    ///
    /// Each run is exactly what `mnist-tutor train` does with the same settings (`TrainingRun.commandLine`):
    /// the article's model from the seed, one `fit` call over all the epochs with that seed, then
    /// `evaluate` on the test set. So the same settings give the same weights, bit for bit, in the tutor
    /// and on the command line. The per-epoch test (and, if asked, training) accuracies are `fit`'s
    /// `epochEvaluations`, which draw nothing from the seed.
    public func run(_ request: TrainingRequest, data: MNISTDataset) {
        let id = request.id
        for (index, run) in request.runs.enumerated() {
            var model = Sequential.article(seed: run.seed, dropoutRate: run.dropout)
            model.compile(optimizer: Adam(learningRate: run.learningRate),
                          loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [.accuracy])
            let x = data.xTrain.prefix(run.trainSize)
            let y = Array(data.yTrain.prefix(run.trainSize))
            var evaluations: [(x: any BatchSource, y: [UInt8])] = [(data.xTest, data.yTest)]
            if run.measureTrainAccuracy { evaluations.append((x, y)) }
            do {
                let initial = try model.evaluate(data.xTest, data.yTest)
                post(.started(request: id, run: index, initial: initial))
                let clock = ContinuousClock()
                var lastBatchPost = clock.now - .seconds(1)
                try model.fit(x, y, epochs: run.epochs, batchSize: run.batchSize, seed: run.seed,
                              epochEvaluations: evaluations) { event in
                    if self.stopFlag.load(ordering: .acquiring) { return .stop }
                    switch event {
                    case .batchEnd(let log):
                        let now = clock.now
                        if now - lastBatchPost > .milliseconds(20) || log.batch == log.batches {
                            lastBatchPost = now
                            self.post(.batch(request: id, run: index, log))
                        }
                    case .epochEnd(let log):
                        let trainAccuracy = log.evaluations.count > 1 ? log.evaluations[1].accuracy : nil
                        self.post(.epoch(request: id, run: index, log, test: log.evaluations[0], trainAccuracy: trainAccuracy))
                    }
                    return .proceed
                }
                let stopped = stopFlag.load(ordering: .acquiring)
                // As `mnist-tutor train` measures it at the end, so both print the same figures.
                let test = try model.evaluate(data.xTest, data.yTest)
                post(.runFinished(request: id, run: index, model: model, test: test, stopped: stopped))
                if stopped {
                    post(.finished(request: id, stopped: true))
                    return
                }
            } catch {
                post(.failed(request: id, message: "\(error)"))
                return
            }
        }
        post(.finished(request: id, stopped: false))
    }

    private func post(_ update: TrainingUpdate) {
        pending.withLock { $0.append(update) }
    }
}
