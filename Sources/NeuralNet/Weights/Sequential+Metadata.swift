/// The architecture a weights file records in its safetensors `__metadata__` (text keys and values, as the
/// format requires), so that `Sequential.load` rebuilds the model the tensors belong to:
///
/// | key | article's model | what |
/// | --- | --- | --- |
/// | `format` | `mnist-tutor` | who wrote it |
/// | `model` | `flatten,dense,dropout,dense_1` | the layers, by Keras's names, in order |
/// | `input_shape` | `28,28` | one example's shape |
/// | `units` | `128,10` | each Dense layer's width, in order |
/// | `activations` | `relu,linear` | each Dense layer's activation, Keras's names |
/// | `dropout` | `0.2` | each Dropout layer's rate, in order |
///
/// The tensors keep Keras's names (`dense/kernel`, …), so Python and Keras read the file as before and
/// may ignore all of this; a file without these keys (from Keras, or saved before they existed) loads by
/// its tensor shapes (see `Sequential.load`).
extension Sequential {
    /// The metadata `save` writes (see the table above).
    public var weightsMetadata: [String: String] {
        let denses = layers.compactMap { $0 as? Dense }
        let dropouts = layers.compactMap { $0 as? Dropout }
        return ["format": NeuralNet.formatName,
                "model": layerNames.joined(separator: ","),
                "input_shape": inputShape.map(String.init).joined(separator: ","),
                "units": denses.map { String($0.units) }.joined(separator: ","),
                "activations": denses.map(\.activation.rawValue).joined(separator: ","),
                "dropout": dropouts.map { "\($0.rate)" }.joined(separator: ",")]
    }

    /// The layers `metadata` describes (unbuilt), or nil when it does not describe them (no `units` or no
    /// `activations` key: a file from Keras or from before this metadata existed). `file` names it in errors.
    /// No layer may be wider than `maximumUnits` (the values the file holds: each layer's bias is among
    /// them), since even an unbuilt Dense layer allocates its bias.
    static func layers(fromMetadata metadata: [String: String], file: String,
                       maximumUnits: Int = .max) throws(SafetensorsError) -> [any Layer]? {
        guard let unitsText = metadata["units"], let activationsText = metadata["activations"] else { return nil }
        func fail(_ key: String, _ expected: String) -> SafetensorsError {
            SafetensorsError(.badMetadata, file: file, expected: "\(expected) in the metadata's \"\(key)\"",
                             found: "\"\(metadata[key] ?? "")\"",
                             hint: "The file's __metadata__ was changed by hand or by another program; save the model again, or remove the \"units\" and \"activations\" keys to load it by its tensor shapes.")
        }
        func list(_ text: String) -> [String] {
            text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        }
        let units = list(unitsText).map { Int($0) }
        guard !units.isEmpty, units.allSatisfy({ ($0 ?? 0) > 0 }) else { throw fail("units", "positive whole numbers separated by commas") }
        guard units.allSatisfy({ $0! <= maximumUnits }) else { throw fail("units", "widths of at most \(maximumUnits), the values the file holds") }
        let activations = list(activationsText).map { Activation(kerasName: $0) }
        guard activations.count == units.count, activations.allSatisfy({ $0 != nil }) else {
            throw fail("activations", "\(units.count) of \(Activation.kerasNames.joined(separator: ", ")), one per Dense layer")
        }
        let rates = list(metadata["dropout"] ?? "").map { Float($0) }
        guard rates.allSatisfy({ $0.map { $0 >= 0 && $0 < 1 } ?? false }) else {
            throw fail("dropout", "rates from 0 to below 1 separated by commas")
        }
        let shape = list(metadata["input_shape"] ?? "").map { Int($0) }
        guard !shape.isEmpty, shape.allSatisfy({ ($0 ?? 0) > 0 }) else { throw fail("input_shape", "positive sizes separated by commas") }
        let names = list(metadata["model"] ?? "")
        var result: [any Layer] = []
        var dense = 0, dropout = 0
        for name in names {
            // Keras's names: the layer type in snake case, and `_N` from the second layer of a type on.
            var base = Substring(name)
            if let underscore = base.lastIndex(of: "_"), Int(base[base.index(after: underscore)...]) != nil { base = base[..<underscore] }
            switch base {
            case "flatten" where result.isEmpty:
                result.append(Flatten(inputShape: shape.map { $0! }))
            case "dense" where dense < units.count:
                result.append(Dense(units[dense]!, activation: activations[dense]!, inputShape: result.isEmpty ? shape.map { $0! } : nil))
                dense += 1
            case "dropout" where dropout < rates.count && !result.isEmpty:
                result.append(Dropout(rates[dropout]!))
                dropout += 1
            case "softmax" where !result.isEmpty:
                result.append(Softmax())
            default:
                throw fail("model", "Keras layer names (flatten first, then dense, dropout, softmax) matching \(units.count) Dense and \(rates.count) Dropout layers")
            }
        }
        guard dense == units.count, dropout == rates.count else {
            throw fail("model", "Keras layer names matching \(units.count) Dense and \(rates.count) Dropout layers")
        }
        return result
    }

    /// The architecture of a file without metadata, from its tensors' shapes: `dense`, `dense_1`, … for as long
    /// as a `NAME/kernel` of rank 2 exists, each as wide as its bias (or its kernel's columns); the last is the
    /// output layer, the others hidden layers with `activation` and a Dropout of `dropoutRate` after each.
    /// Without any such kernel it is the article's model (and `setWeights` then says which tensors are missing).
    static func inferredArchitecture(_ entries: [Safetensors.Entry], activation: Activation, dropoutRate: Float,
                                     inputShape: [Int]) -> Architecture {
        let shapes = Dictionary(entries.map { ($0.name, $0.tensor.shape) }, uniquingKeysWith: { a, _ in a })
        var widths: [Int] = []
        while true {
            let name = widths.isEmpty ? "dense" : "dense_\(widths.count)"
            guard let kernel = shapes["\(name)/kernel"], kernel.count == 2 else { break }
            let bias = shapes["\(name)/bias"]
            let width = bias?.count == 1 ? bias![0] : kernel[1]
            guard width > 0 else { break }
            widths.append(width)
        }
        guard let classes = widths.last else {
            return Architecture(activation: activation, dropoutRate: dropoutRate, inputShape: inputShape)
        }
        return Architecture(hidden: Array(widths.dropLast()), activation: activation, dropoutRate: dropoutRate,
                            inputShape: inputShape, classes: classes)
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
