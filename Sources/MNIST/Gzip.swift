import CZlib
import NeuralNet

/// Streaming gzip decompression through zlib, bounded by what the caller asks for.
///
/// Nothing here trusts the gzip trailer's size field (ISIZE): it is only 32 bits, and a damaged or
/// hostile file can put anything there. Output goes straight into the caller's buffer, so memory is
/// what the caller allocates (the IDX reader: what the IDX header's dimensions claim) plus a 64 KiB
/// input buffer and zlib's 32 KiB window — a gzip bomb inflates only as far as it is read.
/// Time is bounded too: compressed input that produces (almost) nothing is refused once it passes
/// twice the output plus 1 MiB, so a file of empty deflate blocks cannot spin for minutes.
///
/// Several gzip members one after another read as one stream (as `gzip -d` does); anything else after
/// the last member is refused, like a trailer whose checksum or length does not match.
public final class GzipStream: ByteSource {
    private let source: ByteSource
    private let file: String
    private var stream = z_stream()
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputStart = 0, inputEnd = 0
    private var ended = false
    private var finished = false
    /// Compressed bytes taken from the source, and bytes produced.
    public private(set) var consumed = 0
    public private(set) var produced = 0

    /// Compressed input may exceed twice the output by at most this much (headers, empty blocks).
    static let inputAllowance = 1 << 20

    /// Whether `bytes` (the start of a file) open a gzip stream.
    public static func isGzip<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.makeIterator()
        return i.next() == 0x1f && i.next() == 0x8b
    }

    /// Starts inflating `source`; `file` names it in errors.
    public init(_ source: ByteSource, file: String) throws(IDXError) {
        self.source = source
        self.file = file
        guard shim_inflateInit2(&stream, 15 + 16) == Z_OK else { throw corrupt("a stream zlib refused to open") }
    }

    deinit { inflateEnd(&stream) }

    public var knownRemaining: Int? { finished ? 0 : nil }

    func corrupt(_ what: String) -> IDXError {
        IDXError(.corruptGzip, file: file, expected: "a complete gzip stream", found: what,
                 hint: "The download is probably incomplete or damaged; copy the file again.")
    }

    /// Up to `buffer.count` decompressed bytes; 0 once the last member has ended (and its checksum
    /// and length were checked).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        guard !finished, buffer.count > 0, let out = buffer.baseAddress else { return 0 }
        var written = 0
        while written == 0 {
            if ended {
                // Another member, or the end: anything else after a complete stream is damage.
                guard try fillInput() else {
                    finished = true
                    return 0
                }
                guard input[inputStart] == 0x1f else {
                    throw corrupt("other data after the end of the gzip stream (byte 0x\(String(input[inputStart], radix: 16)))")
                }
                inflateReset(&stream)
                ended = false
            }
            if inputStart == inputEnd, try !fillInput() {
                throw corrupt("a stream that ends early (after \(produced) bytes)")
            }
            let available = inputEnd - inputStart
            let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
                stream.next_in = inputBuffer.baseAddress! + inputStart
                stream.avail_in = UInt32(available)
                stream.next_out = out.assumingMemoryBound(to: UInt8.self) + written
                stream.avail_out = UInt32(min(buffer.count - written, Int(UInt32.max)))
                let status = inflate(&stream, Z_NO_FLUSH)
                return status
            }
            let used = available - Int(stream.avail_in)
            let made = (buffer.count - written) - Int(stream.avail_out)
            inputStart += used
            consumed += used
            written += made
            produced += made
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break  // more input or more room needed: the loop provides either
            case Z_STREAM_END:
                ended = true
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw corrupt("damaged data (\(message))")
            }
            guard consumed <= 2 * produced + GzipStream.inputAllowance else {
                throw corrupt("\(consumed) compressed bytes that inflate to only \(produced)")
            }
        }
        return written
    }

    /// Refills the input buffer when it is empty; false at the end of the source.
    private func fillInput() throws(IDXError) -> Bool {
        if inputStart < inputEnd { return true }
        let n = try input.withUnsafeMutableBytes { raw in
            Result { () throws(IDXError) in try source.read(into: raw) }
        }.get()
        inputStart = 0
        inputEnd = n
        return n > 0
    }

    /// All of `bytes` (a complete gzip stream) inflated, at most `limit` bytes; more is refused.
    public static func decompress(_ bytes: [UInt8], file: String, limit: Int) throws(IDXError) -> [UInt8] {
        let stream = try GzipStream(MemorySource(bytes), file: file)
        var output = [UInt8](repeating: 0, count: min(limit, 1 << 16) + 1)
        var count = 0
        while true {
            if count == output.count {
                guard output.count <= limit else {
                    throw IDXError(.tooLarge, file: file, expected: "at most \(limit) bytes once decompressed",
                                   found: "more", hint: "This is not the file it should be; copy the right one.")
                }
                output += [UInt8](repeating: 0, count: min(output.count, limit + 1 - output.count))
            }
            let n = try output.withUnsafeMutableBytes { raw in
                Result { () throws(IDXError) in try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[count...])) }
            }.get()
            if n == 0 { break }
            count += n
        }
        output.removeSubrange(count...)
        return output
    }
}
