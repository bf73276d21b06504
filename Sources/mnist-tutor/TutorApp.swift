import ArgumentParser
import CursesTerminal
import Foundation
import MNIST
import NeuralNet
import TerminalUI
import Tutor

/// The interactive tutor: starts loading the data in the background, loads the lessons, the models and
/// the learner's progress, then runs the loop: draw the state, read an event, `update`, perform the
/// effects, collect training progress. Without a terminal it prints the lesson as plain text instead
/// (as `lesson N --plain`).
///
/// Draw first, load later: the first frame goes out as soon as the terminal is set up. A panel whose
/// digits are not in yet says they are coming and holds its keys (`TutorState.dataLoaded` applies them);
/// each part that arrives redraws the screen. A part that fails to load ends the tutor with its error,
/// as a failure before the first frame would.
enum TutorApp {
    static func run(startLesson: Int?, global: GlobalOptions) throws {
        guard Terminal.isInteractive else {
            try LessonCommand.printPlain(number: startLesson, global: global)
            return
        }
        let loader = try LessonPrinter.loader(global)
        loader.startInBackground()
        let library = try LessonPrinter.library(global)
        let start = try startLesson.map { try LessonPrinter.lesson(number: $0, in: library) }
        let store = ProgressStore(environment: ProcessInfo.processInfo.environment)
        let loaded = store.load()
        var progress = loaded.progress
        let workbench = try LessonPrinter.workbench(loader: loader, model: &progress.model)
        if let start { progress.currentLesson = start.id }
        var state = TutorState(lessons: library.lessons, progress: progress, workbench: workbench)
        state.status = loaded.issues.first?.message
        let runner = TrainingRunner()
        var saving = SaveState(failure: loaded.issues.first { $0.kind == .savingUnavailable })
        let options = Terminal.Options(noColor: global.noColor, asciiOnly: global.ascii, minimumSize: TutorScreen.minimumSize)
        let interrupt: Interrupt? = try Terminal.run(options: options) { terminal -> Interrupt? in
            let screen = TutorScreen()
            var leaving: Interrupt?
            var redraw = true
            var fits = true
            var frames = FrameLog(environment: ProcessInfo.processInfo.environment)
            var generation = -1
            while !state.quitRequested {
                var effects: [Effect] = []
                // A part of the data arrived (or failed): redraw, and apply the keys that waited for it.
                if generation != loader.generation {
                    generation = loader.generation
                    if let failure = loader.failure { throw failure }
                    redraw = true
                    effects += state.dataLoaded(workbench: workbench)
                }
                if redraw {
                    fits = terminal.draw { buffer, context in
                        state.laidOut(screen.render(state, workbench: workbench, into: &buffer, context: context))
                    }
                    // Too small a window shows only a notice: no canvas to map the mouse to.
                    if !fits { state.laidOut(ScreenLayout()) }
                    frames.flushed(complete: fits && workbench.isLoaded(state.panel.dataNeeded))
                }
                // While data is loading, look for it every 10 ms rather than at the 50 ms tick.
                var event = terminal.nextEvent(timeout: loader.isLoaded(.all) ? 50 : 10)
                // Behind the notice the learner sees nothing, so nothing but quitting may change anything.
                if !fits && !MinimumSizeNotice.lets(event) { event = .tick }
                if case .interrupt(let why) = event { leaving = why }
                effects += state.update(event, workbench: workbench)
                let updates = runner.poll()
                for update in updates { effects += state.receive(update, workbench: workbench) }
                // An idle tick with nothing new draws nothing: the screen only changes on input, animation or training.
                redraw = event != .tick || state.changedOnLastTick || !updates.isEmpty
                perform(effects, state: &state, runner: runner, store: store, workbench: workbench, saving: &saving)
            }
            runner.stop()
            return leaving
        }
        // Say what really happened to the progress: saved only when the last save succeeded.
        if let failure = saving.failure {
            FileHandleStderr.write("mnist-tutor: progress was not saved: \(failure.reason ?? failure.message). "
                                   + "Fix that, or set XDG_STATE_HOME to a writable folder, to keep it next time.\n")
        }
        if let interrupt { throw ExitCode(interrupt.exitStatus) }
        if saving.failure == nil {
            print("Progress saved in \(OneLine.escape(store.path)). Run mnist-tutor again to continue where you left off.")
        }
    }

    /// Whether progress is being saved: the last failure (nil once a save succeeds), and whether the
    /// learner was already told (the status line says it once, not at every keystroke).
    struct SaveState {
        var failure: ProgressIssue?
        var warned = false
    }

    static func perform(_ effects: [Effect], state: inout TutorState, runner: TrainingRunner, store: ProgressStore,
                        workbench: Workbench, saving: inout SaveState) {
        for effect in effects {
            switch effect {
            case .saveProgress:
                save(state.progress, store: store, state: &state, saving: &saving)
            case .startTraining(let request):
                runner.start(request) { try workbench.loader.dataset() }
            case .stopTraining:
                runner.stop()
            case .keepModel(let model):
                // A new file per kept model: keeping one never overwrites an earlier one.
                let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt,
                                                        formatOptions: [.withFullDate, .withTime])
                var path = store.directory + "/models/model-\(stamp).safetensors"
                var n = 2
                while access(path, F_OK) == 0 {  // two keeps in one second: a new name, never the earlier file
                    path = store.directory + "/models/model-\(stamp)-\(n).safetensors"
                    n += 1
                }
                do {
                    try FileManager.default.createDirectory(atPath: store.directory + "/models", withIntermediateDirectories: true)
                    try model.save(to: path)
                    workbench.setTrained(model, name: "your model")
                    state.modelKept(path: path)
                    save(state.progress, store: store, state: &state, saving: &saving)
                } catch {
                    state.status = "Your model could not be saved: \(error)"
                }
            }
        }
    }

    static func save(_ progress: LearnerProgress, store: ProgressStore, state: inout TutorState, saving: inout SaveState) {
        do {
            if let issue = try store.save(progress) { state.status = issue.message }
            saving.failure = nil
        } catch {
            if !saving.warned { state.status = error.message }
            saving.warned = true
            saving.failure = error
        }
    }
}
