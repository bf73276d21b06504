import Dispatch
import MNIST
import NeuralNet
import Synchronization

/// Everything the panels compute from: the MNIST digits and the models, with caches for the
/// whole-test-set statistics a panel shows (sparsity over 10,000 digits, the test-set classification).
///
/// The digits may still be loading (`MNISTLoader`): the tutor draws its first frame before they are in.
/// Panels announce the parts they read (`LessonPanel.dataNeeded`) and are only asked to draw or act once
/// `isLoaded` says those are there; the accessors below wait for a part that is not (see `loader`).
///
/// The "trained" model is the pretrained one shipped in `Assets/models`, or the learner's own once
/// they keep a model from the training lesson. Untrained models are the article's model freshly
/// initialised (Glorot uniform) from a seed, so "untrained" always means the same numbers for a seed.
/// Used from the run loop's thread; the caches are behind a mutex so a background job may read too.
public final class Workbench: Sendable {
    /// The MNIST parts, loaded or loading.
    public let loader: MNISTLoader
    private let state: Mutex<State>
    /// The jobs `computedInBackground` started; `settle` waits for them.
    private let jobs = DispatchGroup()
    /// Run first by every `computedInBackground` job: tests hold the jobs here to see the "coming" state.
    let backgroundGate = Mutex<(@Sendable () -> Void)?>(nil)

    struct State {
        var trained: Sequential
        var trainedName: String
        var untrained: [UInt64: Sequential] = [:]
        var meanLoss: [String: Float] = [:]
        var layerGradients: [LayerGradients.Key: LayerGradients] = [:]
        /// Results computed from a model (`computed`, `computedInBackground`: the sparsity and evaluation over
        /// the test set, the classification, what the going-further panels measure), by model and key.
        var computed: [String: any Sendable] = [:]
        /// Keys of `computedInBackground` jobs under way, and of those that failed with why (not started again).
        var running: Set<String> = []
        var failures: [String: String] = [:]
        /// Bumped by `setTrained`: a background result for an older "trained" model is dropped.
        var generation = 0
    }

    /// `trained` is the model panels use as "trained"; `trainedName` says where it came from.
    public convenience init(data: MNISTDataset, trained: Sequential, trainedName: String) {
        self.init(loader: MNISTLoader(data), trained: trained, trainedName: trainedName)
    }

    /// Data that may still be loading (the loader's parts arrive as they come).
    public init(loader: MNISTLoader, trained: Sequential, trainedName: String) {
        self.loader = loader
        self.state = Mutex(State(trained: trained, trainedName: trainedName))
    }

    /// The data from the resolved folder and the pretrained model from `Assets/models`.
    public static func load(dataDirectory: String? = nil, weights: String? = nil) throws -> Workbench {
        let data = try MNISTDataset.load(directory: dataDirectory)
        let path = try weights ?? defaultWeightsPath()
        let model = try Sequential.load(from: path)
        return Workbench(data: data, trained: model, trainedName: weights == nil ? "the pretrained model" : path)
    }

    // MARK: Data, loaded or loading

    /// Whether the parts in `parts` are loaded (panels needing them can draw).
    public func isLoaded(_ parts: MNISTParts) -> Bool { loader.isLoaded(parts) }

    /// Both parts, waiting for them if they are still loading: for code that has them or may wait (commands,
    /// tests); the tutor's training jobs ask `loader.dataset()` on their own thread instead.
    public var data: MNISTDataset { loaded { try loader.dataset() } }

    /// A part, waiting for it if it is still loading. A part that failed to load cannot be reached
    /// here: the run loop stops at the failure, and panels are asked only once their parts are in.
    func part(_ part: MNISTDataset.Part) -> LabelledImages { loaded { try loader.part(part) } }

    private func loaded<T>(_ body: () throws -> T) -> T {
        do { return try body() } catch {
            preconditionFailure("MNIST was read after it failed to load (\(error)); a panel must announce the data it reads")
        }
    }

    /// `Assets/models/mnist-mlp.safetensors` of this installation.
    public static func defaultWeightsPath() throws -> String {
        guard let assets = DataLocation.assetsDirectory() else {
            throw IDXError(.directoryNotFound, file: "Assets/models", expected: "the tutor's Assets folder",
                           found: "none", hint: "Run from the project checkout or reinstall with `make install`.")
        }
        return assets + "/models/mnist-mlp.safetensors"
    }

    // MARK: Models

    public var trained: Sequential { state.withLock { $0.trained } }
    public var trainedName: String { state.withLock { $0.trainedName } }

    /// Replaces the "trained" model (the learner kept their own).
    public func setTrained(_ model: Sequential, name: String) {
        state.withLock {
            $0.trained = model
            $0.trainedName = name
            $0.meanLoss = $0.meanLoss.filter { !$0.key.hasPrefix("trained") }
            $0.computed = $0.computed.filter { !$0.key.hasPrefix("trained") }
            $0.failures = $0.failures.filter { !$0.key.hasPrefix("trained") }
            $0.generation += 1
        }
    }

