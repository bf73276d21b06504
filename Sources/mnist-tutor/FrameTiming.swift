import MNIST
import NeuralNet
import TerminalUI
import Tutor

/// How long the tutor takes to answer a keystroke on screen: `update` with the key, the panel's live
/// numbers from the engine, the whole 120x40 screen built into a buffer, and the diff against the
/// previous frame (what `CursesTerminal` writes). Terminal I/O itself is not included.
enum FrameTiming {
    /// The median and best milliseconds over `frames` keystrokes in the dropout lesson (a new mask each
    /// time: the `new_mask` action's key).
    static func dropoutLesson(data: MNISTDataset, lessons: [Lesson], frames: Int = 100) throws -> (median: Double, best: Double) {
        let workbench = try Pretrained.workbench(data: data)
        guard let lesson = lessons.first(where: { $0.keys.contains { $0.action == "new_mask" } }),
              let key = lesson.keys.first(where: { $0.action == "new_mask" })?.character else {
            throw CommandError("the lessons have no dropout lesson with a new_mask key to time the frames with")
        }
        var state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lesson.id), workbench: workbench)
        _ = state.update(.key(.escape), workbench: workbench)
        let screen = TutorScreen()
        var previous = CellBuffer(columns: 120, rows: 40)
        var times: [Double] = []
        for _ in 0 ..< frames {
            let start = monotonicSeconds()
            _ = state.update(.key(.character(key)), workbench: workbench)
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
