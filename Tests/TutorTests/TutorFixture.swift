import NeuralNet
import Testing
@testable import Tutor

/// One `Workbench` (all of MNIST and the pretrained model, ~0.1 s to load) and the shipped lessons,
/// shared by every replay test instead of being loaded per test.
enum TutorFixture {
    static let loaded: Result<(Workbench, [Lesson]), any Error> = Result {
        let workbench = try Workbench.load()
        let lessons = try LessonLibrary.load().lessons
        return (workbench, lessons)
    }

    static func workbench() throws -> Workbench { try loaded.get().0 }

    /// A tutor opened at the lesson `id`, with fresh progress (its question still open).
    static func state(at id: String) throws -> TutorState {
        let (workbench, lessons) = try loaded.get()
        try #require(lessons.contains { $0.id == id }, "the shipped lessons include '\(id)'")
        return TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: id), workbench: workbench)
    }
}

extension TutorState {
    /// Presses the keys of `text` one character at a time (a space is `space`); returns every effect.
    @discardableResult
    mutating func type(_ text: String, workbench: Workbench) -> [Effect] {
        text.flatMap { update(.key(.character($0)), workbench: workbench) }
    }

    /// Runs a training request on this thread and feeds every report back; returns the reports.
    /// `stopAtOnce` asks the runner to stop before it starts, as `s` does: it stops after the first batch.
    @discardableResult
    mutating func train(_ request: TrainingRequest, workbench: Workbench, stopAtOnce: Bool = false) -> [TrainingUpdate] {
        let runner = TrainingRunner()
        if stopAtOnce { runner.stop() }
        runner.run(request, data: workbench.data)
        let updates = runner.poll()
        for update in updates { _ = receive(update, workbench: workbench) }
        return updates
    }

    /// The panel's view as plain text.
    func panelText(_ workbench: Workbench) -> String {
        panel.view(workbench: workbench, revealed: revealed).plainText
    }
}

extension Array where Element == Effect {
    /// The training request among the effects, if one was asked for.
    var trainingRequest: TrainingRequest? {
        for case .startTraining(let request) in self { return request }
        return nil
    }

    var keptModel: Sequential? {
        for case .keepModel(let model) in self { return model }
        return nil
    }
}
