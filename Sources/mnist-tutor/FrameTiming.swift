import MNIST
import NeuralNet
import TerminalUI
import Tutor

/// How long the tutor takes to answer a keystroke on screen: `update` with the key, the panel's live
/// numbers from the engine, the whole 120x40 screen built into a buffer, and the diff against the
/// previous frame (what `CursesTerminal` writes). Terminal I/O itself is not included.
enum FrameTiming {
    /// The median and best milliseconds over `frames` keystrokes in lesson 8 (a new dropout mask each time).
    static func dropoutLesson(data: MNISTDataset, frames: Int = 100) throws -> (median: Double, best: Double) {
        let workbench = try Pretrained.workbench(data: data)
        let lessons = try LessonPrinter.library().lessons
        var state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: "dropout"), workbench: workbench)
        _ = state.update(.key(.escape), workbench: workbench)
        let screen = TutorScreen()
        var previous = CellBuffer(columns: 120, rows: 40)
        var times: [Double] = []
        for _ in 0 ..< frames {
            let start = monotonicSeconds()
            _ = state.update(.key(.character(" ")), workbench: workbench)
            var buffer = CellBuffer(columns: 120, rows: 40)
            screen.render(state, workbench: workbench, into: &buffer, context: .unicode256)
            _ = buffer.changes(since: previous)
            previous = buffer
            times.append((monotonicSeconds() - start) * 1000)
        }
        times.sort()
        return (times[times.count / 2], times[0])
    }
}
