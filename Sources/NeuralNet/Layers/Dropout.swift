/// Randomly drops a fraction `rate` of its inputs during training so the network cannot rely on a
/// few units (a defence against overfitting). At inference it is the identity.
///
/// Inverted dropout, as Keras does it: kept values are scaled by `1 / (1 - rate)` at training time,
/// so the expected sum stays the same and inference needs no rescaling.
/// Training mode is always an explicit argument (never global state).
public struct Dropout: Layer {
    /// The fraction of inputs dropped, `0 ..< 1`.
    public let rate: Float

    public init(_ rate: Float) {
        precondition(rate >= 0 && rate < 1, "Dropout rate must be in 0 ..< 1, got \(rate)")
        self.rate = rate
    }

    public var typeName: String { "Dropout" }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    /// The factor kept values are multiplied by: `1 / (1 - rate)`.
    public var scale: Float { 1 / (1 - rate) }

    /// Draws a mask of `count` factors, each `0` (dropped, with probability `rate`) or `1 / (1 - rate)`.
    public func mask(count: Int, generator: inout SeededGenerator) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            Dropout.fillMask(rate: rate, count: count, generator: &generator, into: buffer.baseAddress!)
            initialized = count
        }
    }

    /// `-> out: [count]` of factors `0` or `1 / (1 - rate)`. A unit is kept when its uniform draw
    /// `u` (24 bits) satisfies `u >= rate`; each 64-bit draw serves two units. Training and the trace
    /// both use this, so the same seed gives the same mask everywhere.
    @inline(never) public static func fillMask(rate: Float, count: Int, generator: inout SeededGenerator,
                                into out: UnsafeMutablePointer<Float>) {
        let keep = 1 / (1 - rate)
        if rate == 0 {
            out.update(repeating: 1, count: count)
            return
        }
        var i = 0
        while i + 1 < count {
            let r = generator.next()
            out[i] = Float(r >> 40) * 0x1p-24 >= rate ? keep : 0
            out[i + 1] = Float((r >> 16) & 0xFF_FFFF) * 0x1p-24 >= rate ? keep : 0
            i += 2
        }
        if i < count { out[i] = generator.nextUnitFloat() >= rate ? keep : 0 }
    }

    /// `x: [batch, n] -> [batch, n]`: `x · mask` in training, `x` at inference.
    public func callAsFunction(_ x: Tensor, training: Bool, generator: inout SeededGenerator) -> Tensor {
        forward(x, training: training, generator: &generator).outputs
    }

    /// The forward pass with the mask it used (`[batch · n]` factors; all 1 at inference or at rate 0,
    /// when nothing is drawn). The trace shows the mask and the backward pass needs it.
    public func forward(_ x: Tensor, training: Bool, generator: inout SeededGenerator) -> (outputs: Tensor, mask: [Float]) {
        guard training && rate > 0 else { return (x, [Float](repeating: 1, count: x.count)) }
        let m = mask(count: x.count, generator: &generator)
        var y = x
        for i in y.scalars.indices { y.scalars[i] *= m[i] }
        return (y, m)
    }

    /// Backward pass with the mask the forward pass used: `dy: [batch, n], mask: [batch, n] -> dx = dy · mask`.
    public static func backward(mask: [Float], outputGradient dy: Tensor) -> Tensor {
        precondition(mask.count == dy.count, "dropout backward: mask of \(mask.count) for \(dy.count) values")
        var dx = dy
        for i in dx.scalars.indices { dx.scalars[i] *= mask[i] }
        return dx
    }
}
