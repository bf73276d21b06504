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

    /// Runs every run of `request`, synchronously (the background thread's body; tests call it directly): in
    /// order, or `request.parallel` at a time side by side (the costliest first, as `Experiment.performAll`).
    ///
    /// Each run is exactly what `mnist-tutor train` (and `sweep`) does with the same settings
    /// (`TrainingRun.commandLine`): `TrainingRun.experiment`, i.e. the model from the seed, one `fit` call over
    /// all the epochs with that seed, then `evaluate` on the test set (and the training images, if asked). So
    /// the same settings give the same weights, bit for bit, in the tutor and on the command line, alone or
    /// beside other runs. The per-epoch test (and, if asked, training) accuracies are `fit`'s
    /// `epochEvaluations`, which draw nothing from the seed.
    public func run(_ request: TrainingRequest, data: MNISTDataset) {
        let id = request.id
        let testX = data.xTest, testY = data.yTest.map(Int.init)
        if request.parallel <= 1 || request.runs.count <= 1 {
            for index in request.runs.indices {
                switch perform(request.runs[index], index: index, request: id, data: data, testX: testX, testY: testY) {
                case .failure(let error):
                    post(.failed(request: id, message: "\(error)"))
                    return
                case .success(let stopped) where stopped:
                    post(.finished(request: id, stopped: true))
                    return
                case .success: continue
                }
            }
            post(.finished(request: id, stopped: false))
            return
        }
        let runs = request.runs
        let order = runs.indices.sorted { runs[$0].experiment.architecture.parameterCount * runs[$0].epochs
                                          > runs[$1].experiment.architecture.parameterCount * runs[$1].epochs }
        let results = ParallelRuns.map(order, threads: request.parallel) { index in
            try self.perform(runs[index], index: index, request: id, data: data, testX: testX, testY: testY).get()
        }
        var stopped = false
        for result in results {
            switch result {
            case .failure(let error):
                post(.failed(request: id, message: "\(error)"))
                return
            case .success(let wasStopped): stopped = stopped || wasStopped
            }
        }
        post(.finished(request: id, stopped: stopped))
    }

    /// One run, posting its reports under `index`: `.started`, thinned `.batch`es, every `.epoch`, `.runFinished`.
    /// Returns whether it was stopped.
    private func perform(_ run: TrainingRun, index: Int, request id: Int, data: MNISTDataset,
                         testX: ImageSet, testY: [Int]) -> Result<Bool, any Error> {
        let x = data.xTrain.prefix(run.trainSize)
        let y = data.yTrain.prefix(run.trainSize).map(Int.init)
        var evaluations: [(x: any BatchSource, y: [Int])] = [(testX, testY)]
        if run.measureTrainAccuracy { evaluations.append((x, y)) }
        let experiment = run.experiment
        do {
            let initial = try experiment.architecture.model(seed: run.seed).evaluate(testX, testY)
            post(.started(request: id, run: index, initial: initial))
            let clock = ContinuousClock()
            var lastBatchPost = clock.now - .seconds(1)
            let outcome = try experiment.perform(x: x, y: y, testX: testX, testY: testY, epochEvaluations: evaluations) { event in
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
            let stopped = outcome.history.stopped || stopFlag.load(ordering: .acquiring)
            post(.runFinished(request: id, run: index, model: outcome.model, test: outcome.test, stopped: stopped,
                              training: outcome.training, seconds: outcome.seconds))
            return .success(stopped)
        } catch {
            return .failure(error)
        }
    }

    private func post(_ update: TrainingUpdate) {
        pending.withLock { $0.append(update) }
    }
}
