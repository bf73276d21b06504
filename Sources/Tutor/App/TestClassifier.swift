import Dispatch
import MNIST
import NeuralNet
import Synchronization

/// The trained model's verdict on each of the 10,000 test digits (`Sequential.classify`), computed on
/// a background thread the first time a panel asks, so the keys never wait for it; until it is done
/// the panel shows that it is coming (`Workbench.testClassification()` returns nil).
///
/// One result is kept, for the model it was computed from: `Workbench.setTrained` calls `invalidate`,
/// and a computation that finishes for a model replaced meanwhile is dropped (the next ask starts
/// again). `wait()` blocks until the computation under way, if any, is done (plain mode, tests).
final class TestClassifier: Sendable {
    private struct State {
        /// Bumped by every `invalidate`: a result computed under an older generation is stale.
        var generation = 0
        var result: Classification?
        var running = false
        var failure: String?
    }

    private let state = Mutex(State())
    private let group = DispatchGroup()
    /// Run first on the background thread: tests hold the computation here to see the "coming" state.
    let gate = Mutex<(@Sendable () -> Void)?>(nil)

    /// The classification if it is done; otherwise nil, after starting it (once) for `model` on
    /// `loader`'s test part (waited for on the background thread, never here).
    func result(model: Sequential, loader: MNISTLoader) -> Classification? {
        let generation: Int? = state.withLock { s in
            if s.result != nil || s.running || s.failure != nil { return nil }
            s.running = true
            return s.generation
        }
        if let generation {
            group.enter()
            let gate = self.gate.withLock { $0 }
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                gate?()
                var outcome: Result<Classification, Error>
                do {
                    try loader.load(.test)  // announced: a background job waits for the part like any load
                    let test = try loader.part(.test)
                    outcome = .success(try model.classify(test.images, labels: test.labels))
                } catch {
                    outcome = .failure(error)
                }
                state.withLock { s in
                    s.running = false
                    guard s.generation == generation else { return }
                    switch outcome {
                    case .success(let c): s.result = c
                    case .failure(let e): s.failure = "\(e)"
                    }
                }
                group.leave()
            }
        }
        return state.withLock { $0.result }
    }

    /// Why the classification could not be made (a model that does not fit the digits), if it failed.
    var failure: String? { state.withLock { $0.failure } }

    /// Forgets the result: the model changed.
    func invalidate() {
        state.withLock { s in
            s.generation += 1
            s.result = nil
            s.failure = nil
        }
    }

    /// Blocks until the computation under way (if any) has finished.
    func wait() { group.wait() }
}
