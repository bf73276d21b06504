import ArgumentParser
import Tutor

/// `mnist-tutor lesson N [--plain]`: one lesson, in the interactive tutor or as plain text.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open lesson N in the tutor, or print it as plain text with --plain.",
        discussion: """
            --plain prints the lesson's text, its Keras lines, the "Try this" prompts, the question, and the numbers \
            its live panel computes right now, without colours or shading (for screen readers and pipes).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lesson's number, as `mnist-tutor lessons` lists it.")
    var number: Int

    @Flag(name: .long, help: "Print the lesson and its panel's numbers as plain text instead of opening the tutor.")
    var plain = false

    func run() throws {
        guard plain else {
            try TutorApp.run(startLesson: number, global: global)
            return
        }
        try LessonCommand.printPlain(number: number, global: global)
    }

    /// Prints lesson `number` (or, when nil, the lesson the learner was on, else the first) as plain text.
    static func printPlain(number: Int?, global: GlobalOptions) throws {
        let library = try LessonPrinter.library(global)
        var progress = LessonPrinter.progress()
        let lesson: Lesson
        if let number {
            lesson = try LessonPrinter.lesson(number: number, in: library)
        } else {
            lesson = progress.currentLesson.flatMap(library.lesson(id:)) ?? library.lessons[0]
        }
        let workbench = try LessonPrinter.workbench(loader: LessonPrinter.loader(global), model: &progress.model)
        print(try LessonPrinter.plainText(lesson, of: library.lessons.count, progress: progress, workbench: workbench))
    }
}
