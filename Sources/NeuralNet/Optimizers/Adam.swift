#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam with Keras's defaults and Keras's update rule (bias correction folded into the step size):
/// ```
/// t += 1;  α = lr · sqrt(1 - β2^t) / (1 - β1^t)
/// m += (g - m)(1 - β1);  v += (g² - v)(1 - β2);  w -= α · m / (sqrt(v) + ε)
/// ```
/// Defaults: `learningRate` 0.001, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-7 — Keras's values (1e-7 rather
/// than the paper's 1e-8, because Keras applies ε to the corrected step, where 1e-8 is easily lost in float32).
public struct Adam: Sendable {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    /// Steps taken so far (Keras's `optimizer.iterations`).
    public internal(set) var iterations: Int = 0
    /// First and second moments, one array per parameter tensor (created on the first step).
    public internal(set) var moments: [[Float]] = []
    public internal(set) var velocities: [[Float]] = []

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// The corrected step size α for step number `step` (1-based).
    public func stepSize(step: Int) -> Float {
        let b1 = Double(beta1), b2 = Double(beta2)
        return Float(Double(learningRate) * (1 - pow(b2, Double(step))).squareRoot() / (1 - pow(b1, Double(step))))
    }

    /// Makes sure the moments exist for parameters of these sizes (zeros, as Keras starts them).
    mutating func prepare(sizes: [Int]) {
        if moments.map(\.count) != sizes {
            moments = sizes.map { [Float](repeating: 0, count: $0) }
            velocities = moments
            iterations = 0
        }
    }

    /// One step on tensors (the reference path; `fit` uses `update` directly on its buffers).
    public mutating func apply(gradients: [Tensor], to parameters: inout [Tensor]) {
        precondition(gradients.count == parameters.count, "one gradient per parameter")
        prepare(sizes: parameters.map(\.count))
        iterations += 1
        let alpha = stepSize(step: iterations)
        for k in parameters.indices {
            precondition(gradients[k].count == parameters[k].count, "gradient \(k) has the wrong size")
            parameters[k].scalars.withUnsafeMutableBufferPointer { w in
                moments[k].withUnsafeMutableBufferPointer { m in
                    velocities[k].withUnsafeMutableBufferPointer { v in
                        gradients[k].scalars.withUnsafeBufferPointer { g in
                            Adam.update(w.baseAddress!, m.baseAddress!, v.baseAddress!, gradient: g.baseAddress!,
                                        count: w.count, alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
                        }
                    }
                }
            }
        }
    }

    /// The kernel: `w, m, v, g: [count]`, updated in place. A plain loop the compiler vectorises
    /// (`Float.squareRoot()` maps to the vector square-root instruction with `-fno-math-errno`, see Package.swift).
    /// Its cost is the square root and the division (about 0.33 ns per weight on the 2-core machine), not memory.
    @inline(never)
    public static func update(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                              _ v: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>, count: Int,
                              alpha: Float, beta1: Float, beta2: Float, epsilon: Float) {
        let c1 = 1 - beta1, c2 = 1 - beta2
        for i in 0 ..< count {
            let gi = g[i]
            let mi = m[i] + (gi - m[i]) * c1
            let vi = v[i] + (gi * gi - v[i]) * c2
            m[i] = mi
            v[i] = vi
            w[i] -= (mi * alpha) / (vi.squareRoot() + epsilon)
        }
    }

    /// The same update for a gradient of exactly zero (a weight whose inputs were all 0 in this batch):
    /// the moments still decay and the weight still moves, exactly as `update` with `g = 0` would.
    @inline(never)
    public static func updateZeroGradient(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                                          _ v: UnsafeMutablePointer<Float>, count: Int,
                                          alpha: Float, beta1: Float, beta2: Float, epsilon: Float) {
        let c1 = 1 - beta1, c2 = 1 - beta2
        for i in 0 ..< count {
            let mi = m[i] + (0 - m[i]) * c1
            let vi = v[i] + (0 - v[i]) * c2
            m[i] = mi
            v[i] = vi
            w[i] -= (mi * alpha) / (vi.squareRoot() + epsilon)
        }
    }
}
