import CZlib
import Foundation
import Testing
@testable import MNIST

/// Hand-built IDX bytes and temporary folders for the reader's tests.
enum Fixtures {
    static func header(magic: UInt32, dims: [UInt32]) -> [UInt8] {
        ([magic] + dims).flatMap { v in [UInt8(v >> 24 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
    }

    /// Two 2x3 "images": pixels 0...5 and 10...15.
    static let twoImages: [UInt8] = header(magic: 0x803, dims: [2, 2, 3]) + [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]
    static let twoLabels: [UInt8] = header(magic: 0x801, dims: [2]) + [7, 3]

    /// A gzip stream of `bytes`, written with zlib.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(shim_deflateInit2(&stream, 6, 15 + 16) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count + 1024)
        let produced = input.withUnsafeMutableBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return out.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<produced])
    }

    /// A new empty folder under the system's temporary directory.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "mnist-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to path: String) -> String {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

/// The shipped `Assets/mnist`, loaded once for every suite that reads it (never `../shared`, never
/// `$MNIST_TUTOR_DATA`).
enum ShippedMNIST {
    static let data: MNISTDataset? = try? MNISTDataset.load(directory: DataLocation.resolve(environment: [:]))

    static func dataset(sourceLocation: SourceLocation = #_sourceLocation) throws -> MNISTDataset {
        try #require(data, "Assets/mnist must hold the four MNIST files", sourceLocation: sourceLocation)
    }
}
