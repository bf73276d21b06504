/// The activation a `Dense` layer applies to its weighted sums. Keras's names: `'relu'`, and
/// `None`/`'linear'` for none (the output layer, which produces logits).
public enum Activation: String, Sendable, CaseIterable {
    /// No activation: the layer outputs `x · W + b` as is.
    case linear
    /// ReLU(x) = max(0, x). It has no threshold to tune: any negative sum becomes exactly 0.
    case relu

    /// Applies the activation to one value.
    @inlinable
    public func callAsFunction(_ x: Float) -> Float {
        switch self {
        case .linear: return x
        case .relu: return x > 0 ? x : 0
        }
    }

    /// Its derivative at a pre-activation value (ReLU: 1 where x > 0, else 0 — Keras's choice at 0 too).
    @inlinable
    public func derivative(at x: Float) -> Float {
        switch self {
        case .linear: return 1
        case .relu: return x > 0 ? 1 : 0
        }
    }

    /// Backward pass: `z: [batch, units], dy: [batch, units] -> dz: [batch, units]`, `dz = dy · f'(z)`.
    public func backward(preActivations z: Tensor, outputGradient dy: Tensor) -> Tensor {
        precondition(z.shape == dy.shape, "activation backward: shapes \(z.shape) and \(dy.shape) differ")
        var dz = dy
        for i in dz.scalars.indices { dz.scalars[i] *= derivative(at: z.scalars[i]) }
        return dz
    }
}
