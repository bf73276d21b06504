import CDeflate
import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A decompressed copy of gzipped image files, kept in `$XDG_CACHE_HOME/mnist-tutor/` (default
/// `~/.cache/mnist-tutor/`) and mapped into memory instead of inflated: the 47 MB of training digits
/// are there in ~15 ms instead of ~90 ms, and tutors running at once share the pages.
///
/// Never required and never trusted blindly. An entry is used only when
/// - its name and its header give the source's exact size and CRC-32 (computed anew from the source
///   every time, under 1 ms for the training file), so a changed source never shows old digits;
/// - its header's own CRC-32 holds, and its pixels' CRC-32 is the one recorded when it was written
///   (~4 ms for the training digits), so a damaged or truncated entry is never read.
/// Anything else — no entry, a stale or damaged one, a folder that cannot be created or written — means
/// the source is read exactly as without a cache (the reader's own checks, the same bytes) and, where
/// the folder allows, the entry is written again. A cache problem is never an error the learner sees.
///
/// Entries are named by the source's file name, size and CRC-32 (`<stem>-<size>-<crc>.pixels`): two
/// folders holding the same file share one entry, and MNIST and Fashion-MNIST (same file names) do not
/// collide. Entries are replaced by renaming a complete new file over the old one, so a mapped entry
/// never changes under a reader. Labels are not cached: they inflate in a fraction of a millisecond.
public struct MNISTCache: Sendable {
    /// The folder holding the entries (created when the first entry is written).
    public let directory: String
    /// Sources smaller than this (compressed) are read directly: inflating them costs under a
    /// millisecond, so an entry would only add files (the labels, tests' tiny fixtures).
    public let minimumSourceSize: Int

    public static let defaultMinimumSourceSize = 256 * 1024
    /// Sources larger than this (compressed) are not cached but left to the reader, whose own limits
    /// refuse what is too large: MNIST's largest file is 9.9 MB and Fashion-MNIST's 26 MB, while a
    /// multi-gigabyte file in their place must not be mapped, checksummed and copied before the
    /// reader gets to say it is wrong.
    public static let maximumSourceSize = 256 * 1024 * 1024

    public init(directory: String, minimumSourceSize: Int = defaultMinimumSourceSize) {
        self.directory = directory
        self.minimumSourceSize = minimumSourceSize
    }

    /// The cache at the XDG location for `environment`: `$XDG_CACHE_HOME/mnist-tutor` when that is an
    /// absolute path (the specification ignores relative ones), else `$HOME/.cache/mnist-tutor`; nil
    /// when neither is set (then there is no cache, and nothing else changes).
    public static func standard(environment: [String: String] = ProcessEnvironment.current()) -> MNISTCache? {
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return MNISTCache(directory: base + "/mnist-tutor")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return MNISTCache(directory: home + "/.cache/mnist-tutor")
        }
        return nil
    }

    /// How the images of one file were obtained.
    public enum Use: Equatable, Sendable {
        /// Mapped from a valid entry.
        case hit
        /// Read from the source; the entry was written (new, or in place of a damaged one).
        case written
        /// Read from the source; no entry could be written (the reason, for `mnist-tutor data`).
        case unwritable(String)
        /// Read from the source, which is not cached (not gzipped, or small).
        case notCached
    }

    /// The images of the IDX images file `path` (gzipped or raw), as its reader would give them:
    /// mapped from a valid entry, otherwise read from the file (and the entry written when possible).
    /// Throws the reader's `IDXError` for a missing or damaged source, exactly as without a cache.
    public func images(source path: String) throws -> (images: ImageSet, use: Use) {
        // The source is mapped for its CRC (no copy); anything unusual is left to the reader to report.
        guard let mapped = MappedFile(path: path, maximumSize: Self.maximumSourceSize),
              mapped.bytes.count >= max(minimumSourceSize, 2),
              mapped.bytes[0] == 0x1f && mapped.bytes[1] == 0x8b else {
            return (try Self.images(IDXFile(contentsOf: path, expectedDimensions: 3)), .notCached)
        }
        let source = Source(size: mapped.bytes.count, crc: Self.crc32(mapped.bytes))
        let entry = directory + "/" + Self.entryName(source: path, source)
        if let images = Self.mapped(entry, source: source) { return (images, .hit) }
        let file = try IDXFile(bytes: Array(mapped.bytes), file: path, expectedDimensions: 3)
        let use = write(file, source: source, to: entry)
        return (Self.images(file), use)
    }

    /// The identity of a source file: its size and the CRC-32 of its bytes (compressed, as on disk).
    struct Source: Equatable {
        var size: Int
        var crc: UInt32
    }

    static func images(_ file: IDXFile) -> ImageSet {
        let d = file.dimensions
        return ImageSet(count: d[0], rows: d[1], columns: d[2], storage: .array(file.storage), offset: file.dataOffset)
    }

    /// `train-images-idx3-ubyte.gz` of 9,719,438 bytes → `train-images-idx3-ubyte-9719438-<crc hex>.pixels`.
    static func entryName(source path: String, _ source: Source) -> String {
        var stem = path.split(separator: "/").last.map(String.init) ?? "images"
        if stem.hasSuffix(".gz") { stem.removeLast(3) }
        let hex = String(source.crc, radix: 16)
        return "\(stem)-\(source.size)-\(String(repeating: "0", count: 8 - hex.count) + hex).pixels"
    }

    // MARK: Entries

    /// An entry: a 64-byte header (below), then the pixels, row-major, one byte each.
    ///
    ///     0  magic "MNTPIXEL"          32  source size  (UInt64)
    ///     8  format version (UInt32)   40  source CRC-32 (UInt32)
    ///    12  rank, 3 (UInt32)          44  pixels' CRC-32 (UInt32)
    ///    16  count, rows, columns      48  pixel bytes (UInt64)
    ///        (3 x UInt32)              56  CRC-32 of bytes 0..<56 (UInt32)
    ///    28  0 (UInt32)                60  0 (UInt32)
    /// All little-endian. A new layout gets a new version: an older tutor then just rebuilds its entry.
    static let headerSize = 64
    static let magic = Array("MNTPIXEL".utf8)
    static let version: UInt32 = 1

    static func header(source: Source, dimensions d: [Int], pixelsCRC: UInt32, pixelCount: Int) -> [UInt8] {
        var h = magic
        for v in [version, 3, UInt32(d[0]), UInt32(d[1]), UInt32(d[2]), 0] { h += bytes(UInt64(v), count: 4) }
        h += bytes(UInt64(source.size), count: 8) + bytes(UInt64(source.crc), count: 4) + bytes(UInt64(pixelsCRC), count: 4)
        h += bytes(UInt64(pixelCount), count: 8)
        h += bytes(UInt64(crc32(h)), count: 4) + bytes(0, count: 4)
        return h
    }

    /// The images of entry `path` if it is complete, undamaged and made from `source`; nil otherwise.
    static func mapped(_ path: String, source: Source) -> ImageSet? {
        guard let file = MappedFile(path: path, maximumSize: headerSize + IDXFile.maximumDataSize),
              file.bytes.count >= headerSize else { return nil }
        let b = file.bytes
        func int(_ at: Int, _ count: Int) -> Int {
            (0 ..< count).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) }
        }
        guard b.prefix(8).elementsEqual(magic), int(8, 4) == Int(version), int(12, 4) == 3,
              UInt32(int(56, 4)) == crc32(UnsafeBufferPointer(rebasing: b[0 ..< 56])),
              int(32, 8) == source.size, UInt32(int(40, 4)) == source.crc else { return nil }
        let (count, rows, columns, pixels) = (int(16, 4), int(20, 4), int(24, 4), int(48, 8))
        let (area, o1) = rows.multipliedReportingOverflow(by: columns)
        let (total, o2) = area.multipliedReportingOverflow(by: count)
        guard !o1, !o2, rows > 0, columns > 0, total == pixels, pixels == b.count - headerSize,
              UInt32(int(44, 4)) == crc32(UnsafeBufferPointer(rebasing: b[headerSize...])) else { return nil }
        return ImageSet(count: count, rows: rows, columns: columns, storage: .mapped(file), offset: headerSize)
    }

    /// Writes `file`'s pixels as the entry `path`: a temporary file in the same folder, renamed into
    /// place once complete. Failing is fine (the caller has the images already); it says why.
    func write(_ file: IDXFile, source: Source, to path: String) -> Use {
        guard Self.makeDirectories(directory) else { return .unwritable(Self.reason("create \(directory)")) }
        let name = String(path.split(separator: "/").last!)
        removeAbandonedFiles(of: name)
        let temporary = "\(directory)/.\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .unwritable(Self.reason("write in \(directory)")) }
        let written = file.storage.withUnsafeBufferPointer { all -> Bool in
            let pixels = UnsafeBufferPointer(rebasing: all[file.dataOffset...])
            let header = Self.header(source: source, dimensions: file.dimensions, pixelsCRC: Self.crc32(pixels),
                                     pixelCount: pixels.count)
            return header.withUnsafeBufferPointer { Self.writeAll(fd, $0) } && Self.writeAll(fd, pixels)
        }
        let reason = Self.reason("write \(temporary)")
        close(fd)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return .unwritable(written ? Self.reason("rename into \(directory)") : reason)
        }
        return .written
    }

    /// Temporary files of entry `name` left by a tutor that was stopped while writing (its process is gone).
    func removeAbandonedFiles(of name: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        let prefix = ".\(name)."
        while let entry = readdir(dir) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard file.hasPrefix(prefix), file.hasSuffix(".tmp"),
                  let pid = Int32(file.dropFirst(prefix.count).dropLast(4)) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + file) }
        }
    }

    /// `mkdir -p`: `path` and any missing folders above it (`~/.cache` may not exist yet).
    static func makeDirectories(_ path: String) -> Bool {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex,
              makeDirectories(String(path[..<slash])) else { return false }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    static func reason(_ what: String) -> String {
        "cannot \(what): \(String(cString: strerror(errno)))"
    }

    static func bytes(_ value: UInt64, count: Int) -> [UInt8] {
        (0 ..< count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// The CRC-32 gzip and zlib use, computed by libdeflate: with carry-less multiplication where the CPU
    /// has it, ~4 ms for the 47 MB of training digits where zlib's `crc32` took ~13 ms (measured on the
    /// 2-core Zen 3 host; the check runs at every launch). Same values as zlib's, so entries written by
    /// earlier versions stay valid (MNISTCacheTests checks the two agree). One thread: the tutor loads
    /// its two parts side by side already.
    static func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return libdeflate_crc32(0, base, bytes.count)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { crc32($0) }
    }
}

