import NeuralNet

/// A problem reading an image file for `predict --image` (PGM or PNG), phrased for a person:
/// which file, what was expected, what was found, and what to do about it.
public typealias ImageFileError = FileProblem<ImageFileErrorKind>

/// Which problem a picture file has.
public enum ImageFileErrorKind: String, Sendable {
    case fileNotFound, unreadable, emptyFile, unknownFormat, unsupported, corruptHeader, truncatedData, badValue, corruptData
    /// A file over `GrayImage.maximumFileSize`, refused before it is read.
    case tooLarge
}
