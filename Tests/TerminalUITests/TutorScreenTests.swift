import Foundation
import Testing
@testable import TerminalUI
@testable import Tutor

/// The whole tutor screen rendered off-screen from a real state (real data, the pretrained model).
@Suite("Tutor screen")
struct TutorScreenTests {
    static var workbench: Workbench { Shipped.workbench }
    static var lessons: [Lesson] { Shipped.lessons }

    func render(_ state: TutorState, columns: Int = 80, rows: Int = 24,
                context: RenderContext = .unicode256) -> (lines: [String], placement: CanvasPlacement?) {
        var buffer = CellBuffer(columns: columns, rows: rows)
        let placement = TutorScreen().render(state, workbench: Self.workbench, into: &buffer, context: context).canvas
        return (buffer.lines(), placement)
    }

    func state(_ id: String) -> TutorState {
        TutorState(lessons: Self.lessons, progress: LearnerProgress(currentLesson: id), workbench: Self.workbench)
    }

    /// "8/12" for the dropout lesson of the shipped course: its place and the number of lessons loaded.
    func place(_ state: TutorState) -> String { "\(state.lesson.number)/\(Self.lessons.count)" }

    @Test("80x24: header, lesson text, panel, question and key bar all on screen")
    func layoutAt80x24() {
        let dropout = state("dropout")
        let lines = render(dropout).lines
        #expect(lines.count == 24)
        #expect(lines[0].contains(place(dropout)) && lines[0].contains("Dropout"))
        #expect(lines[1].contains("Lesson \(dropout.lesson.number)") && lines[1].contains("Dropout"))
        #expect(lines[19].contains("Q: With Dropout(0.2) in training mode"))
        #expect(lines[20].contains("this mask drop?"))  // the question wraps rather than being cut
        #expect(lines[21].contains("Your answer"))
        // The key bar takes two lines rather than hide a key: the lesson's first, moving around and help last.
        #expect(lines[22].hasPrefix("Enter check  Esc skip  + - rate  m toggle mode"))
        #expect(lines[23].contains("? help  q quit"))
        #expect(lines.joined().contains("the mask: ??"))
    }

    @Test("the focused part is marked in its title and border: the lesson text first, the panel after Tab")
    func focusMarker() {
        var s = state("digits")
        let number = s.lesson.number
        var lines = render(s).lines
        #expect(lines[1].hasPrefix("┏ ▶ Lesson \(number) ━") && lines[1].contains("┌ MNIST digit browser ─"))
        _ = s.update(.key(.tab), workbench: Self.workbench)
        lines = render(s, columns: 120, rows: 40).lines
        #expect(lines[1].hasPrefix("┌ Lesson \(number) ─") && lines[1].contains("┏ ▶ MNIST digit browser ━"))
        // The arrows the panel now has share the digit's hint with [ and ] in the key bar.
        #expect(lines[38 ... 39].joined().contains("← → [ ] digit"))
        let ascii = render(s, columns: 120, rows: 40, context: .asciiPlain).lines
        #expect(ascii[1].contains("# > MNIST digit browser ="))
    }

