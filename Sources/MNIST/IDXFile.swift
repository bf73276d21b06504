import CDeflate
import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One IDX file of unsigned bytes: `0x0000_08_NN` magic (type 0x08 = UInt8, NN dimensions),
/// NN big-endian UInt32 sizes, then the data. Gzip-compressed files are inflated transparently.
///
/// Only the UInt8 type is accepted: it is the one MNIST and Fashion-MNIST use.
///
/// Bounded: the header is read first, and its dimensions are multiplied with overflow checks and
/// capped at `maximumDataSize` before anything is allocated. A raw file must then be exactly that
/// size (checked against the file's size, before reading the data); a gzipped one is inflated only as
/// far as the header's size plus one byte, so a gzip bomb, a lying trailer or a truncated download
/// costs at most what the header claims. Memory: the header's claimed data size (at most 512 MiB;
/// MNIST's training images are 47 MB), plus 64 KiB of buffers.
///
/// A gzipped file of at most `wholeInflateLimit` bytes is first inflated in one call by libdeflate
/// (the training images in ~45 ms instead of zlib's ~105 ms, measured on the 2-core Zen 3 host): its
/// header is inflated first, through zlib as above, and room made for exactly the data it claims (so
/// memory is bounded as on the streaming path), which the trailer must state too. The result is kept
/// only when it is one complete member, filling that room exactly, whose checksum and length libdeflate
/// verified. Anything else — several members, damage, a lying trailer or header — is read again by the
/// streaming path, so every error is the one it always gave.
public struct IDXFile: Sendable {
    /// Sizes of each dimension, e.g. `[60000, 28, 28]`.
    public let dimensions: [Int]
    /// The file's decompressed bytes; the data starts at `dataOffset`.
    let storage: [UInt8]
    let dataOffset: Int

    /// The most data a file may claim: 512 MiB, about 680,000 28x28 images (MNIST has 70,000).
    public static let maximumDataSize = 1 << 29
    /// The largest file read at all (compressed or not): the data, its header, and room for gzip's overhead.
    public static let maximumFileSize = maximumDataSize + (1 << 20)

    /// The values, in row-major order.
    public var data: ArraySlice<UInt8> { storage[dataOffset...] }

    /// Reads and checks `path`. `expectedDimensions` is the rank the caller needs (3 for images, 1 for labels).
    public init(contentsOf path: String, expectedDimensions: Int) throws(IDXError) {
        let source = try FileSource(path, limit: IDXFile.maximumFileSize, naming: IDXFile.naming)
        if source.size <= IDXFile.wholeInflateLimit {
            let head = try source.read(upTo: 2)
            if GzipStream.isGzip(head) {
                // Small enough to hold whole: the one-call inflate, or the stream over the same bytes.
                try self.init(bytes: IDXFile.rest(of: source, after: head), file: path, expectedDimensions: expectedDimensions)
                return
            }
            try self.init(source: PrefixedSource(head, then: source), size: source.size, file: path,
                          expectedDimensions: expectedDimensions)
            return
        }
        try self.init(source: source, size: source.size, file: path, expectedDimensions: expectedDimensions)
    }

    /// Parses bytes already in memory; `file` names them in errors.
    public init(bytes raw: [UInt8], file: String, expectedDimensions: Int) throws(IDXError) {
        if let whole = IDXFile.inflatedWhole(raw, expectedDimensions: expectedDimensions) {
            self = whole
            return
        }
        try self.init(source: MemorySource(raw), size: raw.count, file: file, expectedDimensions: expectedDimensions)
    }

    private init(dimensions: [Int], storage: [UInt8], dataOffset: Int) {
        self.dimensions = dimensions
        self.storage = storage
        self.dataOffset = dataOffset
    }

