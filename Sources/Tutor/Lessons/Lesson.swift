/// One lesson, parsed from `Lessons/NN-id.md` by `LessonParser`: the Keras line(s) it explains,
/// its text, its live panel with that panel's settings and keys, and the one question the learner
/// answers before the panel reveals the result.
public struct Lesson: Equatable, Sendable {
    /// The position in the course, from the file name's number prefix (`08-dropout.md` is 8).
    public let number: Int
    /// A short stable name (`dropout`), also the rest of the file name; progress is saved by id.
    public let id: String
    public let title: String
    /// The panel the lesson's `panel:` line names, with its declarations.
    public let panel: PanelEntry
    public let options: LessonOptions
    /// The panel's keys in the order the lesson lists them.
    public let keys: [KeyBinding]
    /// The lines of the lesson's ```python blocks: the Keras code it explains.
    public let kerasLines: [String]
    /// The lesson text as Markdown, code blocks included, without the "Try this" section.
    public let body: String
    /// The "Try this" prompts, one string per list item, Markdown inline formatting kept.
    public let tryThis: [String]
    public let question: String
    public let answer: AnswerSpec
    /// Why a number answer's tolerance is what it is (`reason:`), for the learner and the next author.
    public let reason: String?
    /// Shown with the verdict, whatever it is (`explain:`): what the value means, with placeholders.
    public let explain: String?
    /// The path the lesson was read from (for error messages and "edit this lesson").
    public let file: String
    /// The part of the course the lesson belongs to (`part: Going further`), or nil for a first part
    /// with no name. The parser gives what the file says; `LessonLibrary` fills in a lesson without
    /// `part:` with the part of the lesson before it (see `LessonPart`).
    public var part: String?

    public init(number: Int, id: String, title: String, panel: PanelEntry, options: LessonOptions, keys: [KeyBinding],
                kerasLines: [String], body: String, tryThis: [String], question: String, answer: AnswerSpec, reason: String? = nil, explain: String? = nil, file: String,
                part: String? = nil) {
        self.number = number
        self.id = id
        self.title = title
        self.panel = panel
        self.options = options
        self.keys = keys
        self.kerasLines = kerasLines
        self.body = body
        self.tryThis = tryThis
        self.question = question
        self.answer = answer
        self.reason = reason
        self.explain = explain
        self.file = file
        self.part = part
    }

    /// The action bound to a key the learner pressed, if the panel has one.
    public func action(forKey key: String) -> String? {
        keys.first { $0.key == key }?.action
    }
}
