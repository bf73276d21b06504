import CBLAS

/// Matrix products: OpenBLAS's `sgemm` (the fast one) beside a naive triple loop (the reference the
/// tests compare it with, on odd and transposed shapes). This is the only file that talks to BLAS.
///
/// All matrices are row-major. `op(a)` is `a` or its transpose.
public enum Matmul {
    /// `a: [m, k] (or [k, m] if transposeA), b: [k, n] (or [n, k] if transposeB) -> c: [m, n]`,
    /// `c = alpha · op(a) · op(b) + beta · c`, through OpenBLAS.
    public static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0 && n > 0 else { return }
        _ = singleThreaded
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// The same contract as `gemm`, as three plain loops accumulating in `Float` (reference only).
    public static func naiveGemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                                 alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                                 b: UnsafePointer<Float>, ldb: Int,
                                 beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        for i in 0 ..< m {
            for j in 0 ..< n {
                var sum: Float = 0
                for p in 0 ..< k {
                    let x = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += x * y
                }
                c[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * ldc + j])
            }
        }
    }

    /// Set once, on the first product: OpenBLAS with one thread. The engine's products are small (a batch of
    /// 32 or a single image), where OpenBLAS's extra threads spin and hand off more than they compute
    /// (`mnist-bench` measures both). `setThreadCount` overrides it.
    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// How many threads OpenBLAS may use. The engine's products are small (32 rows), where a second
    /// thread costs more in hand-offs than it saves, so `Sequential` sets 1 before training
    /// (measured in `mnist-bench`); call this to change it.
    public static func setThreadCount(_ n: Int) {
        openblas_set_num_threads(Int32(max(1, n)))
    }

    public static var threadCount: Int { Int(openblas_get_num_threads()) }
}

/// `a · b` for matrices (`[m, k] · [k, n] -> [m, n]`), through BLAS; `transposeA`/`transposeB` use
/// `aᵀ`/`bᵀ` instead without copying.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                   naive: Bool = false) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "matmul takes matrices, got shapes \(a.shape) and \(b.shape)")
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let kb = transposeB ? b.shape[1] : b.shape[0]
    let n = transposeB ? b.shape[0] : b.shape[1]
    precondition(k == kb, "matmul: inner sizes differ (\(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : ""))")
    var c = [Float](repeating: 0, count: m * n)
    a.scalars.withUnsafeBufferPointer { ap in
        b.scalars.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                guard k > 0, let a0 = ap.baseAddress, let b0 = bp.baseAddress, let c0 = cp.baseAddress else { return }
                if naive {
                    Matmul.naiveGemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                     a: a0, lda: a.shape[1], b: b0, ldb: b.shape[1], c: c0, ldc: n)
                } else {
                    Matmul.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                a: a0, lda: a.shape[1], b: b0, ldb: b.shape[1], c: c0, ldc: n)
                }
            }
        }
    }
    return Tensor(shape: [m, n], scalars: c)
}
