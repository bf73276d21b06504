/// The lesson's one question: what the learner has typed, and how it was judged.
public struct QuestionState: Equatable, Sendable {
    public var input: String = ""
    /// Set once the learner submitted an answer the checker could read.
    public var verdict: AnswerVerdict?
    /// The learner skipped the question (Esc): the panel reveals its result without a verdict.
    public var skipped = false
    /// A one-line hint after an answer that could not be read ("type a number").
    public var hint: String?
    /// The value the answer was checked against, shown after answering.
    public var liveValue: Double?

    public init() {}

    /// Answered or skipped: the panel shows its result.
    public var isClosed: Bool {
        switch verdict {
        case .correct?, .incorrect?: true
        default: skipped
        }
    }
}
