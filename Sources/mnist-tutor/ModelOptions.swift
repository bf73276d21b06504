import ArgumentParser
import NeuralNet

/// `--weights FILE` with `--hidden` and `--activation`, for the commands that run a trained model.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: "Weights file (safetensors; default: the pretrained model in Assets/models).")
    var weights: String?

    @OptionGroup var architecture: ArchitectureOptions

    /// The model in `--weights` (or the pretrained one), checked against `--hidden`/`--activation`.
    /// A file that does not record its architecture (a Keras export) gets `--activation` for its hidden layers.
    func model() throws -> Sequential {
        let model = try Pretrained.model(weights: weights, activation: architecture.hiddenActivation ?? .relu)
        try architecture.check(model, source: weights ?? "the pretrained model")
        return model
    }
}

extension ModelOptions {
    /// The options as given elsewhere (`summary` declares `--weights` with its own help).
    init(weights: String?, architecture: ArchitectureOptions) {
        self.init()
        self.weights = weights
        self.architecture = architecture
    }
}
