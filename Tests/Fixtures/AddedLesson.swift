import Foundation
import Tutor

/// A copy of the shipped lessons folder with one lesson added (`Tests/Fixtures/added-lesson.md`, on an
/// existing panel, numbered after the last shipped lesson): what a contributor does to add a lesson.
/// Linked into the test targets that check the added lesson shows everywhere the shipped ones do.
struct AddedLesson {
    /// The temporary lessons folder: the shipped files, copied, and the added one.
    let directory: String
    /// The course loaded from `directory`.
    let library: LessonLibrary
    /// The added lesson, as the library found it.
    let lesson: Lesson

    /// The shipped course (the installation's `Lessons/`, whatever a developer's environment names).
    static func shipped() throws -> LessonLibrary { try LessonLibrary.load(environment: [:]) }

    init() throws {
        let shipped = try Self.shipped()
        directory = NSTemporaryDirectory() + "added-lesson-" + UUID().uuidString
        let files = FileManager.default
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in try files.contentsOfDirectory(atPath: shipped.directory) where name.hasSuffix(".md") {
            try files.copyItem(atPath: shipped.directory + "/" + name, toPath: directory + "/" + name)
        }
        // `Tests/<target>/AddedLesson.swift` (the link) or `Tests/Fixtures/AddedLesson.swift`: either way in Tests/.
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let fixture = tests.appendingPathComponent("Fixtures/added-lesson.md").path
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        let number = (shipped.lessons.map(\.number).max() ?? 0) + 1
        try text.write(toFile: directory + "/\(number)-test-ink.md", atomically: true, encoding: .utf8)
        library = try LessonLibrary.load(directory: directory)
        lesson = library.lessons.last!
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
