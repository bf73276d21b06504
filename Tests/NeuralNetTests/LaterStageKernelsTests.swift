import Testing
@testable import NeuralNet

/// The kernels of a later layer's backward pass (the article's output layer: 128 inputs, 10 units) against
/// the plain arithmetic they replace, bit for bit.
struct LaterStageKernelsTests {
    /// A dense `[rows, n]` matrix as a layer's output is: about half zeros (ReLU), some -0 (ReLU of a
    /// negative sum times a dropout factor), and a column of zeros throughout.
    static func activations(rows: Int, columns n: Int, seed: UInt64) -> [Float] {
        randomValues(rows * n, seed: seed).enumerated().map { i, x in
            i % n == 3 ? 0 : x < 0 ? (i % 7 == 0 ? -0.0 : 0) : x
        }
    }

    @Test(arguments: [(32, 128), (7, 10), (1, 1), (5, 100)])
    func compressColumnsIsCompressRowsThenTranspose(shape: (rows: Int, columns: Int)) {
        let (rows, n) = shape
        let x = Self.activations(rows: rows, columns: n, seed: UInt64(n))
        var rowStart = [Int32](repeating: 0, count: rows + 1), column = [Int32](repeating: 0, count: rows * n)
        var value = [Float](repeating: 0, count: rows * n)
        let nnz = SparseKernels.compressRows(x, rows: rows, columns: n, rowStart: &rowStart, column: &column, value: &value)
        var expectedStart = [Int32](repeating: 0, count: n + 1), expectedRow = [Int32](repeating: 0, count: rows * n)
        var expectedValue = [Float](repeating: 0, count: rows * n)
        SparseKernels.transpose(rows: rows, columns: n, rowStart: rowStart, column: column, value: value,
                                columnStart: &expectedStart, row: &expectedRow, columnValue: &expectedValue)
        var start = [Int32](repeating: -1, count: n + 1), row = [Int32](repeating: -1, count: rows * n)
        var columnValue = [Float](repeating: .nan, count: rows * n)
        SparseKernels.compressColumns(x, rows: rows, columns: n, columnStart: &start, row: &row, columnValue: &columnValue)
        #expect(start == expectedStart)
        #expect(Array(row[..<nnz]) == Array(expectedRow[..<nnz]))
        #expect(columnValue[..<nnz].map(\.bitPattern) == expectedValue[..<nnz].map(\.bitPattern))
        #expect(nnz < rows * n || rows * n == 1, "the test matrix has zeros to skip")
        // Rows ascend within each column, and no zero (of either sign) is kept.
        for i in 0 ..< n {
            let entries = Int(start[i]) ..< Int(start[i + 1])
            #expect(zip(entries.dropFirst(), entries).allSatisfy { row[$0] > row[$1] })
            #expect(entries.allSatisfy { columnValue[$0] != 0 })
        }
    }

    /// `backwardInput` against the sum written out one value at a time, in its order: the products of a
    /// row's gradient and the kernel's columns added with fused multiply-adds from 0, c ascending, then
    /// times the factor. Widths that use the 64-input passes, the 8-input ones and the scalar tail.
    @Test(arguments: [(128, 10), (100, 10), (64, 3), (13, 5), (784, 128)])
    func backwardInputMatchesTheSumWrittenOut(shape: (inputs: Int, units: Int)) {
        let (inputs, n) = shape
        let rows = 9
        let dz = randomValues(rows * n, seed: 11).map { $0 * 0.1 }
        let wT = randomValues(n * inputs, seed: 12)
        let factor = Self.activations(rows: rows, columns: inputs, seed: 13).map { $0 == 0 ? Float(0) : 1.25 }
        var dx = [Float](repeating: .nan, count: rows * inputs)
        SparseKernels.backwardInput(rows: rows, units: n, inputs: inputs, dz: dz, wT: wT, factor: factor, dx: &dx)
        let vectorEnd = inputs / 8 * 8
        var mismatches: [String] = []
        for r in 0 ..< rows {
            for i in 0 ..< inputs {
                var sum: Float = 0
                for c in 0 ..< n {
                    let (a, b) = (dz[r * n + c], wT[c * inputs + i])
                    sum = i < vectorEnd ? sum.addingProduct(a, b) : sum + a * b
                }
                let expected = sum * factor[r * inputs + i]
                if dx[r * inputs + i].bitPattern != expected.bitPattern {
                    mismatches.append("row \(r), input \(i): \(dx[r * inputs + i]) instead of \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) values differ, first: \(mismatches.first ?? "")")
    }
}
