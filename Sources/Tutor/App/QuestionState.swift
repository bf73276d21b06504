/// The lesson's one question: what the learner has typed, a prediction waiting for its result, and
/// how the answer was judged.
public struct QuestionState: Equatable, Sendable {
    public var input: String = ""
    /// Set once the answer was judged: right, close or wrong.
    public var verdict: AnswerVerdict?
    /// The learner skipped the question (Esc): the panel reveals its result without a verdict.
    public var skipped = false
    /// A one-line hint after an answer that could not be read ("type a number").
    public var hint: String?
    /// The value the answer was checked against, once judged.
    public var liveValue: Double?
    /// The answer given before its result existed (before training ran, before the digit was drawn):
    /// kept, and judged when the result appears.
    public var prediction: Prediction?
    /// The question as it read when the answer was judged (placeholders filled): the verdict answers
    /// that question, whatever the panel shows later.
    public var asked: String?
    /// The verdict as the learner reads it: "Close: 0.194, not 0.1 …", with the exact value and the
    /// lesson's explanation, filled in when the answer was judged.
    public var feedback: String?

    /// An answer waiting for its result, with the question exactly as it read when the learner answered
    /// (placeholders filled): a result for other settings is not the answer to it.
    public struct Prediction: Equatable, Sendable {
        public var response: String
        public var question: String
    }

    public init() {}

    /// Answered (and judged) or skipped: the panel shows its result.
    public var isClosed: Bool { verdict?.isJudged == true || skipped }
}

/// The line under the question: the prompt while it is open, the kept prediction, or the verdict.
public struct AnswerLine: Equatable, Sendable {
    public enum Tone: Equatable, Sendable { case prompt, waiting, right, close, wrong, plain }
    public var text: String
    public var tone: Tone
    /// The prompt: the screen adds what has been typed and a cursor after `text`.
    public var takesInput: Bool { tone == .prompt }
}
