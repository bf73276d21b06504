import Testing
@testable import NeuralNet

/// `SparseKernels.sweep` (gradient and Adam fused, in registers) against its naive reference and against the
/// separate kernels it replaced (`gradientRow`, then `Adam.update`): bit for bit, since training must give the
/// same weights whichever path ran — with 8 lanes (AVX2) and with 16 (AVX-512, where the CPU has it).
@Suite struct KernelSweepTests {
    /// A batch `x: [rows, inputs]` with about 80% zeros and some all-zero columns, as CSC buffers;
    /// `dz: [rows, units]`; weights, moments and velocities with some rows never touched (m = v = 0).
    final class Setup {
        let rows: Int, inputs: Int, units: Int
        var x: [Float], dz: [Float], w: [Float], m: [Float], v: [Float]
        var rowStart: [Int32], column: [Int32], value: [Float]
        var columnStart: [Int32], row: [Int32], columnValue: [Float]
        let adam = SparseKernels.AdamStep(alpha: Adam().stepSize(step: 3), beta1: 0.9, beta2: 0.999, epsilon: 1e-7)

        init(rows: Int, inputs: Int, units: Int, seed: UInt64) {
            self.rows = rows; self.inputs = inputs; self.units = units
            var g = SeededGenerator(seed: seed)
            x = (0 ..< rows * inputs).map { i in i % inputs < 3 || g.nextUnitFloat() < 0.8 ? 0 : g.nextUnitFloat() }
            dz = randomValues(rows * units, seed: seed + 1).map { $0 * 0.1 }
            w = randomValues(inputs * units, seed: seed + 2)
            m = randomValues(inputs * units, seed: seed + 3).map { $0 * 0.01 }
            v = randomValues(inputs * units, seed: seed + 4).map { $0 * $0 * 1e-4 }
            for i in 0 ..< inputs where i % 5 == 0 {  // rows without Adam state
                for j in 0 ..< units { m[i * units + j] = 0; v[i * units + j] = 0 }
            }
            // A few subnormal moments, as rows long without input end up with.
            m[units + 1] = Float.leastNonzeroMagnitude * 3
            rowStart = Array(repeating: 0, count: rows + 1)
            column = Array(repeating: 0, count: rows * inputs); value = Array(repeating: 0, count: rows * inputs)
            columnStart = Array(repeating: 0, count: inputs + 1)
            row = Array(repeating: 0, count: rows * inputs); columnValue = Array(repeating: 0, count: rows * inputs)
            _ = SparseKernels.compressRows(x, rows: rows, columns: inputs, rowStart: &rowStart, column: &column, value: &value)
            SparseKernels.transpose(rows: rows, columns: inputs, rowStart: rowStart, column: column, value: value,
                                    columnStart: &columnStart, row: &row, columnValue: &columnValue)
        }

        /// Runs `body` with the CSC batch and `dz` as the kernels take them.
        func withBatch<R>(_ body: (SparseKernels.Columns, UnsafePointer<Float>) -> R) -> R {
            columnStart.withUnsafeBufferPointer { cs in
                row.withUnsafeBufferPointer { r in
                    columnValue.withUnsafeBufferPointer { cv in
                        dz.withUnsafeBufferPointer { d in
                            body(SparseKernels.Columns(columnStart: cs.baseAddress!, row: r.baseAddress!, value: cv.baseAddress!),
                                 d.baseAddress!)
                        }
                    }
                }
            }
        }

        /// Whether row `i` has Adam state (what `Trainer.load` computes).
        var rowActive: [Bool] {
            (0 ..< inputs).map { i in (0 ..< units).contains { m[i * units + $0] != 0 || v[i * units + $0] != 0 } }
        }
    }

    /// The widths to check: AVX2, and AVX-512 where this CPU has it.
    static let widths: [Bool] = KernelChoice.available ? [false, true] : [false]

    /// `sweep` on columns `parts` in turn (two parts: as two threads would split them).
    func fused(_ s: Setup, parts: [Range<Int>], backwards: Bool, wide: Bool) -> (w: [Float], m: [Float], v: [Float], active: [Bool]) {
        var (w, m, v, active) = (s.w, s.m, s.v, s.rowActive)
        var scratch = [Float](repeating: .nan, count: s.units)
        s.withBatch { batch, dz in
            for (p, part) in parts.enumerated() {
                SparseKernels.sweep(inputs: s.inputs, units: s.units, part: part, w: &w, m: &m, v: &v, rowActive: &active,
                                    marksRows: p == 0, batch: batch, dz: dz, adam: s.adam, backwards: backwards,
                                    scratch: &scratch, wide: wide)
            }
        }
        return (w, m, v, active)
    }

