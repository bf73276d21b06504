// This file is compiled twice: in AdamSweep (for AVX-512, `Lanes` = SIMD16<Float>) and, through a symbolic
// link, in NeuralNet (for AVX2, `Lanes` = SIMD8<Float>). Keep it free of generic code: a specialization the
// AVX-512 module emitted could be shared by the linker with code that runs on CPUs without AVX-512.

/// The backward pass of a layer's kernel fused with Adam, one kernel row at a time (NeuralNet's
/// `SparseKernels.sweep` calls it): a row's gradient is summed in registers, `4 · Lanes` columns at a time,
/// and Adam updates those weights and moments at once, so the gradient never goes to memory.
///
/// Bit for bit the same at any width: every lane computes `Adam.update`'s arithmetic on its own column, and a
/// column's gradient adds the same products in the same order; the first `part.count / 32 · 32` columns with
/// fused multiply-adds (vector lanes, or `addingProduct` for columns left over from whole blocks), the rest
/// with a multiply and an add. Square root and division are exact IEEE operations at any width.
enum FusedSweep {
    /// Eight lanes for the columns past `fusedEnd` in either copy (the 10 units of the article's output layer).
    typealias Eight = SIMD8<Float>
    /// Shapes: `w, m, v: [inputs, units]`, updated in columns `part`; `rowActive: [inputs]`; the step's input
    /// by column (CSC: `columnStart: [inputs + 1], row, value: [nnz]`) and `dz: [rows, units]` give the gradient
    /// `g[i, :] = Σ_r x[r, i] · dz[r, :]` (rows ascending), and Adam (step size `alpha`) applies it.
    ///
    /// A row with no input in the batch and no Adam state (`rowActive` false: m = v = 0) has an update of
    /// exactly 0 and is skipped; `marksRows` lets one of two threads record the rows that became active.
    /// Only the kernel rows (inputs) `rows` are visited (the rest of `0 ..< inputs` is left as it is);
    /// `backwards` visits them from last to first (the order changes no result; it helps the cache).
    /// `scratch` holds the sums of the columns outside whole blocks (at most `part.count` floats).
    /// Weight `(i, j)` (and its moments) is at `w[i · rowStride + j]`: `rowStride` is `n` for the plain layout;
    /// with two threads, `Trainer` keeps each part's columns in a block of their own (`rowStride` = the part's
    /// width, `w` moved back by `part.lowerBound`), so neither thread's memory lies between the other's rows.
    @inline(__always)
    static func sweep(inputs: Int, units n: Int, part: Range<Int>, rowStride: Int, rows: Range<Int>,
                      w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                      rowActive: UnsafeMutablePointer<Bool>, marksRows: Bool,
                      columnStart: UnsafePointer<Int32>, row: UnsafePointer<Int32>, value: UnsafePointer<Float>,
                      dz: UnsafePointer<Float>, alpha: Float, beta1: Float, beta2: Float, epsilon: Float,
                      backwards: Bool, scratch: UnsafeMutablePointer<Float>) {
        let c1 = 1 - beta1, c2 = 1 - beta2, eps = epsilon
        let lanes = Lanes.scalarCount, block = 4 * lanes
        let fusedEnd = part.lowerBound + part.count / 32 * 32
        let blocksEnd = part.lowerBound + (fusedEnd - part.lowerBound) / block * block
        let eightsEnd = fusedEnd + (part.upperBound - fusedEnd) / 8 * 8
        var step = 0
        while step < rows.count {
            let i = backwards ? rows.upperBound - 1 - step : rows.lowerBound + step
            step += 1
            let start = Int(columnStart[i]), end = Int(columnStart[i + 1])
            let hasGradient = start < end
            if !hasGradient && !rowActive[i] { continue }
            if marksRows && hasGradient && !rowActive[i] { rowActive[i] = true }  // write only on change: the other thread reads it
            let wr = w + i * rowStride, mr = m + i * rowStride, vr = v + i * rowStride
            var j = part.lowerBound
            // Eight sums at a time where the part has room (64 columns with AVX2): a column's sum is a chain of
            // multiply-adds, one per entry, each waiting for the last (4 cycles), so eight chains side by side
            // keep the multipliers busy where four leave them half idle. Measured on AMD Zen 3 (sweep alone,
            // 3,830 entries, best of 8 runs): 64.9 µs against 70.5 µs with four.
            while j + 2 * block <= blocksEnd {
                var g0 = Lanes(), g1 = Lanes(), g2 = Lanes(), g3 = Lanes()
                var g4 = Lanes(), g5 = Lanes(), g6 = Lanes(), g7 = Lanes()
                var k = start
                while k < end {
                    let x = Lanes(repeating: value[k])
                    let d = dz + Int(row[k]) * n + j
                    g0.addProduct(x, load(d)); g1.addProduct(x, load(d + lanes))
                    g2.addProduct(x, load(d + 2 * lanes)); g3.addProduct(x, load(d + 3 * lanes))
                    g4.addProduct(x, load(d + 4 * lanes)); g5.addProduct(x, load(d + 5 * lanes))
                    g6.addProduct(x, load(d + 6 * lanes)); g7.addProduct(x, load(d + 7 * lanes))
                    k += 1
                }
                adam4(wr + j, mr + j, vr + j, g0, g1, g2, g3, c1, c2, alpha, eps)
                adam4(wr + j + 4 * lanes, mr + j + 4 * lanes, vr + j + 4 * lanes, g4, g5, g6, g7, c1, c2, alpha, eps)
                j += 2 * block
            }
            while j < blocksEnd {
                var g0 = Lanes(), g1 = Lanes(), g2 = Lanes(), g3 = Lanes()
                var k = start
                while k < end {
                    let x = Lanes(repeating: value[k])
                    let d = dz + Int(row[k]) * n + j
                    g0.addProduct(x, load(d)); g1.addProduct(x, load(d + lanes))
                    g2.addProduct(x, load(d + 2 * lanes)); g3.addProduct(x, load(d + 3 * lanes))
                    k += 1
                }
                adam4(wr + j, mr + j, vr + j, g0, g1, g2, g3, c1, c2, alpha, eps)
                j += block
            }
            guard j < part.upperBound else { continue }
            // Columns past `fusedEnd` (a multiply and an add each), eight at a time with the entries inside:
            // each column adds the same products in the same order as the scalar loop below does.
            var e = fusedEnd
            while e < eightsEnd {
                var g = Eight()
                var k = start
                while k < end {
                    g = g + Eight(repeating: value[k]) * load8(dz + Int(row[k]) * n + e)
                    k += 1
                }
                let mOld = load8(mr + e), vOld = load8(vr + e)
                let mi = mOld + (g - mOld) * c1
                let vi = vOld + (g * g - vOld) * c2
                store8(mi, mr + e)
                store8(vi, vr + e)
                store8(load8(wr + e) - (mi * alpha) / (vi.squareRoot() + Eight(repeating: eps)), wr + e)
                e += 8
            }
            // Fused columns outside whole blocks (AVX-512's last 32 of a part): entries outside, columns inside, so
            // the columns' sums are independent chains that run side by side, in `scratch`.
            let first = j
            if first < fusedEnd {
                var c = first
                while c < fusedEnd { scratch[c - first] = 0; c += 1 }
                var k = start
                while k < end {
                    let x = value[k]
                    let d = dz + Int(row[k]) * n
                    c = first
                    while c < fusedEnd { scratch[c - first] = scratch[c - first].addingProduct(x, d[c]); c += 1 }
                    k += 1
                }
                c = first
                while c < fusedEnd { adamScalar(wr + c, mr + c, vr + c, scratch[c - first], c1, c2, alpha, eps); c += 1 }
            }
            // The last columns (fewer than 8, a multiply and an add each): one column at a time, its sum in a
            // register (a sum kept in memory would wait on its own store at every entry).
            var c = eightsEnd
            while c < part.upperBound {
                var g: Float = 0
                var k = start
                while k < end {
                    g += value[k] * dz[Int(row[k]) * n + c]
                    k += 1
                }
                adamScalar(wr + c, mr + c, vr + c, g, c1, c2, alpha, eps)
                c += 1
            }
        }
    }

