/// The backward pass of a layer's kernel fused with Adam, one kernel row at a time: the row's gradient is
/// accumulated in registers, 32 columns at a time, and Adam updates those 32 weights and moments at once,
/// so the gradient never goes to memory and each weight, moment and velocity is loaded and stored once.
///
/// Why explicit `SIMD8<Float>`: the separate kernels (`gradientRow` into a scratch row, then `Adam.update`,
/// a compiler-vectorised loop with run-time overlap checks, called once per row) took about 10% longer
/// (profiled, 5 epochs). What remains is close to the hardware: Adam's square root and division per weight
/// alone take about 0.35 ns (the divider's throughput on the 2-core machine, about 32 µs a step for 717
/// active rows), and the gradient's multiply-adds add about 20 µs that do not overlap with it.
/// Square root and division are exact IEEE operations, so the vector forms round exactly as the scalar
/// ones: the arithmetic is that of `gradientRow` followed by `Adam.update`, operation for operation, and the
/// weights are the same bit for bit.
extension SparseKernels {
    /// A batch's nonzero inputs by column (CSC): `columnStart: [inputs + 1], row: [nnz], value: [nnz]`.
    struct Columns {
        var columnStart: UnsafePointer<Int32>
        var row: UnsafePointer<Int32>
        var value: UnsafePointer<Float>
    }

    /// Adam's step constants (see `Adam`): the corrected step size α, β1, β2, ε.
    struct AdamStep {
        var alpha: Float, beta1: Float, beta2: Float, epsilon: Float
    }

    /// Shapes: `w, m, v: [inputs, units]`, updated in columns `part`; `rowActive: [inputs]`;
    /// `batch` (CSC of the step's input `[rows, inputs]`) and `dz: [rows, units]` give the gradient
    /// `g[i, :] = Σ_r x[r, i] · dz[r, :]` (rows ascending), and Adam applies it.
    ///
    /// A row with no input in the batch and no Adam state (`rowActive` false: m = v = 0) has an update of
    /// exactly 0 and is skipped; `marksRows` lets one of two threads record the rows that became active.
    /// `backwards` visits the rows from last to first (the order changes no result; it helps the cache).
    /// The first `part.count / 32 · 32` columns use fused multiply-adds for the gradient (as `gradientRow`'s
    /// vector loops do); the rest a multiply and an add (as its scalar tail does), summed in `scratch` (32 floats).
    @inline(never) static func sweep(inputs: Int, units n: Int, part: Range<Int>,
                                     w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
                                     v: UnsafeMutablePointer<Float>, rowActive: UnsafeMutablePointer<Bool>, marksRows: Bool,
                                     batch: Columns, dz: UnsafePointer<Float>, adam: AdamStep, backwards: Bool = false,
                                     scratch: UnsafeMutablePointer<Float>) {
        let c1 = 1 - adam.beta1, c2 = 1 - adam.beta2
        let alpha = adam.alpha, eps = adam.epsilon
        let vectorEnd = part.lowerBound + part.count / 32 * 32
        for step in 0 ..< inputs {
            let i = backwards ? inputs - 1 - step : step
            let start = Int(batch.columnStart[i]), end = Int(batch.columnStart[i + 1])
            let hasGradient = start < end
            if !hasGradient && !rowActive[i] { continue }
            if marksRows && hasGradient && !rowActive[i] { rowActive[i] = true }  // write only on change: the other thread reads it
            let wr = w + i * n, mr = m + i * n, vr = v + i * n
            var j = part.lowerBound
            while j < vectorEnd {
                var g0 = V(), g1 = V(), g2 = V(), g3 = V()
                for k in start ..< end {
                    let x = V(repeating: batch.value[k])
                    let d = dz + Int(batch.row[k]) * n + j
                    g0.addProduct(x, load(d)); g1.addProduct(x, load(d + 8)); g2.addProduct(x, load(d + 16)); g3.addProduct(x, load(d + 24))
                }
                adamVector(wr + j, mr + j, vr + j, g0, c1, c2, alpha, eps)
                adamVector(wr + j + 8, mr + j + 8, vr + j + 8, g1, c1, c2, alpha, eps)
                adamVector(wr + j + 16, mr + j + 16, vr + j + 16, g2, c1, c2, alpha, eps)
                adamVector(wr + j + 24, mr + j + 24, vr + j + 24, g3, c1, c2, alpha, eps)
                j += 32
            }
            if j < part.upperBound {
                // Entries outside, columns inside: the columns' sums are independent chains that run side by
                // side (a column at a time, each addition would wait for the previous one).
                let tail = j ..< part.upperBound
                for c in tail { scratch[c - j] = 0 }
                for k in start ..< end {
                    let x = batch.value[k]
                    let d = dz + Int(batch.row[k]) * n
                    for c in tail { scratch[c - j] += x * d[c] }
                }
                for c in tail {
                    let g = scratch[c - j]
                    let mi = mr[c] + (g - mr[c]) * c1
                    let vi = vr[c] + (g * g - vr[c]) * c2
                    mr[c] = mi
                    vr[c] = vi
                    wr[c] -= (mi * alpha) / (vi.squareRoot() + eps)
                }
            }
        }
    }

    /// Adam on 8 weights: `Adam.update`'s arithmetic, lane by lane (a zero gradient gives exactly
    /// `Adam.updateZeroGradient`'s results: `0 - m` and `0 · 0 - v` are what that kernel computes).
    @inline(__always) static func adamVector(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                                             _ v: UnsafeMutablePointer<Float>, _ g: V,
                                             _ c1: Float, _ c2: Float, _ alpha: Float, _ eps: Float) {
        let mOld = load(m), vOld = load(v)
        let mi = mOld + (g - mOld) * c1
        let vi = vOld + (g * g - vOld) * c2
        store(mi, m)
        store(vi, v)
        store(load(w) - (mi * alpha) / (vi.squareRoot() + V(repeating: eps)), w)
    }

    /// The naive reference for `sweep` (all columns, one thread, no row skipped): the gradient and Adam
    /// written out one weight at a time, in the fused kernel's operation order (fused multiply-add in the
    /// first `units / 32 · 32` columns, multiply then add in the rest).
    static func sweepReference(inputs: Int, units n: Int, w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
                               v: UnsafeMutablePointer<Float>, batch: Columns, dz: UnsafePointer<Float>, adam: AdamStep) {
        let fusedColumns = n / 32 * 32
        let c1 = 1 - adam.beta1, c2 = 1 - adam.beta2
        for i in 0 ..< inputs {
            for j in 0 ..< n {
                var g: Float = 0
                for k in Int(batch.columnStart[i]) ..< Int(batch.columnStart[i + 1]) {
                    let x = batch.value[k], d = dz[Int(batch.row[k]) * n + j]
                    g = j < fusedColumns ? g.addingProduct(x, d) : g + x * d
                }
                let at = i * n + j
                m[at] = m[at] + (g - m[at]) * c1
                v[at] = v[at] + (g * g - v[at]) * c2
                w[at] = w[at] - (m[at] * adam.alpha) / (v[at].squareRoot() + adam.epsilon)
            }
        }
    }
}
