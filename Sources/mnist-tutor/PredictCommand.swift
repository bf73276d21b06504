import ArgumentParser
import MNIST
import NeuralNet

/// `mnist-tutor predict`: one digit through the model — its 10 logits, their softmax, the prediction.
/// The digit is an MNIST image (`--index`) or a picture file (`--image`, see `PredictCommand+Image`).
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Show the model's logits, probabilities and prediction for one MNIST digit or an image file.",
        discussion: """
            --image reads a PGM (P2/P5) or PNG (8-bit gray or RGB; alpha is ignored) of any size, dark ink on a light \
            background or light on dark, and prepares it as MNIST's digits were: cropped to the ink, scaled to fit \
            20x20, centred by its centre of mass in 28x28.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var model: ModelOptions

    @Option(name: .long, help: "Which digit (0-based) of the test set, or of the training set with --train.")
    var index: Int?

    @Option(name: .long, help: "A PGM or PNG picture of one handwritten digit, any size.")
    var image: String?

    @Flag(name: .long, help: "Take the digit from the 60,000 training images instead of the test images.")
    var train = false

    @Flag(help: "Print one JSON object.") var json = false

    /// `--json`: the output layer's values, their softmax, the prediction and the label (null for a picture).
    struct Output: Encodable {
        @FiniteList var logits: [Float]
        @FiniteList var probabilities: [Float]
        var prediction: Int
        @Nullable var label: Int?
    }

    func validate() throws {
        switch (index, image) {
        case (nil, nil): throw ValidationError("give --index N (an MNIST digit) or --image FILE (a picture).")
        case (.some, .some): throw ValidationError("give either --index or --image, not both.")
        case (nil, .some) where train: throw ValidationError("--train chooses among MNIST digits; it does not go with --image.")
        default: break
        }
    }

    /// A digit ready for the model: its 28x28 bytes, a caption for the plain output, and its label
    /// (nil for a picture file, which has none).
    struct Digit {
        let pixels: [UInt8]
        let caption: String?
        let label: Int?
    }

    /// The MNIST digit `--index` names.
    func mnistDigit(_ index: Int) throws -> Digit {
        let (images, labels): (ImageSet, [UInt8])
        if train {
            let data = try loadDataset(global)
            (images, labels) = (data.xTrain, data.yTrain)
        } else {
            (images, labels) = try loadTestSet(global)
        }
        guard index >= 0 && index < images.count else {
            throw CommandError("--index must be between 0 and \(images.count - 1) for the \(train ? "training" : "test") set, got \(index).",
                               exitCode: 64)
        }
        return Digit(pixels: Array(images[index]), caption: nil, label: Int(labels[index]))
    }

    func run() throws {
        let digit = try image.map(PredictCommand.pictureDigit) ?? mnistDigit(index!)
        let model = try self.model.model()
        let trace = model.trace(digit.pixels.map { Float($0) / 255 })
        if json {
            JSONOutput.print(Output(logits: trace.logits, probabilities: trace.probabilities, prediction: trace.prediction,
                                    label: digit.label))
            return
        }
        if let caption = digit.caption { print(caption) }
        print(asciiArt(digit.pixels[...], columns: 28))
        let bar = global.useASCII ? "#" : "█"
        print("digit  logit      probability")
        for d in 0 ..< trace.logits.count {
            let p = trace.probabilities[d]
            let marker = d == trace.prediction ? " <- prediction" : ""
            print(String(format: "  %d   %8.3f   %6.2f%% ", d, trace.logits[d], p * 100)
                  + String(repeating: bar, count: Int((p * 30).rounded())) + marker)
        }
        let label = digit.label.map { " (labelled \($0): \($0 == trace.prediction ? "right" : "wrong"))" } ?? ""
        print("Prediction: \(trace.prediction)\(label).")
    }
}
