/// Why `fit`, `evaluate` or `predict` refused to start, phrased for a person: what was wrong and what to do.
public struct TrainingError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case notCompiled, unsupportedLayers, lossMismatch, featureMismatch, labelCountMismatch
        case labelOutOfRange, badArgument, emptyData
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
