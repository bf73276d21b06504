import Foundation
import MNIST
import NeuralNet
import Tutor

/// The course as the commands see it: the lessons, the learner's saved progress, and a `Workbench`
/// with the model the learner's panels use; plus a lesson as plain text (`lesson N --plain`).
///
/// Plain text is for screen readers and pipes: no colour codes and no shading, every picture given
/// as its numbers (`PanelView.plainText`), every live value spelled out.
enum LessonPrinter {
    /// The lessons folder (`--lessons`, `$MNIST_TUTOR_LESSONS` or the installation's); its problems
    /// become one `CommandError` listing each.
    static func library(_ global: GlobalOptions) throws -> LessonLibrary {
        do {
            return try LessonLibrary.load(option: global.lessons)
        } catch {
            throw CommandError(lines: error.errors.map(\.description))
        }
    }

    /// The learner's saved progress; problems with the file are told on stderr, never fatal.
    static func progress() -> LearnerProgress {
        let loaded = ProgressStore(environment: ProcessEnvironment.current()).load()
        for issue in loaded.issues { FileHandleStderr.write("mnist-tutor: note: \(issue.message)\n") }
        return loaded.progress
    }

    /// The lesson numbered `number`, or a usage error that says which numbers exist.
    static func lesson(number: Int, in library: LessonLibrary) throws -> Lesson {
        guard let lesson = library.lessons.first(where: { $0.number == number }) else {
            let numbers = library.lessons.map(\.number)
            throw CommandError("there is no lesson \(number); the lessons are numbered \(numbers.first!)–\(numbers.last!) (see `mnist-tutor lessons`).",
                               exitCode: 64)
        }
        return lesson
    }

    /// The MNIST parts of the data folder (`--data`, `$MNIST_TUTOR_DATA` or the installation's), not
    /// loaded yet, through the decompressed cache. The four files must exist: a wrong folder is an error
    /// here, before anything is drawn; damaged contents are found when a part loads.
    static func loader(_ global: GlobalOptions) throws -> MNISTLoader {
        let directory = try DataLocation.resolve(option: global.data)
        for part in MNISTDataset.Part.allCases {
            for stem in [part.stems.images, part.stems.labels] { _ = try MNISTDataset.findFile(stem: stem, in: directory) }
        }
        return MNISTLoader(directory: directory, cache: MNISTCache.standard())
    }

    /// The data and the model the learner's panels run on: their own kept model when progress names
    /// one, a fresh untrained model when they chose that, otherwise the pretrained model. When the kept
    /// model cannot be read, a note says so, the pretrained one is used, and `model` says so too.
    static func workbench(loader: MNISTLoader, model: inout ModelChoice) throws -> Workbench {
        switch model {
        case .own(let path):
            do {
                return Workbench(loader: loader, trained: try Sequential.load(from: path), trainedName: "your model (\(path))")
            } catch {
                FileHandleStderr.write("mnist-tutor: note: your kept model cannot be read (\(error)); using the pretrained model.\n")
                model = .pretrained
            }
        case .untrained:
            return Workbench(loader: loader, trained: Sequential.article(seed: 1), trainedName: "an untrained model")
        case .pretrained:
            break
        }
        return Workbench(loader: loader, trained: try Pretrained.model(weights: nil), trainedName: "the pretrained model")
    }

    /// The lesson in reading order for someone without the screen: the question first (as the tutor shows
    /// it from the start, with how close counts, but not why: that may hint at the value), then the text, the Keras lines, "Try this" and the keys, and last, under a
    /// heading that says so, the answers: the live panel and its values, computed now. Live values in
    /// the text are filled in as the panel writes them; the one the question asks about reads ?? there
    /// until the learner has answered it in the tutor. Loads only the MNIST parts the panel reads (none
    /// for the summary, the drawing or the training lessons).
    static func plainText(_ lesson: Lesson, of count: Int, progress: LearnerProgress, workbench: Workbench) throws -> String {
        let state = TutorState(lessons: [lesson], progress: progress, workbench: workbench)
        try workbench.loader.load(state.panel.dataNeeded)
        workbench.settle()  // what a panel computes in the background (the test-set classification), finished
        // A background pass that failed would leave its values missing as if they were still to come: say why instead.
        let failures = workbench.backgroundFailures
        guard failures.isEmpty else {
            throw CommandError(lines: failures.map { "lesson \(lesson.number)'s panel could not compute its values over the test digits (\($0))" })
        }
        var parts: [String] = []
        let done = progress.lessonsDone.contains(lesson.id) ? "done" : "not done yet"
        let part = lesson.part.map { "part: \($0); " } ?? ""
        parts.append("Lesson \(lesson.number) of \(count): \(lesson.title)\n(\(part)id \(lesson.id); \(done))")
        var question = "Question: \(state.questionText(workbench: workbench))\n"
        switch lesson.answer {
        case .number(_, let tolerance, let close):
            question += "Answer with a number; \(tolerance.words) counts as right"
            if let close { question += ", \(close.words) as close" }
            question += "."  // why (the lesson's reason) comes with the answers: it may hint at the value
        case .choice(let options, _):
            question += "Choices: " + options.enumerated().map { "\(AnswerSpec.letter($0.offset))) \($0.element)" }.joined(separator: ", ")
        case .pair(_, let close):
            question += "Answer with two digits, the row (the true digit) first: right when that cell holds the most, close when it is among the \(close) that hold the most."
        }
        if let given = progress.answers[lesson.id] {
            question += "\nYou answered \(given.response) (\(given.correct ? "right" : "not right"))."
        }
        parts.append(question)
        parts.append(stripBold(state.filled(lesson.body, workbench: workbench)).trimmingCharacters(in: .newlines))
        parts.append("Keras code this lesson explains:\n" + lesson.kerasLines.map { "    " + $0 }.joined(separator: "\n"))
        parts.append("Try this:\n" + lesson.tryThis.map { "- " + stripBold(state.filled($0, workbench: workbench)) }.joined(separator: "\n"))
        parts.append("Keys in the tutor: " + lesson.keys.map { "\($0.key) \($0.action.replacingOccurrences(of: "_", with: " "))" }
            .joined(separator: ", "))

        let panel = state.panel
        var answers = ["== The answers: the live panel and its values, computed now (answer the question first) ==",
                       panel.view(workbench: workbench, revealed: true).plainText]
        // The reason for a number answer's tolerance often says where the value lies ("such models stop near 92%"),
        // so it comes here, after the heading, and not with the question.
        if let reason = lesson.reason { answers.append("Why that tolerance: \(reason).") }
        // As the tutor explains it after an answer, with every value shown; left out while the values
        // wait for a drawing or a training run.
        if let explain = lesson.explain,
           Placeholder.names(in: explain).allSatisfy({ panel.liveText($0.name, workbench: workbench) != nil }) {
            let shown = Placeholder.fill(explain) { panel.liveText($0, workbench: workbench) ?? Placeholder.notYet }
            answers.append("Explanation: " + stripBold(shown))
        }
        let asked = lesson.answer.liveValue
        let values = (lesson.panel.liveValues + lesson.panel.liveTables).map { name in
            "  \(name): " + (panel.liveText(name, workbench: workbench) ?? "none yet (it comes from drawing or training in the interactive tutor)")
                + (name == asked ? "   <- the answer to the question" : "")
        }
        answers.append("Live values:\n" + values.joined(separator: "\n"))
        parts.append(answers.joined(separator: "\n\n"))
        return parts.joined(separator: "\n\n")
    }

    static func stripBold(_ s: String) -> String { s.replacingOccurrences(of: "**", with: "") }
}
