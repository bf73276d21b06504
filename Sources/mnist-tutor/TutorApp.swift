import ArgumentParser
import CursesTerminal
import Foundation
import MNIST
import NeuralNet
import TerminalUI
import Tutor

/// The interactive tutor: loads the lessons, the data, the models and the learner's progress, then
/// runs the loop: draw the state, read an event, `update`, perform the effects, collect training
/// progress. Without a terminal it prints the current lesson as plain text instead.
enum TutorApp {
    static func run(startLesson: Int?, global: GlobalOptions) throws {
        let library: LessonLibrary
        do { library = try LessonLibrary.load() } catch { throw CommandError("the lessons could not be loaded:\n\(error)") }
        let store = ProgressStore(environment: ProcessInfo.processInfo.environment)
        let loaded = store.load()
        var warnings = loaded.issues.map(\.message)
        var progress = loaded.progress
        let workbench = try loadWorkbench(progress: &progress, data: global.data, warnings: &warnings)
        if let startLesson {
            guard let lesson = library.lessons.first(where: { $0.number == startLesson }) else {
                throw CommandError("there is no lesson \(startLesson); `mnist-tutor lessons` lists them (1–\(library.lessons.count)).")
            }
            progress.currentLesson = lesson.id
        }
        var state = TutorState(lessons: library.lessons, progress: progress, workbench: workbench)
        state.status = warnings.first

        guard Terminal.isInteractive else {
            printPlain(state, workbench: workbench)
            return
        }
        let runner = TrainingRunner()
        var saveWarningShown = false
        let options = Terminal.Options(noColor: !global.useColor, asciiOnly: global.ascii)
        let interrupt: Interrupt? = try Terminal.run(options: options) { terminal -> Interrupt? in
            let screen = TutorScreen()
            var leaving: Interrupt?
            while !state.quitRequested {
                terminal.draw { buffer, context in
                    state.canvasPlacement = screen.render(state, workbench: workbench, into: &buffer, context: context)
                }
                let event = terminal.nextEvent(timeout: 50)
                if case .interrupt(let why) = event { leaving = why }
                var effects = state.update(event, workbench: workbench)
                for update in runner.poll() { effects += state.receive(update, workbench: workbench) }
                perform(effects, state: &state, runner: runner, store: store, workbench: workbench,
                        saveWarningShown: &saveWarningShown)
            }
            runner.stop()
            return leaving
        }
        if let interrupt { throw ExitCode(interrupt.exitStatus) }
        print("Progress saved in \(store.path). Run mnist-tutor again to continue where you left off.")
    }

    /// The data and the "trained" model the learner chose: their own if they kept one and it still loads.
    static func loadWorkbench(progress: inout LearnerProgress, data: String?, warnings: inout [String]) throws -> Workbench {
        let directory = try DataLocation.resolve(option: data)
        let dataset = try MNISTDataset.load(directory: directory)
        if case .own(let path) = progress.model {
            do {
                return Workbench(data: dataset, trained: try Sequential.load(from: path), trainedName: "your model")
            } catch {
                warnings.append("Your saved model could not be loaded (\(error)); using the pretrained one.")
                progress.model = .pretrained
            }
        }
        let pretrained = try Sequential.load(from: try Pretrained.path())
        return Workbench(data: dataset, trained: pretrained, trainedName: "the pretrained model")
    }

    static func perform(_ effects: [Effect], state: inout TutorState, runner: TrainingRunner, store: ProgressStore,
                        workbench: Workbench, saveWarningShown: inout Bool) {
        for effect in effects {
            switch effect {
            case .saveProgress:
                save(state.progress, store: store, state: &state, warned: &saveWarningShown)
            case .startTraining(let request):
                runner.start(request, data: workbench.data)
            case .stopTraining:
                runner.stop()
            case .keepModel(let model):
                let path = store.directory + "/models/my-model.safetensors"
                do {
                    try FileManager.default.createDirectory(atPath: store.directory + "/models", withIntermediateDirectories: true)
                    try model.save(to: path)
                    workbench.setTrained(model, name: "your model")
                    state.modelKept(path: path)
                    save(state.progress, store: store, state: &state, warned: &saveWarningShown)
                } catch {
                    state.status = "Your model could not be saved: \(error)"
                }
            case .quit:
                break
            }
        }
    }

    static func save(_ progress: LearnerProgress, store: ProgressStore, state: inout TutorState, warned: inout Bool) {
        do {
            if let issue = try store.save(progress) { state.status = issue.message }
        } catch {
            if !warned { state.status = error.message }
            warned = true
        }
    }

    /// Without a terminal: the current lesson's text and its panel's numbers.
    static func printPlain(_ state: TutorState, workbench: Workbench) {
        print(PlainLesson.text(state.lesson, workbench: workbench))
        print("\n(Not a terminal, so this is the plain form of lesson \(state.lesson.number). In a terminal, mnist-tutor is interactive; `mnist-tutor lesson N --plain` prints any lesson.)")
    }
}

extension ProgressIssue {
    var message: String { description }
}

/// A lesson as plain text: words and numbers, no colour codes (for `--plain` and screen readers).
enum PlainLesson {
    static func text(_ lesson: Lesson, workbench: Workbench) -> String {
        let panel = PanelFactory.make(lesson, workbench: workbench)
        var out = ["Lesson \(lesson.number): \(lesson.title)", "", lesson.body]
        if !lesson.tryThis.isEmpty { out += ["", "Try this:"] + lesson.tryThis.map { "- " + $0 } }
        out += ["", "Question: " + lesson.question, "", panel.view(workbench: workbench, revealed: true).plainText]
        return out.joined(separator: "\n")
    }
}
