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
///
/// The loop itself is `FusedSweep` (FusedSweep.swift, a link to the file in Sources/AdamSweep): compiled here
/// with 8 lanes for AVX2, and in the AdamSweep module with 16 lanes for AVX-512. `sweep` runs the 16-lane
/// copy where the CPU has AVX-512 (`KernelChoice.wide`), the 8-lane one otherwise. Measured on the 2-core
/// machine (AMD Zen 4; thread CPU time of every sweep over 2 epochs, the best tenth of steps): about 40 µs a
/// step with 16 lanes against 49 µs with 8. Sixteen lanes do not divide faster (the divider's throughput per
/// value is the same); they halve the instructions around it. Eight sums in flight instead of four (64 columns
/// with AVX2) gained too little to tell on Zen 4, but on AMD Zen 3 (AVX2 only) the sweep is bound by the
/// multiply-add chains and the loop exits more than by the divider (measured alone: 37 µs of gradient, 41 µs
/// of Adam, 70 µs together), and eight sums took it from 70.5 to 64.9 µs, so the sweep takes eight where the
/// part has room.
import AdamSweep

/// Eight lanes: what AVX2 registers hold (`FusedSweep` in this module).
typealias Lanes = SIMD8<Float>

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
    /// vector loops do); the rest a multiply and an add (as its scalar tail does). Columns outside whole blocks
    /// of vectors are summed in `scratch` (`part.count` floats). `wide` runs the AVX-512 copy (`KernelChoice`)
    /// where the CPU has it; the results are the same bit for bit. Weight `(i, j)` is at `w[i · rowStride + j]`
    /// (`rowStride` nil: `n`; see `FusedSweep.sweep` for the layout two threads use). `rows`: the kernel rows to
    /// visit (nil: all).
    @inline(never) static func sweep(inputs: Int, units n: Int, part: Range<Int>, rowStride: Int? = nil, rows: Range<Int>? = nil,
                                     w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
                                     v: UnsafeMutablePointer<Float>, rowActive: UnsafeMutablePointer<Bool>, marksRows: Bool,
                                     batch: Columns, dz: UnsafePointer<Float>, adam: AdamStep, backwards: Bool = false,
                                     scratch: UnsafeMutablePointer<Float>, wide: Bool = KernelChoice.wide) {
        if wide && KernelChoice.available {
            AdamSweep.sweepAVX512(inputs: inputs, units: n, part: part, rowStride: rowStride ?? n, rows: rows ?? 0 ..< inputs, w: w, m: m, v: v, rowActive: rowActive, marksRows: marksRows,
                                  columnStart: batch.columnStart, row: batch.row, value: batch.value, dz: dz,
                                  alpha: adam.alpha, beta1: adam.beta1, beta2: adam.beta2, epsilon: adam.epsilon,
                                  backwards: backwards, scratch: scratch)
        } else {
            FusedSweep.sweep(inputs: inputs, units: n, part: part, rowStride: rowStride ?? n, rows: rows ?? 0 ..< inputs, w: w, m: m, v: v, rowActive: rowActive, marksRows: marksRows,
                             columnStart: batch.columnStart, row: batch.row, value: batch.value, dz: dz,
                             alpha: adam.alpha, beta1: adam.beta1, beta2: adam.beta2, epsilon: adam.epsilon,
                             backwards: backwards, scratch: scratch)
        }
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
