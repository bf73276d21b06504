import Foundation
import Testing
import CZlib
@testable import MNIST

/// The decompressed cache: an entry is used only when it is whole and made from this very source, and
/// whatever state the cache folder is in, the images are the reader's, byte for byte.
@Suite("Decompressed MNIST cache")
struct MNISTCacheTests {
    /// `count` 28x28 images of deterministic noise (some zeros, like digits), as an IDX file.
    static func imagesFile(count: Int, seed: Int) -> [UInt8] {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        let pixels = (0 ..< count * 784).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state % 3 == 0 ? 0 : UInt8(truncatingIfNeeded: state >> 24)
        }
        return Fixtures.header(magic: 0x803, dims: [UInt32(count), 28, 28]) + pixels
    }

    /// A folder with a gzipped images file, and a cache (in another folder) that caches files of any size.
    struct Setup {
        let source: String
        let raw: [UInt8]
        let cache: MNISTCache

        init(count: Int = 5, seed: Int = 1) {
            let dir = Fixtures.temporaryDirectory()
            raw = MNISTCacheTests.imagesFile(count: count, seed: seed)
            source = Fixtures.write(Fixtures.gzip(raw), to: dir + "/t10k-images-idx3-ubyte.gz")
            cache = MNISTCache(directory: Fixtures.temporaryDirectory() + "/cache/mnist-tutor", minimumSourceSize: 0)
        }

        /// The one entry in the cache folder.
        func entry() throws -> String {
            let names = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { $0.hasSuffix(".pixels") }
            try #require(names.count == 1, "entries: \(names)")
            return cache.directory + "/" + names[0]
        }
    }

    /// The images as the reader gives them without a cache.
    static func pixels(_ set: ImageSet) -> [UInt8] { (0 ..< set.count).flatMap { Array(set[$0]) } }

    static func expectSame(_ set: ImageSet, _ raw: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(set.rows == 28 && set.columns == 28, sourceLocation: sourceLocation)
        #expect(pixels(set) == Array(raw[16...]), sourceLocation: sourceLocation)
    }

    @Test("a FIFO or an oversized file in the source's place goes to the reader at once, unmapped and uncached")
    func unusualSourcesAreLeftToTheReader() throws {
        let dir = Fixtures.temporaryDirectory()
        let cache = MNISTCache(directory: Fixtures.temporaryDirectory() + "/cache/mnist-tutor", minimumSourceSize: 0)
        let fifo = dir + "/t10k-images-idx3-ubyte.gz"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: IDXError.self) { try cache.images(source: fifo) }
        // A sparse file past the cap that starts like gzip: the reader refuses it without the cache
        // mapping, checksumming and copying all of it first.
        let huge = dir + "/train-images-idx3-ubyte.gz"
        let fd = open(huge, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0 && write(fd, [UInt8]([0x1f, 0x8b]), 2) == 2)
        #expect(ftruncate(fd, off_t(MNISTCache.maximumSourceSize + 1)) == 0)
        close(fd)
        #expect(throws: IDXError.self) { try cache.images(source: huge) }
        #expect(!FileManager.default.fileExists(atPath: cache.directory))
    }

    @Test("the cache's CRC-32 (libdeflate) is zlib's and gzip's: entries written with zlib's stay valid")
    func crcMatchesZlib() {
        #expect(MNISTCache.crc32(Array("123456789".utf8)) == 0xCBF4_3926)  // the CRC-32 check value
        #expect(MNISTCache.crc32([UInt8]()) == 0)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let bytes = (0 ..< (1 << 20) + 77).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 29)
        }
        bytes.withUnsafeBufferPointer { all in
            // Lengths around the vector widths, at odd offsets, and one longer than 1 MiB.
            for (start, count) in [(0, 1), (3, 15), (1, 16), (5, 63), (7, 64), (11, 255), (13, 4_097), (17, 65_536),
                                   (0, all.count), (1, all.count - 1)] {
                let part = UnsafeBufferPointer(rebasing: all[start ..< start + count])
                let zlib = UInt32(truncatingIfNeeded: CZlib.crc32(0, part.baseAddress, UInt32(count)))
                #expect(MNISTCache.crc32(part) == zlib, "\(count) bytes at \(start)")
            }
        }
    }

    @Test("the first read writes an entry named by the source's size and CRC; the next maps it")
    func writeThenHit() throws {
        let s = Setup()
        let first = try s.cache.images(source: s.source)
        #expect(first.use == .written)
        Self.expectSame(first.images, s.raw)
        let entry = try s.entry()
        let gz = try #require(FileManager.default.contents(atPath: s.source))
        let crc = String(MNISTCache.crc32([UInt8](gz)), radix: 16)
        #expect(entry.hasSuffix("/t10k-images-idx3-ubyte-\(gz.count)-\(String(repeating: "0", count: 8 - crc.count) + crc).pixels"))
        let second = try s.cache.images(source: s.source)
        #expect(second.use == .hit)
        guard case .mapped = second.images.storage else { Issue.record("a hit is read from the mapped entry"); return }
        Self.expectSame(second.images, s.raw)
        // Batches from the mapped bytes are the same floats too (the training path reads them directly).
        #expect(second.images.floats(indices: [4, 0, 2]) == first.images.floats(indices: [4, 0, 2]))
    }

    @Test("a damaged pixel, a damaged header or a truncated entry is never read: the source is, and the entry is rewritten")
    func damagedEntries() throws {
        let s = Setup()
        _ = try s.cache.images(source: s.source)
        let entry = try s.entry()
        let good = try #require(FileManager.default.contents(atPath: entry))
        let damages: [(String, (inout Data) -> Void)] = [
            ("one pixel", { $0[MNISTCache.headerSize + 1000] ^= 0x40 }),
            ("the last pixel", { $0[$0.count - 1] ^= 0x01 }),
            ("the dimensions", { $0[20] = 14; $0[24] = 56 }),
            ("the magic", { $0[0] = 0x6d }),
            ("cut short", { $0.removeLast(784) }),
            ("only a header", { $0.removeLast($0.count - MNISTCache.headerSize) }),
            ("empty", { $0.removeAll() }),
        ]
        for (what, damage) in damages {
            var bad = good
            damage(&bad)
            try bad.write(to: URL(fileURLWithPath: entry))
            let read = try s.cache.images(source: s.source)
            #expect(read.use == .written, "\(what)")
            Self.expectSame(read.images, s.raw)
            #expect(FileManager.default.contents(atPath: entry) == good, "\(what): the entry is rewritten whole")
            #expect(try s.cache.images(source: s.source).use == .hit, "\(what)")
        }
    }

    @Test("a changed source never shows the old digits: another entry, and an entry naming another source is refused")
    func staleEntries() throws {
        let s = Setup(seed: 1)
        _ = try s.cache.images(source: s.source)
        let old = try s.entry()
        // New contents for the same file: a new entry, with the new pixels.
        let changed = Self.imagesFile(count: 5, seed: 2)
        Fixtures.write(Fixtures.gzip(changed), to: s.source)
        let read = try s.cache.images(source: s.source)
        #expect(read.use == .written)
        Self.expectSame(read.images, changed)
        // An entry made from the first source, put where the changed source's entry goes: its header names
        // the first source's size and CRC, so it is refused (and replaced), not read.
        let names = try FileManager.default.contentsOfDirectory(atPath: s.cache.directory).filter { $0.hasSuffix(".pixels") }
        let new = try #require(names.map { s.cache.directory + "/" + $0 }.first { $0 != old })
        try FileManager.default.removeItem(atPath: new)
        try FileManager.default.copyItem(atPath: old, toPath: new)
        let again = try s.cache.images(source: s.source)
        #expect(again.use == .written)
        Self.expectSame(again.images, changed)
    }

    @Test("a folder that cannot be created or written changes nothing but the cache's use")
    func unwritable() throws {
        let s = Setup()
        let blocker = Fixtures.write([1], to: Fixtures.temporaryDirectory() + "/a-file")
        let blocked = MNISTCache(directory: blocker + "/mnist-tutor", minimumSourceSize: 0)
        let read = try blocked.images(source: s.source)
        guard case .unwritable(let reason) = read.use else { Issue.record("use: \(read.use)"); return }
        #expect(reason.contains(blocker) && reason.contains("Not a directory"))
        Self.expectSame(read.images, s.raw)
        // A folder whose permissions forbid writing (only when not root: root writes anyway).
        if geteuid() != 0 {
            try FileManager.default.createDirectory(atPath: s.cache.directory, withIntermediateDirectories: true)
            chmod(s.cache.directory, 0o555)
            defer { chmod(s.cache.directory, 0o755) }
            let readOnly = try s.cache.images(source: s.source)
            guard case .unwritable = readOnly.use else { Issue.record("use: \(readOnly.use)"); return }
            Self.expectSame(readOnly.images, s.raw)
        }
    }

    @Test("the cache folder and the folders above it are created")
    func createsParents() throws {
        let s = Setup()
        #expect(!FileManager.default.fileExists(atPath: s.cache.directory))
        #expect(try s.cache.images(source: s.source).use == .written)
        #expect(try s.cache.images(source: s.source).use == .hit)
    }

    @Test("raw files and files under the size limit are read directly, with no entry")
    func notCached() throws {
        let s = Setup()
        let raw = Fixtures.write(s.raw, to: Fixtures.temporaryDirectory() + "/t10k-images-idx3-ubyte")
        let direct = try s.cache.images(source: raw)
        #expect(direct.use == .notCached)
        Self.expectSame(direct.images, s.raw)
        let limited = MNISTCache(directory: s.cache.directory, minimumSourceSize: 1 << 20)
        let small = try limited.images(source: s.source)
        #expect(small.use == .notCached)
        Self.expectSame(small.images, s.raw)
        #expect(!FileManager.default.fileExists(atPath: s.cache.directory))
    }

    @Test("a damaged source is the reader's error, with or without an entry for its old contents")
    func damagedSource() throws {
        let s = Setup()
        _ = try s.cache.images(source: s.source)
        var gz = Fixtures.gzip(s.raw)
        gz[gz.count / 2] ^= 0xff
        Fixtures.write(gz, to: s.source)
        let withCache = #expect(throws: IDXError.self) { try s.cache.images(source: s.source) }
        let without = #expect(throws: IDXError.self) { try IDXFile(contentsOf: s.source, expectedDimensions: 3) }
        #expect(withCache?.description == without?.description)
        let missing = #expect(throws: IDXError.self) { try s.cache.images(source: s.source + ".missing") }
        #expect(missing?.kind == .fileNotFound)
    }

    @Test("temporary files left by a writer that died are removed; a live writer's are left alone")
    func abandonedFiles() throws {
        let s = Setup()
        _ = try s.cache.images(source: s.source)
        let name = try (s.entry() as NSString).lastPathComponent
        try FileManager.default.removeItem(atPath: s.entry())
        // A pid that cannot be running (above the kernel's limit), and init's, which always is.
        let dead = s.cache.directory + "/.\(name).999999999.tmp", live = s.cache.directory + "/.\(name).1.tmp"
        Fixtures.write([1, 2, 3], to: dead)
        Fixtures.write([1, 2, 3], to: live)
        #expect(try s.cache.images(source: s.source).use == .written)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test("a part loaded through the cache is the part loaded without it")
    func partThroughCache() throws {
        let dir = Fixtures.temporaryDirectory()
        let raw = Self.imagesFile(count: 3, seed: 7)
        Fixtures.write(Fixtures.gzip(raw), to: dir + "/train-images-idx3-ubyte.gz")
        Fixtures.write(Fixtures.gzip(Fixtures.header(magic: 0x801, dims: [3]) + [4, 0, 9]), to: dir + "/train-labels-idx1-ubyte.gz")
        let cache = MNISTCache(directory: Fixtures.temporaryDirectory() + "/c", minimumSourceSize: 0)
        let plain = try MNISTDataset.loadPart(.train, directory: dir)
        for expected in [MNISTCache.Use.written, .hit] {
            let cached = try MNISTDataset.loadPart(.train, directory: dir, cache: cache)
            #expect(cached.cacheUse == expected)
            #expect(cached.labels == plain.labels && plain.labels == [4, 0, 9])
            #expect(Self.pixels(cached.images) == Self.pixels(plain.images))
        }
    }

    @Test("the cache's place follows XDG: $XDG_CACHE_HOME when absolute, else ~/.cache, else none")
    func location() {
        #expect(MNISTCache.standard(environment: ["XDG_CACHE_HOME": "/x/c", "HOME": "/h"])?.directory == "/x/c/mnist-tutor")
        #expect(MNISTCache.standard(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.directory == "/h/.cache/mnist-tutor")
        #expect(MNISTCache.standard(environment: ["HOME": "/h"])?.directory == "/h/.cache/mnist-tutor")
        #expect(MNISTCache.standard(environment: [:]) == nil)
    }
}
