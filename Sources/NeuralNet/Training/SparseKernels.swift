/// The hot loops of training and inference, on raw buffers. They skip zero inputs: MNIST pixels are
/// about 81% zeros and ReLU/dropout outputs about half, and a skipped `0 · w` adds exactly nothing, so the
/// results are those of the dense products (up to the order of the additions). Multiply-adds are fused
/// (`addProduct`: one rounding instead of two), which is both faster and slightly more accurate.
/// The big kernels are `@inline(never)` so that profiles (`perf record`) name them.
enum SparseKernels {
    typealias V = SIMD8<Float>

    /// Compresses the nonzeros of each row (CSR):
    /// `x: [rows, n] -> rowStart: [rows + 1], column: [nnz], value: [nnz]`. Returns nnz.
    /// Blocks of 8 zeros are skipped with one comparison; the rest is compacted without branches.
    @inline(never) static func compressRows(_ x: UnsafePointer<Float>, rows: Int, columns n: Int,
                             rowStart: UnsafeMutablePointer<Int32>, column: UnsafeMutablePointer<Int32>,
                             value: UnsafeMutablePointer<Float>) -> Int {
        var k = 0
        for r in 0 ..< rows {
            rowStart[r] = Int32(k)
            let row = x + r * n
            var i = 0
            while i + 8 <= n {
                let block = UnsafeRawPointer(row + i).loadUnaligned(as: V.self)
                if any(block .!= 0) {
                    for l in 0 ..< 8 {
                        let v = row[i + l]
                        column[k] = Int32(i + l)
                        value[k] = v
                        k += isNonzero(v)
                    }
                }
                i += 8
            }
            while i < n {
                let v = row[i]
                column[k] = Int32(i)
                value[k] = v
                k += isNonzero(v)
                i += 1
            }
        }
        rowStart[rows] = Int32(k)
        return k
    }

    /// Compresses the nonzeros of each column of a dense matrix (CSC), rows ascending within a column:
    /// `x: [rows, n] -> columnStart: [n + 1], row: [nnz], columnValue: [nnz]`; the same as `compressRows`
    /// followed by `transpose`, without the detour (a later layer's input is dense: the previous one's output).
    @inline(never) static func compressColumns(_ x: UnsafePointer<Float>, rows: Int, columns n: Int,
                                               columnStart: UnsafeMutablePointer<Int32>, row: UnsafeMutablePointer<Int32>,
                                               columnValue: UnsafeMutablePointer<Float>) {
        var k = 0
        for i in 0 ..< n {
            columnStart[i] = Int32(k)
            var p = x + i
            for r in 0 ..< rows {
                let v = p.pointee
                row[k] = Int32(truncatingIfNeeded: r)
                columnValue[k] = v
                k += isNonzero(v)
                p += n
            }
        }
        columnStart[n] = Int32(k)
    }

    /// Transposes a CSR batch into columns (CSC), keeping rows in ascending order within each column:
    /// `-> columnStart: [n + 1], row: [nnz], columnValue: [nnz]`.
    @inline(never) static func transpose(rows: Int, columns n: Int, rowStart: UnsafePointer<Int32>, column: UnsafePointer<Int32>,
                          value: UnsafePointer<Float>, columnStart: UnsafeMutablePointer<Int32>,
                          row: UnsafeMutablePointer<Int32>, columnValue: UnsafeMutablePointer<Float>) {
        columnStart.update(repeating: 0, count: n + 1)
        let nnz = Int(rowStart[rows])
        for k in 0 ..< nnz { columnStart[Int(column[k]) + 1] += 1 }
        for i in 0 ..< n { columnStart[i + 1] += columnStart[i] }
        // columnStart[i] now is where column i starts; use it as a cursor, then shift back.
        for r in 0 ..< rows {
            for k in Int(rowStart[r]) ..< Int(rowStart[r + 1]) {
                let c = Int(column[k])
                let at = Int(columnStart[c])
                row[at] = Int32(r)
                columnValue[at] = value[k]
                columnStart[c] = Int32(at + 1)
            }
        }
        var i = n
        while i > 0 { columnStart[i] = columnStart[i - 1]; i -= 1 }
        columnStart[0] = 0
    }

