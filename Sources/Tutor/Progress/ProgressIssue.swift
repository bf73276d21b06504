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
    public let message: String

    public init(_ kind: Kind, setAsidePath: String? = nil, message: String) {
        self.kind = kind
        self.setAsidePath = setAsidePath
        self.message = message
    }

    public var description: String { message }
}
