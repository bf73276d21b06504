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

    /// Writes `tensors` to `path` through `AtomicFile` (a temporary file renamed over `path` once
    /// complete; never over a device, FIFO or read-only file; through a symbolic link to its target).
    /// Non-finite values are refused before anything is written, so a diverged training run never
    /// replaces good weights with a file `read` would refuse.
    public static func write(_ tensors: [Entry], to path: String, metadata: [String: String] = [:]) throws(SafetensorsError) {
        try checkFinite(tensors, file: path)
        do {
            try AtomicFile.write(encode(tensors, metadata: metadata), to: path)
        } catch {
            throw SafetensorsError(.writeFailed, file: path, expected: "a file that can be written", found: error.found, hint: error.hint)
        }
    }

    /// Refuses to save NaN or infinity: `read` would refuse the file.
    static func checkFinite(_ tensors: [Entry], file path: String) throws(SafetensorsError) {
        for (name, tensor) in tensors {
            if let bad = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
                throw SafetensorsError(.nonFinite, file: path, expected: "finite weights to save",
                                       found: "\(tensor.scalars[bad]) in \(jsonString(name)) at position \(bad)",
                                       hint: "Training diverged (try a lower learning rate); nothing was written, so any existing file is untouched.")
            }
        }
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
