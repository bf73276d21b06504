import NeuralNet

/// A problem with an IDX file (or the folder that should hold one), phrased for a person:
/// which file, what was expected, what was found, and what to do about it.
public typealias IDXError = FileProblem<IDXErrorKind>

/// Which problem an IDX file (or its folder) has.
public enum IDXErrorKind: String, Sendable {
    case fileNotFound, unreadable, emptyFile, notGzip, corruptGzip
    case wrongMagic, truncatedHeader, truncatedBody, trailingBytes
    case wrongDimensions, countMismatch, directoryNotFound
    /// Dimensions whose data would exceed `IDXFile.maximumDataSize` (or overflow), or a file over its limit.
    case tooLarge
}
