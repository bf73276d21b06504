import ArgumentParser
import MNIST
import NeuralNet

/// `mnist-tutor predict`: one digit through the model — its 10 logits, their softmax, the prediction.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Show the model's logits, probabilities and prediction for one MNIST digit.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Weights file (safetensors; default: the pretrained model in Assets/models).")
    var weights: String?

    @OptionGroup var digit: DigitOption

    /// Which digit; `--index` is required here (the `--image FILE` variant will be the alternative).
    var index: Int { digit.index ?? 0 }

    @Flag(name: .long, help: "Take the digit from the 60,000 training images instead of the test images.")
    var train = false

    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard digit.index != nil else { throw ValidationError("give the digit to predict with --index N (0-9999 for the test set).") }
    }

    /// The digit to run and its label (nil when it has none; a drawn or loaded image will have none).
    func input() throws -> (pixels: ArraySlice<UInt8>, image: [Float], label: Int?, columns: Int) {
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
        return (images[index], images.image(index), Int(labels[index]), images.columns)
    }

    func run() throws {
        let model = try Pretrained.model(weights: weights)
        let digit = try input()
        let trace = model.trace(digit.image)
        if json {
            print(JSON.object([("logits", JSON.array(trace.logits)), ("probabilities", JSON.array(trace.probabilities)),
                               ("prediction", "\(trace.prediction)"), ("label", digit.label.map(String.init) ?? "null")]))
            return
        }
        print(asciiArt(digit.pixels, columns: digit.columns))
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
