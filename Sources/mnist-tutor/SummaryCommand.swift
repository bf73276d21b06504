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

    @Flag(help: "Print one JSON object.") var json = false

    /// `--json`: the table's rows and the total (every parameter is trainable).
    struct Output: Encodable {
        struct Layer: Encodable {
            var name: String
            var type: String
            var outputShape: [Int]
            var parameters: Int
        }
        var name: String
        var layers: [Layer]
        var parameters: Int
        @Nullable var weights: String?
    }

    func run() throws {
        // The table depends only on the layers; a weights file is loaded to check that it fits them.
        let model: Sequential
        if let weights {
            model = try ModelOptions(weights: weights, architecture: architecture).model()
        } else {
            model = architecture.architecture().model()
        }
        if json {
            JSONOutput.print(Output(name: model.name, layers: model.summaryRows.map {
                Output.Layer(name: $0.name, type: $0.type, outputShape: $0.outputShape, parameters: $0.parameters)
            }, parameters: model.parameterCount, weights: weights))
            return
        }
        print(model.summary(ascii: global.useASCII))
        if let weights { print(" Weights: \(weights)") }
    }
}
