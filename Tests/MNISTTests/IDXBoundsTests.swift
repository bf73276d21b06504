import CZlib
import Foundation
import Testing
@testable import MNIST

/// Issue 11's IDX and gzip findings: dimensions that overflow (F1), a gzip bomb (F2), a lying or cut
/// gzip trailer (F3), each refused with memory bounded by what the header claims.
@Suite("IDX and gzip bounds")
struct IDXBoundsTests {
    /// gzip of `header` followed by `zeros` zero bytes, compressed as it goes (no buffer of the whole).
    static func gzipStream(header: [UInt8], zeros: Int) -> [UInt8] {
        var stream = z_stream()
        precondition(shim_deflateInit2(&stream, 9, 15 + 16) == Z_OK)
        defer { deflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        func feed(_ input: [UInt8], finish: Bool) {
            var input = input
            input.withUnsafeMutableBufferPointer { inp in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { c in
                        stream.next_out = c.baseAddress
                        stream.avail_out = UInt32(c.count)
                        deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                        out += c[0 ..< c.count - Int(stream.avail_out)]
                    }
                } while stream.avail_in > 0 || (finish && stream.avail_out == 0)
            }
        }
        feed(header, finish: false)
        let block = [UInt8](repeating: 0, count: 1 << 20)
        var left = zeros
        while left > 0 {
            feed(Array(block.prefix(min(left, block.count))), finish: false)
            left -= min(left, block.count)
        }
        feed([], finish: true)
        return out
    }

    @Test("F1: dimensions whose product overflows or exceeds 512 MiB are refused, raw and gzipped")
    func overflowingDimensions() {
        let headers: [[UInt8]] = [
            Fixtures.header(magic: 0x803, dims: [0xffff_ffff, 0xffff_ffff, 0xffff_ffff]),
            Fixtures.header(magic: 0x803, dims: [1, 0x7fff_ffff, 0x7fff_ffff]),
            Fixtures.header(magic: 0x803, dims: [1_000_000, 28, 28]),
        ]
        for header in headers {
            for (bytes, name) in [(header, "t10k-images-idx3-ubyte"), (Fixtures.gzip(header), "t10k-images-idx3-ubyte.gz")] {
                let error = #expect(throws: IDXError.self) { try IDXFile(bytes: bytes, file: name, expectedDimensions: 3) }
                #expect(error?.kind == .tooLarge, "\(name) \(header)")
                #expect(error?.expected.contains("512 MiB") == true)
            }
        }
        let labels = Fixtures.header(magic: 0x801, dims: [0xffff_ffff])
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: labels, file: "l", expectedDimensions: 1) }
        #expect(error?.kind == .tooLarge)
    }

    @Test("F2: a gzip bomb behind a valid header inflates only as far as the header claims, plus one byte")
    func gzipBomb() throws {
        let header = Fixtures.header(magic: 0x803, dims: [10, 28, 28])
        let bomb = Self.gzipStream(header: header, zeros: 64 << 20)
        #expect(bomb.count < 100_000)
        let source = MemorySource(bomb)
        let stream = try GzipStream(source, file: "bomb.gz")
        let error = #expect(throws: IDXError.self) {
            try IDXFile(source: stream, size: bomb.count, file: "bomb", expectedDimensions: 3)
        }
        #expect(error?.kind == .trailingBytes && error?.expected == "7840 data bytes for dimensions 10x28x28")
        #expect(stream.produced <= 16 + 7840 + (1 << 16), "inflated \(stream.produced) bytes of a 64 MiB bomb")
        let plain = #expect(throws: IDXError.self) { try GzipStream.decompress(bomb, file: "b.gz", limit: 1 << 20) }
        #expect(plain?.kind == .tooLarge)
    }

    @Test("F3: a trailer whose length lies, and a stream cut short, are refused without trusting ISIZE")
    func lyingTrailer() {
        var lying = Fixtures.gzip(Fixtures.twoImages)
        lying.replaceSubrange(lying.count - 4 ..< lying.count, with: [0xff, 0xff, 0xff, 0xff])
        let isize = #expect(throws: IDXError.self) { try IDXFile(bytes: lying, file: "x.gz", expectedDimensions: 3) }
        #expect(isize?.kind == .corruptGzip && isize?.found.contains("incorrect length check") == true)
        let cut = Array(Fixtures.gzip(Fixtures.twoImages).dropLast(6))
        let short = #expect(throws: IDXError.self) { try IDXFile(bytes: cut, file: "x.gz", expectedDimensions: 3) }
        #expect(short?.kind == .corruptGzip && short?.found.contains("ends early") == true)
    }

    @Test("several gzip members read as one stream; other bytes after the stream are refused")
    func members() throws {
        let bytes = Fixtures.twoImages
        let twoMembers = Fixtures.gzip(Array(bytes.prefix(10))) + Fixtures.gzip(Array(bytes.dropFirst(10)))
        let file = try IDXFile(bytes: twoMembers, file: "m.gz", expectedDimensions: 3)
        #expect(Array(file.data) == Array(bytes.dropFirst(16)))
        let garbage = #expect(throws: IDXError.self) {
            try IDXFile(bytes: Fixtures.gzip(bytes) + Array("junk".utf8), file: "g.gz", expectedDimensions: 3)
        }
        #expect(garbage?.kind == .corruptGzip && garbage?.found.contains("after the end") == true)
    }

    @Test("compressed data that inflates to nothing is refused after about 1 MiB, not read for minutes")
    func emptyBlocks() {
        // A gzip header, then stored deflate blocks of length 0 (5 bytes each, never final).
        var bytes: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]
        for _ in 0 ..< 300_000 { bytes += [0x00, 0x00, 0x00, 0xff, 0xff] }
        let error = #expect(throws: IDXError.self) { try GzipStream.decompress(bytes, file: "e.gz", limit: 1 << 20) }
        #expect(error?.kind == .corruptGzip && error?.found.contains("inflate to only 0") == true)
    }

    @Test("a raw file's size is checked against its header before the data is read")
    func rawSizeCheckedFirst() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t10k-images-idx3-ubyte"
        Fixtures.write(Fixtures.header(magic: 0x803, dims: [100_000, 28, 28]), to: path)
        let fd = open(path, O_WRONLY)
        #expect(ftruncate(fd, 300 << 20) == 0)  // 300 MB, sparse: more than the header's 78.4 MB
        close(fd)
        let error = #expect(throws: IDXError.self) { try IDXFile(contentsOf: path, expectedDimensions: 3) }
        #expect(error?.kind == .trailingBytes && error?.found.hasPrefix("314572784 (") == true)
    }

    @Test("a FIFO named like an MNIST file is refused at once (F7)")
    func fifo() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t10k-images-idx3-ubyte.gz"
        #expect(mkfifo(path, 0o644) == 0)
        Thread.detachNewThread {  // were open to block, a writer releases it and the time check fails
            Thread.sleep(forTimeInterval: 5)
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        let start = Date()
        let error = #expect(throws: IDXError.self) { try IDXFile(contentsOf: path, expectedDimensions: 3) }
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(error?.kind == .unreadable && error?.found == "a FIFO (named pipe)")
    }
}
