import MNIST
import Testing
@testable import Tutor

/// The tutor draws before the digits are in: panels announce the MNIST parts they read, show that they
/// are coming until then, and their keys wait for them (and then apply, in order).
@Suite("Data still loading")
struct DataLoadingTests {
    /// A workbench on the shipped data whose parts arrive only when asked for (nothing in the background).
    static func workbench() -> Workbench {
        let data = ReplayWorkbench.workbench.data
        let loader = MNISTLoader(directory: data.directory) { part in
            part == .train ? LabelledImages(images: data.xTrain, labels: data.yTrain) : LabelledImages(images: data.xTest, labels: data.yTest)
        }
        return Workbench(loader: loader, trained: ReplayWorkbench.workbench.trained, trainedName: "the pretrained model")
    }

    /// Keys a panel may get with the focus or a field open.
    static let focusKeys: [Key] = [.up, .down, .left, .right, .character("5"), .character("-"), .backspace, .enter, .escape]

    @Test("every panel reads only the parts it announces: in its views, live values, ticks, keys and every action")
    func panelsAnnounceWhatTheyRead() throws {
        for lesson in ReplayWorkbench.lessons {
            for action in [nil] + lesson.panel.actions {
                let workbench = Self.workbench()
                var panel = lesson.panel.make(lesson, workbench: workbench)
                // As the tutor does: whatever the panel announces is loaded before it is asked anything.
                try workbench.loader.load(panel.dataNeeded)
                if let action {
                    _ = panel.perform(actionNamed: action, workbench: workbench)
                    try workbench.loader.load(panel.dataNeeded)
                }
                for revealed in [false, true] { _ = panel.view(workbench: workbench, revealed: revealed) }
                for name in lesson.panel.liveValues {
                    _ = panel.liveValue(name, workbench: workbench)
                    _ = panel.liveText(name, workbench: workbench)
                }
                _ = panel.tick(workbench: workbench)
                for key in Self.focusKeys {
                    try workbench.loader.load(panel.dataNeeded)
                    _ = panel.handle(key, workbench: workbench)
                }
                #expect(workbench.loader.loadedOnFirstUse.isEmpty,
                        "lesson \(lesson.number) (\(action ?? "as it opens")) read \(workbench.loader.loadedOnFirstUse) unannounced")
            }
        }
    }

    @Test("while its digits load the panel says they are coming; keys for it wait and then apply in order")
    func keysWaitForTheData() throws {
        let workbench = Self.workbench()
        var state = TutorState(lessons: ReplayWorkbench.lessons, progress: LearnerProgress(currentLesson: "digits"), workbench: workbench)
        let waiting = state.panelView(workbench: workbench)
        #expect(waiting.title == "Loading the digits")
        #expect(waiting.plainText.contains("training set") && waiting.plainText.contains("test set"))
        // The lesson text and the question name the digit through live values: they say it is loading.
        #expect(state.lessonMarkdown(workbench: workbench).contains(Placeholder.loading) || !ReplayWorkbench.lessons[1].body.contains("{{"))
        _ = state.questionText(workbench: workbench)
        for key in [Key.character("]"), .character("]")] { #expect(state.update(.key(key), workbench: workbench).isEmpty) }
        #expect(state.deferredKeys.map(\.key) == [.character("]"), .character("]")])
        #expect(state.status?.contains("still loading") == true)
        // Typing the answer is not the panel's: it works at once. Checking it needs the panel: it waits.
        for c in "42" { _ = state.update(.key(.character(c)), workbench: workbench) }
        _ = state.update(.key(.enter), workbench: workbench)
        #expect(state.question.input == "42" && state.question.verdict == nil)
        #expect(workbench.loader.loadedOnFirstUse.isEmpty && !workbench.isLoaded(.train))

        try workbench.loader.load(.all)
        let effects = state.dataLoaded(workbench: workbench)
        #expect((state.panel as? DigitsPanel)?.cursor.index == 2, "both ] applied")
        #expect(state.question.verdict != nil, "then Enter checked the answer")
        #expect(effects.contains { if case .saveProgress = $0 { true } else { false } })
        #expect(state.deferredKeys.isEmpty && state.status == nil)
        #expect(state.panelView(workbench: workbench).title == "MNIST digit browser")
        // The answer was checked against the panel as it was then: x_train[2], after the two ].
        var reference = ReplayWorkbench.state(at: "digits")
        reference.press(.character("]"), .character("]"))
        #expect(state.question.liveValue == reference.live("ink_pixels"))
    }

    @Test("every lesson's screen text can be drawn while nothing is loaded, and reads no digit to do it")
    func textsWhileLoading() throws {
        let workbench = Self.workbench()
        var state = TutorState(lessons: ReplayWorkbench.lessons, progress: LearnerProgress(), workbench: workbench)
        for _ in ReplayWorkbench.lessons {
            _ = state.lessonMarkdown(workbench: workbench)
            _ = state.questionText(workbench: workbench)
            _ = state.panelView(workbench: workbench)
            _ = state.answerLine
            _ = state.update(.key(.character("n")), workbench: workbench)
        }
        #expect(workbench.loader.loadedOnFirstUse.isEmpty, "read \(workbench.loader.loadedOnFirstUse) while loading")
    }

    @Test("with the panel focused, the tutor's own keys work while the digits load; the panel's wait")
    func focusedPanelWhileLoading() throws {
        let workbench = Self.workbench()
        var state = TutorState(lessons: ReplayWorkbench.lessons, progress: LearnerProgress(currentLesson: "digits"), workbench: workbench)
        _ = state.update(.key(.tab), workbench: workbench)
        #expect(state.focus == .panel)
        _ = state.update(.key(.right), workbench: workbench)
        #expect(state.deferredKeys.map(\.key) == [.right])
        _ = state.update(.key(.character("?")), workbench: workbench)
        #expect(state.overlay == .help)
        _ = state.update(.key(.escape), workbench: workbench)
        _ = state.update(.key(.character("q")), workbench: workbench)
        #expect(state.quitRequested)
        #expect(workbench.loader.loadedOnFirstUse.isEmpty)
    }

    @Test("keys held for a lesson the learner has left are dropped, not applied to another panel")
    func keysForALessonLeft() throws {
        let workbench = Self.workbench()
        var state = TutorState(lessons: ReplayWorkbench.lessons, progress: LearnerProgress(currentLesson: "digits"), workbench: workbench)
        _ = state.update(.key(.character("]")), workbench: workbench)
        _ = state.update(.key(.character("n")), workbench: workbench)
        #expect(state.lesson.id != "digits", "navigation works while the digits load")
        try workbench.loader.load(.all)
        _ = state.dataLoaded(workbench: workbench)
        #expect(state.deferredKeys.isEmpty)
        let digits = try #require(state.panels.values.compactMap { $0 as? DigitsPanel }.first)
        #expect(digits.cursor.index == 0)
    }
}
