import MNIST
import NeuralNet
import Tutor

/// Where the pretrained model lives: `Assets/models/mnist-mlp.safetensors` of the installation.
enum Pretrained {
    static func path() throws -> String {
        do {
            return try Workbench.defaultWeightsPath()
        } catch {
            throw CommandError("the tutor's Assets folder was not found, so there is no pretrained model; pass --weights FILE (e.g. from `mnist-tutor train --output FILE`).")
        }
    }

    /// The model in `--weights`, or the pretrained one. `activation` is for a file that does not record
    /// its architecture (a Keras export): see `Sequential.load`.
    static func model(weights: String?, activation: Activation = .relu) throws -> Sequential {
        let file = try weights ?? path()
        let result = Result { () throws(SafetensorsError) -> Sequential in try Sequential.load(from: file, activation: activation) }
        if case .failure(let error) = result, error.kind == .fileNotFound, weights == nil {
            throw CommandError("\(file): the pretrained model is missing; reinstall, or train one with `mnist-tutor train --output FILE` and pass --weights FILE.")
        }
        return try result.get()
    }

    /// `data` with the pretrained model as the panels' trained model.
    static func workbench(data: MNISTDataset) throws -> Workbench {
        Workbench(data: data, trained: try model(weights: nil), trainedName: "the pretrained model")
    }
}
