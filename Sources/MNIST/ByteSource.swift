import NeuralNet

/// Bytes read in pieces, so a reader takes only what it has checked it needs: a file, bytes in
/// memory, or a `GzipStream` over either. Errors are `IDXError`s naming the file.
public protocol ByteSource: AnyObject {
    /// Up to `buffer.count` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int
    /// How many bytes are left, when that is known without reading them (a file or memory; not gzip).
    var knownRemaining: Int? { get }
}

extension ByteSource {
    /// Up to `count` bytes: fewer only at the end.
    public func read(upTo count: Int) throws(IDXError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try bytes.withUnsafeMutableBytes { raw in
                Result { () throws(IDXError) in try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])) }
            }.get()
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}

/// Bytes already in memory.
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position: Int

    public init(_ bytes: [UInt8], from start: Int = 0) {
        self.bytes = bytes
        self.position = start
    }

    public var knownRemaining: Int? { bytes.count - position }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { raw in
            buffer.baseAddress!.copyMemory(from: raw.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// A regular file, opened through `ReadableFile` (never blocking, refused when not a regular file or
/// larger than `limit`).
public final class FileSource: ByteSource {
    let file: ReadableFile
    let naming: WholeFile.Naming<IDXErrorKind>

    public init(_ path: String, limit: Int, naming: WholeFile.Naming<IDXErrorKind>) throws(IDXError) {
        do {
            file = try ReadableFile(path, limit: limit)
        } catch {
            throw naming.problem(error, file: path)
        }
        self.naming = naming
    }

    /// The file's size when it was opened.
    public var size: Int { file.size }

    public var knownRemaining: Int? { file.remaining }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        do {
            return try file.read(into: buffer)
        } catch {
            throw naming.problem(error, file: file.path)
        }
    }
}

/// `prefix` (bytes already read, to look at a file's first bytes), then the rest of `source`.
public final class PrefixedSource: ByteSource {
    private let prefix: MemorySource
    private let rest: ByteSource

    public init(_ prefix: [UInt8], then rest: ByteSource) {
        self.prefix = MemorySource(prefix)
        self.rest = rest
    }

    public var knownRemaining: Int? { rest.knownRemaining.map { $0 + prefix.knownRemaining! } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        let n = try prefix.read(into: buffer)
        return n > 0 ? n : try rest.read(into: buffer)
    }
}
