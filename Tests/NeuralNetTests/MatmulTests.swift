import Testing
@testable import NeuralNet

@Suite struct MatmulTests {
    @Test(arguments: [(1, 1, 1), (7, 13, 5), (32, 784, 128), (3, 1, 17), (33, 10, 129)])
    func blasMatchesNaiveOnOddShapes(m: Int, k: Int, n: Int) {
        let a = randomTensor([m, k], seed: 1), b = randomTensor([k, n], seed: 2)
        let fast = matmul(a, b), naive = matmul(a, b, naive: true)
        #expect(fast.shape == [m, n])
        #expect(maxAbsDifference(fast.scalars, naive.scalars) < 1e-4 * Float(k).squareRoot())
    }

    @Test(arguments: [(false, true), (true, false), (true, true)])
    func transposedOperands(transposeA: Bool, transposeB: Bool) {
        let (m, k, n) = (5, 9, 3)
        let a = randomTensor(transposeA ? [k, m] : [m, k], seed: 3)
        let b = randomTensor(transposeB ? [n, k] : [k, n], seed: 4)
        let fast = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        let naive = matmul(a, b, transposeA: transposeA, transposeB: transposeB, naive: true)
        // And against explicitly transposed copies.
        func transposed(_ t: Tensor) -> Tensor {
            var out = Tensor(zeros: [t.shape[1], t.shape[0]])
            for i in 0 ..< t.shape[0] { for j in 0 ..< t.shape[1] { out[j, i] = t[i, j] } }
            return out
        }
        let explicit = matmul(transposeA ? transposed(a) : a, transposeB ? transposed(b) : b, naive: true)
        #expect(fast.shape == [m, n])
        #expect(maxAbsDifference(fast.scalars, naive.scalars) < 1e-5)
        #expect(maxAbsDifference(naive.scalars, explicit.scalars) == 0)
    }

    @Test func alphaAndBeta() {
        let a = randomTensor([4, 6], seed: 5), b = randomTensor([6, 3], seed: 6)
        var c1 = [Float](repeating: 1, count: 12), c2 = c1
        a.scalars.withUnsafeBufferPointer { ap in
            b.scalars.withUnsafeBufferPointer { bp in
                Matmul.gemm(m: 4, n: 3, k: 6, alpha: 2, a: ap.baseAddress!, lda: 6, b: bp.baseAddress!, ldb: 3,
                            beta: 0.5, c: &c1, ldc: 3)
                Matmul.naiveGemm(m: 4, n: 3, k: 6, alpha: 2, a: ap.baseAddress!, lda: 6, b: bp.baseAddress!, ldb: 3,
                                 beta: 0.5, c: &c2, ldc: 3)
            }
        }
        #expect(maxAbsDifference(c1, c2) < 1e-5)
    }

    /// The sparse kernel (skipping zero inputs) against the dense product, on a mostly-zero input.
    @Test func sparseForwardMatchesDenseProduct() {
        var x = randomTensor([9, 37], seed: 7)
        for i in x.scalars.indices where i % 5 != 0 { x.scalars[i] = 0 }
        let w = randomTensor([37, 45], seed: 8), bias = randomTensor([45], seed: 9)
        var expected = matmul(x, w, naive: true)
        for r in 0 ..< 9 { for j in 0 ..< 45 { expected[r, j] += bias.scalars[j] } }
        var rowStart = [Int32](repeating: 0, count: 10), column = [Int32](repeating: 0, count: 9 * 37)
        var value = [Float](repeating: 0, count: 9 * 37), z = [Float](repeating: 0, count: 9 * 45)
        let nnz = SparseKernels.compressRows(x.scalars, rows: 9, columns: 37, rowStart: &rowStart, column: &column, value: &value)
        #expect(nnz == x.scalars.filter { $0 != 0 }.count)
        SparseKernels.forward(rows: 9, units: 45, part: 0 ..< 45, rowStart: rowStart, column: column, value: value,
                              w: w.scalars, bias: bias.scalars, z: &z)
        #expect(maxAbsDifference(z, expected.scalars) < 1e-5)
    }
}
