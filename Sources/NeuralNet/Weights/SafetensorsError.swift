/// A problem with a weights file, phrased for a person: which file, what was expected, what was found,
/// and what to do about it.
public struct SafetensorsError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case fileNotFound, unreadable, truncated, badHeader, wrongDtype, missingTensor, unexpectedTensor
        case wrongShape, badOffsets, nonFinite, writeFailed
    }

    public let kind: Kind
    public let file: String
    public let expected: String
    public let found: String
    public let hint: String

    public init(_ kind: Kind, file: String, expected: String, found: String, hint: String) {
        self.kind = kind
        self.file = file
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    public var description: String {
        "\(file): expected \(expected), found \(found). \(hint)"
    }
}
