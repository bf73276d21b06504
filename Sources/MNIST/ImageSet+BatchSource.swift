import NeuralNet

/// `ImageSet` feeds `fit`, `evaluate` and `predict` batch by batch: pixels stay bytes in memory and
/// become `Float` 0...1 (pixel / 255, as the quickstart divides `x_train` by 255) only for the rows a batch needs.
extension ImageSet: BatchSource {
    public var exampleCount: Int { count }
    public var featureCount: Int { pixelsPerImage }

    /// The nonzero pixels of images `indices`, read straight from the bytes, 8 at a time: a bit trick
    /// marks the nonzero bytes of a 64-bit word, and only those are visited (about 150 of 784 per digit).
    /// Values are pixel / 255, as in `fillBatch`.
    public func fillCompressedBatch(indices: UnsafeBufferPointer<Int>, rowStart: UnsafeMutablePointer<Int32>,
                                    column: UnsafeMutablePointer<Int32>, value: UnsafeMutablePointer<Float>,
                                    scratch: UnsafeMutablePointer<Float>) -> Int {
        let size = pixelsPerImage
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080
        return storage.withUnsafeBufferPointer { all in
            // Shuffled images sit far apart in 47 MB: touch every cache line of the batch first, so the
            // memory fetches overlap instead of stalling one image at a time.
            var touched: UInt8 = 0
            for index in indices where index >= 0 && index < count {
                let src = all.baseAddress! + offset + index * size
                for line in stride(from: 0, to: size, by: 64) { touched |= src[line] }
            }
            scratch.pointee = Float(touched)  // keeps the touches; scratch is ours to use
            var k = 0
            for r in 0 ..< indices.count {
                let index = indices[r]
                precondition(index >= 0 && index < count, "image index \(index) out of 0..<\(count)")
                rowStart[r] = Int32(truncatingIfNeeded: k)
                let src = all.baseAddress! + offset + index * size
                var p = 0
                while p + 8 <= size {
                    let word = UInt64(littleEndian: UnsafeRawPointer(src + p).loadUnaligned(as: UInt64.self))
                    // Bit 7 of each byte is set when that byte is nonzero (no carry crosses bytes).
                    var nonzero = (((word & low7) &+ low7) | word) & high
                    while nonzero != 0 {
                        let q = p + nonzero.trailingZeroBitCount >> 3
                        column[k] = Int32(truncatingIfNeeded: q)
                        value[k] = Float(src[q]) * (1 / 255)
                        k &+= 1
                        nonzero &= nonzero &- 1
                    }
                    p += 8
                }
                for q in p ..< size where src[q] != 0 {
                    column[k] = Int32(truncatingIfNeeded: q)
                    value[k] = Float(src[q]) * (1 / 255)
                    k &+= 1
                }
            }
            rowStart[indices.count] = Int32(truncatingIfNeeded: k)
            return k
        }
    }

    /// Images `range` as a tensor `[n, rows, columns]` of pixel / 255 (Keras's `x_train[a:b] / 255`).
    public func tensor(_ range: Range<Int>) -> Tensor {
        Tensor(shape: [range.count, rows, columns], scalars: floats(indices: range))
    }

    /// One image as 784 floats 0...1 (what `Sequential.trace` takes).
    public func image(_ index: Int) -> [Float] {
        floats(indices: index ..< index + 1)
    }
}
