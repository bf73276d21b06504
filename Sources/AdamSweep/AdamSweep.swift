// AdamSweep: the training's hottest loop (a layer's kernel gradient fused with Adam, `FusedSweep`) compiled
// for AVX-512, for NeuralNet to call where the CPU has it. NeuralNet compiles the same file for AVX2 (the floor)
// and decides which to run (`SparseKernels.sweep`). Nothing else lives here, and it imports nothing.

/// Sixteen lanes: what AVX-512 registers hold.
typealias Lanes = SIMD16<Float>

/// The AVX-512 copy of the fused gradient-and-Adam sweep.
///
/// Why a module of its own: Swift cannot give one function an instruction set of its own, so this module is
/// compiled with `-target-cpu skylake-avx512` (Package.swift) while NeuralNet stays at AVX2. Why it holds no
/// generic code: specializations are shared between modules at link time, and one compiled here for AVX-512
/// must never stand in for NeuralNet's (a test checks that this module defines only its own symbols).
public enum AdamSweep {
    /// `FusedSweep.sweep` with 16 lanes (see it for the shapes). Only call it on a CPU with AVX-512 F, BW, CD,
    /// DQ and VL, which the OS supports (NeuralNet's `KernelChoice` checks).
    @inline(never)
    public static func sweepAVX512(inputs: Int, units: Int, part: Range<Int>, rowStride: Int, rows: Range<Int>,
                                   w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                                   rowActive: UnsafeMutablePointer<Bool>, marksRows: Bool,
                                   columnStart: UnsafePointer<Int32>, row: UnsafePointer<Int32>, value: UnsafePointer<Float>,
                                   dz: UnsafePointer<Float>, alpha: Float, beta1: Float, beta2: Float, epsilon: Float,
                                   backwards: Bool, scratch: UnsafeMutablePointer<Float>) {
        FusedSweep.sweep(inputs: inputs, units: units, part: part, rowStride: rowStride, rows: rows, w: w, m: m, v: v, rowActive: rowActive, marksRows: marksRows,
                         columnStart: columnStart, row: row, value: value, dz: dz,
                         alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon, backwards: backwards, scratch: scratch)
    }
}
