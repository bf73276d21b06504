import CPNG
import CZlib
import Foundation
import Testing
@testable import MNIST

/// Issue 11's picture findings: bytes quoted into errors (F11), huge files (F8), a 5-byte PNG, a PNG
/// whose header claims more pixels than its data, and black ink on a transparent background.
@Suite("Picture bounds")
struct PictureBoundsTests {
    @Test("F11: escape sequences and newlines from the file are escaped, and the error is one line")
    func bytesAreEscaped() {
        let bytes = Array("P5\n\u{1b}]0;PWNED\u{07}\u{1b}[2J 28 28\n255\n".utf8)
        let error = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: bytes, file: "e.pgm") }
        let text = error?.description ?? ""
        #expect(!text.contains("\u{1b}") && !text.contains("\u{07}") && !text.contains("\n"))
        #expect(text.contains("\\x1b]0;PWNED\\x07"))
        let newlines = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: Array("P2\n2 1\n255\n1\nx\ny\n".utf8), file: "n\nl.pgm") }
        #expect(newlines?.description.contains("\n") == false)
        #expect(newlines?.description.hasPrefix("n\\nl.pgm: ") == true)
    }

    @Test("a PNG of 5 bytes is a PNG cut short, not 'not a PGM or PNG'")
    func fiveBytePNG() {
        let error = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: [0x89, 0x50, 0x4e, 0x47, 0x0d], file: "five.png") }
        #expect(error?.kind == .truncatedData && error?.found.contains("start of a PNG signature") == true)
    }

    /// A PNG header, a tiny IDAT, and an end: the header claims `width x height`.
    func pngClaiming(width: UInt32, height: UInt32, depth: UInt8 = 8) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            var bytes = withUnsafeBytes(of: UInt32(data.count).bigEndian, Array.init) + Array(type.utf8) + data
            let crc = crc32(0, Array(type.utf8) + data, UInt32(4 + data.count))
            bytes += withUnsafeBytes(of: UInt32(crc).bigEndian, Array.init)
            return bytes
        }
        let ihdr = withUnsafeBytes(of: width.bigEndian, Array.init) + withUnsafeBytes(of: height.bigEndian, Array.init) + [depth, 0, 0, 0, 0]
        return PNGDecoder.signature + chunk("IHDR", ihdr) + chunk("IDAT", [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
    }

    @Test("a PNG claiming more pixels than its data could hold is refused before the pixels are allocated")
    func pngClaimsTooMuch() {
        let small = pngClaiming(width: 3000, height: 3000)
        let error = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: small, file: "claims.png") }
        #expect(error?.kind == .truncatedData && error?.expected.contains("3000x3000") == true)
        let huge = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: pngClaiming(width: 60000, height: 60000), file: "h.png") }
        #expect(huge?.kind == .unsupported && huge?.expected.contains("16 megapixels") == true)
    }

    @Test("F8: a picture file over 128 MiB is refused before it is read")
    func hugeFile() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.pgm"
        Fixtures.write(Array("P5\n100000 100000\n255\n".utf8), to: path)
        let fd = open(path, O_WRONLY)
        #expect(ftruncate(fd, 3 << 30) == 0)
        close(fd)
        let error = #expect(throws: ImageFileError.self) { try GrayImage(contentsOf: path) }
        #expect(error?.kind == .tooLarge && error?.description.contains("at most 128 MiB, found 3 GiB") == true)
    }

    /// Black ink whose shape is only in the alpha channel (the colour is black everywhere): the
    /// "no ink" of issue 11. Composited on white it reads as the digit it is.
    @Test("black ink on a transparent background is composited on white; white ink on transparency on black")
    func transparentBackgrounds() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { ImageFixtures.removeDirectory(dir) }
        let digit = try ImageFixtures.digit(0)
        for (ink, expected) in [(UInt8(0), digit.inverted()), (UInt8(255), digit)] {
            var rgba: [UInt8] = []
            for p in digit.pixels { rgba += [ink, ink, ink, p] }
            var png = png_image()
            png.version = UInt32(PNG_IMAGE_VERSION)
            png.width = 28
            png.height = 28
            png.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
            let path = "\(dir)/ink-\(ink).png"
            let ok = rgba.withUnsafeBytes { png_image_write_to_file(&png, path, 0, $0.baseAddress, 0, nil) }
            png_image_free(&png)
            try #require(ok != 0)
            let read = try GrayImage(contentsOf: path)
            #expect(read == expected, "ink \(ink)")
            #expect(DigitPreprocessor.preprocess(read) != nil, "ink \(ink): no ink found")
        }
    }
}
