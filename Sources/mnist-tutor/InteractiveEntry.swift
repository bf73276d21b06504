#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// EXTENSION POINT: the interactive tutor's entry. `mnist-tutor lesson N` (without --plain) calls
/// this with `startLesson: N`; the root command is to call it with nil (the lesson the learner was
/// on). The interactive run loop replaces this body; until then it is honest about what exists:
///
/// - stdout is not a terminal (a pipe, a file, a screen reader's capture): the lesson as plain
///   text, exactly as `lesson N --plain` prints it;
/// - on a terminal: one line saying where the interactive tutor will start, and how to read the
///   lesson now.
func runInteractiveTutor(startLesson: Int?, global: GlobalOptions) throws {
    guard isatty(STDOUT_FILENO) == 1 else {
        try LessonCommand.printPlain(number: startLesson, global: global)
        return
    }
    let plain = "mnist-tutor lesson \(startLesson.map(String.init) ?? "N") --plain"
    print("The interactive tutor starts with `mnist-tutor` and is not part of this build yet; `\(plain)` prints the lesson as text.")
}