    /// Unit counts that exercise every part of both widths: whole blocks of 32 and 64 columns, 32 columns
    /// left over from 64-column blocks (96, 40 with two parts), fewer than 32 (10), a multiply-add tail (100, 40).
    @Test(arguments: [(128, 0), (128, 1), (96, 0), (40, 0), (10, 1), (100, 0)], widths)
    func sweepMatchesTheNaiveReference(shape: (units: Int, backwards: Int), wide: Bool) {
        let (units, backwards) = shape
        let s = Setup(rows: 16, inputs: 30, units: units, seed: UInt64(units))
        var (w, m, v) = (s.w, s.m, s.v)
        s.withBatch { batch, dz in
            SparseKernels.sweepReference(inputs: s.inputs, units: s.units, w: &w, m: &m, v: &v, batch: batch, dz: dz, adam: s.adam)
        }
        let half = units / 64 * 32
        for parts in [[0 ..< units], [0 ..< half, half ..< units]] {
            let result = fused(s, parts: parts, backwards: backwards == 1, wide: wide)
            #expect(result.w.map(\.bitPattern) == w.map(\.bitPattern), "\(parts)")
            #expect(result.m.map(\.bitPattern) == m.map(\.bitPattern), "\(parts)")
            #expect(result.v.map(\.bitPattern) == v.map(\.bitPattern), "\(parts)")
            // Every row with an input in the batch now has Adam state.
            #expect((0 ..< s.inputs).allSatisfy { i in result.active[i] == (s.rowActive[i] || s.columnStart[i] < s.columnStart[i + 1]) })
        }
    }

    /// Rows are independent: sweeping a part's kernel rows in chunks, in any order of chunks (as two threads
    /// claiming them do), gives what one sweep over all rows gives.
    @Test(arguments: [false, true])
    func sweepingRowsInChunksMatchesOneSweep(backwards: Bool) {
        let s = Setup(rows: 16, inputs: 37, units: 128, seed: 9)
        let whole = fused(s, parts: [0 ..< 64, 64 ..< 128], backwards: backwards, wide: false)
        var (w, m, v, active) = (s.w, s.m, s.v, s.rowActive)
        var scratch = [Float](repeating: .nan, count: s.units)
        s.withBatch { batch, dz in
            SparseKernels.sweep(inputs: s.inputs, units: s.units, part: 64 ..< 128, w: &w, m: &m, v: &v, rowActive: &active,
                                marksRows: false, batch: batch, dz: dz, adam: s.adam, backwards: backwards, scratch: &scratch,
                                wide: false)
            for rows in [16 ..< 32, 0 ..< 16, 32 ..< 37] {
                SparseKernels.sweep(inputs: s.inputs, units: s.units, part: 0 ..< 64, rows: rows, w: &w, m: &m, v: &v,
                                    rowActive: &active, marksRows: true, batch: batch, dz: dz, adam: s.adam,
                                    backwards: backwards, scratch: &scratch, wide: false)
            }
        }
        #expect(w.map(\.bitPattern) == whole.w.map(\.bitPattern))
        #expect(m.map(\.bitPattern) == whole.m.map(\.bitPattern))
        #expect(v.map(\.bitPattern) == whole.v.map(\.bitPattern))
        #expect(active == whole.active)
    }

    /// The separate kernels `sweep` replaced in `Trainer`: the row's gradient into a scratch row, then Adam
    /// (`updateZeroGradient` for rows without input, nothing for rows without input or state).
    @Test(arguments: [128, 40], widths)
    func sweepMatchesTheSeparateKernels(units: Int, wide: Bool) {
        let s = Setup(rows: 32, inputs: 50, units: units, seed: 7)
        var (w, m, v) = (s.w, s.m, s.v)
        let active = s.rowActive
        var g = [Float](repeating: 0, count: units)
        s.withBatch { batch, dz in
            for i in 0 ..< s.inputs {
                let start = Int(s.columnStart[i]), end = Int(s.columnStart[i + 1])
                let at = i * units
                w.withUnsafeMutableBufferPointer { w in m.withUnsafeMutableBufferPointer { m in v.withUnsafeMutableBufferPointer { v in
                    let (wr, mr, vr) = (w.baseAddress! + at, m.baseAddress! + at, v.baseAddress! + at)
                    if start == end {
                        if active[i] {
                            Adam.updateZeroGradient(wr, mr, vr, count: units, alpha: s.adam.alpha, beta1: s.adam.beta1,
                                                    beta2: s.adam.beta2, epsilon: s.adam.epsilon)
                        }
                    } else {
                        SparseKernels.gradientRow(entries: start ..< end, row: batch.row, columnValue: batch.value, dz: dz,
                                                  units: units, part: 0 ..< units, g: &g)
                        Adam.update(wr, mr, vr, gradient: g, count: units, alpha: s.adam.alpha, beta1: s.adam.beta1,
                                    beta2: s.adam.beta2, epsilon: s.adam.epsilon)
                    }
                } } }
            }
        }
        let result = fused(s, parts: [0 ..< units], backwards: false, wide: wide)
        #expect(result.w.map(\.bitPattern) == w.map(\.bitPattern))
        #expect(result.m.map(\.bitPattern) == m.map(\.bitPattern))
        #expect(result.v.map(\.bitPattern) == v.map(\.bitPattern))
    }
}
