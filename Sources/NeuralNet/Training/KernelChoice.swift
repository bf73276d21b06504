#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Which copy of the training's fused gradient-and-Adam loop runs (see `SparseKernels.sweep`): the AVX-512 one
/// where the CPU and the OS support AVX-512 F, BW, CD, DQ and VL (what the AdamSweep module is compiled for),
/// else the AVX2 one, the floor the whole engine is built for. Both give the same weights, bit for bit.
///
/// `MNIST_TUTOR_KERNELS=avx2` in the environment keeps to AVX2 (to compare the two on one machine);
/// tests switch with `use(wide:)`, or pass `wide:` to `SparseKernels.sweep` itself.
public enum KernelChoice {
    /// Whether this CPU can run the AVX-512 copy at all (read once).
    public static let available = cpuHasAVX512()
    private static let choice = Atomic<Bool>(available && getenv("MNIST_TUTOR_KERNELS").map { String(cString: $0) } != "avx2")

    /// Whether the AVX-512 copy runs.
    public static var wide: Bool { choice.load(ordering: .relaxed) }

    /// "AVX-512" or "AVX2", for reports.
    public static var name: String { wide ? "AVX-512" : "AVX2" }

    /// Chooses the copy for the training from now on; `wide` is ignored (AVX2 stays) where the CPU lacks AVX-512.
    public static func use(wide: Bool) {
        choice.store(wide && available, ordering: .relaxed)
    }

    /// The flags Linux lists in /proc/cpuinfo include AVX-512 F, BW, CD, DQ and VL (Linux lists them only when
    /// it saves the 512-bit registers). False elsewhere: other systems and architectures keep to the floor.
    public static func cpuHasAVX512() -> Bool {
        #if arch(x86_64) && os(Linux)
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 8192)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split { $0 == " " || $0 == "\t" || $0 == "\n" })
            return ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"].allSatisfy { flags.contains(Substring($0)) }
        }
        return false
        #else
        return false
        #endif
    }
}
