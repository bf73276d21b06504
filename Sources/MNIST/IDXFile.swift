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
public struct IDXFile: Sendable {
    /// Sizes of each dimension, e.g. `[60000, 28, 28]`.
    public let dimensions: [Int]
    /// The file's decompressed bytes; the data starts at `dataOffset`.
    let storage: [UInt8]
    let dataOffset: Int

    /// The values, in row-major order.
    public var data: ArraySlice<UInt8> { storage[dataOffset...] }

    /// Reads and checks `path`. `expectedDimensions` is the rank the caller needs (3 for images, 1 for labels).
    public init(contentsOf path: String, expectedDimensions: Int) throws {
        let raw = try IDXFile.readFile(path)
        try self.init(bytes: raw, file: path, expectedDimensions: expectedDimensions)
    }

    /// Parses bytes already in memory; `file` names them in errors.
    public init(bytes raw: [UInt8], file: String, expectedDimensions: Int) throws {
        let kindName = expectedDimensions == 1 ? "labels" : "images"
        guard !raw.isEmpty else {
            throw IDXError(.emptyFile, file: file, expected: "an IDX \(kindName) file", found: "an empty file (0 bytes)",
                           hint: "The copy or download did not finish; copy the file again.")
        }
        var bytes = raw
        if Gzip.isGzip(raw) {
            bytes = try Gzip.decompress(raw, file: file)
        } else if file.hasSuffix(".gz") {
            throw IDXError(.notGzip, file: file, expected: "gzip data (it starts 1f 8b)",
                           found: "bytes \(IDXFile.hexPrefix(raw))",
                           hint: IDXFile.guessHint(raw) ?? "Rename it without .gz if it is a raw IDX file, or copy the real file again.")
        }
        let magic = 0x0000_0800 | expectedDimensions
        guard bytes.count >= 4 else {
            throw IDXError(.truncatedHeader, file: file, expected: "a 4-byte magic number", found: "\(bytes.count) bytes",
                           hint: "The file is cut short; copy it again.")
        }
        let foundMagic = IDXFile.bigEndian(bytes, at: 0)
        guard foundMagic == magic else {
            throw IDXError(.wrongMagic, file: file,
                           expected: "magic number 0x\(IDXFile.hex(magic)) (\(kindName), UInt8, \(expectedDimensions)-D)",
                           found: "0x\(IDXFile.hex(foundMagic))",
                           hint: IDXFile.guessHint(bytes) ?? IDXFile.magicHint(foundMagic, wanted: kindName))
        }
        let headerSize = 4 + 4 * expectedDimensions
        guard bytes.count >= headerSize else {
            throw IDXError(.truncatedHeader, file: file, expected: "a \(headerSize)-byte header",
                           found: "\(bytes.count) bytes", hint: "The file is cut short; copy it again.")
        }
        let dims = (0..<expectedDimensions).map { IDXFile.bigEndian(bytes, at: 4 + 4 * $0) }
        let bodySize = dims.reduce(1, *)
        let foundBody = bytes.count - headerSize
        if foundBody < bodySize {
            throw IDXError(.truncatedBody, file: file,
                           expected: "\(bodySize) data bytes for dimensions \(dims.map(String.init).joined(separator: "x"))",
                           found: "\(foundBody)", hint: "The file is cut short; copy it again.")
        }
        if foundBody > bodySize {
            throw IDXError(.trailingBytes, file: file,
                           expected: "\(bodySize) data bytes for dimensions \(dims.map(String.init).joined(separator: "x"))",
                           found: "\(foundBody) (\(foundBody - bodySize) extra)",
                           hint: "The header does not describe the data; the file may be damaged or not an IDX file.")
        }
        self.dimensions = dims
        self.storage = bytes
        self.dataOffset = headerSize
    }

    static func readFile(_ path: String) throws(IDXError) -> [UInt8] {
        try WholeFile.read(path, what: "a readable file", missing: IDXError.Kind.fileNotFound, unreadable: .unreadable,
                           missingHint: "Check the path, or point --data / MNIST_TUTOR_DATA at the folder holding the MNIST files.")
    }

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

