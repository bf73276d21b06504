import MNIST
import NeuralNet

/// Lesson 11: the learner draws a digit (mouse or keyboard) and the model reads it, after the same
/// preparation MNIST's digits had (`DigitPreprocessor`: crop to the ink, fit 20x20 by area averaging,
/// centre of mass at the centre).
///
/// Contract: the prediction is computed from the canvas every time the panel is shown, never cached
/// or invented; an empty canvas (no pixel at or above the preprocessor's ink threshold) has no
/// prediction at all, and `predicted_digit` / `top_probability` are then nil.
///
/// Keyboard drawing works like a pen plotter: `toggle_pen` lowers or lifts the pen (lowering it inks
/// the cursor's pixel), and while it is down every cursor move inks the new pixel. `erase` switches
/// the tool between pen and eraser for the keyboard and the mouse alike.
public struct DrawPanel: LessonPanel {
    public var canvas: DrawingCanvasModel
    /// Whether cursor moves leave ink (or erase, with the eraser).
    public var penDown = false
    /// The tool the keyboard pen and the mouse use.
    public var tool: DrawingCanvasModel.Tool = .paint
    /// The tool of the mouse stroke under way: the right button erases, the left uses `tool`.
    var strokeTool: DrawingCanvasModel.Tool = .paint
    public var trainedModel: Bool
    /// Show the 28x28 image the network receives in the canvas's place (`toggle_view`): at 80x24
    /// there is room for one 28x28 picture beside the probabilities, not two. The mouse does not
    /// draw while the canvas is hidden; the keyboard still does, and the image follows live.
    public var showsNetworkInput = false
    /// The lesson's key for the pen, shown in prompts (`space` unless the lesson binds another).
    let penKey: String
    /// The lesson's key for `toggle_view`, shown in prompts.
    let viewKey: String

    public init(lesson: Lesson, workbench: Workbench) {
        canvas = DrawingCanvasModel()
        trainedModel = lesson.options.usesTrainedModel
        penKey = lesson.key(for: Action.togglePen) ?? "space"
        viewKey = lesson.key(for: Action.toggleView) ?? "toggle_view"
    }

    public static let options: [LessonOption] = [.model]

    /// The lesson opens with the canvas focused: the arrows move the cursor at once.
    public static var startsWithFocus: Bool { true }