    /// The trained model's prediction for each of the 10,000 test digits, or nil while it is being
    /// computed: the first call starts it in the background (`computedInBackground`, which waits for the
    /// test digits if they are still loading), so a panel can ask on every frame without ever making a key wait.
    public func testClassification() -> Classification? {
        computedInBackground(Self.classificationKey, trained: true, parts: .test) { [self] model in
            let test = try loader.part(.test)
            return try model.classify(test.images, labels: test.labels)
        }
    }

    static let classificationKey = "classification/test"

    /// Why `testClassification()` failed, if it did.
    public var testClassificationFailure: String? { backgroundFailure(Self.classificationKey, trained: true) }

    /// Waits for the background work panels started (`computedInBackground`: the test-set classification,
    /// sparsity, evaluation, unit responses): for plain text and tests, which want the finished values
    /// rather than "coming".
    public func settle() {
        jobs.wait()
    }

    /// The article's model, untrained, initialised from `seed`.
    public func untrained(seed: UInt64) -> Sequential {
        state.withLock { s in
            if let model = s.untrained[seed] { return model }
            let model = Sequential.article(seed: seed)
            s.untrained[seed] = model
            return model
        }
    }

    /// The trained model, or the untrained one for `seed`.
    public func model(trained: Bool, seed: UInt64 = 1) -> Sequential {
        trained ? self.trained : untrained(seed: seed)
    }

    // MARK: Digits

    /// The images of the training set (`train: true`, 60,000) or the test set (10,000).
    public func images(train: Bool) -> ImageSet { part(train ? .train : .test).images }
    public func labels(train: Bool) -> [UInt8] { part(train ? .train : .test).labels }
    public func count(train: Bool) -> Int { images(train: train).count }

    /// Digit `index` (wrapped into range) as bytes, with its label.
    public func digit(train: Bool, index: Int) -> (pixels: [UInt8], label: Int) {
        let set = images(train: train)
        let i = Workbench.wrap(index, count: set.count)
        return (Array(set[i]), Int(labels(train: train)[i]))
    }

    /// Digit `index` as the model reads it: 784 floats, pixel / 255.
    public func input(train: Bool, index: Int) -> [Float] {
        images(train: train).floats(indices: [Workbench.wrap(index, count: count(train: train))])
    }

    /// A full trace of digit `index` through a model.
    public func trace(trained: Bool, seed: UInt64 = 1, train: Bool, index: Int,
                      dropoutRate: Float? = nil, training: Bool = false, maskSeed: UInt64 = 0) -> Trace {
        model(trained: trained, seed: seed).trace(input(train: train, index: index),
                                                  dropoutRate: dropoutRate, training: training, seed: maskSeed)
    }

    public static func wrap(_ index: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        return ((index % count) + count) % count
    }

    // MARK: Statistics over many digits

    /// Keras's loss (`SparseCategoricalCrossentropy(from_logits=True)`) of a model over the first `count`
    /// digits of a set, e.g. `x_train[:100]` (cached: it only changes with the model).
    public func meanLoss(trained: Bool, seed: UInt64 = 1, train: Bool, count: Int) -> Float {
        let key = (trained ? "trained" : "untrained-\(seed)") + "/\(train ? "train" : "test")/\(count)"
        if let cached = state.withLock({ $0.meanLoss[key] }) { return cached }
        let model = model(trained: trained, seed: seed)
        let n = min(count, self.count(train: train))
        let x = Tensor(shape: [n] + model.inputShape, scalars: images(train: train).floats(indices: 0 ..< n))
        let labels = labels(train: train).prefix(n).map(Int.init)
        let loss = SparseCategoricalCrossentropy(fromLogits: true)(labels: labels, predictions: model(x))
        state.withLock { $0.meanLoss[key] = loss }
        return loss
    }

    /// `testEvaluation`, computed in the background (`computedInBackground`): nil until it is in (and for a
    /// model the engine cannot evaluate), for a lesson text whose first frame must not wait for it.
    public func readyTestEvaluation(trained: Bool, seed: UInt64 = 1) -> Evaluation? {
        computedInBackground(Self.evaluationKey, trained: trained, seed: seed, parts: .test) { [self] model in
            try testEvaluation(of: model)
        }
    }

    /// `model.evaluate(x_test, y_test)`: loss and accuracy on the 10,000 test digits (cached per model, the
    /// cache `readyTestEvaluation` fills too). The accuracy is also the share of test digits whose largest
    /// output sits at their label. Nil only if the engine cannot evaluate the model on this data (a model of
    /// another shape).
    public func testEvaluation(trained: Bool, seed: UInt64 = 1) -> Evaluation? {
        try? computed(Self.evaluationKey, trained: trained, seed: seed) { try testEvaluation(of: model(trained: trained, seed: seed)) }
    }

    static let evaluationKey = "evaluation/test"

    /// `model` evaluated on the test set (the test set only: the training set may still be loading).
    private func testEvaluation(of model: Sequential) throws -> Evaluation {
        let test = try loader.part(.test)
        return try model.evaluate(test.images, test.labels)
    }

