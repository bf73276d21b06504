import ArgumentParser
import Tutor

/// `mnist-tutor lessons`: the course's lessons in order, under their parts' headings, with the
/// learner's saved progress.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons by part: number, id, title, and whether you have done each.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let library = try LessonPrinter.library(global)
        let progress = LessonPrinter.progress()
        let idWidth = max(2, library.lessons.map(\.id.count).max() ?? 0)
        let titleWidth = library.lessons.map(\.title.count).max() ?? 0
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        print(" #  " + pad("id", idWidth) + "  " + pad("title", titleWidth) + "  done")
        for part in library.parts {
            // A heading line per named part, starting with the part's name (rows start with a number).
            if let name = part.name { print("\(name):") }
            for lesson in library.lessons[part.lessons] {
                let number = lesson.number < 10 ? " \(lesson.number)" : "\(lesson.number)"
                let done = progress.lessonsDone.contains(lesson.id) ? "yes" : "no"
                print(number + "  " + pad(lesson.id, idWidth) + "  " + pad(lesson.title, titleWidth) + "  " + done)
            }
        }
        let doneCount = library.lessons.filter { progress.lessonsDone.contains($0.id) }.count
        print("\(doneCount) of \(library.lessons.count) done. `mnist-tutor lesson N` opens lesson N; add --plain for plain text.")
    }
}