    /// `x (CSR): [rows, inputs], w: [inputs, units], bias: [units] -> z: [rows, units]`, `z = x · w + bias`,
    /// for the output columns `part` only (two threads take two halves and never touch each other's weights).
    /// 32 outputs at a time stay in registers while the nonzero inputs of the row stream past.
    /// Weight `(i, j)` is at `w[i · wRowStride + j]` (nil: `n`; see `FusedSweep.sweep` for the layout two threads use).
    @inline(never) static func forward(rows: Int, units n: Int, part: Range<Int>, rowStart: UnsafePointer<Int32>,
                                       column: UnsafePointer<Int32>, value: UnsafePointer<Float>,
                                       w: UnsafePointer<Float>, wRowStride: Int? = nil, bias: UnsafePointer<Float>,
                                       z: UnsafeMutablePointer<Float>) {
        let stride = wRowStride ?? n
        for r in 0 ..< rows {
            let start = Int(rowStart[r]), end = Int(rowStart[r + 1])
            let out = z + r * n
            var j = part.lowerBound
            // 64 outputs (8 independent accumulators) per pass, enough to hide the multiply-add latency.
            while j + 64 <= part.upperBound {
                var a0 = load(bias + j), a1 = load(bias + j + 8), a2 = load(bias + j + 16), a3 = load(bias + j + 24)
                var a4 = load(bias + j + 32), a5 = load(bias + j + 40), a6 = load(bias + j + 48), a7 = load(bias + j + 56)
                for k in start ..< end {
                    let x = V(repeating: value[k])
                    let wr = w + Int(column[k]) * stride + j
                    a0.addProduct(x, load(wr)); a1.addProduct(x, load(wr + 8)); a2.addProduct(x, load(wr + 16)); a3.addProduct(x, load(wr + 24))
                    a4.addProduct(x, load(wr + 32)); a5.addProduct(x, load(wr + 40)); a6.addProduct(x, load(wr + 48)); a7.addProduct(x, load(wr + 56))
                }
                store(a0, out + j); store(a1, out + j + 8); store(a2, out + j + 16); store(a3, out + j + 24)
                store(a4, out + j + 32); store(a5, out + j + 40); store(a6, out + j + 48); store(a7, out + j + 56)
                j += 64
            }
            while j + 32 <= part.upperBound {
                var a0 = load(bias + j), a1 = load(bias + j + 8), a2 = load(bias + j + 16), a3 = load(bias + j + 24)
                for k in start ..< end {
                    let x = V(repeating: value[k])
                    let wr = w + Int(column[k]) * stride + j
                    a0.addProduct(x, load(wr)); a1.addProduct(x, load(wr + 8)); a2.addProduct(x, load(wr + 16)); a3.addProduct(x, load(wr + 24))
                }
                store(a0, out + j); store(a1, out + j + 8); store(a2, out + j + 16); store(a3, out + j + 24)
                j += 32
            }
            // The rest, a multiply and an add per product: eight columns at a time with the inputs inside (each
            // column adds the same products in the same order as one at a time), then one column at a time.
            while j + 8 <= part.upperBound {
                var a = load(bias + j)
                for k in start ..< end {
                    a = a + V(repeating: value[k]) * load(w + Int(column[k]) * stride + j)
                }
                store(a, out + j)
                j += 8
            }
            if j < part.upperBound {
                let tail = j ..< part.upperBound
                for c in tail { out[c] = bias[c] }
                for k in start ..< end {
                    let x = value[k]
                    let wr = w + Int(column[k]) * stride
                    for c in tail { out[c] += x * wr[c] }
                }
            }
        }
    }

