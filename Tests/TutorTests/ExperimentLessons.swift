import NeuralNet
import Testing
@testable import Tutor

/// Lessons 14 and 15 with smaller runs than the shipped files ask for (one epoch on a few hundred images, fewer
/// activations or widths), so a debug build trains them in seconds; the panels read these options exactly as
/// they read the shipped ones.
enum ExperimentLessons {
    /// The course with lesson `id`'s options overridden.
    static func lessons(_ id: String, _ overrides: [LessonOption: LessonOptionValue]) -> [Lesson] {
        ReplayWorkbench.lessons.map { lesson in
            guard lesson.id == id else { return lesson }
            return Lesson(number: lesson.number, id: lesson.id, title: lesson.title, panel: lesson.panel,
                          options: LessonOptions(lesson.options.explicit.merging(overrides) { $1 }), keys: lesson.keys,
                          kerasLines: lesson.kerasLines, body: lesson.body, tryThis: lesson.tryThis, question: lesson.question,
                          answer: lesson.answer, reason: lesson.reason, explain: lesson.explain, file: lesson.file, part: lesson.part)
        }
    }

    /// The tutor opened on lesson `id` with those options.
    static func state(_ id: String, _ overrides: [LessonOption: LessonOptionValue]) -> TutorState {
        TutorState(lessons: lessons(id, overrides), progress: LearnerProgress(currentLesson: id), workbench: ReplayWorkbench.workbench)
    }

    /// Each run's end as the runner reported it, by run index.
    static func finishedRuns(_ updates: [TrainingUpdate]) -> [Int: (test: Evaluation, training: Evaluation?, seconds: Double)] {
        var result: [Int: (Evaluation, Evaluation?, Double)] = [:]
        for case .runFinished(_, let run, _, let test, let stopped, let training, let seconds) in updates where !stopped {
            result[run] = (test, training, seconds)
        }
        return result
    }
}

extension PanelView {
    /// The panel's bar charts and line charts, rows opened up.
    var barCharts: [BarChartModel] {
        leaves.compactMap { if case .bars(let m) = $0.content { m } else { nil } }
    }
    var charts: [(title: String?, series: [SeriesModel])] {
        leaves.compactMap { if case .chart(let s, _, let t) = $0.content { (t, s) } else { nil } }
    }
}
