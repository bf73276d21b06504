import NeuralNet

/// `ImageSet` feeds `fit`, `evaluate` and `predict` batch by batch: pixels stay bytes in memory and
/// become `Float` 0...1 (pixel / 255, as the quickstart divides `x_train` by 255) only for the rows a batch needs.
extension ImageSet: BatchSource {
    public var exampleCount: Int { count }
    public var featureCount: Int { pixelsPerImage }

    /// The nonzero pixels of images `indices`, copied from the set's `ImageNonzeros` (gathered once per set,
    /// then shared): per image a copy of ~150 (column, byte) pairs instead of a scan of 784 bytes.
    /// Values are pixel / 255, as in `fillBatch`; `scanCompressedBatch` is the same without the cache.
    public func fillCompressedBatch(indices: UnsafeBufferPointer<Int>, rowStart: UnsafeMutablePointer<Int32>,
                                    column: UnsafeMutablePointer<Int32>, value: UnsafeMutablePointer<Float>,
                                    scratch: UnsafeMutablePointer<Float>) -> Int {
        let nonzeros = self.nonzeros
        return nonzeros.rowStart.withUnsafeBufferPointer { starts in
            nonzeros.column.withUnsafeBufferPointer { columns in
                nonzeros.byte.withUnsafeBufferPointer { bytes in
                    // Shuffled images sit far apart: touch every cache line of the batch first, so the
                    // memory fetches overlap instead of stalling one image at a time.
                    var touched: UInt16 = 0
                    for index in indices where index >= 0 && index < count {
                        let from = Int(starts[index]), to = Int(starts[index + 1])
                        for j in stride(from: from, to: to, by: 32) { touched |= columns[j] }
                        for j in stride(from: from, to: to, by: 64) { touched |= UInt16(bytes[j]) }
                    }
                    scratch.pointee = Float(touched)  // keeps the touches; scratch is ours to use
                    var k = 0
                    for r in 0 ..< indices.count {
                        let index = indices[r]
                        precondition(index >= 0 && index < count, "image index \(index) out of 0..<\(count)")
                        rowStart[r] = Int32(truncatingIfNeeded: k)
                        let from = Int(starts[index]), n = Int(starts[index + 1]) - from
                        let c = columns.baseAddress! + from, b = bytes.baseAddress! + from
                        let outColumn = column + k, outValue = value + k
                        for j in 0 ..< n {
                            outColumn[j] = Int32(truncatingIfNeeded: c[j])
                            outValue[j] = Float(b[j]) * (1 / 255)
                        }
                        k &+= n
                    }
                    rowStart[indices.count] = Int32(truncatingIfNeeded: k)
                    return k
                }
            }
        }
    }

    /// This set's nonzeros (the whole set's, for a prefix), gathered on first use: ~50 ms for the 60,000
    /// training digits, which `MNISTDataset.load` pays up front so no training epoch does.
    var nonzeros: ImageNonzeros {
        nonzeroCache.nonzeros {
            storage.withUnsafeBufferPointer { ImageNonzeros(pixels: $0, offset: offset, count: nonzeroCache.count, size: pixelsPerImage) }
        }
    }

    /// `fillCompressedBatch` the plain way, one byte at a time: the reference the cached, bit-trick
    /// version is tested against.
    func scanCompressedBatch(indices: UnsafeBufferPointer<Int>, rowStart: UnsafeMutablePointer<Int32>,
                             column: UnsafeMutablePointer<Int32>, value: UnsafeMutablePointer<Float>) -> Int {
        var k = 0
        for r in 0 ..< indices.count {
            rowStart[r] = Int32(k)
            for (q, byte) in self[indices[r]].enumerated() where byte != 0 {
                column[k] = Int32(q)
                value[k] = Float(byte) * (1 / 255)
                k += 1
            }
        }
        rowStart[indices.count] = Int32(k)
        return k
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
