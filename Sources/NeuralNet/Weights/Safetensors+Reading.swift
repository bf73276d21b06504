import Foundation

/// Reading safetensors strictly and within bounds: every size in the header is checked with
/// overflow-checked arithmetic before anything is allocated, the header is read before the data, and
/// the file must be exactly the header plus the tensors it lists (no gaps, no overlaps, nothing after).
extension Safetensors {
    /// Headers larger than this are refused. This program's files have headers of about 400 bytes and a
    /// Keras export of the same model about the same; 1 MiB leaves room for any metadata while keeping
    /// the JSON parse cheap (the format's reference reader allows 100 MB, which as parsed JSON objects
    /// could take gigabytes).
    public static let maximumHeaderSize = 1 << 20
    /// The most tensor data a file may hold: 256 MiB, 64 million float32 values (the article's model
    /// has 101,770). Anything larger is refused before it is read.
    public static let maximumDataSize = 1 << 28

    /// Where one tensor's values are, as the header says.
    struct Slot {
        let name: String
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// Parses a file's bytes; `file` names it in errors. Checks the header, the dtypes, the shapes and
    /// offsets (within the data, matching the shapes, back to back and covering it all) and that every
    /// value is finite.
    public static func decode(_ bytes: [UInt8], file: String) throws(SafetensorsError) -> [Entry] {
        try decodeFile(bytes, file: file).entries
    }

    /// `decode`, also returning the header's `__metadata__` (string keys and values; empty when absent).
    public static func decodeFile(_ bytes: [UInt8], file: String) throws(SafetensorsError) -> (entries: [Entry], metadata: [String: String]) {
        let length = try headerLength(bytes.prefix(8), fileSize: bytes.count, file: file)
        let (slots, metadata) = try layout(bytes[8 ..< 8 + length], file: file)
        let dataSize = slots.last?.end ?? 0
        try checkDataSize(dataSize, found: bytes.count - 8 - length, file: file)
        let entries = try bytes.withUnsafeBytes { raw in
            Result { () throws(SafetensorsError) in try values(slots, data: UnsafeRawBufferPointer(rebasing: raw[(8 + length)...]), file: file) }
        }.get()
        return (entries, metadata)
    }

    /// Reads and decodes `path`: the 8-byte length, then the header, and only then (when the file's size
    /// is exactly what the header describes) the data. Memory: at most the file, which is at most
    /// 8 bytes + 1 MiB + 256 MiB.
    public static func read(_ path: String) throws(SafetensorsError) -> [Entry] {
        try readFile(path).entries
    }

