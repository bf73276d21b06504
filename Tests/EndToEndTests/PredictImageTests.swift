import Foundation
import MNIST
import Testing

/// `mnist-tutor predict --image FILE` on pictures made from real MNIST test digits.
@Suite("predict --image, end to end")
struct PredictImageTests {
    /// `predict --json` output's prediction and label.
    static func prediction(_ arguments: [String]) throws -> (prediction: Int, label: String, output: BinaryRunner.Output) {
        let out = try BinaryRunner.run(["predict", "--json"] + arguments)
        let object = try #require(out.jsonLines.first, "\(out.stderr)")
        let prediction = try #require(object["prediction"] as? Int)
        let probabilities = try #require(object["probabilities"] as? [Double])
        #expect(probabilities.count == 10 && abs(probabilities.reduce(0, +) - 1) < 1e-4)
        #expect((object["logits"] as? [Double])?.count == 10)
        return (prediction, object["label"] is NSNull ? "null" : "\(object["label"]!)", out)
    }

    @Test("PGM and PNG, both polarities, 28x28 and scaled 3x into 100x100: the digit's label comes back",
          arguments: [0, 1, 2, 3, 4])
    func pictures(index: Int) throws {
        let (digit, label) = try PictureFiles.digit(index)
        // The digits chosen are ones the model reads right as they are (checked here, through --index).
        let direct = try Self.prediction(["--index", "\(index)"])
        #expect(direct.prediction == label && direct.label == "\(label)")

        let folder = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let large = digit.resized(width: 84, height: 84).placed(inWidth: 100, height: 100, x: 3 + index * 2, y: 12 - index)
        let pictures: [(String, [UInt8])] = [
            ("light.pgm", PictureFiles.pgm(digit)),
            ("dark.pgm", PictureFiles.pgmText(digit.inverted())),
            ("light.png", PictureFiles.png(digit)),
            ("dark-rgb.png", PictureFiles.png(digit.inverted(), rgb: true)),
            ("large-dark.png", PictureFiles.png(large.inverted())),
            ("large-light.pgm", PictureFiles.pgm(large)),
        ]
        for (name, bytes) in pictures {
            let path = try PictureFiles.write(bytes, name, in: folder)
            let result = try Self.prediction(["--image", path])
            #expect(result.output.status == 0, "\(name): \(result.output.stderr)")
            #expect(result.prediction == label, "digit \(index) as \(name): predicted \(result.prediction), label \(label)")
            #expect(result.label == "null")
        }

        // The plain form says what it did to the picture.
        let plain = try BinaryRunner.run(["predict", "--image", folder + "/large-dark.png"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("100x100 pixels, dark ink on a light background"))
        #expect(plain.stdout.contains("Prediction: \(label)."))
    }

    @Test("a missing, corrupt, unknown or blank picture is one line on stderr and a non-zero exit")
    func badPictures() throws {
        let folder = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let png = PictureFiles.png(try PictureFiles.digit(0).image)
        var damaged = png
        damaged[damaged.count / 2] ^= 0xff  // breaks a CRC in the middle of the data
        let cases: [(String, [UInt8]?, String)] = [
            ("missing.png", nil, "missing.png"),
            ("cut.png", Array(png.prefix(60)), "cut.png"),
            ("damaged.png", damaged, "damaged.png"),
            ("notes.txt", Array("just some words\n".utf8), "PGM"),
            ("cut.pgm", Array("P5\n28 28\n255\n".utf8) + [UInt8](repeating: 9, count: 100), "cut.pgm"),
            ("blank.pgm", PictureFiles.pgm(GrayImage(width: 40, height: 40, pixels: [UInt8](repeating: 250, count: 1600))), "no ink"),
        ]
        for (name, bytes, mention) in cases {
            let path = folder + "/" + name
            if let bytes { _ = try PictureFiles.write(bytes, name, in: folder) }
            let out = try BinaryRunner.run(["predict", "--image", path])
            #expect(out.status != 0, "\(name) was accepted")
            #expect(out.stdout.isEmpty, "\(name): \(out.stdout)")
            let lines = out.stderr.split(separator: "\n")
            #expect(lines.count == 1 && out.stderr.hasPrefix("mnist-tutor: ") && out.stderr.contains(mention), "\(name): \(out.stderr)")
        }
    }

    @Test("--image with --index, or neither, is a usage error")
    func usage() throws {
        let both = try BinaryRunner.run(["predict", "--index", "0", "--image", "x.png"])
        #expect(both.status == 64 && both.stderr.contains("not both"))
        let neither = try BinaryRunner.run(["predict"])
        #expect(neither.status == 64 && neither.stderr.contains("--image"))
    }
}
