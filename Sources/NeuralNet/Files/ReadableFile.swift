#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading, checked before a single byte of it is read.
///
/// Every reader of the program (MNIST's IDX files, weights, pictures, progress, lessons) opens files
/// through this, so all of them keep the same promises:
/// - **Never blocks on open.** The file is opened with `O_NONBLOCK` (a FIFO would otherwise wait in
///   `open` itself for a writer that never comes), then `fstat` refuses anything that is not a regular
///   file — a folder, a FIFO, a device, a socket — before any read.
/// - **Never reads more than its limit.** The size `fstat` reports is checked against the caller's
///   `limit` first, so a huge (or sparse) file is refused at once; reads stop at the size seen at
///   open, so a file that grows meanwhile cannot push past it either.
/// - **Says why.** `Failure` tells a missing file from a permission problem from a wrong kind of file.
public final class ReadableFile {
    public enum Failure: Error, Equatable, Sendable {
        /// No such file (or a dangling symbolic link).
        case missing
        /// The file exists but we may not read it.
        case permissionDenied
        /// `open` or `fstat` failed for another reason; the system's words.
        case unreadable(String)
        /// A folder, a FIFO, a device or a socket: `what` names it ("a FIFO (named pipe)").
        case notRegular(what: String)
        /// Larger than the reader's limit.
        case tooLarge(size: Int, limit: Int)
        /// A read failed (an I/O error), after `read` bytes.
        case readFailed(String, read: Int)
        /// Fewer bytes came than the file's size said (it shrank while being read).
        case short(size: Int, read: Int)
    }

    public let path: String
    /// The file's size when it was opened.
    public let size: Int
    /// Bytes read so far.
    public private(set) var position = 0
    private let descriptor: Int32

    /// Opens `path` and checks it is a regular file of at most `limit` bytes.
    public init(_ path: String, limit: Int) throws(Failure) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ReadableFile.openFailure(errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = errno
            close(fd)
            throw .unreadable(ReadableFile.reason(reason))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .notRegular(what: FileKind.describe(mode: info.st_mode))
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            close(fd)
            throw .tooLarge(size: size, limit: limit)
        }
        // Regular files ignore O_NONBLOCK, but clear it anyway: it was only there for `open`.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.path = path
        self.size = size
        self.descriptor = fd
    }

    deinit { close(descriptor) }

    /// Bytes left before the size seen at open.
    public var remaining: Int { size - position }

    /// Reads up to `buffer.count` bytes (never past the size seen at open); 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        let wanted = min(buffer.count, remaining)
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        while true {
            let n = systemRead(descriptor, base, wanted)
            if n >= 0 {
                position += n
                return n
            }
            if errno == EINTR { continue }
            throw .readFailed(ReadableFile.reason(errno), read: position)
        }
    }

    /// Exactly the next `count` bytes, or `short` when the file ends first.
    public func readBytes(_ count: Int) throws(Failure) -> [UInt8] {
        precondition(count >= 0 && count <= remaining, "readBytes(\(count)) beyond the file's size")
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try bytes.withUnsafeMutableBytes { raw in
                Result { () throws(Failure) in try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])) }
            }.get()
            guard n > 0 else { throw .short(size: size, read: position) }
            filled += n
        }
        return bytes
    }

    /// The rest of the file (all of it, on a fresh file).
    public func readToEnd() throws(Failure) -> [UInt8] {
        try readBytes(remaining)
    }

    /// The whole of `path`, at most `limit` bytes.
    public static func bytes(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        try ReadableFile(path, limit: limit).readToEnd()
    }

    static func openFailure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: return .missing
        case EACCES, EPERM: return .permissionDenied
        default: return .unreadable(reason(code))
        }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// `read(2)`, named apart from `ReadableFile.read(into:)`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Names what a path is, for messages that refuse it ("a FIFO (named pipe)").
public enum FileKind {
    public static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// A byte count as a person reads it: "407480 bytes", "128 MiB", "3.0 GiB" (binary units, as the
    /// limits are powers of two).
    public static func size(_ bytes: Int) -> String {
        if bytes < 10_000 { return "\(bytes) bytes" }
        let units: [(Double, String)] = [(1_073_741_824, "GiB"), (1_048_576, "MiB"), (1024, "KiB")]
        for (scale, unit) in units where Double(bytes) >= scale {
            let value = Double(bytes) / scale
            let rounded = (value * 10).rounded() / 10
            return (rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)") + " " + unit
        }
        return "\(bytes) bytes"
    }
}
