/// A fully connected layer: every input is connected to every unit by a weight.
/// `y = activation(x · kernel + bias)`, kernel `[inputs, units]` (Keras's layout), bias `[units]`.
///
/// Keras's defaults: Glorot-uniform kernel, zero bias (see `GlorotUniform`).
public struct Dense: Layer {
    public let units: Int
    public let activation: Activation
    /// The input shape, when this layer is the model's first one (otherwise the previous layer gives it).
    public let declaredInputShape: [Int]?
    /// `[inputs, units]`; empty (`[0, units]`) until the model is built.
    public internal(set) var kernel: Tensor
    /// `[units]`.
    public internal(set) var bias: Tensor

    public init(_ units: Int, activation: Activation = .linear, inputShape: [Int]? = nil) {
        precondition(units > 0, "Dense: units must be positive, got \(units)")
        self.units = units
        self.activation = activation
        self.declaredInputShape = inputShape
        self.kernel = Tensor(zeros: [0, units])
        self.bias = Tensor(zeros: [units])
    }

    public var typeName: String { "Dense" }
    public var inputSize: Int { kernel.shape[0] }
    public var parameterCount: Int { kernel.count + bias.count }

    public func outputShape(for inputShape: [Int]) -> [Int] { [units] }

    public mutating func build(inputShape: [Int], generator: inout SeededGenerator) {
        precondition(inputShape.count == 1, "Dense expects flat inputs; put Flatten() before it (got shape \(inputShape))")
        kernel = GlorotUniform().kernel(fanIn: inputShape[0], fanOut: units, generator: &generator)
        bias = Tensor(zeros: [units])
    }

    /// Replaces the weights; the shapes must match (`[inputs, units]` and `[units]`).
    public mutating func setWeights(kernel: Tensor, bias: Tensor) {
        precondition(kernel.shape == self.kernel.shape && bias.shape == self.bias.shape,
                     "Dense.setWeights: expected \(self.kernel.shape) and \(self.bias.shape), got \(kernel.shape) and \(bias.shape)")
        self.kernel = kernel
        self.bias = bias
    }

    /// The weights feeding unit `unit`: one per input (for the first layer, 784 values that read as a 28×28 picture).
    public func weights(ofUnit unit: Int) -> [Float] {
        precondition(unit >= 0 && unit < units, "unit \(unit) outside 0..<\(units)")
        return (0 ..< inputSize).map { kernel.scalars[$0 * units + unit] }
    }

    /// The bias of unit `unit`.
    public func bias(ofUnit unit: Int) -> Float {
        precondition(unit >= 0 && unit < units, "unit \(unit) outside 0..<\(units)")
        return bias.scalars[unit]
    }

    /// The weighted sums before the activation: `x: [batch, inputs], kernel: [inputs, units] -> [batch, units]`.
    ///
    /// The reference forward pass, written the way the lessons explain it: each unit starts at its bias and
    /// every nonzero input adds its row of weights times its value (a zero input adds nothing, so it is
    /// skipped: most of a digit's pixels are 0). Inputs are taken in order, multiply then add, so the same
    /// digit gives the same sums on every screen. The fast kernels (`SparseKernels.forward`) fuse the
    /// multiply-adds and agree with this to float rounding.
    public func preActivations(_ x: Tensor) -> Tensor {
        precondition(x.rowSize == inputSize, "Dense(\(units)) expects \(inputSize) inputs per example, got \(x.rowSize)")
        let rows = x.rowCount, inputs = inputSize, units = self.units
        var z = Tensor(zeros: [rows, units])
        x.scalars.withUnsafeBufferPointer { x in
            kernel.scalars.withUnsafeBufferPointer { w in
                bias.scalars.withUnsafeBufferPointer { b in
                    z.scalars.withUnsafeMutableBufferPointer { z in
                        for r in 0 ..< rows {
                            let out = z.baseAddress! + r * units
                            out.update(from: b.baseAddress!, count: units)
                            for i in 0 ..< inputs {
                                let value = x[r * inputs + i]
                                if value == 0 { continue }
                                let row = w.baseAddress! + i * units
                                for j in 0 ..< units { out[j] += value * row[j] }
                            }
                        }
                    }
                }
            }
        }
        return z
    }

    /// The layer's forward pass keeping both stages: `x: [batch, inputs] -> z, y: [batch, units]`,
    /// `z = x · kernel + bias` and `y = activation(z)` (the trace and the backward pass need both).
    public func forward(_ x: Tensor) -> (preActivations: Tensor, outputs: Tensor) {
        let z = preActivations(x)
        return (z, activation(z))
    }

    /// `x: [batch, inputs] -> [batch, units]`.
    public func callAsFunction(_ x: Tensor, training: Bool, generator: inout SeededGenerator) -> Tensor {
        activation(preActivations(x))
    }

    /// Backward pass of `x · kernel + bias` (the activation is separate, see `Activation.backward`):
    /// `x: [batch, inputs], kernel: [inputs, units], dz: [batch, units]`
    /// `-> dx: [batch, inputs] (dz · kernelᵀ), dKernel: [inputs, units] (xᵀ · dz), dBias: [units] (Σ_batch dz)`.
    public static func backward(input x: Tensor, kernel: Tensor, outputGradient dz: Tensor)
        -> (inputGradient: Tensor, kernelGradient: Tensor, biasGradient: Tensor) {
        let dx = matmul(dz, kernel, transposeB: true)
        let dKernel = matmul(x, dz, transposeA: true)
        var dBias = [Float](repeating: 0, count: dz.rowSize)
        for b in 0 ..< dz.rowCount {
            for j in 0 ..< dz.rowSize { dBias[j] += dz.scalars[b * dz.rowSize + j] }
        }
        return (dx, dKernel, Tensor(dBias))
    }
}