    /// `head` and then the rest of `source` (a file of at most `wholeInflateLimit` bytes), read straight
    /// into one array (stopping early if the file shrank meanwhile; the reader then says it is cut short).
    static func rest(of source: FileSource, after head: [UInt8]) throws(IDXError) -> [UInt8] {
        let capacity = max(source.size, head.count)
        var failure: IDXError?
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<head.count]).initialize(from: head)
            count = head.count
            while count < capacity {
                do throws(IDXError) {
                    let n = try source.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[count...])))
                    if n == 0 { break }
                    count += n
                } catch {
                    failure = error
                    break
                }
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Asks Linux to back the whole 2 MiB pages inside `buffer` (not yet written) with huge pages: the
    /// 47 MB of training images then take ~23 page faults instead of ~11,500, which cost more than the
    /// inflate's own work when they were 4 KiB pages. Only a hint: where transparent huge pages are off,
    /// or elsewhere than Linux, nothing changes.
    static func preferHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard let base = buffer.baseAddress, buffer.count >= 2 * huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(first, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// Gzipped files up to this size (compressed) are inflated in one call (see above). MNIST's largest
    /// file is 9.9 MB and Fashion-MNIST's 26 MB; larger ones stream, holding only 64 KiB of input.
    public static let wholeInflateLimit = 64 << 20

    /// `raw` (a complete gzip file) inflated by libdeflate as an IDX file of rank `expectedDimensions`, or
    /// nil when it is not exactly one valid member holding a well-formed file of that rank (the caller
    /// then reads it through the stream, which says what is wrong).
    static func inflatedWhole(_ raw: [UInt8], expectedDimensions: Int) -> IDXFile? {
        let n = raw.count
        let headerSize = 4 + 4 * expectedDimensions
        guard n >= 18, n <= wholeInflateLimit, GzipStream.isGzip(raw) else { return nil }
        // The header first (a few hundred bytes through zlib), so the room made is what the header
        // claims, as on the streaming path, and the trailer must state exactly that size.
        guard let head = try? GzipStream(MemorySource(raw), file: "").read(upTo: headerSize), head.count == headerSize,
              bigEndian(head, at: 0) == 0x0000_0800 | expectedDimensions else { return nil }
        let dims = (0 ..< expectedDimensions).map { bigEndian(head, at: 4 + 4 * $0) }
        var bodySize = 1
        for d in dims {
            let (product, overflow) = bodySize.multipliedReportingOverflow(by: d)
            guard !overflow, product <= maximumDataSize else { return nil }
            bodySize = product
        }
        let stated = (0 ..< 4).reduce(0) { $0 | Int(raw[n - 4 + $1]) << (8 * $1) }  // ISIZE, little-endian
        let total = headerSize + bodySize
        guard stated == total & 0xFFFF_FFFF, total <= n * 1032,
              let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var complete = false
        let storage = [UInt8](unsafeUninitializedCapacity: total) { out, count in
            IDXFile.preferHugePages(UnsafeMutableRawBufferPointer(out))
            var used = 0, made = 0
            let result = raw.withUnsafeBytes { input in
                libdeflate_gzip_decompress_ex(decompressor, input.baseAddress, n, out.baseAddress, total, &used, &made)
            }
            complete = result == LIBDEFLATE_SUCCESS && used == n && made == total
            count = complete ? total : 0
        }
        guard complete, Array(storage[..<headerSize]) == head else { return nil }
        return IDXFile(dimensions: dims, storage: storage, dataOffset: headerSize)
    }

    /// Reads from `source` (`size` bytes as stored, compressed or not; gzip is recognised by its first
    /// bytes): the header first, then exactly the data it describes. The two initialisers above are this
    /// on a file or on bytes in memory; a cache or another store can hand over its own `ByteSource`.
    public init(source: ByteSource, size: Int, file: String, expectedDimensions: Int) throws(IDXError) {
        precondition((1 ... 255).contains(expectedDimensions), "an IDX file has 1 to 255 dimensions")
        let kindName = expectedDimensions == 1 ? "labels" : "images"
        guard size > 0 else {
            throw IDXError(.emptyFile, file: file, expected: "an IDX \(kindName) file", found: "an empty file (0 bytes)",
                           hint: "The copy or download did not finish; copy the file again.")
        }
        let head = try source.read(upTo: 64)
        let gzipped = GzipStream.isGzip(head)
        if !gzipped && file.hasSuffix(".gz") {
            throw IDXError(.notGzip, file: file, expected: "gzip data (it starts 1f 8b)",
                           found: "bytes \(IDXFile.hexPrefix(head))",
                           hint: IDXFile.guessHint(head) ?? "Rename it without .gz if it is a raw IDX file, or copy the real file again.")
        }
        let data: ByteSource = gzipped ? try GzipStream(PrefixedSource(head, then: source), file: file)
                                       : PrefixedSource(head, then: source)

        let headerSize = 4 + 4 * expectedDimensions
        let header = try data.read(upTo: headerSize)
        let magic = 0x0000_0800 | expectedDimensions
        guard header.count >= 4 else {
            throw IDXError(.truncatedHeader, file: file, expected: "a 4-byte magic number", found: "\(header.count) bytes",
                           hint: "The file is cut short; copy it again.")
        }
        let foundMagic = IDXFile.bigEndian(header, at: 0)
        guard foundMagic == magic else {
            let start = gzipped ? header + ((try? data.read(upTo: 64 - header.count)) ?? []) : head
            throw IDXError(.wrongMagic, file: file,
                           expected: "magic number 0x\(IDXFile.hex(magic)) (\(kindName), UInt8, \(expectedDimensions)-D)",
                           found: "0x\(IDXFile.hex(foundMagic))",
                           hint: IDXFile.guessHint(start) ?? IDXFile.magicHint(foundMagic, wanted: kindName))
        }
        guard header.count == headerSize else {
            throw IDXError(.truncatedHeader, file: file, expected: "a \(headerSize)-byte header",
                           found: "\(header.count) bytes", hint: "The file is cut short; copy it again.")
        }
        let dims = (0 ..< expectedDimensions).map { IDXFile.bigEndian(header, at: 4 + 4 * $0) }
        let shape = dims.map(String.init).joined(separator: "x")
        var bodySize = 1
        for d in dims {
            let (product, overflow) = bodySize.multipliedReportingOverflow(by: d)
            guard !overflow && product <= IDXFile.maximumDataSize else {
                throw IDXError(.tooLarge, file: file,
                               expected: "dimensions whose data fits in \(FileKind.size(IDXFile.maximumDataSize))",
                               found: "dimensions \(shape)",
                               hint: "The header is damaged or this is not an IDX file; copy the file again.")
            }
            bodySize = product
        }
        func truncated(_ found: Int) -> IDXError {
            IDXError(.truncatedBody, file: file, expected: "\(bodySize) data bytes for dimensions \(shape)",
                     found: "\(found)", hint: "The file is cut short; copy it again.")
        }
        func trailing(_ found: String) -> IDXError {
            IDXError(.trailingBytes, file: file, expected: "\(bodySize) data bytes for dimensions \(shape)", found: found,
                     hint: "The header does not describe the data; the file may be damaged or not an IDX file.")
        }
        if let remaining = data.knownRemaining {
            if remaining < bodySize { throw truncated(remaining) }
            if remaining > bodySize { throw trailing("\(remaining) (\(remaining - bodySize) extra)") }
        }
        // Room for what the header claims; for gzip no more than deflate could produce from the file
        // (at most 1032 bytes per compressed byte), growing only as data really arrives.
        let (deflateBound, overflow) = size.multipliedReportingOverflow(by: 1032)
        let initial = gzipped && !overflow ? min(bodySize, deflateBound + (1 << 16)) : bodySize
        var storage = [UInt8](repeating: 0, count: headerSize + initial)
        storage.replaceSubrange(0 ..< headerSize, with: header)
        var filled = headerSize
        let total = headerSize + bodySize
        while filled < total {
            if filled == storage.count {
                storage += [UInt8](repeating: 0, count: min(storage.count, total - storage.count))
            }
            let n = try storage.withUnsafeMutableBytes { raw in
                Result { () throws(IDXError) in try data.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])) }
            }.get()
            if n == 0 { throw truncated(filled - headerSize) }
            filled += n
        }
        // One byte more: there must be none (for gzip this also reads to the end of the stream, so its
        // checksum and length are checked).
        var probe: UInt8 = 0
        let extra = try withUnsafeMutableBytes(of: &probe) { raw in
            Result { () throws(IDXError) in try data.read(into: raw) }
        }.get()
        if extra > 0 { throw trailing("more (the data goes on past what the header describes)") }
        self.dimensions = dims
        self.storage = storage
        self.dataOffset = headerSize
    }

    static let naming = WholeFile.Naming(
        what: "a readable file", missing: IDXErrorKind.fileNotFound,
        missingHint: "Check the path, or point --data / MNIST_TUTOR_DATA at the folder holding the MNIST files.",
        unreadable: .unreadable, tooLarge: .tooLarge,
        tooLargeHint: "No MNIST-like file is this large; point --data at the right folder.")

    static func bigEndian(_ b: [UInt8], at i: Int) -> Int {
        Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
    }

    static func hex(_ v: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    static func hexPrefix(_ b: [UInt8]) -> String {
        b.prefix(4).map { x in (x < 16 ? "0" : "") + String(x, radix: 16) }.joined(separator: " ")
    }

    /// Recognises common wrong files by their first bytes.
    static func guessHint(_ b: [UInt8]) -> String? {
        let head = String(decoding: b.prefix(64), as: UTF8.self).lowercased().drop(while: \.isWhitespace)
        if head.hasPrefix("<") {
            return "This looks like an HTML page, not an IDX file: the download saved an error or login page. Fetch the real file."
        }
        if b.count >= 4 && b[0] == 0x50 && b[1] == 0x4b { return "This looks like a ZIP archive; unzip it first." }
        if b.count >= 4 && b[0] == 0x89 && b[1] == 0x50 { return "This is a PNG image, not an IDX file." }
        return nil
    }

    static func magicHint(_ found: Int, wanted: String) -> String {
        if found == 0x0000_0801 { return "This is a labels file; an images file was expected (check the file names)." }
        if found == 0x0000_0803 { return "This is an images file; a labels file was expected (check the file names)." }
        return "This is not an IDX \(wanted) file of unsigned bytes."
    }
}

