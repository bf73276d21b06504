/// A stack of grayscale images kept as bytes (0 = background, 255 = ink), like Keras's `x_train`.
///
/// Pixels stay `UInt8` (47 MB for the 60,000 training images instead of 188 MB as `Float`);
/// `fillBatch` scales them to 0...1 only for the images a batch needs. The bytes are in memory, or in
/// the decompressed cache's file mapped read-only (see `MNISTCache`); the set reads both the same way.
public struct ImageSet: Sendable {
    public let count: Int
    public let rows: Int
    public let columns: Int
    let storage: ImageBytes
    let offset: Int
    /// Nonzero pixels per image, gathered by `MNISTDataset.load` or the first `fillCompressedBatch` (see `ImageNonzeros`).
    let nonzeroCache: NonzeroCache

    public var pixelsPerImage: Int { rows * columns }

    public init(count: Int, rows: Int, columns: Int, pixels: [UInt8]) {
        precondition(pixels.count == count * rows * columns, "pixel count does not match \(count)x\(rows)x\(columns)")
        self.init(count: count, rows: rows, columns: columns, storage: .array(pixels), offset: 0)
    }

    init(count: Int, rows: Int, columns: Int, storage: ImageBytes, offset: Int, nonzeroCache: NonzeroCache? = nil) {
        precondition(offset >= 0 && offset + count * rows * columns <= storage.count, "images past the end of their bytes")
        self.count = count
        self.nonzeroCache = nonzeroCache ?? NonzeroCache(count: count)
        self.rows = rows
        self.columns = columns
        self.storage = storage
        self.offset = offset
    }

    /// The bytes of image `index`, row by row (index from the slice's `startIndex`, which need not be 0).
    public subscript(index: Int) -> ArraySlice<UInt8> {
        precondition(index >= 0 && index < count, "image index \(index) out of 0..<\(count)")
        let start = offset + index * pixelsPerImage
        switch storage {
        case .array(let bytes): return bytes[start ..< start + pixelsPerImage]
        case .mapped(let file): return ArraySlice(UnsafeBufferPointer(rebasing: file.bytes[start ..< start + pixelsPerImage]))
        }
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

/// Where an `ImageSet`'s bytes live: an array (a file read and inflated), or a mapped file (a cache entry).
enum ImageBytes: Sendable {
    case array([UInt8])
    case mapped(MappedFile)

    var count: Int {
        switch self {
        case .array(let bytes): bytes.count
        case .mapped(let file): file.bytes.count
        }
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch self {
        case .array(let bytes): try bytes.withUnsafeBufferPointer(body)
        case .mapped(let file): try body(file.bytes)
        }
    }
}