    /// Adam on one weight: `Adam.update`'s arithmetic.
    @inline(__always)
    static func adamScalar(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                           _ g: Float, _ c1: Float, _ c2: Float, _ alpha: Float, _ eps: Float) {
        let mi = m.pointee + (g - m.pointee) * c1
        let vi = v.pointee + (g * g - v.pointee) * c2
        m.pointee = mi
        v.pointee = vi
        w.pointee -= (mi * alpha) / (vi.squareRoot() + eps)
    }

    /// `adam` on four consecutive vectors of weights, with their gradients `g0...g3`.
    @inline(__always)
    static func adam4(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                      _ g0: Lanes, _ g1: Lanes, _ g2: Lanes, _ g3: Lanes, _ c1: Float, _ c2: Float, _ alpha: Float, _ eps: Float) {
        let lanes = Lanes.scalarCount
        adam(w, m, v, g0, c1, c2, alpha, eps)
        adam(w + lanes, m + lanes, v + lanes, g1, c1, c2, alpha, eps)
        adam(w + 2 * lanes, m + 2 * lanes, v + 2 * lanes, g2, c1, c2, alpha, eps)
        adam(w + 3 * lanes, m + 3 * lanes, v + 3 * lanes, g3, c1, c2, alpha, eps)
    }

    /// Adam on one vector of weights: `Adam.update`'s arithmetic, lane by lane (a zero gradient gives exactly
    /// `Adam.updateZeroGradient`'s results: `0 - m` and `0 · 0 - v` are what that kernel computes).
    @inline(__always)
    static func adam(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                     _ g: Lanes, _ c1: Float, _ c2: Float, _ alpha: Float, _ eps: Float) {
        let mOld = load(m), vOld = load(v)
        let mi = mOld + (g - mOld) * c1
        let vi = vOld + (g * g - vOld) * c2
        store(mi, m)
        store(vi, v)
        store(load(w) - (mi * alpha) / (vi.squareRoot() + Lanes(repeating: eps)), w)
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    @inline(__always) static func load8(_ p: UnsafePointer<Float>) -> Eight { UnsafeRawPointer(p).loadUnaligned(as: Eight.self) }
    @inline(__always) static func load8(_ p: UnsafeMutablePointer<Float>) -> Eight { UnsafeRawPointer(p).loadUnaligned(as: Eight.self) }
    @inline(__always) static func store8(_ x: Eight, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: Eight.self) }
    @inline(__always) static func store(_ x: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: Lanes.self) }
}
