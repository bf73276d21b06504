extension Sequential {
    /// The model's weights with Keras's names and layouts, in Keras's `get_weights()` order:
    /// `dense/kernel [784, 128]`, `dense/bias [128]`, `dense_1/kernel [128, 10]`, `dense_1/bias [10]`.
    public var namedWeights: [Safetensors.Entry] {
        denseLayers.flatMap { [("\($0.name)/kernel", $0.layer.kernel), ("\($0.name)/bias", $0.layer.bias)] }
    }

    /// Saves the weights as safetensors (float32, Keras's names), atomically (see `AtomicFile`), with the
    /// architecture in the metadata (`weightsMetadata`) so that `load` rebuilds this very model. Weights
    /// `loadWeights` would refuse — non-finite, or so large they overflow — are refused here first, so a
    /// diverged training run never replaces a good file.
    public func save(to path: String) throws(SafetensorsError) {
        try Safetensors.checkFinite(namedWeights, file: path)
        try checkWeightRange(file: path, hint: "Training diverged (try a lower learning rate); nothing was written, so any existing file is untouched.")
        try Safetensors.write(namedWeights, to: path, metadata: weightsMetadata)
    }

    /// Loads weights saved by `save` or exported from Keras with the same names. Every name, shape and
    /// value is checked before anything changes (values finite, and small enough that no input in 0...1
    /// can overflow the arithmetic: `checkWeightRange`); on error the model is left as it was.
    public mutating func loadWeights(from path: String) throws(SafetensorsError) {
        try setWeights(Safetensors.read(path), file: path)
    }

    /// Sets the weights from named tensors (e.g. a decoded file); `file` names the source in errors.
    public mutating func setWeights(_ entries: [Safetensors.Entry], file: String) throws(SafetensorsError) {
        let expected = namedWeights
        let byName = Dictionary(entries.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
        let wanted = expected.map(\.name).joined(separator: ", ")
        let anotherModel = "This file holds weights for another model; this one needs \(wanted) (Keras's names for its Dense layers)."
        for (name, tensor) in expected {
            guard let found = byName[name] else {
                throw SafetensorsError(.missingTensor, file: file, expected: "a tensor named \"\(name)\"",
                                       found: "only " + (entries.isEmpty ? "no tensors" : entries.map { "\"\($0.name)\"" }.joined(separator: ", ")),
                                       hint: anotherModel)
            }
            guard found.shape == tensor.shape else {
                throw SafetensorsError(.wrongShape, file: file, expected: "\"\(name)\" of shape \(tensor.shape)",
                                       found: "shape \(found.shape)",
                                       hint: found.shape.reversed() == tensor.shape
                                           ? "The kernel looks transposed: Keras's layout is [inputs, units]; transpose it before saving."
                                           : anotherModel)
            }
        }
        if let extra = entries.first(where: { entry in !expected.contains { $0.name == entry.name } }) {
            throw SafetensorsError(.unexpectedTensor, file: file, expected: "only \(wanted)",
                                   found: "also \"\(extra.name)\"", hint: anotherModel)
        }
        var candidate = self
        for (index, item) in denseLayers.enumerated() {
            candidate.setDense(index, kernel: byName["\(item.name)/kernel"]!, bias: byName["\(item.name)/bias"]!)
        }
        try candidate.checkWeightRange(file: file, hint: "These weights cannot be computed with: training diverged before they were saved, or the file is damaged. Train again (a lower learning rate helps).")
        self = candidate
    }

    /// The model a weights file holds, with its weights.
    ///
    /// A file `save` wrote records its architecture (`weightsMetadata`): the model is rebuilt from it, whatever
    /// its widths and activations. A file without it (written from Keras, or by an older version) is read by
    /// its tensors' shapes (`dense/kernel`, `dense_1/kernel`, …: see `inferredArchitecture`), its hidden layers
    /// get `activation` (the shapes cannot say; ReLU, the article's, by default) and a Dropout of the article's
    /// 0.2 after each, on inputs of `inputShape`. `dropoutRate`, when given, replaces every Dropout layer's rate
    /// (it matters only for training and for the dropout lesson). Every name, shape and value is checked, and
    /// the model must take `inputShape` and give `classes` outputs; all of it before the model is built
    /// (`checkLoadable`), so a file cannot make loading allocate more than the file holds.
    public static func load(from path: String, activation: Activation = .relu, dropoutRate: Float? = nil,
                            inputShape: [Int] = [28, 28], classes: Int = 10) throws(SafetensorsError) -> Sequential {
        let (entries, metadata) = try Safetensors.readFile(path)
        return try loaded(entries: entries, metadata: metadata, file: path, activation: activation, dropoutRate: dropoutRate,
                          inputShape: inputShape, classes: classes)
    }

    /// `load` on a file already decoded (`Safetensors.decodeFile`): the model its metadata or its tensors
    /// describe, checked, built and given its weights. `file` names it in errors.
    public static func loaded(entries: [Safetensors.Entry], metadata: [String: String], file path: String,
                              activation: Activation = .relu, dropoutRate: Float? = nil, inputShape: [Int] = [28, 28],
                              classes: Int = 10) throws(SafetensorsError) -> Sequential {
        var layers: [any Layer]
        let values = entries.reduce(0) { $0 + $1.tensor.count }
        if let described = try Sequential.layers(fromMetadata: metadata, file: path, maximumUnits: values) {
            layers = described
        } else {
            layers = inferredArchitecture(entries, activation: activation, dropoutRate: 0.2, inputShape: inputShape).layers
        }
        if let dropoutRate {
            precondition(dropoutRate >= 0 && dropoutRate < 1, "dropout rate must be in 0 ..< 1, got \(dropoutRate)")
            layers = layers.map { $0 is Dropout ? Dropout(dropoutRate) : $0 }
        }
        try checkLoadable(layers, entries: entries, inputShape: inputShape, classes: classes, file: path)
        var model = Sequential(layers: layers)
        try model.setWeights(entries, file: path)
        return model
    }
}
