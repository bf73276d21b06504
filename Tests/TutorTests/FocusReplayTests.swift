import Testing
@testable import Tutor

/// Tab gives the panel the keyboard: arrows then belong to the panel and never change lessons.
@Suite("Focus, replayed")
struct FocusReplayTests {
    @Test("lesson 2, question open: Tab then → moves to the next digit, not to lesson 3")
    func arrowsStayInTheDigitBrowser() {
        var s = ReplayWorkbench.state(number: 2)
        s.press(.tab)
        #expect(s.focus == .panel)
        s.press(.right)
        #expect(s.lesson.number == 2)
        #expect(s.live("index") == 1)
        #expect(s.panelArrowHints.map(\.keys) == ["←", "→"])
        s.press(.left, .left)
        #expect(s.lesson.number == 2 && s.live("index") == 59_999)
        // n and p still change lessons; Tab gives the arrows back to the lesson.
        s.press(.tab)
        #expect(s.focus == .lesson && s.panelArrowHints.isEmpty)
        s.press(.right)
        #expect(s.lesson.number == 3)
    }

    @Test("lesson 6: Tab then ← ← stays in lesson 6 (previous digits)")
    func arrowsStayInReLU() throws {
        var s = ReplayWorkbench.state(number: 6)
        s.press(.tab, .left, .left)
        #expect(s.lesson.number == 6)
        #expect(try #require(s.panel as? ReLUPanel).cursor.index == 9_998)
    }

    @Test("in every lesson, arrows given to the panel never change the lesson")
    func noLessonChangesWithPanelFocus() {
        for lesson in ReplayWorkbench.lessons {
            var s = ReplayWorkbench.state(at: lesson.id)
            if s.focus == .lesson { s.press(.tab) }
            #expect(s.focus == .panel)
            s.press(.right, .right, .left, .up, .down, .left, .left)
            #expect(s.lesson.id == lesson.id, "lesson \(lesson.number)")
        }
    }

    @Test("arrows with nothing to do in the panel say so on the status line")
    func arrowsWithoutAnAction() {
        var s = ReplayWorkbench.state(number: 3)  // the summary: ↑ ↓ move its rows, ← → have no use
        s.press(.tab, .right)
        #expect(s.lesson.number == 3)
        #expect(s.status == "← → belong to the panel now (Tab gives them back to the lesson); n and p change lessons.")
        s.press(.down)
        #expect(try! #require(s.panel as? SummaryPanel).selectedRow == 1)
    }
}
