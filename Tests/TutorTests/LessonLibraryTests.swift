import Foundation
import MNIST
import Testing
@testable import Tutor

@Suite("The lessons folder")
struct LessonLibraryTests {
    static func projectLessons() throws -> LessonLibrary {
        let root = try #require(DataLocation.installationDirectory(), "the project checkout (Assets/ and Lessons/)")
        return try LessonLibrary.load(directory: root + "/Lessons")
    }

    @Test("every lesson in Lessons/ parses: numbers rising, unique ids, every panel taught by some lesson")
    func projectLessonsParse() throws {
        let library = try Self.projectLessons()
        #expect(!library.lessons.isEmpty)
        #expect(zip(library.lessons, library.lessons.dropFirst()).allSatisfy { $0.number < $1.number })
        #expect(Set(library.lessons.map(\.id)).count == library.lessons.count)
        // Every registered panel is shown by some lesson (in any order: the registry's order is not the course's).
        #expect(Set(library.lessons.map(\.panel.name)) == Set(PanelRegistry.all.map(\.name)))
        #expect(try LessonLibrary.load(environment: [:]).lessons == library.lessons)  // the default folder is the same one
    }

    @Test("--lessons, then $MNIST_TUTOR_LESSONS, then the installation's folder; a named folder's problems say what named it")
    func namedFolder() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        try fixtures.write("01-rate.md", LessonFixtures.valid(id: "rate"))
        let environment = [LessonLibrary.environmentVariable: fixtures.directory]
        #expect(try LessonLibrary.load(environment: environment).lessons.map(\.id) == ["rate"])
        #expect(try LessonLibrary.load(option: fixtures.directory, environment: [:]).directory == fixtures.directory)
        #expect(try LessonLibrary.load(environment: [LessonLibrary.environmentVariable: ""]).directory
            == Self.projectLessons().directory)
        func folderError(_ option: String?, _ environment: [String: String]) throws -> String {
            let errors = #expect(throws: LessonErrors.self) { try LessonLibrary.load(option: option, environment: environment) }
            return try #require(errors?.errors.first?.description)
        }
        let missing = fixtures.directory + "/nope"
        #expect(try folderError(missing, environment) == "\(missing): no such folder (named by --lessons); "
            + "name a folder of lesson files (NN-id.md), such as a copy of the project's Lessons/")
        let file = fixtures.directory + "/01-rate.md"
        #expect(try folderError(nil, [LessonLibrary.environmentVariable: file]).hasPrefix(
            "\(file): is a file, not the lessons folder (named by $MNIST_TUTOR_LESSONS); name a folder"))
        let empty = fixtures.directory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        #expect(try folderError(empty, [:]).hasPrefix("\(empty): holds no lesson files (NN-id.md) (named by --lessons)"))
    }

    @Test("each lesson fits the tutor's text pane and carries what the screen shows")
    func projectLessonsShape() throws {
        for lesson in try Self.projectLessons().lessons {
            let lines = lesson.body.split(separator: "\n", omittingEmptySubsequences: false)
            #expect((25 ... 70).contains(lines.count), "\(lesson.file): \(lines.count) lines of text")
            #expect(lines.allSatisfy { $0.count <= 76 }, "\(lesson.file): a line is wider than 76 columns")
            #expect(lesson.kerasLines.contains { $0.contains("tf.") || $0.contains("model") }, "\(lesson.file)")
            #expect(lesson.body.contains("\n> "), "\(lesson.file): no reader's question in the text")
            #expect(!lesson.tryThis.isEmpty && !lesson.question.isEmpty)
            if let live = lesson.answer.liveValue { #expect((lesson.panel.liveValues + lesson.panel.liveTables).contains(live)) }
        }
    }

    @Test("lessons are sorted by number, not by name; README.md is skipped")
    func sortedByNumber() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        try fixtures.write("10-dropout.md", LessonFixtures.valid(id: "dropout"))
        try fixtures.write("9-rate.md", LessonFixtures.valid(id: "rate"))
        try fixtures.write("README.md", "# not a lesson\n")
        let library = try LessonLibrary.load(directory: fixtures.directory)
        #expect(library.lessons.map(\.id) == ["rate", "dropout"])
        #expect(library.index(of: "dropout") == 1)
        #expect(library.lesson(id: "rate")?.number == 9)
    }

    @Test("a duplicate id is reported at its id line, naming the file that has it first")
    func duplicateId() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        let first = try fixtures.write("01-dropout.md", LessonFixtures.valid())
        let second = try fixtures.write("02-dropout.md", LessonFixtures.valid())
        let errors = #expect(throws: LessonErrors.self) { try LessonLibrary.load(directory: fixtures.directory) }
        #expect(errors?.errors.map(\.kind) == [.duplicateId])
        #expect(errors?.description == "\(second):2: id 'dropout' is already used by \(first); ids must be unique")
    }

    @Test("a duplicate number is reported, and every broken file is listed at once")
    func duplicateNumberAndManyErrors() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        try fixtures.write("03-dropout.md", LessonFixtures.valid())
        try fixtures.write("03-rate.md", LessonFixtures.valid(id: "rate"))
        try fixtures.write("04-broken.md", "---\nid: broken\n")
        try fixtures.write("notes.md", LessonFixtures.valid())
        let errors = #expect(throws: LessonErrors.self) { try LessonLibrary.load(directory: fixtures.directory) }
        #expect(Set(errors?.errors.map(\.kind) ?? []) == [.duplicateNumber, .unterminatedFrontMatter, .badFileName])
        #expect(errors?.errors.count == 3)
    }

    @Test("a missing folder, a file instead of a folder, and an empty folder get clear errors")
    func folderProblems() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        func folderError(_ directory: String) throws -> LessonError {
            let errors = #expect(throws: LessonErrors.self) { try LessonLibrary.load(directory: directory) }
            #expect(errors?.errors.count == 1)
            return try #require(errors?.errors.first)
        }
        let missing = try folderError(fixtures.directory + "/nope")
        #expect(missing.kind == .directoryNotFound)
        #expect(missing.description.hasPrefix(fixtures.directory + "/nope: no such folder"))
        let file = try fixtures.write("plain", "x")
        #expect(try folderError(file).description == "\(file): is a file, not the lessons folder")
        #expect(try folderError(fixtures.directory).kind == .noLessons)
    }
}
