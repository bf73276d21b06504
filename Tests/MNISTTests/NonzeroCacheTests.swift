@testable import MNIST
import NeuralNet
import Testing

/// The cached nonzeros (`ImageNonzeros`) give batches identical, bit for bit, to scanning the bytes.
@Suite struct NonzeroCacheTests {
    /// `fillCompressedBatch` (cached) and `scanCompressedBatch` (bytes) on the same indices:
    /// `-> (rowStart, column, value bit patterns, nnz)` of each.
    static func both(_ set: ImageSet, _ indices: [Int]) -> (cached: ([Int32], [Int32], [UInt32], Int), scanned: ([Int32], [Int32], [UInt32], Int)) {
        let size = set.pixelsPerImage * indices.count
        func run(_ cached: Bool) -> ([Int32], [Int32], [UInt32], Int) {
            var rowStart = [Int32](repeating: -1, count: indices.count + 1), column = [Int32](repeating: -1, count: size)
            var value = [Float](repeating: .nan, count: size), scratch = [Float](repeating: 0, count: size)
            let nnz = indices.withUnsafeBufferPointer {
                cached ? set.fillCompressedBatch(indices: $0, rowStart: &rowStart, column: &column, value: &value, scratch: &scratch)
                       : set.scanCompressedBatch(indices: $0, rowStart: &rowStart, column: &column, value: &value)
            }
            return (rowStart, Array(column.prefix(nnz)), value.prefix(nnz).map(\.bitPattern), nnz)
        }
        return (run(true), run(false))
    }

    /// Random images (empty, full, and in between), at a nonzero storage offset, in random batches with repeats.
    @Test func randomBatchesMatchTheByteScan() {
        var generator = SeededGenerator(seed: 7)
        let count = 300, rows = 28, columns = 28, header = 16
        var storage = [UInt8](repeating: 0xEE, count: header)
        for i in 0 ..< count {
            let density = i == 0 ? 0 : i == 1 ? 1 : Double.random(in: 0 ... 1, using: &generator)
            for _ in 0 ..< rows * columns {
                storage.append(Double.random(in: 0 ..< 1, using: &generator) < density ? UInt8.random(in: 1 ... 255, using: &generator) : 0)
            }
        }
        let set = ImageSet(count: count, rows: rows, columns: columns, storage: .array(storage), offset: header)
        for batch in [1, 2, 32, 300] {
            let indices = (0 ..< batch).map { _ in Int.random(in: 0 ..< count, using: &generator) } + [0, 1]
            let (cached, scanned) = Self.both(set, indices)
            #expect(cached.0 == scanned.0 && cached.1 == scanned.1 && cached.2 == scanned.2 && cached.3 == scanned.3)
        }
    }

    /// A prefix used first shares the cache, which still covers the whole set afterwards.
    @Test func prefixesShareOneCache() {
        let pixels = (0 ..< 10 * 784).map { UInt8(truncatingIfNeeded: $0 % 7 == 0 ? $0 : 0) }
        let set = ImageSet(count: 10, rows: 28, columns: 28, pixels: pixels)
        let first = Self.both(set.prefix(3), [2, 0, 1])
        #expect(first.cached == first.scanned)
        #expect(set.prefix(3).nonzeroCache === set.nonzeroCache)
        let all = Self.both(set, [9, 4, 2])
        #expect(all.cached == all.scanned)
    }

    /// The real training digits, random batches of 32.
    @Test func mnistBatchesMatchTheByteScan() throws {
        let data = try ShippedMNIST.dataset()
        var generator = SeededGenerator(seed: 1)
        for _ in 0 ..< 20 {
            let indices = (0 ..< 32).map { _ in Int.random(in: 0 ..< data.xTrain.count, using: &generator) }
            let (cached, scanned) = Self.both(data.xTrain, indices)
            #expect(cached == scanned)
        }
    }
}
