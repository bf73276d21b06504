/// The forward and backward passes of a narrow layer after the first (the article's output layer: 128 inputs,
/// 10 units) on its dense input, the previous layer's output, without compressing that input into rows or
/// columns first.
///
/// Why: on the compressed rows, each output's sum is one chain of additions as long as the row has nonzeros
/// (about 64), and each entry waits for the previous one; the compressions themselves cost as much again.
/// Measured on the Zen 3 host, one thread, per training step: compressing rows 3.2 µs, the forward pass 6 µs,
/// compressing columns 3.8 µs, the gradient and Adam 5.5 µs, all of it on the critical path with two threads.
/// Here the input is read as it is: the forward pass keeps four rows in flight, the gradient eight inputs in the
/// lanes of a vector and every unit's sum side by side.
///
/// Bit for bit the arithmetic of `forward` and `sweep` for fewer than 32 units: a zero input (±0) adds nothing
/// (its lanes keep their sums, exactly as a skipped entry does), a nonzero one adds its product with a
/// multiply and an add, inputs in ascending order, and Adam is `Adam.update`'s arithmetic on every row with an
/// input or with state (`rowActive`), the others untouched.
extension SparseKernels {
    /// The widest layer these kernels take (two vectors of eight).
    static let narrowUnits = 16

    /// `x: [rows, inputs]` (dense), `w: [inputs, units]`, `bias: [units] -> z: [rows, units]`,
    /// `z = bias + Σ_i x[r, i] · w[i, :]` over the nonzero `x[r, i]`, `i` ascending, for `units ≤ narrowUnits`.
    /// `w` and `bias` must be readable 16 floats past the start of any of their rows (`Trainer` pads them).
    @inline(never) static func forwardNarrow(rows: Int, inputs: Int, units n: Int, x: UnsafePointer<Float>,
                                             w: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                             z: UnsafeMutablePointer<Float>) {
        precondition(n <= narrowUnits)
        var r = 0
        while r < rows {
            // Four rows at a time: eight independent chains of additions (a row's sums wait on each other).
            let r1 = min(r + 1, rows - 1), r2 = min(r + 2, rows - 1), r3 = min(r + 3, rows - 1)
            let xa = x + r * inputs, xb = x + r1 * inputs, xc = x + r2 * inputs, xd = x + r3 * inputs
            var a0 = load(bias), a1 = load(bias + 8)
            var b0 = a0, b1 = a1, c0 = a0, c1 = a1, d0 = a0, d1 = a1
            for i in 0 ..< inputs {
                let wi = w + i * n
                let w0 = load(wi), w1 = load(wi + 8)
                let ua = V(repeating: xa[i]), ub = V(repeating: xb[i]), uc = V(repeating: xc[i]), ud = V(repeating: xd[i])
                let ma = ua .!= 0, mb = ub .!= 0, mc = uc .!= 0, md = ud .!= 0
                a0.replace(with: a0 + ua * w0, where: ma); a1.replace(with: a1 + ua * w1, where: ma)
                b0.replace(with: b0 + ub * w0, where: mb); b1.replace(with: b1 + ub * w1, where: mb)
                c0.replace(with: c0 + uc * w0, where: mc); c1.replace(with: c1 + uc * w1, where: mc)
                d0.replace(with: d0 + ud * w0, where: md); d1.replace(with: d1 + ud * w1, where: md)
            }
            // Rows past the last repeat it: stored last, they write what it holds.
            func put(_ row: Int, _ s0: V, _ s1: V) {
                let out = z + row * n
                for c in 0 ..< min(n, 8) { out[c] = s0[c] }
                for c in min(n, 8) ..< n { out[c] = s1[c - 8] }
            }
            put(r3, d0, d1); put(r2, c0, c1); put(r1, b0, b1); put(r, a0, a1)
            r += 4
        }
    }

