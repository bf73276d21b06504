import NeuralNet
import Testing
@testable import Tutor

/// Lesson 11 replayed through `TutorState.update`: mouse strokes and keys on the canvas, with the
/// pretrained model reading the result.
@Suite("Draw panel, replayed")
struct DrawPanelTests {
    /// The canvas drawn large at column 10, row 2: pixel (x, y) is under cells (10 + 2x, 2 + y).
    static let placement = CanvasPlacement(column: 10, row: 2, columnsPerPixel: 2, rowsPerPixel: 1)

    static func mouse(_ kind: MouseEvent.Kind, x: Int, y: Int, button: MouseEvent.Button = .left) -> Event {
        .mouse(MouseEvent(kind, button: button, column: placement.column + 2 * x, row: placement.row + y))
    }

    /// A press at the top, drags down one pixel at a time, a release at the bottom: a "1".
    static func verticalStroke(x: Int, from top: Int, to bottom: Int) -> [Event] {
        [mouse(.press, x: x, y: top)] + (top + 1 ... bottom).map { mouse(.drag, x: x, y: $0) } + [mouse(.release, x: x, y: bottom)]
    }

    @Test("a vertical mouse stroke is read as 1; the answer reveals it; v shows the network's input; c clears the prediction away")
    func strokeOfOne() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "draw")
        state.laidOut(ScreenLayout(canvas: Self.placement))
        #expect(state.focus == .panel)
        #expect(state.panel.liveValue("predicted_digit", workbench: workbench) == nil)
        #expect(state.shown.contains("Draw a digit."))

        for event in Self.verticalStroke(x: 14, from: 4, to: 23) { _ = state.update(event, workbench: workbench) }
        let panel = try #require(state.panel as? DrawPanel)
        // The stroke is continuous from row 4 to row 23 in column 14.
        #expect((4 ... 23).allSatisfy { panel.canvas[$0, 14] == 255 })
        #expect(panel.canvas[2, 14] == 0 && panel.canvas[26, 14] == 0 && panel.canvas[14, 20] == 0)

        let predicted = try #require(state.panel.liveValue("predicted_digit", workbench: workbench))
        #expect(predicted == 1)
        let top = try #require(state.panel.liveValue("top_probability", workbench: workbench))
        let reading = try #require(panel.reading(workbench))
        #expect(Double(reading.probabilities.max()!) == top && top > 0.5)
        #expect(abs(reading.probabilities.reduce(0, +) - 1) < 1e-5)
        // The network's input is the MNIST-style 28x28: the stroke scaled to 20 rows, centred.
        let inkRows = (0 ..< 28).filter { r in (0 ..< 28).contains { reading.input[r * 28 + $0] > 0 } }
        // 20 rows tall; where it starts depends on the centre of mass rounding to a whole pixel.
        #expect(inkRows.count == 20 && (3 ... 5).contains(inkRows.first ?? -1), "ink rows \(inkRows)")
        #expect(reading.logits == workbench.trained.trace(reading.input.map { Float($0) / 255 }).logits)

        // While the question is open, the prediction is hidden but the prepared image is shown.
        let hidden = state.panel.view(workbench: workbench, revealed: false)
        #expect(hidden.plainText.contains("Prediction: ??"))
        #expect(hidden.leaves.contains { if case .digit = $0.content { true } else { false } })
        #expect(!hidden.leaves.contains { if case .bars = $0.content { true } else { false } })

        expectFitsNarrowPanel(hidden, "draw, hidden")
        state.type("1")
        _ = state.update(.key(.enter), workbench: workbench)
        #expect(state.question.verdict == .correct)
        let shown = state.shown
        #expect(shown.contains("Prediction: 1, probability \(PanelNumber.percent(top, 1))"))
        #expect(shown.contains("logits → softmax:") && shown.contains("\(reading.prediction): +") && shown.contains("probability"))

        // v puts the network's 28x28 in the canvas's place; the mouse does not draw on a hidden canvas.
        state.type("v")
        guard case .row(let first)? = state.panel.view(workbench: workbench, revealed: true).blocks.first?.content,
              case .digit(let seen, _)? = first.first?.content else {
            Issue.record("the first row should start with the network's input")
            return
        }
        #expect(seen.pixels == reading.input)
        for event in Self.verticalStroke(x: 4, from: 4, to: 23) { _ = state.update(event, workbench: workbench) }
        #expect((state.panel as? DrawPanel)?.canvas == panel.canvas)
        state.type("v")
        guard case .row(let again)? = state.panel.view(workbench: workbench, revealed: true).blocks.first?.content,
              case .canvas? = again.first?.content else {
            Issue.record("v again should bring the canvas back")
            return
        }

        state.type("c")
        #expect(state.panel.liveValue("predicted_digit", workbench: workbench) == nil)
        #expect(state.panel.liveValue("top_probability", workbench: workbench) == nil)
        #expect(state.shown.contains("nothing to predict"))
        #expect(!state.shown.contains("Prediction: 1"))
    }

    @Test("from the keyboard: space lowers the pen, j and the down arrow draw, x erases, [ and ] size the brush")
    func keyboardDrawing() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "draw")
        state.type("kkkkkkkkkk")      // cursor from row 14 up to row 4, pen up: no ink
        var panel = try #require(state.panel as? DrawPanel)
        #expect(panel.canvas.isBlank && panel.canvas.cursor == PixelPosition(row: 4, column: 14))
        state.type(" jjjjjjjjjj")      // pen down, ten rows with h j k l
        for _ in 0 ..< 9 { _ = state.update(.key(.down), workbench: workbench) }  // nine more with the arrow
        state.type(" ")                // pen up
        panel = try #require(state.panel as? DrawPanel)
        #expect(!panel.penDown && panel.canvas.cursor == PixelPosition(row: 23, column: 14))
        #expect((4 ... 23).allSatisfy { panel.canvas[$0, 14] == 255 })
        #expect(state.panel.liveValue("predicted_digit", workbench: workbench) == 1)

        // The brush: ] grows it (to at most 4), [ shrinks it (to at least 1).
        state.type("]]]]]")
        #expect((state.panel as? DrawPanel)?.canvas.brushSize == 4)
        state.type("[[[[[")
        #expect((state.panel as? DrawPanel)?.canvas.brushSize == 1)

        // x switches to the eraser; with the pen down, moving up the stroke wipes it out.
        state.type("x ")
        for _ in 0 ..< 19 { _ = state.update(.key(.up), workbench: workbench) }
        panel = try #require(state.panel as? DrawPanel)
        #expect(panel.tool == .erase && panel.canvas.cursor.row == 4)
        #expect((4 ... 23).allSatisfy { panel.canvas[$0, 14] == 0 })
        #expect(state.shown.contains("eraser down"))
        // Only the brush-2 rim of the first stroke is left, a faint 1 pixel either side.
        #expect(panel.canvas.pixels.allSatisfy { $0 < 255 })
    }

    @Test("mouse events off the canvas draw nothing and give no prediction")
    func offCanvas() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "draw")
        state.laidOut(ScreenLayout(canvas: Self.placement))
        for event in [Self.mouse(.press, x: -3, y: 5), Self.mouse(.drag, x: 40, y: 5), Self.mouse(.release, x: 40, y: 5)] {
            _ = state.update(event, workbench: workbench)
        }
        #expect((state.panel as? DrawPanel)?.canvas.isBlank == true)
        #expect(state.panel.liveValue("predicted_digit", workbench: workbench) == nil)
    }

    @Test("a right-button stroke erases what the left button drew; the pen tool stays paint")
    func rightButtonErases() throws {
        let workbench = ReplayWorkbench.workbench
        var state = ReplayWorkbench.state(at: "draw")
        state.laidOut(ScreenLayout(canvas: Self.placement))
        for event in Self.verticalStroke(x: 14, from: 4, to: 23) { _ = state.update(event, workbench: workbench) }
        #expect((state.panel as! DrawPanel).canvas[10, 14] == 255)
        let erase = [Self.mouse(.press, x: 14, y: 4, button: .right)]
            + (5 ... 23).map { Self.mouse(.drag, x: 14, y: $0, button: .right) } + [Self.mouse(.release, x: 14, y: 23, button: .right)]
        for event in erase { _ = state.update(event, workbench: workbench) }
        let panel = try #require(state.panel as? DrawPanel)
        #expect((4 ... 23).allSatisfy { panel.canvas[$0, 14] == 0 })
        #expect(panel.tool == .paint)
    }
}
