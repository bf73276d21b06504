import ArgumentParser
import NeuralNet

/// `mnist-tutor evaluate`: `model.evaluate(x_test, y_test)` — loss and accuracy on the 10,000 test images.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model's loss and accuracy on the 10,000 test images.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var model: ModelOptions

    @Flag(help: "Print one JSON object.") var json = false

    /// `--json`: the figures, and which model gave them.
    struct Output: Encodable {
        @Finite var accuracy: Float
        @Finite var loss: Float
        var count: Int
        var hidden: [Int]
        var activation: String
        var parameters: Int
    }

    func run() throws {
        let model = try self.model.model()
        let (x, y) = try loadTestSet(global)
        let result = try model.evaluate(x, y)
        if json {
            let hidden = model.denseLayers.dropLast().map(\.layer)
            JSONOutput.print(Output(accuracy: result.accuracy, loss: result.loss, count: result.count, hidden: hidden.map(\.units),
                                    activation: hidden.first?.activation.rawValue ?? "linear", parameters: model.parameterCount))
        } else {
            let correct = Int((result.accuracy * Float(result.count)).rounded())
            print("Test accuracy \(String(format: "%.4f", result.accuracy)) (\(correct) of \(result.count) digits right), loss \(String(format: "%.4f", result.loss)).")
        }
    }
}
