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
    /// Writes examples `indices` as compressed rows, keeping only the nonzero values, in column order:
    /// `-> rowStart: [indices.count + 1], column: [nnz], value: [nnz]`; returns nnz. The buffers hold
    /// `indices.count × featureCount` entries; `scratch` (as many floats) is free for the implementation's use.
    /// The default fills dense rows into `scratch` and compresses them; a source that is sparse by nature
    /// (MNIST's bytes, 81% zeros) can write the nonzeros directly, which is what makes `fit` fast.
    func fillCompressedBatch(indices: UnsafeBufferPointer<Int>, rowStart: UnsafeMutablePointer<Int32>,
                             column: UnsafeMutablePointer<Int32>, value: UnsafeMutablePointer<Float>,
                             scratch: UnsafeMutablePointer<Float>) -> Int
}

extension BatchSource {
    public func fillCompressedBatch(indices: UnsafeBufferPointer<Int>, rowStart: UnsafeMutablePointer<Int32>,
                                    column: UnsafeMutablePointer<Int32>, value: UnsafeMutablePointer<Float>,
                                    scratch: UnsafeMutablePointer<Float>) -> Int {
        fillBatch(indices: indices, into: scratch)
        return SparseKernels.compressRows(scratch, rows: indices.count, columns: featureCount,
                                          rowStart: rowStart, column: column, value: value)
    }
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
