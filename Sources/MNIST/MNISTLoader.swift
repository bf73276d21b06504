import Dispatch
import Synchronization

/// MNIST's two parts, loaded in the background or on first use, for a program that draws before its
/// data is in: the tutor's first frame needs one digit, not 70,000.
///
/// Each part is loaded once, by whoever asks first: `startInBackground` (one thread per part, the
/// test set first since most lessons open on it), `load` (the caller's thread, waiting), or `part` (the
/// same, for code that reads a part without announcing it first; `loadedOnFirstUse` records those, so
/// a test can check that every panel announces what it reads). Anyone asking for a part another thread
/// is loading waits for that load instead of starting a second one. Nonzero pixels are left to the
/// first training batch (`ImageSet.nonzeros`): most sessions never train.
public final class MNISTLoader: Sendable {
    /// Where the parts come from: files in a folder (with the cache), or anything else (tests, a loaded set).
    private let source: @Sendable (MNISTDataset.Part) throws -> LabelledImages
    /// The folder the parts come from ("" for other sources).
    public let directory: String
    private let slots = Mutex<[MNISTDataset.Part: Slot]>([:])
    private let finishedCount = Atomic<Int>(0)
    private let firstUse = Mutex<MNISTParts>([])
    private let whole = Mutex<MNISTDataset?>(nil)

    private enum Slot {
        case loading(DispatchGroup)
        case done(Result<LabelledImages, Error>)
    }

    /// The parts of the MNIST files in `directory`, gzipped images through `cache` when given.
    public convenience init(directory: String, cache: MNISTCache?) {
        self.init(directory: directory) { part in try MNISTDataset.loadPart(part, directory: directory, cache: cache) }
    }

    /// Parts from `source`, called at most once per part.
    public init(directory: String = "", source: @escaping @Sendable (MNISTDataset.Part) throws -> LabelledImages) {
        self.directory = directory
        self.source = source
    }

    /// A dataset already in memory: both parts are there from the start.
    public convenience init(_ data: MNISTDataset) {
        self.init(directory: data.directory) { part in
            part == .train ? LabelledImages(images: data.xTrain, labels: data.yTrain) : LabelledImages(images: data.xTest, labels: data.yTest)
        }
        whole.withLock { $0 = data }
        for part in MNISTDataset.Part.allCases { _ = try? claimAndLoad(part) }
    }

    /// Loads each part not yet loaded or loading on a thread of its own, the test set first. The threads run
    /// at the caller's priority: at a lower one (nice 10 was tried), a busy machine's other processes starved
    /// them, and the lesson's digits came hundreds of milliseconds later, while the first frame they were
    /// meant to leave room for gained almost nothing.
    public func startInBackground() {
        for part in [MNISTDataset.Part.test, .train] where claim(part) != nil {
            DispatchQueue.global(qos: .userInitiated).async { [self] in run(part) }
        }
    }

    /// Whether every part of `parts` has loaded (a part that failed has not).
    public func isLoaded(_ parts: MNISTParts) -> Bool {
        slots.withLock { slots in
            parts.parts.allSatisfy { if case .done(.success) = slots[$0] { true } else { false } }
        }
    }

    /// The first failure of a part, if one failed.
    public var failure: Error? {
        slots.withLock { slots in
            for part in MNISTDataset.Part.allCases { if case .done(.failure(let error)) = slots[part] { return error } }
            return nil
        }
    }

    /// How many parts have finished loading (or failed); it only grows, so a change means news.
    public var generation: Int { finishedCount.load(ordering: .acquiring) }

    /// Parts that were first asked for by `part` rather than announced with `load` or `startInBackground`.
    public var loadedOnFirstUse: MNISTParts { firstUse.withLock { $0 } }

    /// Loads every part of `parts` (waiting for loads already under way); throws the first part's error.
    public func load(_ parts: MNISTParts) throws {
        for part in parts.parts { _ = try claimAndLoad(part) }
    }

    /// Part `part`, loading it on this thread first if nobody has started to (see `loadedOnFirstUse`).
    public func part(_ part: MNISTDataset.Part) throws -> LabelledImages {
        if !isLoaded(MNISTParts(part)) { firstUse.withLock { _ = $0.insert(MNISTParts(part)) } }
        return try claimAndLoad(part)
    }

    /// Both parts as one dataset, loading what is missing on this thread (recorded as `part` does).
    public func dataset() throws -> MNISTDataset {
        if let data = whole.withLock({ $0 }) { return data }
        for part in MNISTDataset.Part.allCases where !isLoaded(MNISTParts(part)) { firstUse.withLock { _ = $0.insert(MNISTParts(part)) } }
        let data = MNISTDataset(train: try claimAndLoad(.train), test: try claimAndLoad(.test), directory: directory)
        whole.withLock { $0 = $0 ?? data }
        return data
    }

    // MARK: Loading each part once

    /// Marks `part` as loading by the caller and returns its group, or nil when it is loading or loaded already.
    private func claim(_ part: MNISTDataset.Part) -> DispatchGroup? {
        slots.withLock { slots in
            guard slots[part] == nil else { return nil }
            let group = DispatchGroup()
            group.enter()
            slots[part] = .loading(group)
            return group
        }
    }

    private func run(_ part: MNISTDataset.Part) {
        let result = Result { try source(part) }
        let group = slots.withLock { slots -> DispatchGroup? in
            guard case .loading(let group) = slots[part] else { return nil }
            slots[part] = .done(result)
            return group
        }
        finishedCount.add(1, ordering: .releasing)
        group?.leave()
    }

    private func claimAndLoad(_ part: MNISTDataset.Part) throws -> LabelledImages {
        if claim(part) != nil { run(part) }
        while true {
            let slot = slots.withLock { $0[part] }
            switch slot {
            case .done(let result)?: return try result.get()
            case .loading(let group)?: group.wait()
            case nil: if claim(part) != nil { run(part) }
            }
        }
    }
}
