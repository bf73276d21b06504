/// A problem with a weights file, phrased for a person: which file, what was expected, what was found,
/// and what to do about it.
public typealias SafetensorsError = FileProblem<SafetensorsErrorKind>

/// Which problem a weights file has.
public enum SafetensorsErrorKind: String, Sendable {
    case fileNotFound, unreadable, truncated, badHeader, wrongDtype, missingTensor, unexpectedTensor
    case wrongShape, badOffsets, nonFinite, writeFailed
    /// Larger than the reader's bounds (a file, a header or a tensor), refused before it is read.
    case tooLarge
    /// Bytes after the last tensor.
    case trailingBytes
    /// Finite values so large that running the model on them would overflow float32.
    case overflows
    /// The `__metadata__` is not text, or describes a model the engine cannot build.
    case badMetadata
}
