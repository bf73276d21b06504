/// A row-major array of `Float` with a shape, e.g. `[32, 784]` for a batch of flattened images.
///
/// A value type: copies are independent (the storage is copy-on-write), so a trained model's
/// tensors can be kept beside an untrained one's. Only what the engine and the lessons need is here;
/// the hot loops work on raw buffers, not through this type.
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// Sizes of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The values in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Float] {
        // Checked against the shape, not `oldValue`: a `didSet` that reads `oldValue` copies the whole
        // array on every element write, while this one lets `scalars[i] = x` write in place.
        didSet { precondition(scalars.count == shape.reduce(1, *), "a tensor's element count cannot change") }
    }

    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) values, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    /// A matrix from rows of equal length, e.g. `Tensor([[1, 2], [3, 4]])` has shape `[2, 2]`.
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "rows of different lengths")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A vector.
    public init(_ vector: [Float]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }

    /// Number of rows (the first dimension; the batch size for a batch).
    public var rowCount: Int { shape.first ?? 1 }
    /// Values per row (the product of all but the first dimension).
    public var rowSize: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }

    /// Element `[i, j]` of a matrix.
    public subscript(i: Int, j: Int) -> Float {
        get {
            precondition(rank == 2 && i >= 0 && i < shape[0] && j >= 0 && j < shape[1], "index [\(i), \(j)] outside \(shape)")
            return scalars[i * shape[1] + j]
        }
        set {
            precondition(rank == 2 && i >= 0 && i < shape[0] && j >= 0 && j < shape[1], "index [\(i), \(j)] outside \(shape)")
            scalars[i * shape[1] + j] = newValue
        }
    }

    /// Rows `range` of the first dimension, like NumPy's `x[a:b]` (so `x.rows(0..<1)` is `x_train[:1]`).
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= rowCount, "rows \(range) outside 0..<\(rowCount)")
        var newShape = shape
        newShape[0] = range.count
        let size = rowSize
        return Tensor(shape: newShape, scalars: Array(scalars[range.lowerBound * size ..< range.upperBound * size]))
    }

    /// Row `i` as an array (e.g. one image's 784 values, or one prediction's 10 logits).
    public func row(_ i: Int) -> [Float] {
        precondition(i >= 0 && i < rowCount, "row \(i) outside 0..<\(rowCount)")
        return Array(scalars[i * rowSize ..< (i + 1) * rowSize])
    }

    /// The same values with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Whether every value is finite (no NaN, no infinity).
    public var isFinite: Bool { scalars.allSatisfy(\.isFinite) }

    public var description: String {
        let shown = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", ..." : "")])"
    }
}
