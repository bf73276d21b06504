import CZlib

/// Whole-buffer gzip decompression through zlib.
///
/// The output buffer is sized from the gzip trailer (ISIZE, the uncompressed size mod 2^32),
/// so the common case inflates in one pass with one allocation; it grows if the trailer lies.
enum Gzip {
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates `bytes` (a complete gzip stream). Throws `IDXError.corruptGzip` naming `file`.
    static func decompress(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        func corrupt(_ what: String) -> IDXError {
            IDXError(.corruptGzip, file: file, expected: "a complete gzip stream", found: what,
                     hint: "The download is probably incomplete or damaged; copy the file again.")
        }
        guard bytes.count >= 18 else { throw corrupt("only \(bytes.count) bytes") }
        let n = bytes.count
        let trailerSize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        // Deflate cannot expand more than ~1032:1, so a damaged trailer cannot ask for gigabytes.
        var output = [UInt8](repeating: 0, count: max(min(trailerSize, n * 1032), 1024))
        var stream = z_stream()
        guard shim_inflateInit2(&stream, 15 + 16) == Z_OK else { throw corrupt("a stream zlib refused to open") }
        defer { inflateEnd(&stream) }
        var produced = 0
        var status: Int32 = Z_OK
        try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
            stream.avail_in = UInt32(input.count)
            while true {
                if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
                status = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(out.count - produced)
                    let s = inflate(&stream, Z_FINISH)
                    produced = out.count - Int(stream.avail_out)
                    return s
                }
                if status == Z_STREAM_END { break }
                if status == Z_BUF_ERROR && stream.avail_in > 0 && produced == output.count { continue }
                if status == Z_BUF_ERROR { throw corrupt("a stream that ends early (after \(produced) bytes)") }
                if status != Z_OK {
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw corrupt("damaged data (\(message))")
                }
            }
        }
        output.removeSubrange(produced...)
        return output
    }
}
