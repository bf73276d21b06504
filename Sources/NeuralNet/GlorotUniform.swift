/// Keras's default kernel initializer for `Dense`: uniform in `[-limit, limit]` with
/// `limit = sqrt(6 / (fanIn + fanOut))` (Glorot & Bengio 2010), chosen so that the variance of
/// activations and gradients stays about the same from layer to layer. Biases start at zero.
public struct GlorotUniform: Sendable {
    public init() {}

    public static func limit(fanIn: Int, fanOut: Int) -> Float {
        (6 / Float(fanIn + fanOut)).squareRoot()
    }

    /// A `[fanIn, fanOut]` kernel (Keras's layout), drawn in row-major order from `generator`.
    public func kernel(fanIn: Int, fanOut: Int, generator: inout SeededGenerator) -> Tensor {
        let limit = GlorotUniform.limit(fanIn: fanIn, fanOut: fanOut)
        var values = [Float](repeating: 0, count: fanIn * fanOut)
        for i in values.indices {
            values[i] = (generator.nextUnitFloat() * 2 - 1) * limit
        }
        return Tensor(shape: [fanIn, fanOut], scalars: values)
    }
}
