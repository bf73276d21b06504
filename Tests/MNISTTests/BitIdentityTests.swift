import MNIST
import NeuralNet
import Testing

/// Speed work on the training kernels must not change a single bit of the weights they produce: the
/// pretrained model in `Assets/models` is reproducible exactly (`mnist-bench` retrains it and compares),
/// and this short fixed run must keep the checksum it had when the kernels were first made fast.
@Suite(.serialized) struct BitIdentityTests {
    /// FNV-1a (64-bit) over the bit patterns of every kernel and bias, in layer order.
    static func checksum(_ model: Sequential) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (_, dense) in model.denseLayers {
            for x in dense.kernel.scalars + dense.bias.scalars {
                var bits = x.bitPattern
                for _ in 0 ..< 4 {
                    hash = (hash ^ UInt64(bits & 0xff)) &* 0x100_0000_01b3
                    bits >>= 8
                }
            }
        }
        return hash
    }

    /// The article's model, 2 epochs on the first 2,000 training digits (126 steps of Adam with dropout 0.2).
    static func shortRun(threads: Int) throws -> Sequential {
        let data = try ShippedMNIST.dataset()
        var model = Sequential.article(seed: 0)
        model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [.accuracy])
        try model.fit(data.xTrain.prefix(2000), Array(data.yTrain.prefix(2000)), epochs: 2, batchSize: 32, seed: 0, threads: threads)
        return model
    }

    /// Recorded with the kernels as they were before the AVX-512 work (commit 0894e4e, AVX2 only).
    static let expected: UInt64 = 0x65d4_7eaf_9b30_d434

    /// The kernel widths this CPU runs: AVX2, and AVX-512 where it has it.
    static let widths: [Bool] = KernelChoice.available ? [false, true] : [false]

    @Test("a short fixed run gives the same weights, bit for bit, with one thread and two, with AVX2 and AVX-512",
          arguments: [1, 2], widths)
    func shortRunIsUnchanged(threads: Int, wide: Bool) throws {
        let before = KernelChoice.wide
        KernelChoice.use(wide: wide)
        defer { KernelChoice.use(wide: before) }
        let sum = Self.checksum(try Self.shortRun(threads: threads))
        #expect(sum == Self.expected, "checksum 0x\(String(sum, radix: 16)) (\(KernelChoice.name), \(threads) thread(s))")
    }
}
