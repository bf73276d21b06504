#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// The four MNIST files, as Keras's `tf.keras.datasets.mnist.load_data()` returns them:
/// `(x_train, y_train), (x_test, y_test)`, pixels as bytes, labels as bytes 0...9.
public struct MNISTDataset: Sendable {
    public let xTrain: ImageSet
    public let yTrain: [UInt8]
    public let xTest: ImageSet
    public let yTest: [UInt8]
    /// The folder the files came from.
    public let directory: String
    /// How the training and test images were read (from the decompressed cache or not), when loaded from files.
    public internal(set) var cacheUse: (train: MNISTCache.Use, test: MNISTCache.Use)?

    /// The standard file stems; each may end in `.gz` or not.
    public static let fileStems = (
        trainImages: "train-images-idx3-ubyte", trainLabels: "train-labels-idx1-ubyte",
        testImages: "t10k-images-idx3-ubyte", testLabels: "t10k-labels-idx1-ubyte")

    public init(xTrain: ImageSet, yTrain: [UInt8], xTest: ImageSet, yTest: [UInt8], directory: String = "") {
        self.xTrain = xTrain
        self.yTrain = yTrain
        self.xTest = xTest
        self.yTest = yTest
        self.directory = directory
    }

    /// Keras's tuple form: `let ((xTrain, yTrain), (xTest, yTest)) = try MNISTDataset.loadData()`.
    public static func loadData(directory: String? = nil) throws
        -> ((ImageSet, [UInt8]), (ImageSet, [UInt8])) {
        let d = try load(directory: directory)
        return ((d.xTrain, d.yTrain), (d.xTest, d.yTest))
    }

    /// One half of MNIST: the training set or the test set, each an images file and a labels file.
    public enum Part: String, CaseIterable, Sendable {
        case train, test

        /// The images and labels files' stems.
        public var stems: (images: String, labels: String) {
            switch self {
            case .train: (fileStems.trainImages, fileStems.trainLabels)
            case .test: (fileStems.testImages, fileStems.testLabels)
            }
        }

        /// "training set", "test set".
        public var name: String { self == .train ? "training set" : "test set" }
    }

    /// Loads all four files from `directory` (default: the resolved data folder), the two parts in
    /// parallel, then gathers both sets' nonzero pixels (~50 ms) so no training epoch pays for it.
    /// With a `cache`, gzipped images come from its decompressed copy when that is valid (see `MNISTCache`).
    public static func load(directory: String? = nil, cache: MNISTCache? = nil) throws -> MNISTDataset {
        let dir = try directory ?? DataLocation.resolve()
        let results = ParallelResults(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            results.set(i, Result { try loadPart(i == 0 ? .train : .test, directory: dir, cache: cache) })
        }
        let parts = try results.values.map { try $0!.get() }
        DispatchQueue.concurrentPerform(iterations: 2) { i in _ = parts[i].images.nonzeros }
        return MNISTDataset(train: parts[0], test: parts[1], directory: dir)
    }

    /// Loads only the 10,000 test images and labels (what most lessons need first).
    public static func loadTestSet(directory: String? = nil, cache: MNISTCache? = nil) throws -> (ImageSet, [UInt8]) {
        let part = try loadPart(.test, directory: directory ?? DataLocation.resolve(), cache: cache)
        return (part.images, part.labels)
    }

    /// One part's images and labels, checked against each other (28x28 images, one label 0...9 per image).
    public static func loadPart(_ part: Part, directory: String, cache: MNISTCache? = nil) throws -> LabelledImages {
        let imagesPath = try findFile(stem: part.stems.images, in: directory)
        let labelsPath = try findFile(stem: part.stems.labels, in: directory)
        let (images, use) = try cache?.images(source: imagesPath)
            ?? (MNISTCache.images(IDXFile(contentsOf: imagesPath, expectedDimensions: 3)), .notCached)
        let labels = try IDXFile(contentsOf: labelsPath, expectedDimensions: 1)
        try check(images: images, labels: labels, imagesPath: imagesPath, labelsPath: labelsPath)
        return LabelledImages(images: images, labels: Array(labels.data), cacheUse: use)
    }

    /// The dataset of two loaded parts.
    public init(train: LabelledImages, test: LabelledImages, directory: String) {
        self.init(xTrain: train.images, yTrain: train.labels, xTest: test.images, yTest: test.labels, directory: directory)
        cacheUse = (train.cacheUse, test.cacheUse)
    }

    /// `stem.gz` if present, else `stem`; a clear error naming both when neither is there, and
    /// "permission denied" (not "neither") when the folder may not be searched.
    public static func findFile(stem: String, in directory: String) throws(IDXError) -> String {
        for candidate in ["\(directory)/\(stem).gz", "\(directory)/\(stem)"] {
            if access(candidate, F_OK) == 0 { return candidate }
            if errno == EACCES {
                throw IDXError(.unreadable, file: directory, expected: "a folder whose files may be read",
                               found: "permission denied",
                               hint: "Check the folder's permissions (e.g. `chmod u+rx \(directory)`), or point --data elsewhere.")
            }
        }
        throw IDXError(.fileNotFound, file: "\(directory)/\(stem)[.gz]", expected: "an MNIST file named \(stem).gz or \(stem)",
                       found: "neither",
                       hint: "Point --data or MNIST_TUTOR_DATA at a folder holding the four standard MNIST files.")
    }

    static func check(images: ImageSet, labels: IDXFile, imagesPath: String, labelsPath: String) throws {
        guard images.rows == 28 && images.columns == 28 else {
            throw IDXError(.wrongDimensions, file: imagesPath, expected: "28x28 images", found: "\(images.rows)x\(images.columns)",
                           hint: "The tutor's model takes 28x28 digits (MNIST or Fashion-MNIST).")
        }
        guard labels.dimensions[0] == images.count else {
            throw IDXError(.countMismatch, file: labelsPath, expected: "\(images.count) labels (one per image in \(imagesPath))",
                           found: "\(labels.dimensions[0])", hint: "The images and labels files come from different sets; copy a matching pair.")
        }
        if let bad = labels.data.first(where: { $0 > 9 }) {
            throw IDXError(.wrongDimensions, file: labelsPath, expected: "labels 0...9", found: "label \(bad)",
                           hint: "This is not a 10-class labels file.")
        }
    }
}

/// One part of MNIST as loaded: its images, their labels, and whether the images came from the cache.
public struct LabelledImages: Sendable {
    public let images: ImageSet
    public let labels: [UInt8]
    public let cacheUse: MNISTCache.Use

    public init(images: ImageSet, labels: [UInt8], cacheUse: MNISTCache.Use = .notCached) {
        precondition(images.count == labels.count, "one label per image")
        self.images = images
        self.labels = labels
        self.cacheUse = cacheUse
    }
}

/// Collects results written from `concurrentPerform`, one slot per iteration.
private final class ParallelResults: Sendable {
    private let slots: Mutex<[Result<LabelledImages, Error>?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ r: Result<LabelledImages, Error>) { slots.withLock { $0[i] = r } }
    var values: [Result<LabelledImages, Error>?] { slots.withLock { $0 } }
}
