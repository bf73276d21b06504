extension Sequential {
    /// Checks, before anything is built, that `layers` — read from a file's `__metadata__` or guessed from
    /// its tensors' shapes — make a model the caller can run on `inputShape` inputs with `classes` outputs,
    /// and that the file holds exactly the weights it needs. Throws the problem as a `SafetensorsError`.
    ///
    /// Building comes after this on purpose: `Sequential(layers:)` allocates and initialises every kernel,
    /// so metadata saying `units: 100000000` would take 300 GB (and a bias of 4 million values, read as a
    /// layer's width, 12 GB) before the weights were compared; metadata with a Dense layer first on 28x28
    /// inputs, or a model of another input size, would stop the program at a precondition. Once every
    /// kernel here matches a tensor of the file, the model is no larger than the file (at most 256 MiB).
    static func checkLoadable(_ layers: [any Layer], entries: [Safetensors.Entry], inputShape: [Int], classes: Int,
                              file: String) throws(SafetensorsError) {
        func fail(_ kind: SafetensorsError.Kind, _ expected: String, _ found: String, _ hint: String) -> SafetensorsError {
            SafetensorsError(kind, file: file, expected: expected, found: found, hint: hint)
        }
        let wanted = inputShape.reduce(1, *)
        let declared: [Int]
        switch layers.first {
        case let flatten as Flatten where flatten.inputShape != nil:
            declared = flatten.inputShape!
        case let dense as Dense where dense.declaredInputShape?.count == 1:
            declared = dense.declaredInputShape!
        default:
            throw fail(.badMetadata, "a model whose first layer is Flatten (or a Dense layer on flat inputs)",
                       "\(layers.first.map { "\(type(of: $0))" } ?? "no layers")",
                       "The file's __metadata__ describes a model this program cannot build; save the model again.")
        }
        var size = 1
        for d in declared {
            let (product, overflow) = size.multipliedReportingOverflow(by: d)
            guard d > 0, !overflow else { size = -1; break }
            size = product
        }
        guard size == wanted else {
            throw fail(.badMetadata, "a model on \(inputShape.map(String.init).joined(separator: "x")) inputs (\(wanted) values, the MNIST digits)",
                       "input_shape \(declared.map(String.init).joined(separator: ","))",
                       "This model was made for other data; it cannot read MNIST's digits.")
        }
        let shapes = Dictionary(entries.map { ($0.name, $0.tensor.shape) }, uniquingKeysWith: { a, _ in a })
        var units = size, dense = 0
        for case let layer as Dense in layers {
            let name = dense == 0 ? "dense" : "dense_\(dense)"
            for (tensor, shape) in [("\(name)/kernel", [units, layer.units]), ("\(name)/bias", [layer.units])] {
                guard let found = shapes[tensor] else {
                    throw fail(.missingTensor, "a tensor named \"\(tensor)\" of shape \(shape)", "none",
                               "The file's tensors do not match the model its metadata describes; save the model again.")
                }
                guard found == shape else {
                    throw fail(.wrongShape, "\"\(tensor)\" of shape \(shape)", "shape \(found)",
                               found.reversed() == shape
                                   ? "The kernel looks transposed: Keras's layout is [inputs, units]; transpose it before saving."
                                   : "The file's tensors do not match the model its metadata describes; save the model again.")
                }
            }
            units = layer.units
            dense += 1
        }
        guard dense > 0, units == classes else {
            throw fail(.badMetadata, "a model with \(classes) outputs, one per digit", dense == 0 ? "no Dense layer" : "\(units) outputs",
                       "This model was made for other data; it cannot classify MNIST's digits.")
        }
    }
}
