import Testing
@testable import NeuralNet

/// The dense kernels of a narrow later layer (`forwardNarrow`, `sweepNarrow`) against the paths they replace
/// in `Trainer` — compressing the input into rows and `forward`, into columns and `sweep` — bit for bit, for
/// every width they take (fewer than 8 units, 8, between 8 and 16, 16), odd row and input counts, inputs with
/// +0 and -0 (which add nothing), rows that never see an input, rows with state but no input, subnormal moments.
struct NarrowKernelsTests {
    /// Buffers padded as `Trainer` pads them (16 floats past the end).
    static func padded(_ values: [Float]) -> [Float] { values + [Float](repeating: 0, count: 16) }

    /// The previous layer's output: about half zeros of both signs, input 3 zero throughout.
    static func input(rows: Int, inputs: Int, seed: UInt64) -> [Float] {
        LaterStageKernelsTests.activations(rows: rows, columns: inputs, seed: seed)
    }

    static let shapes: [(rows: Int, inputs: Int, units: Int)] = [
        (32, 128, 10), (7, 13, 10), (1, 5, 1), (5, 9, 5), (3, 16, 8), (9, 10, 16), (2, 4, 12), (6, 30, 3),
    ]

    @Test(arguments: shapes)
    func forwardMatchesTheCompressedRows(shape: (rows: Int, inputs: Int, units: Int)) {
        let (rows, inputs, n) = shape
        var x = Self.input(rows: rows, inputs: inputs, seed: UInt64(inputs))
        if rows > 1 { for i in 0 ..< inputs { x[i] = i % 2 == 0 ? 0 : -0.0 } }  // row 0: no input at all
        let w = Self.padded(randomValues(inputs * n, seed: 21))
        var bias = Self.padded(randomValues(n, seed: 22).map { $0 * 0.1 })
        bias[0] = -0.0  // a row whose inputs are all zero keeps the bias as it is, sign included
        var rowStart = [Int32](repeating: 0, count: rows + 1), column = [Int32](repeating: 0, count: rows * inputs)
        var value = [Float](repeating: 0, count: rows * inputs)
        _ = SparseKernels.compressRows(x, rows: rows, columns: inputs, rowStart: &rowStart, column: &column, value: &value)
        var expected = [Float](repeating: .nan, count: rows * n)
        SparseKernels.forward(rows: rows, units: n, part: 0 ..< n, rowStart: rowStart, column: column, value: value,
                              w: w, bias: bias, z: &expected)
        var z = [Float](repeating: .nan, count: rows * n)
        SparseKernels.forwardNarrow(rows: rows, inputs: inputs, units: n, x: x, w: w, bias: bias, z: &z)
        #expect(z.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(!z.contains { $0.isNaN })
        if rows > 1 { #expect(z[0].bitPattern == (-0.0 as Float).bitPattern, "the bias, sign included") }
    }

    @Test(arguments: shapes)
    func sweepMatchesTheCompressedColumns(shape: (rows: Int, inputs: Int, units: Int)) {
        let (rows, inputs, n) = shape
        let x = Self.input(rows: rows, inputs: inputs, seed: UInt64(inputs) + 7)
        let dz = Self.padded(randomValues(rows * n, seed: 31).map { $0 * 0.1 })
        var w = randomValues(inputs * n, seed: 32)
        var m = randomValues(inputs * n, seed: 33).map { $0 * 0.01 }
        var v = randomValues(inputs * n, seed: 34).map { $0 * $0 * 1e-4 }
        var active = [Bool](repeating: true, count: inputs)
        // Input 3 is zero throughout: with state it still moves, without it (input 3 of a fresh layer) it does not.
        if inputs > 3 && n > 1 {
            for j in 0 ..< n { m[3 * n + j] = 0; v[3 * n + j] = 0 }
            active[3] = false
        }
        m[n - 1] = Float.leastNonzeroMagnitude * 3
        let adam = SparseKernels.AdamStep(alpha: Adam().stepSize(step: 5), beta1: 0.9, beta2: 0.999, epsilon: 1e-7)

        var columnStart = [Int32](repeating: 0, count: inputs + 1), row = [Int32](repeating: 0, count: rows * inputs)
        var columnValue = [Float](repeating: 0, count: rows * inputs)
        SparseKernels.compressColumns(x, rows: rows, columns: inputs, columnStart: &columnStart, row: &row,
                                      columnValue: &columnValue)
        var (ew, em, ev, eActive) = (w, m, v, active)
        var scratch = [Float](repeating: .nan, count: n)
        columnStart.withUnsafeBufferPointer { cs in
            row.withUnsafeBufferPointer { r in
                columnValue.withUnsafeBufferPointer { cv in
                    let batch = SparseKernels.Columns(columnStart: cs.baseAddress!, row: r.baseAddress!, value: cv.baseAddress!)
                    SparseKernels.sweep(inputs: inputs, units: n, part: 0 ..< n, w: &ew, m: &em, v: &ev,
                                        rowActive: &eActive, marksRows: true, batch: batch, dz: dz, adam: adam,
                                        scratch: &scratch, wide: false)
                }
            }
        }
        SparseKernels.sweepNarrow(rows: rows, inputs: inputs, units: n, x: x, dz: dz, w: &w, m: &m, v: &v,
                                  rowActive: &active, adam: adam)
        #expect(w.map(\.bitPattern) == ew.map(\.bitPattern))
        #expect(m.map(\.bitPattern) == em.map(\.bitPattern))
        #expect(v.map(\.bitPattern) == ev.map(\.bitPattern))
        #expect(active == eActive)
        if inputs > 3 && n > 1 { #expect(!active[3], "an input that is zero in every row marks no row") }
    }
}
