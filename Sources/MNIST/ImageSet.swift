/// A stack of grayscale images kept as bytes (0 = background, 255 = ink), like Keras's `x_train`.
///
/// Pixels stay `UInt8` (47 MB for the 60,000 training images instead of 188 MB as `Float`);
/// `fillBatch` scales them to 0...1 only for the images a batch needs.
public struct ImageSet: Sendable {
    public let count: Int
    public let rows: Int
    public let columns: Int
    let storage: [UInt8]
    let offset: Int
    /// Nonzero pixels per image, gathered by `MNISTDataset.load` or the first `fillCompressedBatch` (see `ImageNonzeros`).
    let nonzeroCache: NonzeroCache

    public var pixelsPerImage: Int { rows * columns }

    public init(count: Int, rows: Int, columns: Int, pixels: [UInt8]) {
        precondition(pixels.count == count * rows * columns, "pixel count does not match \(count)x\(rows)x\(columns)")
        self.init(count: count, rows: rows, columns: columns, storage: pixels, offset: 0)
    }

    init(count: Int, rows: Int, columns: Int, storage: [UInt8], offset: Int, nonzeroCache: NonzeroCache? = nil) {
        self.count = count
        self.nonzeroCache = nonzeroCache ?? NonzeroCache(count: count)
        self.rows = rows
        self.columns = columns
        self.storage = storage
        self.offset = offset
    }

    /// The bytes of image `index`, row by row.
    public subscript(index: Int) -> ArraySlice<UInt8> {
        precondition(index >= 0 && index < count, "image index \(index) out of 0..<\(count)")
        let start = offset + index * pixelsPerImage
        return storage[start ..< start + pixelsPerImage]
    }

    /// The first `n` images (Keras's `x_train[:n]`).
    public func prefix(_ n: Int) -> ImageSet {
        let n = min(max(n, 0), count)
        return ImageSet(count: n, rows: rows, columns: columns, storage: storage, offset: offset, nonzeroCache: nonzeroCache)
    }

    /// Writes images `indices` as Float pixels / 255 into `buffer` (row-major, `indices.count * pixelsPerImage`).
    public func fillBatch<C: Collection>(indices: C, into buffer: UnsafeMutablePointer<Float>) where C.Element == Int {
        let size = pixelsPerImage
        storage.withUnsafeBufferPointer { all in
            var out = buffer
            for index in indices {
                precondition(index >= 0 && index < count, "image index \(index) out of 0..<\(count)")
                let src = all.baseAddress! + offset + index * size
                for p in 0 ..< size { out[p] = Float(src[p]) * (1 / 255) }
                out += size
            }
        }
    }

    /// Images `indices` as Float pixels / 255, row-major.
    public func floats<C: Collection>(indices: C) -> [Float] where C.Element == Int {
        [Float](unsafeUninitializedCapacity: indices.count * pixelsPerImage) { buffer, initialized in
            fillBatch(indices: indices, into: buffer.baseAddress!)
            initialized = indices.count * pixelsPerImage
        }
    }
}
