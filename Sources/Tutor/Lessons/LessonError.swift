import NeuralNet

/// A problem with a lesson file (or the lessons folder), phrased for the person editing it:
/// `file:line: what is wrong and how to fix it`, the form editors and compilers use, so the
/// message can be clicked or pasted into `vi +line file`.
public struct LessonError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case directoryNotFound, unreadable, noLessons, badFileName, duplicateNumber, duplicateId
        case missingFrontMatter, unterminatedFrontMatter, malformedLine, unknownKey, duplicateKey, emptyValue, missingKey
        case badId, idMismatch, unknownPanel, malformedOptions, unknownOption, badOptionValue
        case badKeys, badAnswer, emptyBody, missingKeras, missingTryThis, keyNotExplained, unknownPlaceholder
        case badPart, partSplit
    }

    public let kind: Kind
    /// The file (or folder) the problem is in.
    public let file: String
    /// 1-based line, or nil when the problem is the whole file or folder.
    public let line: Int?
    /// What is wrong and, where it helps, how to fix it.
    public let message: String

    public init(_ kind: Kind, file: String, line: Int?, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// One line, safe to print: a file name or quoted text with control characters has them escaped.
    public var description: String {
        OneLine.escape(line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
    }
}

/// Every problem found while loading a lessons folder, one per line: an author fixes them in one pass.
public struct LessonErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [LessonError]

    public init(_ errors: [LessonError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
