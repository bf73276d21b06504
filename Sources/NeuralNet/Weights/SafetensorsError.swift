/// A problem with a weights file, phrased for a person: which file, what was expected, what was found,
/// and what to do about it.
public typealias SafetensorsError = FileProblem<SafetensorsErrorKind>

/// Which problem a weights file has.
public enum SafetensorsErrorKind: String, Sendable {
    case fileNotFound, unreadable, truncated, badHeader, wrongDtype, missingTensor, unexpectedTensor
    case wrongShape, badOffsets, nonFinite, writeFailed
    /// The `__metadata__` is not text, or describes a model the engine cannot build.
    case badMetadata
}
