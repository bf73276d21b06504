import Foundation
import Testing
@testable import Tutor

/// `part:` in a lesson's front matter: the parser reads it, the library fills in lessons without it
/// from the lesson before, and a part that comes back after another is an error.
@Suite("Parts of the course")
struct LessonPartTests {
    static func lesson(id: String, part: String?) -> String {
        let front = LessonFixtures.valid(id: id).split(separator: "\n").dropFirst().prefix { $0 != "---" }.joined(separator: "\n")
        return LessonFixtures.valid(id: id, frontMatter: front + (part.map { "\npart: \($0)" } ?? ""))
    }

    @Test("the parser reads part:, and a lesson without it has none of its own")
    func parsed() throws {
        let named = try LessonParser.parse(Self.lesson(id: "dropout", part: "Going further"), file: "13-dropout.md")
        #expect(named.part == "Going further")
        let plain = try LessonParser.parse(Self.lesson(id: "dropout", part: nil), file: "13-dropout.md")
        #expect(plain.part == nil)
    }

    @Test("a part's name is short plain text: too long is a file:line error")
    func badName() throws {
        let long = String(repeating: "x", count: LessonPart.maximumNameLength + 1)
        let error = try #require(LessonFixtures.error(Self.lesson(id: "dropout", part: long)))
        #expect(error.kind == .badPart)
        #expect(error.line == 10)
        #expect(error.description.hasPrefix("08-dropout.md:10: a part's name is at most 32 characters"))
        let exact = String(repeating: "x", count: LessonPart.maximumNameLength)
        #expect(LessonFixtures.error(Self.lesson(id: "dropout", part: exact)) == nil)
        // The key is known, so an empty value gets the usual empty-value error rather than "unknown key".
        #expect(LessonFixtures.error(Self.lesson(id: "dropout", part: "")).map(\.kind) == .emptyValue)
    }

    @Test("a lesson without part: joins the part of the lesson before; lessons before any part: form an unnamed part")
    func inherited() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        try fixtures.write("01-intro.md", Self.lesson(id: "intro", part: nil))
        try fixtures.write("02-basics.md", Self.lesson(id: "basics", part: "Basics"))
        try fixtures.write("03-more.md", Self.lesson(id: "more", part: nil))
        try fixtures.write("10-further.md", Self.lesson(id: "further", part: "Going further"))
        try fixtures.write("11-again.md", Self.lesson(id: "again", part: "Going further"))  // naming it again is fine
        try fixtures.write("12-last.md", Self.lesson(id: "last", part: nil))
        let library = try LessonLibrary.load(directory: fixtures.directory)
        #expect(library.lessons.map(\.part) == [nil, "Basics", "Basics", "Going further", "Going further", "Going further"])
        #expect(library.parts == [LessonPart(name: nil, lessons: 0 ..< 1), LessonPart(name: "Basics", lessons: 1 ..< 3),
                                  LessonPart(name: "Going further", lessons: 3 ..< 6)])
    }

    @Test("a part named again after another part has started is reported at its part: line")
    func splitPart() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        let first = try fixtures.write("01-a.md", Self.lesson(id: "a", part: "One"))
        try fixtures.write("02-b.md", Self.lesson(id: "b", part: "Two"))
        let third = try fixtures.write("03-c.md", Self.lesson(id: "c", part: "One"))
        let errors = #expect(throws: LessonErrors.self) { try LessonLibrary.load(directory: fixtures.directory) }
        #expect(errors?.errors.map(\.kind) == [.partSplit])
        #expect(errors?.description.hasPrefix("\(third):10: part 'One' already ended with \(first);") == true)
    }

    @Test("the shipped course: lesson 1 names the first part, and every part is one run")
    func shipped() throws {
        let library = try LessonLibraryTests.projectLessons()
        let parts = library.parts
        #expect(parts.first?.name == "The article's model")
        #expect(parts.first?.lessons.lowerBound == 0)
        #expect(Set(parts.compactMap(\.name)).count == parts.count, "a part's name appears once")
        #expect(parts.map(\.lessons.count).reduce(0, +) == library.lessons.count)
    }
}
