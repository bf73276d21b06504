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

    /// Starts `request` on `data`; a request while another runs stops the old one first. `data` is called on the
    /// background thread: in the tutor the digits may still be loading, and the run loop must not wait for them.
    /// If they cannot be had, the job fails with the reason (the run loop ends the tutor with it anyway).
    public func start(_ request: TrainingRequest, data: @escaping @Sendable () throws -> MNISTDataset) {
        stop()
        while isRunning { usleep(1000) }
        stopFlag.store(false, ordering: .releasing)
        busy.store(true, ordering: .releasing)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            do {
                run(request, data: try data())
            } catch {
                post(.failed(request: request.id, message: "\(error)"))
            }
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
    public func run(_ request: TrainingRequest, data: MNISTDataset) {
        let id = request.id
        for (index, run) in request.runs.enumerated() {
            var model = Sequential.article(seed: run.seed, dropoutRate: run.dropout)
            model.compile(optimizer: Adam(learningRate: run.learningRate),
                          loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [.accuracy])
            let x = data.xTrain.prefix(run.trainSize)
            let y = Array(data.yTrain.prefix(run.trainSize))
            do {
                let initial = try model.evaluate(data.xTest, data.yTest)
                post(.started(request: id, run: index, initial: initial))
                let clock = ContinuousClock()
                var lastBatchPost = clock.now - .seconds(1)
                // The test evaluation of the weights as they are now, when the last epoch measured them.
                var currentTest: Evaluation? = initial
                // One `fit` call per epoch (the optimizer's state carries over), so the test set can be
                // measured after each epoch with dropout off, as `evaluate` does.
                for epoch in 1 ... max(run.epochs, 1) where run.epochs > 0 {
                    let history = try model.fit(x, y, epochs: 1, batchSize: run.batchSize, shuffle: true,
                                                seed: run.seed &+ UInt64(epoch)) { event in
                        if self.stopFlag.load(ordering: .acquiring) { return .stop }
                        if case .batchEnd(var log) = event {
                            let now = clock.now
                            if now - lastBatchPost > .milliseconds(20) || log.batch == log.batches {
                                lastBatchPost = now
                                log.epoch = epoch
                                log.epochs = run.epochs
                                self.post(.batch(request: id, run: index, log))
                            }
                        }
                        return .proceed
                    }
                    if history.steps > 0 { currentTest = nil }
                    if history.stopped || stopFlag.load(ordering: .acquiring) { break }
                    guard var log = history.epochs.last else { break }
                    log.epoch = epoch
                    log.epochs = run.epochs
                    let test = try model.evaluate(data.xTest, data.yTest)
                    currentTest = test
                    let trainAccuracy = run.measureTrainAccuracy ? try model.evaluate(x, y).accuracy : nil
                    post(.epoch(request: id, run: index, log, test: test, trainAccuracy: trainAccuracy))
                }
                let stopped = stopFlag.load(ordering: .acquiring)
                // Not measured twice: after a full run the last epoch's evaluation is of these very weights.
                let test = try currentTest ?? model.evaluate(data.xTest, data.yTest)
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