    /// The narrow layer's backward pass for its kernel, fused with Adam: `x: [rows, inputs]` (dense) and
    /// `dz: [rows, units]` give the row `g[i, :] = Σ_r x[r, i] · dz[r, :]` over the nonzero `x[r, i]`, rows
    /// ascending, in registers (the units in the lanes of two vectors), and Adam applies it at once to each row
    /// with an input in the batch or with state; rows that gain an input are marked in `rowActive`. The same
    /// weights and moments as `sweep`. Four rows of the kernel at a time, so that eight chains of additions run
    /// side by side. `dz` must be readable 16 floats past the start of its last row (`Trainer` pads it).
    @inline(never) static func sweepNarrow(rows: Int, inputs: Int, units n: Int, x: UnsafePointer<Float>,
                                           dz: UnsafePointer<Float>, w: UnsafeMutablePointer<Float>,
                                           m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                                           rowActive: UnsafeMutablePointer<Bool>, adam: AdamStep) {
        precondition(n <= narrowUnits)
        var i = 0
        while i < inputs {
            // Rows i ..< i + 4 (the last ones repeat row `inputs - 1` when fewer are left, computed and dropped).
            let i1 = min(i + 1, inputs - 1), i2 = min(i + 2, inputs - 1), i3 = min(i + 3, inputs - 1)
            var a0 = V(), a1 = V(), b0 = V(), b1 = V(), c0 = V(), c1 = V(), d0 = V(), d1 = V()
            var ta = SIMDMask<V.MaskStorage>(repeating: false), tb = ta, tc = ta, td = ta
            for r in 0 ..< rows {
                let xr = x + r * inputs, dr = dz + r * n
                let e0 = load(dr), e1 = load(dr + 8)
                let xa = xr[i], xb = xr[i1], xc = xr[i2], xd = xr[i3]
                let ua = V(repeating: xa), ub = V(repeating: xb), uc = V(repeating: xc), ud = V(repeating: xd)
                let ma = ua .!= 0, mb = ub .!= 0, mc = uc .!= 0, md = ud .!= 0
                ta = ta .| ma; tb = tb .| mb; tc = tc .| mc; td = td .| md
                a0.replace(with: a0 + ua * e0, where: ma); a1.replace(with: a1 + ua * e1, where: ma)
                b0.replace(with: b0 + ub * e0, where: mb); b1.replace(with: b1 + ub * e1, where: mb)
                c0.replace(with: c0 + uc * e0, where: mc); c1.replace(with: c1 + uc * e1, where: mc)
                d0.replace(with: d0 + ud * e0, where: md); d1.replace(with: d1 + ud * e1, where: md)
            }
            for q in 0 ..< min(4, inputs - i) {
                let row = i + q
                let hasGradient = (q == 0 ? ta : q == 1 ? tb : q == 2 ? tc : td)[0]
                guard hasGradient || rowActive[row] else { continue }
                if hasGradient && !rowActive[row] { rowActive[row] = true }
                let (g0, g1) = q == 0 ? (a0, a1) : q == 1 ? (b0, b1) : q == 2 ? (c0, c1) : (d0, d1)
                narrowAdam(w + row * n, m + row * n, v + row * n, g0, g1, units: n, adam)
            }
            i += 4
        }
    }

    /// Adam on one row of a narrow kernel (`Adam.update`'s arithmetic), its gradient in the lanes of `g0`
    /// (units 0 ..< 8) and `g1` (units 8 ..< 16): the first eight as one vector where the row has them.
    @inline(__always) static func narrowAdam(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                                             _ v: UnsafeMutablePointer<Float>, _ g0: V, _ g1: V, units n: Int,
                                             _ adam: AdamStep) {
        let c1 = 1 - adam.beta1, c2 = 1 - adam.beta2
        var c = 0
        if n >= 8 {
            let mOld = load(m), vOld = load(v)
            let mi = mOld + (g0 - mOld) * c1
            let vi = vOld + (g0 * g0 - vOld) * c2
            store(mi, m)
            store(vi, v)
            store(load(w) - (mi * adam.alpha) / (vi.squareRoot() + V(repeating: adam.epsilon)), w)
            c = 8
        }
        while c < n {
            let g = c < 8 ? g0[c] : g1[c - 8]
            let mi = m[c] + (g - m[c]) * c1
            let vi = v[c] + (g * g - v[c]) * c2
            m[c] = mi
            v[c] = vi
            w[c] -= (mi * adam.alpha) / (vi.squareRoot() + adam.epsilon)
            c += 1
        }
    }
}
