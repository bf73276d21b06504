import CPNG
import MNIST
import Testing

@Suite("Drawn digit -> MNIST-style 28x28")
struct DigitPreprocessorTests {
    static func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.count)
    }

    @Test("a digit drawn off-centre ends with its centre of mass at (14, 14) and fits 20x20")
    func shiftedDigitsAreCentred() throws {
        for index in 0 ..< 100 {
            let digit = try ImageFixtures.digit(index)
            let left = (index * 37) % 60, top = (index * 23) % 40
            let drawn = digit.placed(inWidth: 90, height: 70, x: left, y: top)
            let out = try #require(DigitPreprocessor.preprocess(drawn.pixels, width: 90, height: 70))
            #expect(out.count == 784)
            let com = try #require(DigitPreprocessor.centreOfMass(out, width: 28, height: 28))
            #expect(abs(com.x - 14) <= 0.5 && abs(com.y - 14) <= 0.5, "digit \(index): centre of mass \(com)")
            let box = try #require(DigitPreprocessor.inkBoundingBox(out, width: 28, height: 28))
            #expect(box.width <= 20 && box.height <= 20, "digit \(index): box \(box)")
            #expect(max(box.width, box.height) >= 19, "digit \(index): longer side \(max(box.width, box.height))")
        }
    }

    @Test("a tiny digit is enlarged so its longer side is 20")
    func smallDigitsGrow() throws {
        // Real digits shrunk to 12x12 and drawn in a corner of a larger canvas.
        for index in 10 ..< 30 {
            let small = try ImageFixtures.digit(index).resized(width: 12, height: 12)
            let drawn = small.placed(inWidth: 64, height: 64, x: 3, y: 50)
            let out = try #require(DigitPreprocessor.preprocess(drawn))
            let box = try #require(DigitPreprocessor.inkBoundingBox(out, width: 28, height: 28))
            #expect(max(box.width, box.height) >= 19 && max(box.width, box.height) <= 20, "digit \(index): box \(box)")
            let com = try #require(DigitPreprocessor.centreOfMass(out, width: 28, height: 28))
            #expect(abs(com.x - 14) <= 0.5 && abs(com.y - 14) <= 0.5, "digit \(index): centre of mass \(com)")
        }
    }

    @Test("a test digit enlarged 2x comes back close to the original")
    func enlargedDigitMatchesOriginal() throws {
        var total = 0.0
        for index in 0 ..< 50 {
            let digit = try ImageFixtures.digit(index)
            let drawn = digit.resized(width: 56, height: 56).placed(inWidth: 100, height: 80, x: 10, y: 12)
            let out = try #require(DigitPreprocessor.preprocess(drawn))
            let original = try #require(DigitPreprocessor.inkBoundingBox(digit.pixels, width: 28, height: 28))
            let box = try #require(DigitPreprocessor.inkBoundingBox(out, width: 28, height: 28))
            #expect(abs(box.width - original.width) <= 1 && abs(box.height - original.height) <= 1,
                    "digit \(index): box \(box) vs original \(original)")
            #expect(abs(box.x - original.x) <= 1 && abs(box.y - original.y) <= 1, "digit \(index): box \(box) vs original \(original)")
            let difference = Self.meanAbsoluteDifference(out, digit.pixels)
            #expect(difference < 3, "digit \(index): mean absolute difference \(difference)")
            total += difference
        }
        #expect(total / 50 < 1, "mean absolute difference over 50 digits: \(total / 50)")
    }

    @Test("dark ink on a light background gives the same result as MNIST's polarity")
    func polarityDoesNotMatter() throws {
        let digit = try ImageFixtures.digit(5)
        let drawn = digit.placed(inWidth: 60, height: 60, x: 20, y: 4)
        let light = try #require(DigitPreprocessor.preprocess(drawn))
        let dark = try #require(DigitPreprocessor.preprocess(drawn.inverted()))
        #expect(light == dark)
    }

    @Test("the predict --image path: a dark-on-light RGB PNG scan of a digit comes back as the MNIST digit")
    func scannedPNG() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { ImageFixtures.removeDirectory(dir) }
        let digit = try ImageFixtures.digit(9)
        let scan = digit.resized(width: 84, height: 84).placed(inWidth: 150, height: 120, x: 40, y: 10).inverted()
        let path = dir + "/scan.png"
        try ImageFixtures.writePNG(scan, format: UInt32(PNG_FORMAT_FLAG_COLOR), to: path)
        let read = try GrayImage(contentsOf: path)
        #expect(read.polarity == .darkOnLight)
        let out = try #require(DigitPreprocessor.preprocess(read))
        let difference = Self.meanAbsoluteDifference(out, digit.pixels)
        #expect(difference < 3, "mean absolute difference \(difference)")
    }

    @Test("a faint stroke is stretched to full ink")
    func faintInkIsStretched() throws {
        let digit = try ImageFixtures.digit(8)
        let faint = digit.pixels.map { UInt8(Int($0) * 100 / 255) }
        let out = try #require(DigitPreprocessor.preprocess(faint, width: 28, height: 28))
        #expect(out.max() == 255)
    }

    @Test("an empty or nearly empty canvas gives no image at all (nil), not a guess")
    func emptyCanvas() {
        #expect(DigitPreprocessor.preprocess([UInt8](repeating: 0, count: 200 * 100), width: 200, height: 100) == nil)
        var noise = [UInt8](repeating: 0, count: 50 * 50)
        for i in stride(from: 0, to: noise.count, by: 7) { noise[i] = UInt8(i % 20) }
        #expect(DigitPreprocessor.preprocess(noise, width: 50, height: 50) == nil)
        let blank = GrayImage(width: 40, height: 40, pixels: [UInt8](repeating: 250, count: 1600))
        #expect(DigitPreprocessor.preprocess(blank) == nil)
    }

    @Test("placing cuts off what falls outside the canvas; enlarging 2x by area copies each pixel into a 2x2 block")
    func transforms() throws {
        let digit = try ImageFixtures.digit(0)
        let outside = digit.placed(inWidth: 10, height: 10, x: 40, y: -50)
        #expect(outside.pixels == [UInt8](repeating: 0, count: 100))
        let corner = digit.placed(inWidth: 10, height: 10, x: -20, y: -18)
        #expect(corner[0, 0] == digit[20, 18] && corner[7, 9] == digit[27, 27])
        let big = digit.resized(width: 56, height: 56)
        #expect((0 ..< 56 * 56).allSatisfy { big.pixels[$0] == digit[($0 % 56) / 2, $0 / 112] })
        #expect(big.resized(width: 28, height: 28) == digit)
    }

    @Test("area averaging keeps the mean: 2x2 blocks shrink to their averages")
    func areaAveraging() {
        let pixels: [UInt8] = [0, 100, 200, 200,
                               100, 200, 0, 0]
        let out = DigitPreprocessor.resizeByArea(pixels, width: 4, height: 2, region: .init(x: 0, y: 0, width: 4, height: 2),
                                                 toWidth: 2, toHeight: 1)
        #expect(out == [100, 100])
        let third = DigitPreprocessor.resizeByArea([0, 90, 180], width: 3, height: 1, region: .init(x: 0, y: 0, width: 3, height: 1),
                                                   toWidth: 2, toHeight: 1)
        #expect(abs(third[0] - 30) < 1e-9 && abs(third[1] - 150) < 1e-9)
    }
}
