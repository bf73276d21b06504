import Foundation
import MNIST

/// Picture files made in the tests from real MNIST test digits: PGM as the format describes it, and
/// PNG written here byte by byte (uncompressed deflate blocks, CRC-32 and Adler-32 computed here), so
/// the binary's decoder is checked against an independent writer.
enum PictureFiles {
    /// The test set in the project's own `Assets/mnist`.
    static let testSet: Result<(ImageSet, [UInt8]), any Error> = Result {
        try MNISTDataset.loadTestSet(directory: DataLocation.resolve(environment: [:]))
    }

    static func digit(_ index: Int) throws -> (image: GrayImage, label: Int) {
        let (images, labels) = try testSet.get()
        return (GrayImage(width: 28, height: 28, pixels: Array(images[index])), Int(labels[index]))
    }

    /// Binary PGM (P5).
    static func pgm(_ image: GrayImage) -> [UInt8] {
        Array("P5\n\(image.width) \(image.height)\n255\n".utf8) + image.pixels
    }

    /// Text PGM (P2), 16 values a line.
    static func pgmText(_ image: GrayImage) -> [UInt8] {
        var text = "P2\n# a test digit\n\(image.width) \(image.height)\n255\n"
        for (i, p) in image.pixels.enumerated() { text += "\(p)" + (i % 16 == 15 ? "\n" : " ") }
        return Array(text.utf8)
    }

    /// An 8-bit PNG: gray (colour type 0) or, with `rgb`, each gray value in R, G and B (colour type 2).
    static func png(_ image: GrayImage, rgb: Bool = false) -> [UInt8] {
        var header: [UInt8] = []
        header += bigEndian(UInt32(image.width)) + bigEndian(UInt32(image.height))
        header += [8, rgb ? 2 : 0, 0, 0, 0]  // bit depth, colour type, compression, filter, interlace
        var raw: [UInt8] = []
        for y in 0 ..< image.height {
            raw.append(0)  // filter type None
            for x in 0 ..< image.width {
                let v = image[x, y]
                raw += rgb ? [v, v, v] : [v]
            }
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// A zlib stream of stored (uncompressed) deflate blocks of at most 65,535 bytes.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            let length = UInt16(end - start)
            out.append(end == data.count ? 1 : 0)
            out += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)]
            out += data[start ..< end]
            start = end
        } while start < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian(b << 16 | a)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0 ..< 8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
    }

    static func write(_ bytes: [UInt8], _ name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
