import Foundation
import Testing
@testable import TerminalUI
@testable import Tutor

/// Parts of the course on screen: headings in the contents (scrolled so the highlighted lesson
/// shows at 80x24 however long the course), and the part's name in the header when it fits.
@Suite("Course parts on screen")
struct CoursePartsScreenTests {
    /// The shipped lessons, then copies of them numbered on from the last, in a part "Going further",
    /// so the course is longer than the contents box at 80x24.
    static func longCourse(extra: Int) -> [Lesson] {
        let shipped = Shipped.lessons
        let last = shipped.last!.number
        let copies = (0 ..< extra).map { i -> Lesson in
            let l = shipped[i % shipped.count]
            return Lesson(number: last + 1 + i, id: "extra-\(i)", title: "Extra \(i): \(l.title)", panel: l.panel, options: l.options,
                          keys: l.keys, kerasLines: l.kerasLines, body: l.body, tryThis: l.tryThis, question: l.question,
                          answer: l.answer, reason: l.reason, explain: l.explain, file: l.file, part: "Going further")
        }
        return shipped + copies
    }

    func render(_ state: TutorState, columns: Int = 80, rows: Int = 24) -> [String] {
        var buffer = CellBuffer(columns: columns, rows: rows)
        TutorScreen().render(state, workbench: Shipped.workbench, into: &buffer, context: .unicode256)
        return buffer.lines()
    }

    @Test("the contents lists each part under its heading, lessons in order")
    func headings() {
        let lessons = Self.longCourse(extra: 2)
        var s = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: "network"), workbench: Shipped.workbench)
        _ = s.update(.key(.character("t")), workbench: Shipped.workbench)
        let lines = render(s, columns: 120, rows: 40)
        let first = lines.firstIndex { $0.contains("The article's model") }
        let second = lines.firstIndex { $0.contains("Going further") }
        let lesson1 = lines.firstIndex { $0.contains(" 1  What a neural network is") }
        let extra = lines.firstIndex { $0.contains("Extra 0:") }
        #expect(first != nil && lesson1 != nil && second != nil && extra != nil, "\(lines.joined(separator: "\n"))")
        if let first, let second, let lesson1, let extra { #expect(first < lesson1 && lesson1 < second && second < extra) }
        let rows = TutorScreen.contentsRows(lessons)
        #expect(rows.count == lessons.count + 2)
        #expect(rows.compactMap(\.lesson) == Array(lessons.indices))
    }

    @Test("at 80x24 the highlighted lesson is always on screen, its part's heading above it (kept on the first line when scrolled)",
          arguments: [0, 11, 12, 16, 20])
    func scrolled(selected: Int) {
        let lessons = Self.longCourse(extra: 9)
        var s = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: "network"), workbench: Shipped.workbench)
        _ = s.update(.key(.character("t")), workbench: Shipped.workbench)
        for _ in 0 ..< selected { _ = s.update(.key(.down), workbench: Shipped.workbench) }
        let lines = render(s)
        let lesson = lessons[selected]
        let entry = "\(NumberFormat.padLeft(String(lesson.number), 2))  \(lesson.title.prefix(12))"
        let row = lines.dropFirst().firstIndex { $0.contains(entry) }
        #expect(row != nil, "lesson \(selected) is not shown:\n\(lines.joined(separator: "\n"))")
        let heading = selected < 12 ? "The article's model" : "Going further"
        if let row { #expect(lines[..<row].contains { $0.contains(heading) }, "\(lines.joined(separator: "\n"))") }
        #expect(lines.contains { $0.contains("Enter open") })
    }

    @Test("the header names the part when it fits beside the marks, and never in a course of one part")
    func header() {
        let lessons = Self.longCourse(extra: 2)
        let s = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: "extra-0"), workbench: Shipped.workbench)
        let place = "\(s.lesson.number)/\(lessons.count)"  // "13/14" with the shipped twelve
        #expect(render(s, columns: 120, rows: 40)[0].contains("\(place)  Going further · Extra 0:"))
        // At 80 columns the title keeps its room.
        #expect(render(s)[0].contains("\(place)  Extra 0:"))
        let one = Shipped.lessons.map { l -> Lesson in var l = l; l.part = nil; return l }
        let plain = TutorState(lessons: one, progress: LearnerProgress(currentLesson: "dropout"), workbench: Shipped.workbench)
        #expect(render(plain, columns: 200, rows: 50)[0].contains("\(plain.lesson.number)/\(one.count)  Dropout"))
    }
}
