import CPNG
import Foundation
import MNIST
import Synchronization
import Testing

/// Real MNIST test digits and image files made from them, for the image and preprocessing tests.
enum ImageFixtures {
    /// The 10,000 test digits from the project's own `Assets/mnist` (never `../shared`).
    static func testSet() throws -> (images: ImageSet, labels: [UInt8]) {
        let root = try #require(DataLocation.installationDirectory(), "the project's Assets/mnist folder")
        return try cachedTestSet(root + "/Assets/mnist")
    }

    private static let cache = Mutex<[String: (ImageSet, [UInt8])]>([:])

    private static func cachedTestSet(_ directory: String) throws -> (ImageSet, [UInt8]) {
        if let hit = cache.withLock({ $0[directory] }) { return hit }
        let set = try MNISTDataset.loadTestSet(directory: directory)
        cache.withLock { $0[directory] = set }
        return set
    }

    /// Test digit `index` as a 28x28 `GrayImage`.
    static func digit(_ index: Int) throws -> GrayImage {
        let images = try testSet().images
        return GrayImage(width: 28, height: 28, pixels: Array(images[index]))
    }

    /// Removes a folder made by `Fixtures.temporaryDirectory`.
    static func removeDirectory(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A binary PGM (P5). `maxval` above 255 stores two big-endian bytes per sample, scaled up.
    static func pgmP5(_ image: GrayImage, maxval: Int = 255) -> [UInt8] {
        var bytes = Array("P5\n# made by a test\n\(image.width) \(image.height)\n\(maxval)\n".utf8)
        for p in image.pixels {
            let v = (Int(p) * maxval + 127) / 255
            if maxval < 256 { bytes.append(UInt8(v)) } else { bytes += [UInt8(v >> 8), UInt8(v & 0xff)] }
        }
        return bytes
    }

    /// A text PGM (P2), with comments in the header and ragged line lengths in the data.
    static func pgmP2(_ image: GrayImage) -> [UInt8] {
        var text = "P2\n# a comment\n\(image.width)  # width\n\(image.height)\n255\n"
        for (i, p) in image.pixels.enumerated() { text += "\(p)" + (i % 17 == 16 ? "\n" : " ") }
        return Array(text.utf8)
    }

    /// A PNG written by libpng's simplified API, in `format` (`PNG_FORMAT_GRAY`, RGB, RGBA...).
    /// For colour formats each gray value goes into R, G and B; alpha is `alpha`.
    static func writePNG(_ image: GrayImage, format: UInt32, alpha: UInt8 = 255, to path: String) throws {
        let channels = (format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 3 : 1) + (format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 ? 1 : 0)
        var buffer: [UInt8] = []
        for p in image.pixels {
            buffer += Array(repeating: p, count: format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 3 : 1)
            if format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 { buffer.append(alpha) }
        }
        #expect(buffer.count == image.width * image.height * channels)
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = format
        let ok = buffer.withUnsafeBytes { png_image_write_to_file(&png, path, 0, $0.baseAddress, 0, nil) }
        png_image_free(&png)
        try #require(ok != 0, "libpng could not write \(path)")
    }
}