    /// `read`, also returning the header's `__metadata__`.
    public static func readFile(_ path: String) throws(SafetensorsError) -> (entries: [Entry], metadata: [String: String]) {
        let naming = WholeFile.Naming(
            what: "a readable weights file", missing: SafetensorsError.Kind.fileNotFound,
            missingHint: "Check the path; `mnist-tutor train --output FILE` writes one.",
            unreadable: .unreadable, tooLarge: .tooLarge,
            tooLargeHint: "This is far larger than any weights of the article's model; name the right file.")
        do {
            let file = try ReadableFile(path, limit: 8 + maximumHeaderSize + maximumDataSize)
            let length = try headerLength(file.readBytes(min(8, file.size))[...], fileSize: file.size, file: path)
            let (slots, metadata) = try layout(file.readBytes(length)[...], file: path)
            try checkDataSize(slots.last?.end ?? 0, found: file.remaining, file: path)
            let data = try file.readToEnd()
            let entries = try data.withUnsafeBytes { raw in
                Result { () throws(SafetensorsError) in try values(slots, data: raw, file: path) }
            }.get()
            return (entries, metadata)
        } catch let failure as ReadableFile.Failure {
            throw naming.problem(failure, file: path)
        } catch let problem as SafetensorsError {
            throw problem
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    static let damaged = "The file is damaged or not a safetensors file; save or export the weights again."
    static let cutShort = "The file is cut short (an interrupted copy or download?); copy or save it again."

    /// The header's length from the first 8 bytes, checked against the format's limits and the file's size.
    static func headerLength(_ first: ArraySlice<UInt8>, fileSize: Int, file: String) throws(SafetensorsError) -> Int {
        guard first.count == 8 else {
            throw SafetensorsError(.truncated, file: file, expected: "at least 8 bytes (the header length)",
                                   found: "\(fileSize) bytes", hint: damaged)
        }
        var length: UInt64 = 0
        for (i, byte) in first.enumerated() { length |= UInt64(byte) << (8 * UInt64(i)) }
        guard length >= 2 && length <= UInt64(maximumHeaderSize) else {
            throw SafetensorsError(length > UInt64(maximumHeaderSize) ? .tooLarge : .badHeader, file: file,
                                   expected: "a header length between 2 and \(maximumHeaderSize) bytes", found: "\(length)", hint: damaged)
        }
        guard UInt64(fileSize - 8) >= length else {
            throw SafetensorsError(.truncated, file: file, expected: "a \(length)-byte header after the length",
                                   found: "only \(fileSize - 8) bytes", hint: cutShort)
        }
        return Int(length)
    }

    /// The tensors the JSON header lists, sorted by where their data starts, every size checked, and the
    /// `__metadata__` (which the format allows to hold only strings).
    static func layout(_ header: ArraySlice<UInt8>, file: String) throws(SafetensorsError) -> (slots: [Slot], metadata: [String: String]) {
        func fail(_ kind: SafetensorsError.Kind, _ expected: String, _ found: String, _ hint: String = damaged) -> SafetensorsError {
            SafetensorsError(kind, file: file, expected: expected, found: found, hint: hint)
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(header), options: [.fragmentsAllowed])
        } catch {
            throw fail(.badHeader, "a JSON header", "text that is not valid JSON")
        }
        guard let object = json as? [String: Any] else {
            throw fail(.badHeader, "a JSON object as the header", describe(json))
        }
        var metadata: [String: String] = [:]
        if let raw = object["__metadata__"] {
            guard let strings = raw as? [String: Any], let text = strings as? [String: String] else {
                throw fail(.badMetadata, "text values in \"__metadata__\" (the format allows only strings)",
                           (raw as? [String: Any]).map { _ in "an object with other values" } ?? describe(raw))
            }
            metadata = text
        }
        var slots: [Slot] = []
        for (name, value) in object where name != "__metadata__" {
            let quoted = jsonString(name)
            guard let info = value as? [String: Any] else {
                throw fail(.badHeader, "an object (dtype, shape, data_offsets) for tensor \(quoted)", describe(value))
            }
            let dtype = info["dtype"] as? String ?? "(none)"
            guard dtype == "F32" else {
                throw fail(.wrongDtype, "dtype F32 (float32) for \(quoted)", jsonString(dtype),
                           "Convert the arrays to float32 before saving, e.g. `arr.astype(np.float32)` in NumPy.")
            }
            guard let shapeValues = info["shape"] as? [Any] else {
                throw fail(.badHeader, "a list of sizes as the shape of \(quoted)", info["shape"].map(describe) ?? "none")
            }
            var count = 1
            var shape: [Int] = []
            for value in shapeValues {
                switch integer(value) {
                case .value(let size):
                    shape.append(size)
                    let (product, overflow) = count.multipliedReportingOverflow(by: size)
                    guard !overflow && product <= maximumDataSize / 4 else {
                        throw fail(.tooLarge, "a tensor of at most \(maximumDataSize / 4) values for \(quoted)",
                                   "shape \(shapeText(shapeValues)), more values than that")
                    }
                    count = product
                case .tooLarge:
                    throw fail(.tooLarge, "a tensor of at most \(maximumDataSize / 4) values for \(quoted)",
                               "shape \(shapeText(shapeValues)), more values than that")
                case .notInteger:
                    throw fail(.badHeader, "whole numbers from 0 up as the shape of \(quoted)", "shape \(shapeText(shapeValues))")
                }
            }
            guard let offsets = info["data_offsets"] as? [Any], offsets.count == 2,
                  case .value(let begin) = integer(offsets[0]), case .value(let end) = integer(offsets[1]), begin <= end else {
                throw fail(.badOffsets, "two data offsets [begin, end] with begin <= end for \(quoted)",
                           info["data_offsets"].map(describe) ?? "none")
            }
            guard end - begin == count * 4 else {
                throw fail(.badOffsets, "\(count * 4) bytes for \(quoted) of shape \(shape)", "offsets [\(begin), \(end)], \(end - begin) bytes")
            }
            slots.append(Slot(name: name, shape: shape, begin: begin, end: end))
        }
        slots.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        // Back to back from 0, as every writer lays them out: no gaps, no shared bytes.
        var expectedBegin = 0
        for (index, slot) in slots.enumerated() {
            guard slot.begin == expectedBegin else {
                let previous = index == 0 ? "the start of the data" : "the end of \(jsonString(slots[index - 1].name))"
                throw fail(.badOffsets, "\(jsonString(slot.name)) to start at byte \(expectedBegin) (\(previous))",
                           "byte \(slot.begin) (\(slot.begin < expectedBegin ? "sharing bytes" : "leaving a gap"))")
            }
            expectedBegin = slot.end
        }
        guard expectedBegin <= maximumDataSize else {
            throw fail(.tooLarge, "at most \(maximumDataSize) bytes of tensor data", "\(expectedBegin)")
        }
        return (slots, metadata)
    }

    /// The data after the header must be exactly what the tensors use.
    static func checkDataSize(_ needed: Int, found: Int, file: String) throws(SafetensorsError) {
        if found < needed {
            throw SafetensorsError(.truncated, file: file, expected: "\(needed) bytes of tensor data",
                                   found: "only \(found)", hint: cutShort)
        }
        if found > needed {
            throw SafetensorsError(.trailingBytes, file: file, expected: "\(needed) bytes of tensor data, as the header lists",
                                   found: "\(found) (\(FileKind.size(found - needed)) more)",
                                   hint: "Something was appended to the weights, or the header is damaged; save or export them again.")
        }
    }

    /// The tensors' values from `data`, each checked to be finite.
    static func values(_ slots: [Slot], data: UnsafeRawBufferPointer, file: String) throws(SafetensorsError) -> [Entry] {
        var result: [Entry] = []
        for slot in slots {
            let count = (slot.end - slot.begin) / 4
            var values = [Float](repeating: 0, count: count)
            for i in 0 ..< count {
                let bits = data.loadUnaligned(fromByteOffset: slot.begin + 4 * i, as: UInt32.self)
                values[i] = Float(bitPattern: UInt32(littleEndian: bits))
            }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw SafetensorsError(.nonFinite, file: file, expected: "finite numbers in \(jsonString(slot.name))",
                                       found: "\(values[bad]) at position \(bad)",
                                       hint: "Training diverged before these weights were saved; train again (a lower learning rate helps).")
            }
            result.append((slot.name, Tensor(shape: slot.shape, scalars: values)))
        }
        return result
    }

