import ArgumentParser
import NeuralNet

/// `mnist-tutor summary`: Keras's `model.summary()` table for the article's model.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print Keras's summary table for the model (layers, output shapes, parameter counts).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "A weights file to check and describe (safetensors, Keras's names).")
    var weights: String?

    func run() throws {
        // The table depends only on the layers; a weights file is loaded to check that it fits them.
        let model = try weights.map { try Pretrained.model(weights: $0) } ?? Sequential.article()
        print(model.summary(ascii: global.useASCII))
        if let weights { print(" Weights: \(weights)") }
    }
}
