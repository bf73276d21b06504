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

    /// Loads all four files from `directory` (default: the resolved data folder), in parallel.
    public static func load(directory: String? = nil) throws -> MNISTDataset {
        let dir = try directory ?? DataLocation.resolve()
        let s = fileStems
        let paths = try [s.trainImages, s.trainLabels, s.testImages, s.testLabels].map { try findFile(stem: $0, in: dir) }
        let results = ParallelResults(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            results.set(i, Result { try IDXFile(contentsOf: paths[i], expectedDimensions: i % 2 == 0 ? 3 : 1) })
        }
        let files = try results.values.map { try $0!.get() }
        let train = try pair(images: files[0], labels: files[1], imagesPath: paths[0], labelsPath: paths[1])
        let test = try pair(images: files[2], labels: files[3], imagesPath: paths[2], labelsPath: paths[3])
        // Gather the nonzero pixels now (~50 ms, test set alongside) rather than in the first training epoch.
        DispatchQueue.concurrentPerform(iterations: 2) { i in _ = (i == 0 ? train.0 : test.0).nonzeros }
        return MNISTDataset(xTrain: train.0, yTrain: train.1, xTest: test.0, yTest: test.1, directory: dir)
    }

    /// Loads only the 10,000 test images and labels (what most lessons need first).
    public static func loadTestSet(directory: String? = nil) throws -> (ImageSet, [UInt8]) {
        let dir = try directory ?? DataLocation.resolve()
        let imagesPath = try findFile(stem: fileStems.testImages, in: dir)
        let labelsPath = try findFile(stem: fileStems.testLabels, in: dir)
        let images = try IDXFile(contentsOf: imagesPath, expectedDimensions: 3)
        let labels = try IDXFile(contentsOf: labelsPath, expectedDimensions: 1)
        return try pair(images: images, labels: labels, imagesPath: imagesPath, labelsPath: labelsPath)
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

    static func pair(images: IDXFile, labels: IDXFile, imagesPath: String, labelsPath: String) throws -> (ImageSet, [UInt8]) {
        let d = images.dimensions
        guard d[1] == 28 && d[2] == 28 else {
            throw IDXError(.wrongDimensions, file: imagesPath, expected: "28x28 images", found: "\(d[1])x\(d[2])",
                           hint: "The tutor's model takes 28x28 digits (MNIST or Fashion-MNIST).")
        }
        guard labels.dimensions[0] == d[0] else {
            throw IDXError(.countMismatch, file: labelsPath, expected: "\(d[0]) labels (one per image in \(imagesPath))",
                           found: "\(labels.dimensions[0])", hint: "The images and labels files come from different sets; copy a matching pair.")
        }
        if let bad = labels.data.first(where: { $0 > 9 }) {
            throw IDXError(.wrongDimensions, file: labelsPath, expected: "labels 0...9", found: "label \(bad)",
                           hint: "This is not a 10-class labels file.")
        }
        let set = ImageSet(count: d[0], rows: d[1], columns: d[2], storage: images.storage, offset: images.dataOffset)
        return (set, Array(labels.data))
    }
}

/// Collects results written from `concurrentPerform`, one slot per iteration.
private final class ParallelResults: Sendable {
    private let slots: Mutex<[Result<IDXFile, Error>?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ r: Result<IDXFile, Error>) { slots.withLock { $0[i] = r } }
    var values: [Result<IDXFile, Error>?] { slots.withLock { $0 } }
}
