import Foundation

/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
/// (`name -> {dtype, shape, data_offsets}`, plus optional `__metadata__` strings), then the raw
/// little-endian data. Only `F32` is supported: it is what Keras and NumPy use for these weights.
///
/// Reading is strict (every check says what is wrong and how to fix it); writing goes to a temporary
/// file that is renamed over the target only when complete, so a crash never leaves half a file.
public enum Safetensors {
    /// One named tensor, in file order.
    public typealias Entry = (name: String, tensor: Tensor)

    /// Headers larger than this are refused (the format's reference reader uses the same limit).
    static let maximumHeaderSize = 100_000_000

    /// The bytes of a file holding `tensors` in the given order, with optional metadata.
    public static func encode(_ tensors: [Entry], metadata: [String: String] = [:]) -> [UInt8] {
        var header = "{"
        if !metadata.isEmpty {
            header += "\"__metadata__\":{" + metadata.sorted { $0.key < $1.key }
                .map { "\(jsonString($0.key)):\(jsonString($0.value))" }.joined(separator: ",") + "},"
        }
        var offset = 0
        header += tensors.map { entry in
            let size = entry.tensor.count * 4
            defer { offset += size }
            return "\(jsonString(entry.name)):{\"dtype\":\"F32\",\"shape\":[\(entry.tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + size)]}"
        }.joined(separator: ",")
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }  // pad with spaces, as the format allows
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: headerBytes)
        for entry in tensors {
            for value in entry.tensor.scalars {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    /// Parses a file's bytes; `file` names it in errors. Checks the header, the dtypes, the offsets
    /// (within the data, matching the shapes, not overlapping) and that every value is finite.
    public static func decode(_ bytes: [UInt8], file: String) throws(SafetensorsError) -> [Entry] {
        try decodeFile(bytes, file: file).entries
    }

    /// `decode`, also returning the header's `__metadata__` (string keys and values; empty when absent).
    public static func decodeFile(_ bytes: [UInt8], file: String) throws(SafetensorsError) -> (entries: [Entry], metadata: [String: String]) {
        func fail(_ kind: SafetensorsError.Kind, _ expected: String, _ found: String, _ hint: String) -> SafetensorsError {
            SafetensorsError(kind, file: file, expected: expected, found: found, hint: hint)
        }
        let damaged = "The file is damaged or not a safetensors file; save or export the weights again."
        guard bytes.count >= 8 else {
            throw fail(.truncated, "at least 8 bytes (the header length)", "\(bytes.count) bytes", damaged)
        }
        var length: UInt64 = 0
        for i in 0 ..< 8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length >= 2 && length <= UInt64(maximumHeaderSize) else {
            throw fail(.badHeader, "a header length between 2 and \(maximumHeaderSize) bytes", "\(length)", damaged)
        }
        guard UInt64(bytes.count - 8) >= length else {
            throw fail(.truncated, "a \(length)-byte header after the length", "only \(bytes.count - 8) bytes",
                       "The file is cut short (an interrupted copy or download?); copy or save it again.")
        }
        let headerEnd = 8 + Int(length)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8 ..< headerEnd]))
        } catch {
            throw fail(.badHeader, "a JSON header", "text that is not valid JSON", damaged)
        }
        guard let header = json as? [String: Any] else {
            throw fail(.badHeader, "a JSON object as the header", "another JSON value", damaged)
        }
        var metadata: [String: String] = [:]
        if let raw = header["__metadata__"] {
            guard let object = raw as? [String: Any], let strings = object as? [String: String] else {
                throw fail(.badMetadata, "text values in \"__metadata__\" (the format allows only strings)", "\(raw)", damaged)
            }
            metadata = strings
        }
        let dataCount = bytes.count - headerEnd
        var parsed: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let info = value as? [String: Any] else {
                throw fail(.badHeader, "an object for tensor \"\(name)\"", "\(type(of: value))", damaged)
            }
            let dtype = info["dtype"] as? String ?? "(none)"
            guard dtype == "F32" else {
                throw fail(.wrongDtype, "dtype F32 (float32) for \"\(name)\"", dtype,
                           "Convert the arrays to float32 before saving, e.g. `arr.astype(np.float32)` in NumPy.")
            }
            guard let shapeValues = info["shape"] as? [Any],
                  let shape = Optional(shapeValues.compactMap { ($0 as? NSNumber)?.intValue }), shape.count == shapeValues.count,
                  shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(.badHeader, "a list of sizes as the shape of \"\(name)\"", "\(info["shape"].map { "\($0)" } ?? "none")", damaged)
            }
            guard let offsets = info["data_offsets"] as? [Any], offsets.count == 2,
                  let begin = (offsets[0] as? NSNumber)?.intValue, let end = (offsets[1] as? NSNumber)?.intValue,
                  begin >= 0, begin <= end else {
                throw fail(.badOffsets, "two data offsets [begin, end] for \"\(name)\"", "\(info["data_offsets"].map { "\($0)" } ?? "none")", damaged)
            }
            let needed = shape.reduce(1, *) * 4
            guard end - begin == needed else {
                throw fail(.badOffsets, "\(needed) bytes for \"\(name)\" of shape \(shape)", "\(end - begin)", damaged)
            }
            guard end <= dataCount else {
                throw fail(.truncated, "data up to byte \(end) for \"\(name)\"", "only \(dataCount) data bytes",
                           "The file is cut short (an interrupted copy or download?); copy or save it again.")
            }
            parsed.append((name, shape, begin, end))
        }
        parsed.sort { $0.begin < $1.begin }
        for (a, b) in zip(parsed, parsed.dropFirst()) where b.begin < a.end {
            throw fail(.badOffsets, "tensors that do not overlap", "\"\(a.name)\" and \"\(b.name)\" sharing bytes", damaged)
        }
        var result: [Entry] = []
        for entry in parsed {
            let count = (entry.end - entry.begin) / 4
            var values = [Float](repeating: 0, count: count)
            bytes.withUnsafeBytes { raw in
                for i in 0 ..< count {
                    let bits = raw.loadUnaligned(fromByteOffset: headerEnd + entry.begin + 4 * i, as: UInt32.self)
                    values[i] = Float(bitPattern: UInt32(littleEndian: bits))
                }
            }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw fail(.nonFinite, "finite numbers in \"\(entry.name)\"", "\(values[bad]) at position \(bad)",
                           "Training diverged before these weights were saved; train again (a lower learning rate helps).")
            }
            result.append((entry.name, Tensor(shape: entry.shape, scalars: values)))
        }
        return (result, metadata)
    }

    /// Reads and decodes `path`.
    public static func read(_ path: String) throws(SafetensorsError) -> [Entry] {
        try decode(readBytes(path), file: path)
    }

    /// Reads and decodes `path`, with its metadata.
    public static func readFile(_ path: String) throws(SafetensorsError) -> (entries: [Entry], metadata: [String: String]) {
        try decodeFile(readBytes(path), file: path)
    }

    /// Writes `tensors` to `path` atomically: into `path.tmp-PID` first, flushed, then renamed over `path`.
    public static func write(_ tensors: [Entry], to path: String, metadata: [String: String] = [:]) throws(SafetensorsError) {
        let bytes = encode(tensors, metadata: metadata)
        let temporary = "\(path).tmp-\(getpid())"
        func failure(_ what: String) -> SafetensorsError {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return SafetensorsError(.writeFailed, file: path, expected: "a writable location", found: "\(what) failed (\(reason))",
                                    hint: "Check that the folder exists and that you may write there, or choose another --output.")
        }
        guard let handle = fopen(temporary, "wb") else { throw failure("creating \(temporary)") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        let flushed = fflush(handle) == 0 && fsync(fileno(handle)) == 0
        fclose(handle)
        guard written == bytes.count && flushed else { throw failure("writing") }
        guard rename(temporary, path) == 0 else { throw failure("renaming the finished file") }
    }

    static func readBytes(_ path: String) throws(SafetensorsError) -> [UInt8] {
        try WholeFile.read(path, what: "a readable weights file", missing: SafetensorsError.Kind.fileNotFound, unreadable: .unreadable,
                           missingHint: "Check the path; `mnist-tutor train --output FILE` writes one.")
    }

    /// `s` as a JSON string literal (quotes, escapes), for the header `encode` writes.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
