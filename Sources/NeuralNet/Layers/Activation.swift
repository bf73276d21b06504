/// The activation a `Dense` layer applies to its weighted sums, with Keras's names: `'relu'`, `'sigmoid'`,
/// `'tanh'`, and `'linear'` — what Keras's `activation=None` means (the output layer, which produces logits).
///
/// The one place each activation is defined (its eight-value `callAsFunction` and `derivative`): the
/// reference layers (`Dense`), the fast training kernels (`SparseKernels.activate`), the trace and the
/// backward pass all go through them, so a new activation is a new case here (with its two definitions)
/// and its tests; nothing else.
public enum Activation: String, Sendable, CaseIterable {
    /// No activation: the layer outputs `x · W + b` as is.
    case linear
    /// ReLU(x) = max(0, x). It has no threshold to tune: any negative sum becomes exactly 0.
    case relu
    /// sigmoid(x) = 1 / (1 + e⁻ˣ), squashing every sum into (0, 1). Its slope is at most 1/4, so a deep
    /// stack of them multiplies many small numbers on the way back: the vanishing gradient.
    case sigmoid
    /// tanh(x) = (eˣ - e⁻ˣ) / (eˣ + e⁻ˣ), into (-1, 1), centred on 0; its slope is at most 1.
    case tanh

    /// The activation Keras's string names (`'relu'`, `'sigmoid'`, `'tanh'`, `'linear'`), also
    /// `'none'` for `activation=None`; any letter case. Nil for any other name.
    public init?(kerasName: String) {
        let name = kerasName.lowercased()
        if name == "none" { self = .linear; return }
        self.init(rawValue: name)
    }

    /// The names the command line and the weights file accept, in the order a learner meets them: every case
    /// in declaration order, linear (no activation) last.
    public static let kerasNames = allCases.filter { $0 != .linear }.map(\.rawValue) + [Activation.linear.rawValue]

    /// The activation on eight values at once: the one definition of each function. Every other form (one
    /// value, a buffer, the fast kernels' `SparseKernels.activate`) goes through it, so every path computes
    /// the same bits; sigmoid and tanh through `VectorMath`.
    @inlinable
    public func callAsFunction(_ z: VectorMath.V) -> VectorMath.V {
        switch self {
        case .linear: return z
        case .relu: return z.replacing(with: 0, where: .!(z .> 0))  // +0 for every z that is not > 0, NaN too
        case .sigmoid: return VectorMath.sigmoid(z)
        case .tanh: return VectorMath.tanh(z)
        }
    }

    /// Its derivative on eight values, at pre-activations `z`, where `y` are the outputs there (`y = self(z)`).
    /// Written in terms of the output where that is how TensorFlow computes it: sigmoid `y(1 - y)`, tanh
    /// `1 - y²`; ReLU 1 where `z > 0`, else 0 (Keras's choice at 0 too); linear 1.
    @inlinable
    public func derivative(at z: VectorMath.V, output y: VectorMath.V) -> VectorMath.V {
        switch self {
        case .linear: return VectorMath.V(repeating: 1)
        case .relu: return VectorMath.V(repeating: 1).replacing(with: 0, where: .!(z .> 0))
        case .sigmoid: return y * (1 - y)
        case .tanh: return 1 - y * y
        }
    }

    /// Applies the activation to one value (lane 0 of the eight-value form).
    @inlinable
    public func callAsFunction(_ x: Float) -> Float { self(VectorMath.V(repeating: x))[0] }

    /// Its derivative at pre-activation `z`, where `y` is the output there (lane 0 of the eight-value form).
    @inlinable
    public func derivative(at z: Float, output y: Float) -> Float {
        derivative(at: VectorMath.V(repeating: z), output: VectorMath.V(repeating: y))[0]
    }

    /// The derivative at `z` (computes the output first; see `derivative(at:output:)`).
    public func derivative(at z: Float) -> Float { derivative(at: z, output: self(z)) }

    /// `z: [count] -> y: [count]`, eight values at a time (`y` may be `z`); the last few in a partly filled
    /// vector (lanes do not affect each other).
    @inlinable
    public func apply(_ z: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        if self == .linear {
            if UnsafePointer(y) != z { y.update(from: z, count: count) }
            return
        }
        var i = 0
        while i < count {
            let n = min(8, count - i)
            var v = VectorMath.V()
            for l in 0 ..< n { v[l] = z[i + l] }
            let out = self(v)
            for l in 0 ..< n { y[i + l] = out[l] }
            i += n
        }
    }

    /// `z: [batch, units] -> [batch, units]`.
    public func callAsFunction(_ z: Tensor) -> Tensor {
        var y = z
        if self != .linear {
            y.scalars.withUnsafeMutableBufferPointer { apply($0.baseAddress!, count: $0.count, into: $0.baseAddress!) }
        }
        return y
    }

    /// Backward pass: `z, y, dy: [batch, units] -> dz: [batch, units]`, `dz = dy · f'(z)` (`y = f(z)`, the outputs).
    public func backward(preActivations z: Tensor, outputs y: Tensor, outputGradient dy: Tensor) -> Tensor {
        precondition(z.shape == dy.shape && y.shape == dy.shape, "activation backward: shapes \(z.shape), \(y.shape) and \(dy.shape) differ")
        var dz = dy
        for i in dz.scalars.indices { dz.scalars[i] *= derivative(at: z.scalars[i], output: y.scalars[i]) }
        return dz
    }

    /// Backward pass from the pre-activations alone (the outputs are recomputed).
    public func backward(preActivations z: Tensor, outputGradient dy: Tensor) -> Tensor {
        backward(preActivations: z, outputs: self(z), outputGradient: dy)
    }
}
