import Foundation
import NeuralNet
import Testing
import Tutor

/// Lessons 14 and 15 in the tutor (replayed from the learner's `g`, trained side by side by the tutor's own
/// `TrainingRunner`) and the `mnist-tutor sweep` command their panel prints, run as the built binary with
/// `--json`: the same accuracies, losses and gaps, run for run. Kept fast for a debug build with one epoch on
/// 100 images and two runs each (the panels read these options as they read the shipped lesson's).
@Suite("The experiment lessons equal the sweep command", .serialized)
struct ExperimentLessonTests {
    static var workbench: Workbench { TrainingReproducibilityTests.workbench }

    /// The tutor on lesson `id`, its options overridden.
    static func state(_ id: String, _ overrides: [LessonOption: LessonOptionValue]) throws -> TutorState {
        let lessons = try LessonLibrary.load().lessons.map { lesson in
            guard lesson.id == id else { return lesson }
            return Lesson(number: lesson.number, id: lesson.id, title: lesson.title, panel: lesson.panel,
                          options: LessonOptions(lesson.options.explicit.merging(overrides) { $1 }), keys: lesson.keys,
                          kerasLines: lesson.kerasLines, body: lesson.body, tryThis: lesson.tryThis, question: lesson.question,
                          answer: lesson.answer, reason: lesson.reason, explain: lesson.explain, file: lesson.file, part: lesson.part)
        }
        return TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: id), workbench: workbench)
    }

    /// Presses the lesson's start key, trains the request here, and returns each run's final evaluations.
    static func trainInTutor(_ state: inout TutorState) throws -> [(test: Evaluation, training: Evaluation?)] {
        var request: TrainingRequest?
        for case .startTraining(let r) in TrainingReproducibilityTests.type("g", into: &state) { request = r }
        let runner = TrainingRunner()
        runner.run(try #require(request), data: workbench.data)
        var results: [Int: (Evaluation, Evaluation?)] = [:]
        for update in runner.poll() {
            if case .runFinished(_, let run, _, let test, let stopped, let training, _) = update, !stopped { results[run] = (test, training) }
            _ = state.receive(update, workbench: workbench)
        }
        return try (0 ..< results.count).map { try #require(results[$0]) }
    }

    /// The command as printed, with `--json`: its runs, in order.
    static func runSweep(_ command: String) throws -> [[String: Any]] {
        let words = command.split(separator: " ").map(String.init)
        #expect(words.first == "mnist-tutor" && words.dropFirst().first == "sweep", "\(command)")
        let result = try BinaryRunner.run(Array(words.dropFirst()) + ["--json"])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        return try #require(result.jsonLines.last?["runs"] as? [[String: Any]], "\(result.stdout)")
    }

    static func float(_ run: [String: Any], _ key: String) -> Float { Float((run[key] as? Double) ?? .nan) }

    @Test("lesson 14: linear and relu, 1 epoch on 100 images, equal the sweep's runs")
    func activations() throws {
        var state = try Self.state("activation", [.epochs: .integer(1), .trainSize: .integer(100), .activations: .words(["linear", "relu"])])
        let command = try #require(state.panel.liveText("command", workbench: Self.workbench))
        #expect(command == "mnist-tutor sweep --widths 128 --activations linear,relu --epochs 1 --dropout 0.2 --seed 0 --limit 100")
        let tutor = try Self.trainInTutor(&state)
        let sweep = try Self.runSweep(command)
        try #require(tutor.count == 2 && sweep.count == 2)
        for (i, name) in ["linear", "relu"].enumerated() {
            #expect(sweep[i]["activation"] as? String == name && sweep[i]["hidden"] as? [Int] == [128])
            #expect(Self.float(sweep[i], "test_accuracy") == tutor[i].test.accuracy, "\(name)")
            #expect(Self.float(sweep[i], "test_loss") == tutor[i].test.loss, "\(name)")
        }
        // The panel shows the sweep's figures.
        _ = state.update(.key(.escape), workbench: Self.workbench)
        let shown = state.panel.view(workbench: Self.workbench, revealed: true).plainText
        #expect(shown.contains(NumberFormat.fixed(Double(Self.float(sweep[0], "test_accuracy")) * 100, 2) + "%"), "\(shown)")
    }

    @Test("lesson 15: widths 128 and 160, 1 epoch on 100 images, equal the sweep's runs, gaps included")
    func widths() throws {
        var state = try Self.state("width", [.epochs: .integer(1), .trainSize: .integer(100), .widths: .integers([128, 160])])
        let command = try #require(state.panel.liveText("command", workbench: Self.workbench))
        #expect(command == "mnist-tutor sweep --widths 128,160 --activations relu --epochs 1 --dropout 0.2 --seed 0 --limit 100")
        let tutor = try Self.trainInTutor(&state)
        let sweep = try Self.runSweep(command)
        try #require(tutor.count == 2 && sweep.count == 2)
        for (i, width) in [128, 160].enumerated() {
            let training = try #require(tutor[i].training)
            #expect(sweep[i]["hidden"] as? [Int] == [width] && sweep[i]["parameters"] as? Int == 795 * width + 10)
            #expect(Self.float(sweep[i], "test_accuracy") == tutor[i].test.accuracy, "\(width)")
            #expect(Self.float(sweep[i], "train_accuracy") == training.accuracy, "\(width)")
            #expect(Self.float(sweep[i], "gap") == training.accuracy - tutor[i].test.accuracy, "\(width)")
        }
        let gain = try #require(state.panel.liveValue("gain_over_128_points", workbench: Self.workbench))
        #expect(gain == Double(Self.float(sweep[1], "test_accuracy")) * 100 - Double(Self.float(sweep[0], "test_accuracy")) * 100)
    }
}
