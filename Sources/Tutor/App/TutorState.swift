/// All of the tutor's state in one value (the Elm architecture): which lesson is open, each visited
/// lesson's panel and question, the overlays, the focus, and the learner's saved progress.
///
/// `update(_:workbench:)` is the only way it changes in response to input; it returns `Effect`s for
/// the run loop to perform. Tests replay events through it with no terminal.
public struct TutorState: Sendable {
    public enum Overlay: Equatable, Sendable {
        case none
        /// The table of contents, with the highlighted row and any digits typed to jump.
        case contents(selected: Int, typed: String)
        case help
    }

    /// Where keys that are not the tutor's own go: the lesson text (arrows scroll) or the panel.
    public enum Focus: Equatable, Sendable { case lesson, panel }

    public let lessons: [Lesson]
    public private(set) var index: Int
    public var overlay: Overlay = .none
    public var focus: Focus = .lesson
    /// Whether the learner asked for more room for the panel (Tab): below 120 columns, or when the panel
    /// has more to show than its share holds, it then takes the whole width. Only Tab changes it, so the
    /// screen never rearranges under the mouse.
    public internal(set) var zoomed = false
    /// First wrapped line of the lesson text shown, at most `textScrollLimit`.
    public var textScroll = 0
    /// The last useful `textScroll` for the window as last drawn (nil until a frame reports it).
    public private(set) var textScrollLimit: Int?
    public internal(set) var panels: [Int: any LessonPanel] = [:]
    public internal(set) var questions: [Int: QuestionState] = [:]
    public var progress: LearnerProgress
    /// A one-line message for the status line (a warning, "progress saved", a training error).
    public var status: String?
    public private(set) var quitRequested = false
    /// Where the renderer last drew the drawing canvas, so mouse cells map to canvas pixels.
    public private(set) var canvasPlacement: CanvasPlacement?
    /// The canvas placement when the mouse button went down: a stroke maps through it until the
    /// button comes up, whatever is drawn meanwhile, so the canvas never moves under a stroke.
    var strokePlacement: CanvasPlacement?
    /// The id of the training request whose updates are wanted; older ones are ignored.
    public internal(set) var trainingRequestID = 0
    /// Whether a training job is running (set by `startTraining`, cleared when it finishes).
    public internal(set) var trainingActive = false
    /// Whether the last `.tick` changed the panel (an animation step): the run loop redraws only then,
    /// or after any other event.
    public internal(set) var changedOnLastTick = false
    /// The lesson whose panel started the running training job.
    public internal(set) var trainingLessonIndex: Int?
    /// Keys for a panel whose digits were still loading, with the lesson they were typed in (see `dataLoaded`).
    public internal(set) var deferredKeys: [(lesson: Int, key: Key)] = []

    /// Opens the lesson the learner was on (by id in `progress`), or the first.
    public init(lessons: [Lesson], progress: LearnerProgress, workbench: Workbench) {
        precondition(!lessons.isEmpty, "the tutor needs at least one lesson")
        self.lessons = lessons
        self.progress = progress
        self.index = progress.currentLesson.flatMap { id in lessons.firstIndex { $0.id == id } } ?? 0
        openLesson(index, workbench: workbench)
    }

    public var lesson: Lesson { lessons[index] }
    public var panel: any LessonPanel { panels[index]! }
    public var question: QuestionState { questions[index] ?? QuestionState() }

    /// The lesson's panel reveals its result once the question is answered or skipped (or was, earlier).
    public var revealed: Bool { isRevealed(index) }

    public func isDone(_ i: Int) -> Bool { progress.lessonsDone.contains(lessons[i].id) }

    mutating func openLesson(_ i: Int, workbench: Workbench) {
        index = max(0, min(i, lessons.count - 1))
        if panels[index] == nil { panels[index] = lessons[index].panel.make(lessons[index], workbench: workbench) }
        if questions[index] == nil { questions[index] = QuestionState() }
        textScroll = 0
        focus = lessons[index].panel.startsWithFocus ? .panel : .lesson
        zoomed = false
        strokePlacement = nil
        progress.currentLesson = lessons[index].id
    }

    mutating func modifyPanel<T>(_ body: (inout any LessonPanel) -> T) -> T {
        var p = panels[index]!
        defer { panels[index] = p }
        return body(&p)
    }

    mutating func modifyQuestion(_ body: (inout QuestionState) -> Void) {
        modifyQuestion(lesson: index, body)
    }

    mutating func requestQuit() { quitRequested = true }

    /// Tab: gives the panel the keyboard and more room; again, gives the keyboard back to the lesson text.
    /// A lesson that opens with the keyboard on its panel (drawing) gets the room on the first Tab.
    mutating func toggleFocus() {
        if focus == .panel && zoomed {
            focus = .lesson
            zoomed = false
        } else {
            focus = .panel
            zoomed = true
        }
    }

    /// What the last frame found out about the window: where the canvas is, how far the text scrolls.
    public mutating func laidOut(_ layout: ScreenLayout) {
        canvasPlacement = layout.canvas
        if let limit = layout.textScrollLimit {
            textScrollLimit = limit
            textScroll = min(textScroll, limit)
        }
    }

    /// Scrolls the lesson text by `lines` (negative: up), within 0 and `textScrollLimit`.
    mutating func scrollText(by lines: Int) {
        textScroll = max(0, min(textScroll + lines, textScrollLimit ?? .max))
    }
}
