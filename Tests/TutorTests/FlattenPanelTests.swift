import Testing
@testable import Tutor

@Suite struct FlattenPanelTests {
    let wb = ReplayWorkbench.workbench

    @Test func movingTheCursorMovesThePositionInTheLine() {
        var state = ReplayWorkbench.state(at: "flatten")
        #expect(state.live("flat_index") == Double(5 * 28 + 10))
        #expect(state.live("stream_length") == 784)
        state.type("l")
        #expect(state.live("flat_index") == Double(5 * 28 + 11))
        state.type("j")
        #expect(state.live("flat_index") == Double(6 * 28 + 11))
        state.type("kh")
        #expect(state.live("flat_index") == 150)
    }

    @Test func arrowsMoveThePixelWhenThePanelHasTheFocus() {
        var state = ReplayWorkbench.state(at: "flatten")
        state.press(.tab)
        #expect(state.focus == .panel)
        state.press(.right, .down)
        #expect(state.live("flat_index") == Double(6 * 28 + 11))
        state.press(.left, .up)
        #expect(state.live("flat_index") == 150)
        #expect(state.lesson.id == "flatten")
    }

    @Test func arrowsScrollTheTextWhenTheLessonHasTheFocus() {
        var state = ReplayWorkbench.state(at: "flatten")
        let before = state.live("flat_index")
        #expect(state.focus == .lesson)
        state.press(.down, .down, .down)
        #expect(state.textScroll == 3)
        #expect(state.live("flat_index") == before)  // the pixel stays put
        state.press(.up)
        #expect(state.textScroll == 2)
    }

    @Test func theCursorStopsAtTheEdges() {
        var state = ReplayWorkbench.state(at: "flatten")
        state.type(String(repeating: "k", count: 10) + String(repeating: "h", count: 15))
        #expect(state.live("flat_index") == 0)
        state.type(String(repeating: "j", count: 40) + String(repeating: "l", count: 40))
        #expect(state.live("flat_index") == 783)
    }

    @Test func showsTheByteAndTheValueTheModelReads() {
        var state = ReplayWorkbench.state(at: "flatten")
        state.press(.escape)
        // Move onto ink: row 6, column 13 of x_train[0] holds 253.
        state.type("jlll")
        let byte = wb.digit(train: true, index: 0).pixels[6 * 28 + 13]
        #expect(state.live("pixel_value") == Double(byte))
        #expect(byte > 0)
        let text = state.shown
        #expect(text.contains("byte \(byte), \(byte)/255 = \(PanelNumber.fixed(Double(byte) / 255, 3))"))
        #expect(text.contains("position: 6×28+13 = 181"))
        #expect(text.contains("line[179…183]"))
    }

    @Test func hidesThePositionUntilAnswered() {
        var state = ReplayWorkbench.state(at: "flatten")
        #expect(state.shown.contains("position: ?? (answer first)"))
        #expect(!state.shown.contains("= 150"))
        #expect(!state.shown.contains("line[148"))
        state.type("150")
        state.press(.enter)
        #expect(state.question.verdict == .correct)
        #expect(state.shown.contains("5×28+10 = 150"))
    }

    @Test func spacePlaysTheUnrollingOnTicks() throws {
        var state = ReplayWorkbench.state(at: "flatten")
        var panel = try #require(state.panel as? FlattenPanel)
        let idle = panel.tick(workbench: wb)
        #expect(!idle)
        state.type(" ")
        panel = try #require(state.panel as? FlattenPanel)
        #expect(panel.unrolledRows == 0)
        var changes = 0, ticks = 0
        while panel.unrolledRows != nil && ticks < 1000 {
            if panel.unrolledRows == 3 {
                let text = panel.view(workbench: wb, revealed: true).plainText
                #expect(text.contains("line: 84/784"))
                #expect(text.contains("row 3 → line[84…111]"))
                let hidden = panel.view(workbench: wb, revealed: false).plainText
                #expect(hidden.contains("row 3 → the next 28 places"))
                #expect(!hidden.contains("84…"))
            }
            if panel.tick(workbench: wb) { changes += 1 }
            ticks += 1
        }
        #expect(panel.unrolledRows == nil)
        #expect(changes >= 28)
        let afterwards = panel.tick(workbench: wb)
        #expect(!afterwards)
        // Through the tutor's own tick events (the local copy above ran on its own): space stops, space starts.
        state.type(" ")
        #expect(try #require(state.panel as? FlattenPanel).unrolledRows == nil)
        state.type(" ")
        _ = state.update(.tick, workbench: wb)
        _ = state.update(.tick, workbench: wb)
        #expect(try #require(state.panel as? FlattenPanel).unrolledRows == 1)
        state.type(" ")
        #expect(try #require(state.panel as? FlattenPanel).unrolledRows == nil)
    }
}