    @Test("a close answer's verdict is on screen whole at 80x24, with the exact value")
    func closeVerdictOnScreen() {
        var s = state("logits")
        for c in "0.1" { _ = s.update(.key(.character(c)), workbench: Self.workbench) }
        _ = s.update(.key(.enter), workbench: Self.workbench)
        let lines = render(s).lines
        let text = lines.suffix(5).joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains("Close: 0.194, not 0.1 (right is within 0.03). The ten run from 0.043 to 0.194: roughly a tenth each, not flat."))
    }

    @Test("at 80x24 every lesson's question is on screen whole, wrapped with a hanging indent")
    func everyQuestionWhole() {
        func words(_ s: String) -> [Substring] { s.split(separator: " ") }
        for lesson in Self.lessons {
            let lines = render(state(lesson.id)).lines
            let start = try! #require(lines.firstIndex { $0.contains("Q: ") }, "\(lesson.id): no question line")
            // The question's lines run until the options or the answer line.
            var text = lines[start]
            var k = start + 1
            while k < lines.count - 1, lines[k].hasPrefix("    "), !lines[k].contains(") ") { text += " " + lines[k]; k += 1 }
            let question = state(lesson.id).questionText(workbench: Self.workbench)
            #expect(!question.contains("{{"))
            #expect(words(text).joined(separator: " ").contains(words("Q: " + question).joined(separator: " ")),
                    "\(lesson.id): the question is cut:\n\(lines[start ..< k].joined(separator: "\n"))")
        }
    }

    @Test("wrapping: words kept whole, lines within the width, an ellipsis past the line limit")
    func wrapping() {
        let text = "Q: The pixel at row 5, column 10 (both counted from 0) lands where in the 784-long line?"
        let lines = TutorScreen.wrapped(text, width: 30, indent: "   ", maxLines: 5, context: .unicode256)
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("   ") && !$0.hasPrefix("    ") })
        #expect(lines.map { $0.trimmingPrefix("   ") }.joined(separator: " ") == text)
        let cut = TutorScreen.wrapped(text, width: 30, indent: "   ", maxLines: 2, context: .unicode256)
        #expect(cut.count == 2 && cut[1].hasSuffix("…") && cut[1].count <= 30)
        #expect(TutorScreen.wrapped("short", width: 30, indent: "   ", maxLines: 1, context: .unicode256) == ["short"])
        let long = TutorScreen.wrapped(String(repeating: "x", count: 25), width: 10, indent: "  ", maxLines: 9, context: .unicode256)
        #expect(long == ["xxxxxxxxxx", "  xxxxxxxx", "  xxxxxxx"])
    }

    @Test("answering reveals the mask; Tab gives the panel the whole width with the logits beside the grid")
    func revealAndZoom() {
        var s = state("dropout")
        _ = s.update(.key(.escape), workbench: Self.workbench)
        let revealed = render(s).lines.joined(separator: "\n")
        #expect(revealed.contains("the mask drops"))
        #expect(revealed.contains("dropped"))
        _ = s.update(.key(.tab), workbench: Self.workbench)
        let zoomed = render(s).lines
        #expect(!zoomed[1].contains("Lesson \(s.lesson.number)"))
        #expect(zoomed.joined().contains("logits with this mask"))
    }

    @Test("the lesson text scrolls no further than its last line, so ↑ answers at once")
    func scrollStopsAtTheEnd() throws {
        func layout(_ s: TutorState, rows: Int) -> ScreenLayout {
            var buffer = CellBuffer(columns: 80, rows: rows)
            return TutorScreen().render(s, workbench: Self.workbench, into: &buffer, context: .unicode256)
        }
        var s = state("dropout")
        s.laidOut(layout(s, rows: 24))
        let limit = try #require(s.textScrollLimit)
        #expect(limit > 10)  // the 28-column text pane holds far less than the lesson
        for _ in 0 ..< limit + 50 { _ = s.update(.key(.down), workbench: Self.workbench) }
        #expect(s.textScroll == limit)
        // The limit is exactly the end: one line further draws the same screen, one line back does not.
        let atLimit = render(s).lines
        var beyond = s
        beyond.textScroll = limit + 1
        #expect(render(beyond).lines == atLimit)
        _ = s.update(.key(.up), workbench: Self.workbench)
        #expect(s.textScroll == limit - 1)
        #expect(render(s).lines != atLimit)
        // A taller window needs less scrolling: the state follows the new limit.
        s.textScroll = limit
        s.laidOut(layout(s, rows: 60))
        #expect(s.textScroll == s.textScrollLimit && s.textScroll < limit)
    }

    @Test("the draw lesson reports where its canvas is, large when the panel has the room (Tab at 100x40, or 160x50)")
    func canvasPlacement() throws {
        let small = try #require(render(state("draw")).placement)
        #expect(small.columnsPerPixel == 1)
        #expect(try #require(render(state("draw"), columns: 100, rows: 40).placement).columnsPerPixel == 1)
        var zoomed = state("draw")
        _ = zoomed.update(.key(.tab), workbench: Self.workbench)
        let large = try #require(render(zoomed, columns: 100, rows: 40).placement)
        #expect(large.columnsPerPixel == 2 && large.rowsPerPixel == 1 && large.column == 2 && large.row == 2)
        #expect(try #require(render(state("draw"), columns: 160, rows: 50).placement).columnsPerPixel == 2)
    }

    /// The bug: after Tab at 80x24 a mouse press gave the panel the focus, which moved it, and the
    /// stroke went on outside the moved canvas. Now only Tab moves the panel, and a stroke maps
    /// through the canvas its press saw until the release, whatever is drawn in between.
    @Test("a mouse stroke maps through the canvas the press saw; the mouse never moves the panel")
    func strokeStaysOnTheCanvasItStartedOn() throws {
        var s = state("draw")
        _ = s.update(.key(.tab), workbench: Self.workbench)  // zoomed
        _ = s.update(.key(.tab), workbench: Self.workbench)  // back to the lesson text: the canvas is in the narrow panel
        #expect(s.focus == .lesson && !s.zoomed)
        func frame() -> CanvasPlacement? {
            var buffer = CellBuffer(columns: 80, rows: 24)
            let layout = TutorScreen().render(s, workbench: Self.workbench, into: &buffer, context: .unicode256)
            s.laidOut(layout)
            return layout.canvas
        }
        let before = try #require(frame())
        let column = before.column + 14, top = before.row + 2
        _ = s.update(.mouse(MouseEvent(.press, column: column, row: top)), workbench: Self.workbench)
        #expect(try #require(frame()) == before)  // the press did not move the canvas
        for row in top + 1 ... top + 10 {
            _ = s.update(.mouse(MouseEvent(.drag, column: column, row: row)), workbench: Self.workbench)
            _ = frame()
        }
        _ = s.update(.mouse(MouseEvent(.release, column: column, row: top + 10)), workbench: Self.workbench)
        let canvas = try #require(s.panel as? DrawPanel).canvas
        // One unbroken vertical line in pixel column 14, 21 pixels long (rows 4 to 24, two per cell).
        let inked = (0 ..< 28).filter { canvas[$0, 14] > 0 }
        #expect(inked.count >= 20 && inked.last! - inked.first! == inked.count - 1, "inked rows \(inked)")
    }

    @Test("a status with a long path (a kept model) is shown whole at 80x24")
    func longStatusWhole() {
        var s = state("training")
        let path = "/home/a-learner-with-a-long-name/.local/state/mnist-tutor/models/model-2026-12-02T08:13:00.safetensors"
        s.modelKept(path: path)
        let text = render(s).lines.suffix(6).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains(path) || text.replacingOccurrences(of: " ", with: "").contains(path), "\(text)")
        #expect(!text.contains("…"))
    }

    @Test("ASCII without colour draws only ASCII")
    func asciiOnly() {
        let sparsity = state("sparsity")
        let lines = render(sparsity, context: .asciiPlain).lines
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines[0].contains(place(sparsity)))
    }
}
