import Testing
import Tutor

/// The course the binary shows (the installation's lessons, as `LessonLibrary` finds them): tests take
/// lesson numbers and the count in the header ("8/12") from here instead of writing them down.
enum Course {
    static let lessons: [Lesson] = (try? AddedLesson.shipped().lessons) ?? []

    /// The number of the shipped lesson `id`, for `lesson N`.
    static func number(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try #require(lessons.first { $0.id == id }, "no lesson '\(id)' in the shipped lessons", sourceLocation: sourceLocation).number
    }

    /// What the header shows on lesson number `number`: "8/12".
    static func place(_ number: Int) -> String { "\(number)/\(lessons.count)" }

    /// What the header shows on lesson `id`.
    static func place(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        place(try number(id, sourceLocation: sourceLocation))
    }
}
