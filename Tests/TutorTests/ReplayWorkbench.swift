@testable import Tutor

/// The shipped data, the pretrained model and the lessons, loaded once for all panel replay tests
/// (loading the 60,000 training images is the slow part; every suite shares this one copy).
enum ReplayWorkbench {
    static let workbench: Workbench = try! Workbench.load()
    static let lessons: [Lesson] = try! LessonLibrary.load().lessons

    /// The tutor opened on lesson `id`, as a learner who has answered nothing.
    static func state(at id: String) -> TutorState {
        TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: id), workbench: workbench)
    }
}

extension TutorState {
    /// Sends each key through `update`, as the run loop would.
    mutating func press(_ keys: Key...) {
        for key in keys { _ = update(.key(key), workbench: ReplayWorkbench.workbench) }
    }

    /// Types `text` one character at a time (a space is the `space` key).
    mutating func type(_ text: String) {
        for c in text { _ = update(.key(.character(c)), workbench: ReplayWorkbench.workbench) }
    }

    func live(_ name: String) -> Double? {
        panel.liveValue(name, workbench: ReplayWorkbench.workbench)
    }

    /// The panel as the learner sees it now, in its plain-text form.
    var shown: String {
        panel.view(workbench: ReplayWorkbench.workbench, revealed: revealed).plainText
    }
}