    /// The size of each layer's gradient in an untrained stack on the first training digits (cached: it depends
    /// only on the architecture, the seed and the digits). Reads the training set.
    public func layerGradients(_ architecture: Architecture, seed: UInt64, count: Int) -> LayerGradients {
        let key = LayerGradients.Key(architecture: architecture, seed: seed, count: count)
        if let cached = state.withLock({ $0.layerGradients[key] }) { return cached }
        let train = part(.train)
        let result = LayerGradients(architecture: architecture, seed: seed, images: train.images, labels: train.labels, count: count)
        state.withLock { $0.layerGradients[key] = result }
        return result
    }

    /// `computed` on a background thread, for a result a panel's first frame must not wait for (a pass over
    /// all 10,000 test digits): nil until it is done, the first call starting it (once). `compute` gets the
    /// model and runs after `parts` have loaded; a result for a "trained" model replaced meanwhile is dropped
    /// (the next call starts again); a job that throws is recorded with why (`backgroundFailure`) and not
    /// started again for that model. `settle()` waits for every job under way. `computed` with the same key
    /// shares the result: whichever computes it first, the other finds it.
    public func computedInBackground<T: Sendable>(_ key: String, trained: Bool, seed: UInt64 = 1, parts: MNISTParts,
                                                  _ compute: @escaping @Sendable (Sequential) throws -> T) -> T? {
        let full = Self.fullKey(key, trained: trained, seed: seed)
        // The generation and the model are read together: the job computes the model of its generation.
        let start: (generation: Int, model: Sequential?)? = state.withLock { s in
            if s.computed[full] != nil || s.running.contains(full) || s.failures[full] != nil { return nil }
            s.running.insert(full)
            return (s.generation, trained ? s.trained : s.untrained[seed])
        }
        if let start {
            let model = start.model ?? untrained(seed: seed)
            let gate = backgroundGate.withLock { $0 }
            jobs.enter()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                gate?()
                let outcome: Result<T, Error>
                do {
                    try loader.load(parts)  // announced: the job waits for the parts like any load
                    outcome = .success(try compute(model))
                } catch {
                    outcome = .failure(error)
                }
                state.withLock { s in
                    s.running.remove(full)
                    guard !trained || s.generation == start.generation else { return }  // a model replaced meanwhile
                    switch outcome {
                    case .success(let value): s.computed[full] = value
                    case .failure(let error): s.failures[full] = "\(error)"
                    }
                }
                jobs.leave()
            }
        }
        return state.withLock { $0.computed[full] } as? T
    }

    /// Why the `computedInBackground` job `key` failed for the trained model or the untrained one for `seed`,
    /// if it did (the test digits could not be read, a model of another shape).
    public func backgroundFailure(_ key: String, trained: Bool, seed: UInt64 = 1) -> String? {
        state.withLock { $0.failures[Self.fullKey(key, trained: trained, seed: seed)] }
    }

    /// Every failed `computedInBackground` job, as "key: why", in key order (for plain text, after `settle()`).
    public var backgroundFailures: [String] {
        state.withLock { s in s.failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } }
    }

    /// `compute()` for the trained model or the untrained one for `seed`, cached under `key` until that
    /// model changes (the learner keeps another): for what a panel measures on a model and shows on
    /// every frame (a gradient on a batch, the top test digits of every unit). A `compute` that throws
    /// caches nothing.
    public func computed<T: Sendable>(_ key: String, trained: Bool, seed: UInt64 = 1, _ compute: () throws -> T) rethrows -> T {
        let full = Self.fullKey(key, trained: trained, seed: seed)
        if let cached = state.withLock({ $0.computed[full] }) as? T { return cached }
        let value = try compute()
        state.withLock { $0.computed[full] = value }
        return value
    }

    /// The cache key of `key` for the trained model or the untrained one for `seed` (`setTrained` drops
    /// the keys that start with "trained").
    private static func fullKey(_ key: String, trained: Bool, seed: UInt64) -> String {
        (trained ? "trained" : "untrained-\(seed)") + "/" + key
    }

    /// `sparsity`, computed in the background (`computedInBackground`): nil until it is in, for a panel or a
    /// lesson text whose first frame must not wait for a pass over the test set.
    public func readySparsity(trained: Bool, seed: UInt64 = 1) -> SparsityStatistics? {
        computedInBackground(Self.sparsityKey, trained: trained, seed: seed, parts: .test) { [self] model in
            try sparsity(of: model)
        }
    }

    /// How sparse the hidden layer is over all 10,000 test digits (cached per model, the cache
    /// `readySparsity` fills too).
    public func sparsity(trained: Bool, seed: UInt64 = 1) -> SparsityStatistics {
        computed(Self.sparsityKey, trained: trained, seed: seed) { loaded { try sparsity(of: model(trained: trained, seed: seed)) } }
    }

    static let sparsityKey = "sparsity/test"

    /// `model`'s hidden layer over the test set.
    private func sparsity(of model: Sequential) throws -> SparsityStatistics {
        let test = try loader.part(.test)
        return SparsityStatistics(model: model, images: test.images, labels: test.labels)
    }
}
