/// Where `fit`, `evaluate` and `predict` read examples from, a batch at a time, so a data set can keep
/// its compact form (MNIST's pixels stay bytes: 47 MB instead of a 188 MB `Float` copy).
///
/// MNIST's `ImageSet` conforms (in the MNIST module); so does `Tensor` (each row is one example).
public protocol BatchSource: Sendable {
    /// Number of examples.
    var exampleCount: Int { get }
    /// Values per example (784 for 28×28 images).
    var featureCount: Int { get }
    /// Writes examples `indices`, in that order, as `indices.count × featureCount` floats into `buffer`.
    func fillBatch<C: Collection>(indices: C, into buffer: UnsafeMutablePointer<Float>) where C.Element == Int
}

extension Tensor: BatchSource {
    public var exampleCount: Int { rowCount }
    public var featureCount: Int { rowSize }

    public func fillBatch<C: Collection>(indices: C, into buffer: UnsafeMutablePointer<Float>) where C.Element == Int {
        let size = rowSize
        scalars.withUnsafeBufferPointer { all in
            var out = buffer
            for index in indices {
                precondition(index >= 0 && index < rowCount, "example \(index) outside 0..<\(rowCount)")
                out.update(from: all.baseAddress! + index * size, count: size)
                out += size
            }
        }
    }
}
