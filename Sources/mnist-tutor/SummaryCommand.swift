import ArgumentParser
import NeuralNet

/// `mnist-tutor summary`: Keras's `model.summary()` table, for the article's model or another stack.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print Keras's summary table for the model (layers, output shapes, parameter counts).",
        discussion: """
            Without --weights it describes the model --hidden and --activation build (the article's by default); \
            with --weights, the model that file holds (and checks --hidden and --activation against it).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "A weights file to check and describe (safetensors, Keras's names).")
    var weights: String?

    @OptionGroup var architecture: ArchitectureOptions

    func run() throws {
        // The table depends only on the layers; a weights file is loaded to check that it fits them.
        let model: Sequential
        if let weights {
            model = try ModelOptions(weights: weights, architecture: architecture).model()
        } else {
            model = architecture.architecture().model()
        }
        print(model.summary(ascii: global.useASCII))
        if let weights { print(" Weights: \(weights)") }
    }
}
