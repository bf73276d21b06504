import Synchronization

/// Every image's nonzero pixels, gathered once, so a training batch is a few short copies instead of a
/// scan of 784 bytes per image (the scan was ~15–20 µs of a ~150 µs step; with the copies an epoch is ~8% faster).
///
/// Layout (compressed rows over the images from `ImageSet.offset`, in order):
/// `rowStart: [count + 1]` (`Int32`), image `i`'s nonzeros are entries `rowStart[i] ..< rowStart[i + 1]` of
/// `column: [nnz]` (`UInt16`, 0..<784, ascending) and `byte: [nnz]` (`UInt8`, the pixel itself).
/// Bytes rather than `Float`s keep it at 3 bytes per nonzero (~28 MB for the 60,000 training images);
/// the batch copy divides by 255 exactly as the byte scan did, so values are bit-for-bit the same.
struct ImageNonzeros: Sendable {
    let rowStart: [Int32]
    let column: [UInt16]
    let byte: [UInt8]

    /// Scans images `0 ..< count` of `pixels` (from `offset`, `size` bytes each), 8 bytes at a time:
    /// one pass counts, one pass gathers. ~50 ms for the 60,000 training digits (the gather's branches
    /// mispredict), which is why `MNISTDataset.load` pays it rather than the first training epoch.
    init(pixels: UnsafeBufferPointer<UInt8>, offset: Int, count: Int, size: Int) {
        precondition(size <= Int(UInt16.max) + 1, "images of \(size) pixels do not fit UInt16 columns")
        let first = pixels.baseAddress! + offset
        var starts = [Int32](repeating: 0, count: count + 1)
        var nnz = 0
        for i in 0 ..< count {
            starts[i] = Int32(truncatingIfNeeded: nnz)
            nnz += Self.nonzeroCount(first + i * size, size: size)
            precondition(nnz <= Int(Int32.max), "too many nonzero pixels for Int32 row starts")
        }
        starts[count] = Int32(truncatingIfNeeded: nnz)
        var columns = [UInt16](repeating: 0, count: nnz), bytes = [UInt8](repeating: 0, count: nnz)
        columns.withUnsafeMutableBufferPointer { column in
            bytes.withUnsafeMutableBufferPointer { byte in
                var k = 0
                for i in 0 ..< count {
                    let src = first + i * size
                    Self.forEachNonzero(src, size: size) { q in
                        column[k] = UInt16(truncatingIfNeeded: q)
                        byte[k] = src[q]
                        k &+= 1
                    }
                }
            }
        }
        rowStart = starts
        column = columns
        byte = bytes
    }

    /// How many bytes of `src[0 ..< size]` are nonzero (the bit trick of `forEachNonzero`, counted by popcount).
    @inline(__always)
    static func nonzeroCount(_ src: UnsafePointer<UInt8>, size: Int) -> Int {
        var n = 0, p = 0
        while p + 8 <= size {
            n &+= nonzeroBytes(src + p).nonzeroBitCount
            p += 8
        }
        for q in p ..< size where src[q] != 0 { n &+= 1 }
        return n
    }

    /// The 8 bytes at `src` as a word in which bit 7 of each byte is set when that byte is nonzero
    /// (adding 0x7F to the low 7 bits carries into bit 7 for any nonzero value; no carry crosses bytes).
    @inline(__always)
    static func nonzeroBytes(_ src: UnsafePointer<UInt8>) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080
        let word = UInt64(littleEndian: UnsafeRawPointer(src).loadUnaligned(as: UInt64.self))
        return (((word & low7) &+ low7) | word) & high
    }

    /// Calls `body` with the position of each nonzero byte of `src[0 ..< size]`, in order. A bit trick marks
    /// the nonzero bytes of a 64-bit word, so only those are visited (about 150 of 784 per digit).
    @inline(__always)
    static func forEachNonzero(_ src: UnsafePointer<UInt8>, size: Int, _ body: (Int) -> Void) {
        var p = 0
        while p + 8 <= size {
            var nonzero = nonzeroBytes(src + p)
            while nonzero != 0 {
                body(p + nonzero.trailingZeroBitCount >> 3)
                nonzero &= nonzero &- 1
            }
            p += 8
        }
        for q in p ..< size where src[q] != 0 { body(q) }
    }
}

/// Holds an `ImageSet`'s `ImageNonzeros`, built on first use and shared by copies and `prefix`es of the set
/// (they read the same bytes from the same offset; a prefix uses the first rows). A class so the struct
/// `ImageSet` can fill it lazily; the lock makes concurrent first uses build it once.
final class NonzeroCache: Sendable {
    /// Images covered: the count of the set that made the cache (its prefixes cover fewer).
    let count: Int
    private let built = Mutex<ImageNonzeros?>(nil)

    init(count: Int) { self.count = count }

    /// The nonzeros of images `0 ..< count`, building them with `make` the first time.
    func nonzeros(_ make: () -> ImageNonzeros) -> ImageNonzeros {
        built.withLock { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }
}