    /// One row of the kernel gradient, from the CSC column `i` of the input, for output columns `part`:
    /// `x[:, i] (entries), dz: [rows, units] -> g[part]`, `g = Σ_r x[r, i] · dz[r, :]` (rows ascending).
    @inline(never) static func gradientRow(entries: Range<Int>, row: UnsafePointer<Int32>, columnValue: UnsafePointer<Float>,
                                           dz: UnsafePointer<Float>, units n: Int, part: Range<Int>,
                                           g: UnsafeMutablePointer<Float>) {
        var j = part.lowerBound
        while j + 64 <= part.upperBound {
            var a0 = V(), a1 = V(), a2 = V(), a3 = V(), a4 = V(), a5 = V(), a6 = V(), a7 = V()
            for k in entries {
                let x = V(repeating: columnValue[k])
                let d = dz + Int(row[k]) * n + j
                a0.addProduct(x, load(d)); a1.addProduct(x, load(d + 8)); a2.addProduct(x, load(d + 16)); a3.addProduct(x, load(d + 24))
                a4.addProduct(x, load(d + 32)); a5.addProduct(x, load(d + 40)); a6.addProduct(x, load(d + 48)); a7.addProduct(x, load(d + 56))
            }
            store(a0, g + j); store(a1, g + j + 8); store(a2, g + j + 16); store(a3, g + j + 24)
            store(a4, g + j + 32); store(a5, g + j + 40); store(a6, g + j + 48); store(a7, g + j + 56)
            j += 64
        }
        while j + 32 <= part.upperBound {
            var a0 = V(), a1 = V(), a2 = V(), a3 = V()
            for k in entries {
                let x = V(repeating: columnValue[k])
                let d = dz + Int(row[k]) * n + j
                a0.addProduct(x, load(d)); a1.addProduct(x, load(d + 8)); a2.addProduct(x, load(d + 16)); a3.addProduct(x, load(d + 24))
            }
            store(a0, g + j); store(a1, g + j + 8); store(a2, g + j + 16); store(a3, g + j + 24)
            j += 32
        }
        if j < part.upperBound {
            let tail = j ..< part.upperBound
            for c in tail { g[c] = 0 }
            for k in entries {
                let x = columnValue[k]
                let d = dz + Int(row[k]) * n
                for c in tail { g[c] += x * d[c] }
            }
        }
    }

    /// The gradient flowing into the previous layer:
    /// `dz: [rows, units], wT: [units, inputs] (the kernel transposed), factor: [rows, inputs] -> dx: [rows, inputs]`,
    /// `dx[r, :] = factor[r, :] · Σ_c dz[r, c] · wT[c, :]`, where `factor` is the ReLU derivative times the
    /// dropout mask of the previous layer. Rows of `wT` are contiguous, so every loop runs on vectors.
    @inline(never) static func backwardInput(rows: Int, units n: Int, inputs: Int, dz: UnsafePointer<Float>,
                                             wT: UnsafePointer<Float>, factor: UnsafePointer<Float>,
                                             dx: UnsafeMutablePointer<Float>) {
        for r in 0 ..< rows {
            let out = dx + r * inputs
            let f = factor + r * inputs
            let d = dz + r * n
            var i = 0
            // 64 inputs (8 independent sums) per pass: each sum adds the same products in the same order (c
            // ascending) as one at a time would, but eight chains of multiply-adds run side by side.
            while i + 64 <= inputs {
                var a0 = V(), a1 = V(), a2 = V(), a3 = V(), a4 = V(), a5 = V(), a6 = V(), a7 = V()
                for c in 0 ..< n {
                    let x = V(repeating: d[c])
                    let wr = wT + c * inputs + i
                    a0.addProduct(x, load(wr)); a1.addProduct(x, load(wr + 8)); a2.addProduct(x, load(wr + 16)); a3.addProduct(x, load(wr + 24))
                    a4.addProduct(x, load(wr + 32)); a5.addProduct(x, load(wr + 40)); a6.addProduct(x, load(wr + 48)); a7.addProduct(x, load(wr + 56))
                }
                store(a0 * load(f + i), out + i); store(a1 * load(f + i + 8), out + i + 8)
                store(a2 * load(f + i + 16), out + i + 16); store(a3 * load(f + i + 24), out + i + 24)
                store(a4 * load(f + i + 32), out + i + 32); store(a5 * load(f + i + 40), out + i + 40)
                store(a6 * load(f + i + 48), out + i + 48); store(a7 * load(f + i + 56), out + i + 56)
                i += 64
            }
            while i + 8 <= inputs {
                var acc = V()
                for c in 0 ..< n { acc.addProduct(V(repeating: d[c]), load(wT + c * inputs + i)) }
                store(acc * load(f + i), out + i)
                i += 8
            }
            while i < inputs {
                var sum: Float = 0
                for c in 0 ..< n { sum += d[c] * wT[c * inputs + i] }
                out[i] = sum * f[i]
                i += 1
            }
        }
    }