    public enum Action: String, PanelName {
        case moveLeft = "move_left", moveDown = "move_down", moveUp = "move_up", moveRight = "move_right"
        case togglePen = "toggle_pen", clear, erase, brushSmaller = "brush_smaller", brushLarger = "brush_larger"
        case toggleView = "toggle_view"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .moveLeft: move(rows: 0, columns: -1)
        case .moveRight: move(rows: 0, columns: 1)
        case .moveUp: move(rows: -1, columns: 0)
        case .moveDown: move(rows: 1, columns: 0)
        case .togglePen:
            penDown.toggle()
            if penDown { canvas.applyAtCursor(tool) }
        case .erase:
            tool = tool == .paint ? .erase : .paint
            if penDown { canvas.applyAtCursor(tool) }
        case .clear:
            canvas.clear()
            penDown = false
            showsNetworkInput = false
        case .brushSmaller: canvas.setBrushSize(canvas.brushSize - 1)
        case .brushLarger: canvas.setBrushSize(canvas.brushSize + 1)
        case .toggleView: showsNetworkInput = !showsNetworkInput && !canvas.isBlank
        }
        return []
    }

    /// Moves the cursor one pixel, inking (or erasing) the new pixel while the pen is down.
    mutating func move(rows: Int, columns: Int) {
        canvas.moveCursor(rows: rows, columns: columns)
        if penDown { canvas.applyAtCursor(tool) }
    }

    /// The arrow keys move the cursor like `h` `j` `k` `l` when the panel has the focus.
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? {
        switch key {
        case .left: move(rows: 0, columns: -1)
        case .right: move(rows: 0, columns: 1)
        case .up: move(rows: -1, columns: 0)
        case .down: move(rows: 1, columns: 0)
        default: return nil
        }
        return []
    }

    /// Press starts a stroke, drag continues it, release ends it; points off the canvas are ignored.
    /// The right button erases whatever the current tool is.
    public mutating func pointer(_ kind: MouseEvent.Kind, button: MouseEvent.Button, x: Double, y: Double,
                                 workbench: Workbench) -> [Effect] {
        if canvas.isBlank { showsNetworkInput = false }  // an empty canvas is always shown
        guard !showsNetworkInput else { return [] }
        switch kind {
        case .press:
            strokeTool = button == .right ? .erase : tool
            canvas.pointerDown(x: x, y: y, tool: strokeTool)
        case .drag: canvas.pointerMoved(x: x, y: y, tool: strokeTool)
        case .release: canvas.pointerUp()
        case .scrollUp, .scrollDown: break
        }
        return []
    }

    /// The network's input before there is ink: an empty 28x28, labelled like the real one.
    static let nothingSeen = DigitImageModel(pixels: [UInt8](repeating: 0, count: 784), label: "the network sees nothing")

    public var movesCursorWithArrows: Bool { true }

    public var extraHints: [KeyHint] { [KeyHint("←↑↓→", "move"), KeyHint("mouse", "draw (right button erases)")] }

    // MARK: What the model sees

    /// The drawing after MNIST's preparation and the model's reading of it; nil for an empty canvas.
    public struct Reading: Equatable, Sendable {
        /// The 28x28 bytes the model receives (before the division by 255).
        public var input: [UInt8]
        public var logits: [Float]
        public var probabilities: [Float]
        public var prediction: Int
        public var topProbability: Float { probabilities[prediction] }
    }

    public func reading(_ workbench: Workbench) -> Reading? {
        guard let input = DigitPreprocessor.preprocess(canvas.pixels, width: DrawingCanvasModel.side,
                                                       height: DrawingCanvasModel.side) else { return nil }
        let trace = workbench.model(trained: trainedModel).trace(input.map { Float($0) / 255 })
        return Reading(input: input, logits: trace.logits, probabilities: trace.probabilities, prediction: trace.prediction)
    }

    public enum LiveValue: String, PanelName {
        case predictedDigit = "predicted_digit", topProbability = "top_probability"
    }

    /// Both describe the learner's drawing: nil while the canvas is blank.
    public static var producedLater: [LiveValue] { LiveValue.allCases }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        guard let reading = reading(workbench) else { return nil }
        switch value {
        case .predictedDigit: return Double(reading.prediction)
        case .topProbability: return Double(reading.topProbability)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .value(.topProbability): return liveValue(.topProbability, workbench: workbench).map { PanelNumber.percent($0, 1) }
        case .value(let value): return liveValue(value, workbench: workbench).map { String(Int($0)) }
        }
    }

    public var predictionHint: String? {
        "Draw your digit; when it is done, press Enter to see what the network says."
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let reading = reading(workbench)
        let toolName = tool == .paint ? "pen" : "eraser"
        let status = "\(toolName) \(penDown ? "down" : "up") · brush \(canvas.brushSize) · row \(canvas.cursor.row), column \(canvas.cursor.column)"
        let modelName = trainedModel ? workbench.trainedName : "the untrained model"
        // The empty view has the same row as the drawn one (canvas, what the network sees, words), so the
        // canvas keeps its place and size when the first stroke makes a prediction appear.
        guard let reading else {
            return PanelView(title: "Draw a digit", blocks: [
                .row([.canvas(canvas, large: true).essential, .digit(Self.nothingSeen, large: false),
                      .text("**Draw a digit.** The canvas is empty, so there is nothing to predict yet.").essential]),
                .text(status).extra,
                .text("Press `\(penKey)` to put the pen down, or draw with the mouse. The 28x28 image the network receives appears here once there is ink."),
            ])
        }
        let seen = DigitImageModel(pixels: reading.input, label: "what the network sees")
        // The left picture: the canvas, or the network's input in its place.
        let picture: PanelBlock = showsNetworkInput ? .digit(seen, large: true) : .canvas(canvas, large: true)
        let viewHint = showsNetworkInput ? "`\(viewKey)`: back to the canvas" : "`\(viewKey)`: show what the network sees"
        guard revealed else {
            var row: [PanelBlock] = [picture.essential, .text("Prediction: **??**\nAnswer the question first: which digit will it say?").essential]
            if !showsNetworkInput { row.insert(.digit(seen, large: false), at: 1) }
            return PanelView(title: "Draw a digit", blocks: [.row(row), .text(status + " · " + viewHint).extra])
        }
        let percent = PanelNumber.percent(Double(reading.topProbability), 1)
        // The drawing, what the network receives, and each digit's logit with its probability; the
        // prediction under them. A narrow panel keeps the canvas and the numbers (without their bars).
        var row: [PanelBlock] = [picture.essential]
        if !showsNetworkInput { row.append(.digit(seen, large: false)) }
        row.append(.bars(BarChartModel(values: reading.logits, scale: .signed, highlighted: reading.prediction,
                                       title: "logits → softmax", probabilities: reading.probabilities)).essential)
        return PanelView(title: "Draw a digit", blocks: [
            .row(row),
            .text("Prediction: **\(reading.prediction)**, probability \(percent) (\(modelName))").essential,
            .text(status + " · " + viewHint).extra,
        ])
    }

}
