/// A `Sequential` model seen as the engine runs it fast: a chain of Dense stages, each optionally
/// followed by dropout, optionally ending in Softmax. `Flatten` only fixes the input size.
struct Plan: Sendable {
    struct Stage: Sendable {
        /// Position of the Dense layer in `model.layers`.
        var layerIndex: Int
        var inputs: Int
        var units: Int
        var activation: Activation
        /// Rates of the Dropout layers right after this Dense (usually zero or one).
        var dropoutRates: [Float]
    }

    var stages: [Stage]
    var endsWithSoftmax: Bool
    var inputSize: Int
    var classes: Int { stages.last!.units }

    init(_ model: Sequential) throws(TrainingError) {
        var stages: [Stage] = []
        var softmax = false
        var names = model.layerNames.makeIterator()
        for (index, layer) in model.layers.enumerated() {
            let name = names.next() ?? "?"
            if softmax {
                throw TrainingError(.unsupportedLayers, "layer \(name) comes after Softmax; Softmax must be the last layer.")
            }
            switch layer {
            case is Flatten:
                if !stages.isEmpty {
                    throw TrainingError(.unsupportedLayers, "layer \(name): Flatten is only supported before the first Dense layer.")
                }
            case let dense as Dense:
                stages.append(Stage(layerIndex: index, inputs: dense.inputSize, units: dense.units,
                                    activation: dense.activation, dropoutRates: []))
            case let dropout as Dropout:
                guard !stages.isEmpty else {
                    throw TrainingError(.unsupportedLayers, "layer \(name): Dropout before the first Dense layer is not supported by the engine.")
                }
                stages[stages.count - 1].dropoutRates.append(dropout.rate)
            case is Softmax:
                guard !stages.isEmpty else {
                    throw TrainingError(.unsupportedLayers, "layer \(name): Softmax needs a Dense layer before it.")
                }
                softmax = true
            default:
                throw TrainingError(.unsupportedLayers, "layer \(name) (\(layer.typeName)) is not one the engine can train; use Flatten, Dense, Dropout and Softmax.")
            }
        }
        guard !stages.isEmpty else {
            throw TrainingError(.unsupportedLayers, "the model has no Dense layer, so there is nothing to train.")
        }
        if let last = stages.last, !last.dropoutRates.isEmpty {
            throw TrainingError(.unsupportedLayers, "Dropout after the output layer is not supported; put it between Dense layers.")
        }
        self.stages = stages
        self.endsWithSoftmax = softmax
        self.inputSize = model.inputSize
    }
}
