import NeuralNet

/// Something the learner should be told about their saved progress. Never fatal: the tutor keeps
/// running and shows `message` (e.g. in its status line).
public struct ProgressIssue: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// The file was not valid progress JSON; it was renamed to `setAsidePath` and a fresh start made.
        case corruptSetAside
        /// The file was valid JSON but not ours (or from a newer version); renamed to `setAsidePath`.
        case foreignSetAside
        /// The folder cannot be created or written: progress will not be saved this session.
        case savingUnavailable
    }

    public let kind: Kind
    /// Where a damaged or foreign file was moved, so nothing the learner had is lost.
    public let setAsidePath: String?
    /// What to tell the learner: one line, with any control characters (from a path) escaped.
    public let message: String
    /// For `savingUnavailable`, the bare reason ("/x/progress.json is a folder"), to say at exit.
    public let reason: String?

    public init(_ kind: Kind, setAsidePath: String? = nil, message: String, reason: String? = nil) {
        self.kind = kind
        self.setAsidePath = setAsidePath
        self.message = OneLine.escape(message)
        self.reason = reason.map(OneLine.escape)
    }

    public var description: String { message }
}
