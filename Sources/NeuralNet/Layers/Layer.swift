/// One building block of a `Sequential` model, as in Keras: it knows its output shape, its
/// parameter count, how to create its weights, and how to run forward on a batch.
///
/// `callAsFunction` is the clear reference path (used by `model(x)`, the tests and the trace).
/// Training does not go through it: `fit` compiles the layers into fused kernels (see `Trainer`).
public protocol Layer: Sendable {
    /// Keras's class name, shown by `summary()` (e.g. "Dense").
    var typeName: String { get }
    /// Number of trainable values (Dense: inputs × units + units).
    var parameterCount: Int { get }
    /// The shape of one example's output for one example's input shape (no batch dimension).
    func outputShape(for inputShape: [Int]) -> [Int]
    /// Creates the weights for inputs of `inputShape`, drawing from `generator`. Layers without weights do nothing.
    mutating func build(inputShape: [Int], generator: inout SeededGenerator)
    /// Runs the layer on a batch `x: [batch, ...]`. `training` switches dropout on; `generator` supplies its masks.
    func callAsFunction(_ x: Tensor, training: Bool, generator: inout SeededGenerator) -> Tensor
}

extension Layer {
    public var parameterCount: Int { 0 }
    public mutating func build(inputShape: [Int], generator: inout SeededGenerator) {}
    /// Keras's automatic name stem: the class name in snake case ("Dense" -> "dense").
    public var baseName: String {
        var result = ""
        for (i, c) in typeName.enumerated() {
            if c.isUppercase && i > 0 { result.append("_") }
            result.append(contentsOf: c.lowercased())
        }
        return result
    }
}

/// Lets a model be written the way the article writes it:
/// `Sequential { Flatten(inputShape: [28, 28]); Dense(128, activation: .relu); Dropout(0.2); Dense(10) }`.
@resultBuilder
public enum LayerBuilder {
    public static func buildExpression(_ layer: some Layer) -> [any Layer] { [layer] }
    public static func buildExpression(_ layers: [any Layer]) -> [any Layer] { layers }
    public static func buildBlock(_ parts: [any Layer]...) -> [any Layer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Layer]?) -> [any Layer] { part ?? [] }
    public static func buildEither(first part: [any Layer]) -> [any Layer] { part }
    public static func buildEither(second part: [any Layer]) -> [any Layer] { part }
    public static func buildArray(_ parts: [[any Layer]]) -> [any Layer] { parts.flatMap { $0 } }
}
