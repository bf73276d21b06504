import Synchronization
import Testing
@testable import NeuralNet

/// Runs side by side give the weights each gives alone, bit for bit.
@Suite struct ParallelRunsTests {
    @Test func runsSideBySideEqualRunsAlone() throws {
        let (x, y) = syntheticData(count: 400, features: 64, seed: 1)
        let (tx, ty) = syntheticData(count: 100, features: 64, seed: 2)
        let runs = [Architecture(hidden: [96], activation: .relu, inputShape: [64]),
                    Architecture(hidden: [32, 16], activation: .sigmoid, inputShape: [64]),
                    Architecture(hidden: [20], activation: .tanh, inputShape: [64]),
                    Architecture(hidden: [8], activation: .linear, dropoutRate: 0, inputShape: [64])]
            .enumerated().map { Experiment(architecture: $1, epochs: 2, seed: UInt64($0), measuresTraining: true) }
        let events = Mutex<[Int]>([0, 0, 0, 0])
        let together = Experiment.performAll(runs, x: x, y: y, testX: tx, testY: ty, threads: 2) { index, event in
            if case .epochEnd = event { events.withLock { $0[index] += 1 } }
            return .proceed
        }
        #expect(events.withLock { $0 } == [2, 2, 2, 2])
        for (run, result) in zip(runs, together) {
            let parallel = try result.get()
            let alone = try run.perform(x: x, y: y, testX: tx, testY: ty)
            #expect(parallel.run == run)
            for (a, b) in zip(parallel.model.namedWeights, alone.model.namedWeights) {
                #expect(a.tensor.scalars.map(\.bitPattern) == b.tensor.scalars.map(\.bitPattern), "\(run.architecture) \(a.name)")
            }
            #expect(parallel.test == alone.test && parallel.training == alone.training)
            #expect(parallel.gap == alone.training!.accuracy - alone.test.accuracy)
            #expect(parallel.history.epochs.map(\.loss) == alone.history.epochs.map(\.loss))
        }
        // The same run as `fit` by hand (what `train` did before runs existed).
        var byHand = runs[0].architecture.model(seed: 0)
        byHand.compile()
        try byHand.fit(x, y, epochs: 2, batchSize: 32, seed: 0)
        #expect(byHand.namedWeights.map(\.tensor) == (try together[0].get()).model.namedWeights.map(\.tensor))
    }

    @Test func resultsComeBackInOrderWithErrorsInPlace() {
        struct Odd: Error {}
        let results = ParallelRuns.map(Array(0 ..< 9), threads: 3) { i -> Int in
            if i % 2 == 1 { throw Odd() }
            return i * i
        }
        #expect(results.map { try? $0.get() } == [0, nil, 4, nil, 16, nil, 36, nil, 64])
        #expect(ParallelRuns.map([Int](), { $0 }).isEmpty)
    }

    @Test func aFailingRunDoesNotStopTheOthers() {
        let (x, y) = syntheticData(count: 64, features: 64, seed: 1)
        let good = Experiment(architecture: Architecture(hidden: [8], inputShape: [64]), epochs: 1)
        let bad = Experiment(architecture: Architecture(hidden: [8], inputShape: [63]), epochs: 1)
        let results = Experiment.performAll([bad, good], x: x, y: y, testX: x, testY: y)
        #expect(throws: TrainingError.self) { try results[0].get() }
        #expect((try? results[1].get()) != nil)
    }
}
