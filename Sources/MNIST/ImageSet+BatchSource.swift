import NeuralNet

/// `ImageSet` feeds `fit`, `evaluate` and `predict` batch by batch: pixels stay bytes in memory and
/// become `Float` 0...1 (pixel / 255, as the quickstart divides `x_train` by 255) only for the rows a batch needs.
extension ImageSet: BatchSource {
    public var exampleCount: Int { count }
    public var featureCount: Int { pixelsPerImage }

    /// Images `range` as a tensor `[n, rows, columns]` of pixel / 255 (Keras's `x_train[a:b] / 255`).
    public func tensor(_ range: Range<Int>) -> Tensor {
        Tensor(shape: [range.count, rows, columns], scalars: floats(indices: range))
    }

    /// One image as 784 floats 0...1 (what `Sequential.trace` takes).
    public func image(_ index: Int) -> [Float] {
        floats(indices: index ..< index + 1)
    }
}
