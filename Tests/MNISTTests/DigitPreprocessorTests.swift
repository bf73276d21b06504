import MNIST
import Testing

@Suite("Drawn digit -> MNIST-style 28x28")
struct DigitPreprocessorTests {
    /// `digit` pasted into a `width x height` canvas at (`left`, `top`), optionally scaled by an
    /// integer factor (each pixel becomes a `factor x factor` block, like a thick pen).
    static func canvas(_ digit: GrayImage, width: Int, height: Int, left: Int, top: Int, factor: Int = 1) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height)
        for y in 0 ..< digit.height * factor {
            for x in 0 ..< digit.width * factor {
                out[(top + y) * width + left + x] = digit[x / factor, y / factor]
            }
        }
        return out
    }

    static func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.count)
    }

    @Test("a digit drawn off-centre ends with its centre of mass at (14, 14) and fits 20x20")
    func shiftedDigitsAreCentred() throws {
        for index in 0 ..< 100 {
            let digit = try ImageFixtures.digit(index)
            let left = (index * 37) % 60, top = (index * 23) % 40
            let drawn = Self.canvas(digit, width: 90, height: 70, left: left, top: top)
            let out = try #require(DigitPreprocessor.preprocess(drawn, width: 90, height: 70))
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
        // Every other pixel of a real digit: a 14x14 version drawn small in a corner.
        let digit = try ImageFixtures.digit(11)
        let small = (0 ..< 14).flatMap { y in (0 ..< 14).map { x in digit[2 * x, 2 * y] } }
        var drawn = [UInt8](repeating: 0, count: 64 * 64)
        for y in 0 ..< 14 { for x in 0 ..< 14 { drawn[(50 + y) * 64 + 3 + x] = small[y * 14 + x] } }
        let out = try #require(DigitPreprocessor.preprocess(drawn, width: 64, height: 64))
        let box = try #require(DigitPreprocessor.inkBoundingBox(out, width: 28, height: 28))
        #expect(max(box.width, box.height) >= 19 && max(box.width, box.height) <= 20)
    }

    @Test("a test digit enlarged 2x comes back close to the original")
    func enlargedDigitMatchesOriginal() throws {
        var total = 0.0
        for index in 0 ..< 50 {
            let digit = try ImageFixtures.digit(index)
            let drawn = Self.canvas(digit, width: 100, height: 80, left: 10, top: 12, factor: 2)
            let out = try #require(DigitPreprocessor.preprocess(drawn, width: 100, height: 80))
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
        let drawn = GrayImage(width: 60, height: 60, pixels: Self.canvas(digit, width: 60, height: 60, left: 20, top: 4))
        let light = try #require(DigitPreprocessor.preprocess(drawn))
        let dark = try #require(DigitPreprocessor.preprocess(drawn.inverted()))
        #expect(light == dark)
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