    /// After a layer's sums: `z, mask: [count] -> a = f(z) · mask, factor = f'(z) · mask`, with `f` the
    /// layer's activation (`mask` nil means no dropout), eight lanes at a time. ReLU and linear are written out
    /// here (the hot path); every other activation goes through `Activation`'s own eight-value function and
    /// derivative, so the outputs are the reference layers' bit for bit and a new activation needs nothing here.
    @inline(never) static func activate(_ z: UnsafePointer<Float>, count: Int, activation: Activation,
                                        mask: UnsafePointer<Float>?, a: UnsafeMutablePointer<Float>,
                                        factor: UnsafeMutablePointer<Float>) {
        switch activation {
        case .relu, .linear:
            let relu = activation == .relu
            var i = 0
            let one = V(repeating: 1), zero = V()
            while i + 8 <= count {
                let zi = load(z + i)
                var f = mask.map { load($0 + i) } ?? one
                var out = zi * f
                if relu {
                    let off = .!(zi .> 0)
                    f.replace(with: zero, where: off)
                    out.replace(with: zero, where: off)  // +0, as the reference gives (z · 0 would be -0 for z < 0)
                }
                store(out, a + i)
                store(f, factor + i)
                i += 8
            }
            while i < count {
                var f: Float = mask?[i] ?? 1
                var out = z[i] * f
                if relu && !(z[i] > 0) { f = 0; out = 0 }
                a[i] = out
                factor[i] = f
                i += 1
            }
        default:
            // Every other activation through its own eight-value form (sigmoid and tanh via `VectorMath`).
            var i = 0
            while i + 8 <= count {
                let zi = load(z + i)
                let y = activation(zi)
                let m = mask.map { load($0 + i) } ?? V(repeating: 1)
                store(activation.derivative(at: zi, output: y) * m, factor + i)
                store(y * m, a + i)
                i += 8
            }
            if i < count {
                activation.apply(z + i, count: count - i, into: a + i)
                for j in i ..< count {
                    let y = a[j]
                    let m: Float = mask?[j] ?? 1
                    factor[j] = activation.derivative(at: z[j], output: y) * m
                    a[j] = y * m
                }
            }
        }
    }

    /// `w: [inputs, units] -> wT: [units, inputs]`.
    static func transposeMatrix(_ w: UnsafePointer<Float>, inputs: Int, units: Int, into wT: UnsafeMutablePointer<Float>) {
        for i in 0 ..< inputs {
            for c in 0 ..< units { wT[c * inputs + i] = w[i * units + c] }
        }
    }

    /// 1 for any value but ±0, else 0, without a branch (a branch here mispredicts on every other value).
    @inline(__always) static func isNonzero(_ v: Float) -> Int {
        Int(((v.bitPattern & 0x7FFF_FFFF) &+ 0x7FFF_FFFF) >> 31)
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self) }
}
