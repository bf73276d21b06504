import Foundation
import Testing
@testable import MNIST

/// The one-call inflate (libdeflate) in front of the streaming reader: it gives the stream's bytes for
/// every well-formed file, and hands everything else back to the stream, whose errors stay the same.
@Suite("IDX one-call inflate")
struct WholeInflateTests {
    /// `count` 28x28 images of deterministic noise with runs of zeros (compressible, like digits).
    static func images(count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let pixels = (0 ..< count * 784).map { i -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return (i % 28) < 6 || state % 4 == 0 ? 0 : UInt8(truncatingIfNeeded: state >> 40)
        }
        return Fixtures.header(magic: 0x803, dims: [UInt32(count), 28, 28]) + pixels
    }

    /// The file as the stream alone reads it.
    static func streamed(_ bytes: [UInt8], rank: Int) throws -> IDXFile {
        try IDXFile(source: MemorySource(bytes), size: bytes.count, file: "s.gz", expectedDimensions: rank)
    }

    @Test("well-formed files: the one-call inflate runs and its bytes are the stream's, images and labels")
    func sameBytes() throws {
        for count in [1, 7, 300] {
            let raw = Self.images(count: count)
            let whole = try #require(IDXFile.inflatedWhole(Fixtures.gzip(raw), expectedDimensions: 3))
            let streamed = try Self.streamed(Fixtures.gzip(raw), rank: 3)
            #expect(whole.dimensions == [count, 28, 28] && whole.dimensions == streamed.dimensions)
            #expect(whole.storage == streamed.storage && whole.storage == raw && whole.dataOffset == 16)
        }
        let labels = Fixtures.header(magic: 0x801, dims: [5]) + [3, 1, 4, 1, 5]
        let file = try #require(IDXFile.inflatedWhole(Fixtures.gzip(labels), expectedDimensions: 1))
        #expect(Array(file.data) == [3, 1, 4, 1, 5])
    }

    @Test("a gzipped file on disk takes the one-call path and reads as its raw twin")
    func fromDisk() throws {
        let dir = Fixtures.temporaryDirectory()
        let raw = Self.images(count: 40)
        let gz = Fixtures.write(Fixtures.gzip(raw), to: dir + "/x-idx3-ubyte.gz")
        let plain = Fixtures.write(raw, to: dir + "/x-idx3-ubyte")
        let a = try IDXFile(contentsOf: gz, expectedDimensions: 3)
        let b = try IDXFile(contentsOf: plain, expectedDimensions: 3)
        #expect(a.storage == raw && b.storage == raw && a.dimensions == [40, 28, 28])
    }

    @Test("anything but one valid member holding a consistent file goes back to the stream")
    func declines() throws {
        let raw = Self.images(count: 3)
        let gz = Fixtures.gzip(raw)
        func declined(_ bytes: [UInt8], rank: Int = 3, _ what: Comment) {
            #expect(IDXFile.inflatedWhole(bytes, expectedDimensions: rank) == nil, what)
        }
        declined(Array(raw.prefix(2000)), "raw bytes")
        declined(Fixtures.gzip(Array(raw.prefix(100))) + Fixtures.gzip(Array(raw.dropFirst(100))), "two members")
        declined(gz + [0], "a byte after the member")
        declined(Array(gz.dropLast(5)), "cut short")
        var lying = gz
        lying[lying.count - 4] ^= 1
        declined(lying, "a trailer length off by one")
        lying = gz
        lying.replaceSubrange(lying.count - 4 ..< lying.count, with: [0xff, 0xff, 0xff, 0x7f])
        declined(lying, "a trailer claiming 2 GiB (beyond deflate's expansion limit for the file)")
        var crc = gz
        crc[crc.count - 8] ^= 0x40
        declined(crc, "a wrong checksum")
        declined(gz, rank: 1, "an images file where labels were expected")
        // The header describes more data than there is: the stream says the body is cut short.
        declined(Fixtures.gzip(Fixtures.header(magic: 0x803, dims: [4, 28, 28]) + raw.dropFirst(16)), "a header claiming 4 images of 3")
        declined(Fixtures.gzip(Fixtures.header(magic: 0x803, dims: [2, 28, 28]) + raw.dropFirst(16)), "a header claiming 2 images of 3")
        // A bomb: the header claims one image, 1 MiB of zeros follow, and the trailer is patched to state
        // the header's size. The room made is the header's 800 bytes; libdeflate runs out of it.
        func stating(_ size: Int, _ gz: [UInt8]) -> [UInt8] {
            Array(gz.dropLast(4)) + (0 ..< 4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
        }
        let one = Fixtures.header(magic: 0x803, dims: [1, 28, 28])
        declined(stating(800, IDXBoundsTests.gzipStream(header: one, zeros: 1 << 20)), "a bomb behind a one-image header")
        // A header claiming 100,000 images of a file far too small to hold them (deflate's limit is 1032:1).
        let many = Fixtures.header(magic: 0x803, dims: [100_000, 28, 28])
        declined(stating(16 + 78_400_000, Fixtures.gzip(many + [1, 2, 3])), "a claim beyond deflate's expansion limit")
    }

    @Test("errors are the stream's: the reader's message for each damaged file is unchanged")
    func sameErrors() throws {
        let raw = Self.images(count: 3)
        let gz = Fixtures.gzip(raw)
        var crc = gz
        crc[crc.count - 8] ^= 0x40
        for (bytes, kind) in [(crc, IDXErrorKind.corruptGzip), (Array(gz.dropLast(5)), .corruptGzip),
                              (Fixtures.gzip(Fixtures.header(magic: 0x803, dims: [4, 28, 28]) + raw.dropFirst(16)), .truncatedBody),
                              (Fixtures.gzip(Fixtures.header(magic: 0x803, dims: [2, 28, 28]) + raw.dropFirst(16)), .trailingBytes)] {
            let viaBytes = #expect(throws: IDXError.self) { try IDXFile(bytes: bytes, file: "d.gz", expectedDimensions: 3) }
            let viaStream = #expect(throws: IDXError.self) { try Self.streamed(bytes, rank: 3) }
            #expect(viaBytes?.kind == kind)
            #expect(viaBytes?.description.replacingOccurrences(of: "d.gz", with: "s.gz") == viaStream?.description)
        }
    }
}
