import ArgumentParser
import NeuralNet

/// `mnist-tutor evaluate`: `model.evaluate(x_test, y_test)` — loss and accuracy on the 10,000 test images.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model's loss and accuracy on the 10,000 test images.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var weights: WeightsOption

    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let model = try weights.model()
        let (x, y) = try loadTestSet(global)
        let result = try model.evaluate(x, y)
        if json {
            print(JSON.object([("accuracy", JSON.number(result.accuracy)), ("loss", JSON.number(result.loss)),
                               ("count", "\(result.count)")]))
        } else {
            let correct = Int((result.accuracy * Float(result.count)).rounded())
            print("Test accuracy \(String(format: "%.4f", result.accuracy)) (\(correct) of \(result.count) digits right), loss \(String(format: "%.4f", result.loss)).")
        }
    }
}
