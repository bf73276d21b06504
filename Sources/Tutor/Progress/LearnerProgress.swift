/// What the tutor remembers between runs: where the learner is, what they finished and answered,
/// and which model the panels use. Saved as JSON by `ProgressStore`.
///
/// The file carries `"format": "mnist-tutor progress"` and a `version`, so a stranger's JSON file
/// at the same path is recognised as foreign (and set aside) instead of being misread.
public struct LearnerProgress: Codable, Equatable, Sendable {
    /// The format version this build writes; bump it when the JSON changes incompatibly.
    public static let currentVersion = 1
    static let formatName = "mnist-tutor progress"

    /// The id of the lesson the learner was on, or nil before the first run.
    public var currentLesson: String?
    /// Ids of lessons the learner has finished.
    public var lessonsDone: Set<String>
    /// The answer given to each lesson's question, by lesson id.
    public var answers: [String: GivenAnswer]
    /// The weights the panels run on.
    public var model: ModelChoice

    public init(currentLesson: String? = nil, lessonsDone: Set<String> = [], answers: [String: GivenAnswer] = [:],
                model: ModelChoice = .pretrained) {
        self.currentLesson = currentLesson
        self.lessonsDone = lessonsDone
        self.answers = answers
        self.model = model
    }

    /// What the learner answered, and whether it was right.
    public struct GivenAnswer: Codable, Equatable, Sendable {
        public var response: String
        public var correct: Bool

        public init(response: String, correct: Bool) {
            self.response = response
            self.correct = correct
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, version, currentLesson, lessonsDone, answers, model
    }

    /// Thrown when the JSON is valid but not a progress file this build can read.
    struct NotOurs: Error {
        let reason: String
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try? c.decode(String.self, forKey: .format)
        guard format == LearnerProgress.formatName else {
            throw NotOurs(reason: "it is not an mnist-tutor progress file (no \"format\": \"\(LearnerProgress.formatName)\")")
        }
        let version = try c.decode(Int.self, forKey: .version)
        guard version <= LearnerProgress.currentVersion else {
            throw NotOurs(reason: "it was written by a newer mnist-tutor (format version \(version); this one reads up to \(LearnerProgress.currentVersion))")
        }
        currentLesson = try c.decodeIfPresent(String.self, forKey: .currentLesson)
        lessonsDone = Set(try c.decodeIfPresent([String].self, forKey: .lessonsDone) ?? [])
        answers = try c.decodeIfPresent([String: GivenAnswer].self, forKey: .answers) ?? [:]
        model = try c.decodeIfPresent(ModelChoice.self, forKey: .model) ?? .pretrained
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LearnerProgress.formatName, forKey: .format)
        try c.encode(LearnerProgress.currentVersion, forKey: .version)
        try c.encodeIfPresent(currentLesson, forKey: .currentLesson)
        try c.encode(lessonsDone.sorted(), forKey: .lessonsDone)
        try c.encode(answers, forKey: .answers)
        try c.encode(model, forKey: .model)
    }
}
