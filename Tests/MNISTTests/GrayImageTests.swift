import CPNG
import Foundation
import MNIST
import Testing

@Suite("Image files for predict --image")
struct GrayImageTests {
    @Test("binary PGM (P5, maxval 255) reads back a real digit's pixels")
    func pgmBinary() throws {
        let digit = try ImageFixtures.digit(0)
        let read = try GrayImage(fileBytes: ImageFixtures.pgmP5(digit), file: "seven.pgm")
        #expect(read == digit)
    }

    @Test("binary PGM with 16-bit samples (maxval 65535) reads like its 8-bit version")
    func pgmBinary16Bit() throws {
        let digit = try ImageFixtures.digit(1)
        let read = try GrayImage(fileBytes: ImageFixtures.pgmP5(digit, maxval: 65535), file: "two.pgm")
        #expect(read == digit)
    }

    @Test("text PGM (P2) with comments reads back a real digit's pixels")
    func pgmText() throws {
        let digit = try ImageFixtures.digit(2)
        let read = try GrayImage(fileBytes: ImageFixtures.pgmP2(digit), file: "one.pgm")
        #expect(read == digit)
    }

    @Test("a small maxval is rescaled to 0...255")
    func pgmSmallMaxval() throws {
        let read = try GrayImage(fileBytes: Array("P2 3 1 15\n0 15 8\n".utf8), file: "tiny.pgm")
        #expect(read.pixels == [0, 255, 136])
    }

    @Test("PNG files from the file system: gray, RGB, and RGBA or gray+alpha whose alpha is uniform (so ignored)", arguments: [
        ("gray", UInt32(PNG_FORMAT_GRAY), UInt8(255)),
        ("rgb", UInt32(PNG_FORMAT_FLAG_COLOR), UInt8(255)),
        ("rgba-transparent", UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA), UInt8(0)),
        ("gray-alpha", UInt32(PNG_FORMAT_FLAG_ALPHA), UInt8(128)),
    ])
    func png(name: String, format: UInt32, alpha: UInt8) throws {
        let dir = Fixtures.temporaryDirectory()
        defer { ImageFixtures.removeDirectory(dir) }
        let digit = try ImageFixtures.digit(3)
        let path = "\(dir)/\(name).png"
        try ImageFixtures.writePNG(digit, format: format, alpha: alpha, to: path)
        let read = try GrayImage(contentsOf: path)
        #expect(read == digit)
    }

    @Test("a PNG cut in half gives an error naming the file and libpng's complaint")
    func truncatedPNG() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { ImageFixtures.removeDirectory(dir) }
        let digit = try ImageFixtures.digit(4)
        let path = "\(dir)/digit.png"
        try ImageFixtures.writePNG(digit, format: UInt32(PNG_FORMAT_GRAY), to: path)
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let error = #expect(throws: ImageFileError.self) {
            try GrayImage(fileBytes: Array(whole.prefix(whole.count / 2)), file: path)
        }
        #expect(error?.kind == .corruptData || error?.kind == .corruptHeader)
        #expect(error?.description.hasPrefix(path + ": expected ") == true)
        #expect(error?.found.hasPrefix("libpng: ") == true)
    }

    @Test("a 16-bit PNG is refused with a hint to save it as 8-bit")
    func sixteenBitPNG() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { ImageFixtures.removeDirectory(dir) }
        let path = dir + "/deep.png"
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = 4
        png.height = 2
        png.format = UInt32(PNG_FORMAT_FLAG_LINEAR)
        let samples = [UInt16](repeating: 40_000, count: 8)
        let ok = samples.withUnsafeBytes { png_image_write_to_file(&png, path, 0, $0.baseAddress, 0, nil) }
        png_image_free(&png)
        try #require(ok != 0)
        let error = #expect(throws: ImageFileError.self) { try GrayImage(contentsOf: path) }
        #expect(error?.kind == .unsupported)
        #expect(error?.found == "16 bits per channel")
    }

    @Test("a header claiming an absurd size is refused before any memory is taken")
    func hugeHeader() throws {
        let error = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: Array("P5 100000 100000 255\n".utf8), file: "huge.pgm") }
        #expect(error?.kind == .unsupported)
        #expect(error?.found == "100000x100000")
    }

    @Test("a PGM whose pixels stop early says how many were expected and found")
    func truncatedPGM() throws {
        let digit = try ImageFixtures.digit(0)
        let bytes = ImageFixtures.pgmP5(digit)
        let error = #expect(throws: ImageFileError.self) {
            try GrayImage(fileBytes: Array(bytes.dropLast(100)), file: "short.pgm")
        }
        #expect(error?.kind == .truncatedData)
        #expect(error?.expected == "784 bytes of pixels for 28x28")
        #expect(error?.found == "684")
    }

    @Test("a value above maxval, a zero size, and text that is not a number are each named")
    func badPGMContents() throws {
        let big = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: Array("P2 2 1 100\n5 101\n".utf8), file: "a.pgm") }
        #expect(big?.kind == .badValue)
        #expect(big?.found == "101 at pixel 1 (x 1, y 0)")
        let empty = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: Array("P5 0 28 255\n".utf8), file: "b.pgm") }
        #expect(empty?.kind == .corruptHeader)
        let text = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: Array("P2 2 1 255\n5 x\n".utf8), file: "c.pgm") }
        #expect(text?.kind == .corruptData)
        let noMaxval = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: Array("P5 28 28".utf8), file: "d.pgm") }
        #expect(noMaxval?.kind == .corruptHeader)
    }

    @Test("other formats are recognised and get a hint on what to do")
    func unknownFormats() throws {
        let jpeg = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: [0xff, 0xd8, 0xff, 0xe0, 0, 0], file: "x.jpg") }
        #expect(jpeg?.kind == .unknownFormat)
        #expect(jpeg?.hint.contains("JPEG") == true)
        let ppm = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: Array("P6 1 1 255\n\0\0\0".utf8), file: "x.ppm") }
        #expect(ppm?.hint.contains("colour PPM") == true)
        let missing = #expect(throws: ImageFileError.self) { try GrayImage(contentsOf: "/nonexistent/digit.png") }
        #expect(missing?.kind == .fileNotFound)
        let empty = #expect(throws: ImageFileError.self) { try GrayImage(fileBytes: [], file: "e.png") }
        #expect(empty?.kind == .emptyFile)
    }

    @Test("MNIST's light ink on dark is kept; dark ink on light is inverted; both end with ink high")
    func polarity() throws {
        for index in [0, 7, 42] {
            let digit = try ImageFixtures.digit(index)
            #expect(digit.polarity == .lightOnDark)
            #expect(digit.inkHigh() == digit)
            let scanned = digit.inverted()
            #expect(scanned.polarity == .darkOnLight)
            #expect(scanned.inkHigh() == digit)
        }
    }
}
