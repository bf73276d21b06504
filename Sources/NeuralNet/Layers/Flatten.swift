/// Reshapes each example to one row of values: a 28×28 image becomes 784 numbers, row after row.
/// It learns nothing (0 parameters). As the model's first layer it also declares the input shape.
public struct Flatten: Layer {
    /// The shape of one input example (e.g. `[28, 28]`), or nil when the layer is not the first one.
    public let inputShape: [Int]?

    public init(inputShape: [Int]? = nil) {
        precondition(inputShape?.allSatisfy { $0 > 0 } ?? true, "Flatten: input dimensions must be positive")
        self.inputShape = inputShape
    }

    public var typeName: String { "Flatten" }

    public func outputShape(for inputShape: [Int]) -> [Int] { [inputShape.reduce(1, *)] }

    /// `x: [batch, d1, d2, ...] -> [batch, d1·d2·...]` (the values do not move; only the shape changes).
    public func callAsFunction(_ x: Tensor, training: Bool, generator: inout SeededGenerator) -> Tensor {
        x.reshaped([x.rowCount, x.rowSize])
    }
}
