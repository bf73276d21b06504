import MNIST
import NeuralNet
import Testing

/// Issue 5: the drawn-digit path (`GrayImage` polarity + `DigitPreprocessor`) keeps the pretrained
/// model right on digits drawn anywhere, at any size, in either polarity.
@Suite("Preprocessed digits are still read correctly")
struct PreprocessedAccuracyTests {
    /// How a test digit is turned into a "drawing".
    enum Variation: CaseIterable {
        /// At its own size somewhere on a larger canvas (50-90 pixels a side).
        case shifted
        /// Shrunk to 14-20 pixels, somewhere on a 28x28 canvas (a small digit in a corner).
        case shrunk
        /// Enlarged 2-4x (56-112 pixels), somewhere on a canvas up to 160 pixels a side.
        case enlarged
    }

    /// Test digit `index` drawn per `variation`, from `generator`, dark on light when `inverted`.
    static func drawing(_ digit: GrayImage, _ variation: Variation, inverted: Bool, generator: inout SeededGenerator) -> GrayImage {
        let drawn: GrayImage
        switch variation {
        case .shifted:
            let width = 50 + generator.nextInt(below: 41), height = 50 + generator.nextInt(below: 41)
            drawn = digit.placed(inWidth: width, height: height, x: generator.nextInt(below: width - 27),
                                 y: generator.nextInt(below: height - 27))
        case .shrunk:
            let side = 14 + generator.nextInt(below: 7)
            drawn = digit.resized(width: side, height: side)
                .placed(inWidth: 28, height: 28, x: generator.nextInt(below: 29 - side), y: generator.nextInt(below: 29 - side))
        case .enlarged:
            let side = 28 * (2 + generator.nextInt(below: 3))
            let canvas = side + 10 + generator.nextInt(below: 160 - side - 9)
            drawn = digit.resized(width: side, height: side)
                .placed(inWidth: canvas, height: canvas, x: generator.nextInt(below: canvas - side + 1),
                        y: generator.nextInt(below: canvas - side + 1))
        }
        return inverted ? drawn.inverted() : drawn
    }

    @Test("1,000 test digits shifted, shrunk or enlarged, in both polarities: at least 95% still classified right")
    func accuracyOnDrawings() throws {
        let (images, labels) = try ImageFixtures.testSet()
        let assets = try #require(DataLocation.assetsDirectory())
        let model = try Sequential.load(from: assets + "/models/mnist-mlp.safetensors")
        var generator = SeededGenerator(seed: 5)
        var right = [Variation: Int](), count = [Variation: Int](), rightOriginal = 0
        let total = 1_000
        for n in 0 ..< total {
            let index = n * 10  // spread over the whole test set
            let digit = GrayImage(width: 28, height: 28, pixels: Array(images[index]))
            let label = Int(labels[index])
            let variation = Variation.allCases[n % 3]
            let drawing = Self.drawing(digit, variation, inverted: n % 2 == 1, generator: &generator)
            #expect(drawing.polarity == (n % 2 == 1 ? .darkOnLight : .lightOnDark), "digit \(index): polarity")
            let input = try #require(DigitPreprocessor.preprocess(drawing), "digit \(index) has ink")
            count[variation, default: 0] += 1
            if model.trace(input.map { Float($0) / 255 }).prediction == label { right[variation, default: 0] += 1 }
            if model.trace(digit.pixels.map { Float($0) / 255 }).prediction == label { rightOriginal += 1 }
        }
        let rate = Double(right.values.reduce(0, +)) / Double(total)
        let perVariation = Variation.allCases.map { "\($0) \(right[$0, default: 0])/\(count[$0, default: 0])" }.joined(separator: ", ")
        print("Preprocessed drawings classified right: \(right.values.reduce(0, +))/\(total) = \(rate * 100)% (\(perVariation)); the same digits unchanged: \(rightOriginal)/\(total)")
        #expect(rate >= 0.95, "only \(rate * 100)% right (\(perVariation))")
    }
}