    /// A JSON number that should be a size or an offset.
    enum JSONInteger: Equatable {
        case value(Int)
        /// A whole number too large for any tensor (2^53 or more).
        case tooLarge
        /// Negative, fractional, true/false, or not a number at all.
        case notInteger
    }

    static func integer(_ value: Any) -> JSONInteger {
        guard let number = value as? NSNumber, !isBoolean(number) else { return .notInteger }
        let type = String(cString: number.objCType)
        if type == "d" || type == "f" {
            let d = number.doubleValue
            guard d.isFinite, d >= 0, d == d.rounded(.towardZero) else { return .notInteger }
            return d < 9_007_199_254_740_992 ? .value(Int(d)) : .tooLarge
        }
        let v = number.int64Value
        guard v >= 0 else {
            // An unsigned number above Int64.max reads as negative here.
            return type == "Q" || type == "L" ? .tooLarge : .notInteger
        }
        return v < 9_007_199_254_740_992 ? .value(Int(v)) : .tooLarge
    }

    /// JSON's `true` and `false` arrive as NSNumbers of type `c` (char); numbers never do.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// What a JSON value is, for "found ...": `null`, `a number (3)`, `a string`, `a list of 2`.
    static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let s as String: return "the string \(jsonString(String(s.prefix(40))))"
        case let n as NSNumber: return isBoolean(n) ? (n.boolValue ? "true" : "false") : "the number \(n)"
        case let a as [Any]: return "a list of \(a.count) (\(shapeText(a)))"
        case is [String: Any]: return "an object"
        default: return "another JSON value"
        }
    }

    /// A shape as the header wrote it, shortened: `[784, 128]`.
    static func shapeText(_ values: [Any]) -> String {
        let shown = values.prefix(8).map { value -> String in
            switch value {
            case let n as NSNumber: return isBoolean(n) ? (n.boolValue ? "true" : "false") : "\(n)"
            case let s as String: return jsonString(String(s.prefix(20)))
            case is NSNull: return "null"
            default: return "…"
            }
        }
        return "[" + shown.joined(separator: ", ") + (values.count > 8 ? ", …" : "") + "]"
    }
}
