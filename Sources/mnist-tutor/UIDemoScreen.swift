import TerminalUI

/// The `ui-demo` screen: every TerminalUI widget on real MNIST data, one page per topic.
/// State, update and render, in the same shape as the tutor's (Model-Update-View); no terminal here.
struct UIDemoScreen {
    enum Page: Int, CaseIterable {
        case digit, network, training, canvas, text
        var title: String {
            switch self {
            case .digit: return "Digit"
            case .network: return "Network"
            case .training: return "Progress"
            case .canvas: return "Canvas"
            case .text: return "Text"
            }
        }
    }

    let data: UIDemoData
    var size: Size
    var page: Page = .digit
    var digitIndex = 0
    var pixelTop = 4
    var pixelLeft = 4
    var dropout = false
    var maskSeed: UInt64 = 1
    var evaluation: ClassMeanEvaluation
    var evaluating = true
    var canvas = DrawingCanvasModel()
    var canvasTool: DrawingCanvasModel.Tool = .paint
    var textScroll = 0
    var showHelp = false
    /// Set when the screen should close, with the interrupt that closed it, if any.
    var quit: (requested: Bool, interrupt: Interrupt?) = (false, nil)

    init(data: UIDemoData, size: Size) {
        self.data = data
        self.size = size
        evaluation = ClassMeanEvaluation(data: data)
    }

    // MARK: - Layout (shared by render and mouse handling)

    var frame: Rect { Rect(size: size) }
    var tabsRow: Rect { frame.splitTop(1).0 }
    var body: Rect { Rect(x: 0, y: 1, width: size.columns, height: max(0, size.rows - 2)) }
    var keyRow: Rect { frame.splitBottom(1).bottom }

    func tabRects() -> [(Page, Rect)] {
        var x = 0
        return Page.allCases.map { p in
            let w = " \(p.rawValue + 1) \(p.title) ".count
            defer { x += w + 1 }
            return (p, Rect(x: x, y: 0, width: w, height: 1))
        }
    }

    /// Where the drawing canvas goes and in which form (large when the body has room for it).
    func canvasPlacement() -> (area: Rect, form: DigitImage.Form) {
        let inner = body.inset(horizontal: 1, vertical: 0)
        let form: DigitImage.Form = inner.width >= 56 + 30 && inner.height >= 28 + 2 ? .large : .compact
        let s = DrawingCanvas.size(form)
        return (Rect(x: inner.x, y: inner.y + 1, width: s.columns, height: s.rows), form)
    }

    // MARK: - Update

    mutating func update(_ event: Event, seconds: () -> Double) {
        switch event {
        case .interrupt(let i): quit = (true, i)
        case .resize(let columns, let rows): size = Size(columns: columns, rows: rows)
        case .tick: tick(seconds: seconds)
        case .key(let key): handle(key)
        case .mouse(let m): handle(m)
        }
    }

    mutating func tick(seconds: () -> Double) {
        guard evaluating, !evaluation.isFinished else { return }
        evaluation.step(data: data, clock: seconds)
    }

    mutating func handle(_ key: Key) {
        if showHelp { showHelp = false; return }
        switch key {
        case .character("q"): quit = (true, nil); return
        case .character("?"): showHelp = true; return
        case .tab: page = Page(rawValue: (page.rawValue + 1) % Page.allCases.count)!; return
        case .backTab: page = Page(rawValue: (page.rawValue + Page.allCases.count - 1) % Page.allCases.count)!; return
        case .character(let c) where ("1" ... "5").contains(c): page = Page(rawValue: Int(String(c))! - 1)!; return
        default: break
        }
        switch page {
        case .digit, .network:
            switch key {
            case .character("n"): digitIndex = (digitIndex + 1) % data.images.count
            case .character("p"): digitIndex = (digitIndex + data.images.count - 1) % data.images.count
            case .character("d") where page == .network:
                dropout.toggle()
                if dropout { maskSeed &+= 1 }
            case .up where page == .digit: pixelTop = max(0, pixelTop - 1)
            case .down where page == .digit: pixelTop = min(27, pixelTop + 1)
            case .left where page == .digit: pixelLeft = max(0, pixelLeft - 1)
            case .right where page == .digit: pixelLeft = min(27, pixelLeft + 1)
            default: break
            }
        case .training:
            switch key {
            case .character(" "): evaluating.toggle()
            case .character("r"): evaluation = ClassMeanEvaluation(data: data); evaluating = true
            default: break
            }
        case .canvas:
            canvas.handle(key)
        case .text:
            let page = max(1, body.height - 1)
            switch key {
            case .up, .character("k"): textScroll = max(0, textScroll - 1)
            case .down, .character("j"): textScroll += 1
            case .pageUp: textScroll = max(0, textScroll - page)
            case .pageDown, .character(" "): textScroll += page
            case .home: textScroll = 0
            case .end: textScroll = Int.max / 2
            default: break
            }
            textScroll = min(textScroll, maxTextScroll)
        }
    }

    var maxTextScroll: Int {
        let context = RenderContext.unicodePlain
        return max(0, Text.lineCount(TextModel(markdown: UIDemoScreen.lesson), width: body.width - 3, context: context) - body.height)
    }

    mutating func handle(_ m: MouseEvent) {
        if showHelp { if m.kind == .press { showHelp = false }; return }
        if m.kind == .press, m.row == 0, let tab = tabRects().first(where: { $0.1.contains(x: m.column, y: m.row) }) {
            page = tab.0
            return
        }
        switch page {
        case .canvas:
            let (area, form) = canvasPlacement()
            let point = DrawingCanvas.canvasPoint(column: m.column, row: m.row, origin: (area.x, area.y), form: form)
            switch m.kind {
            case .press:
                canvasTool = m.button == .right ? .erase : .paint
                if let p = point { canvas.pointerDown(x: p.x, y: p.y, tool: canvasTool) }
            case .drag:
                if let p = point { canvas.pointerMoved(x: p.x, y: p.y, tool: canvasTool) } else { canvas.pointerMoved(x: -1, y: -1) }
            case .release: canvas.pointerUp()
            default: break
            }
        case .text:
            if m.kind == .scrollUp { textScroll = max(0, textScroll - 3) }
            if m.kind == .scrollDown { textScroll = min(maxTextScroll, textScroll + 3) }
        default: break
        }
    }

    // MARK: - Keys

    var keyHints: [KeyHint] {
        var hints: [KeyHint]
        switch page {
        case .digit: hints = [KeyHint("n/p", "digit"), KeyHint("←↑↓→", "scroll values")]
        case .network: hints = [KeyHint("n/p", "digit"), KeyHint("d", dropout ? "dropout off" : "dropout on")]
        case .training: hints = [KeyHint("space", evaluating ? "pause" : "resume"), KeyHint("r", "restart")]
        case .canvas: hints = DrawingCanvasModel.keyHints + [KeyHint("mouse", "draw")]
        case .text: hints = [KeyHint("↑↓", "scroll"), KeyHint("PgUp/PgDn", "page")]
        }
        return [KeyHint("q", "quit"), KeyHint("?", "help"), KeyHint("Tab", "page")] + hints
    }

    /// The help for the page on screen: the keys that work everywhere, then this page's keys.
    var help: HelpModel {
        let page: HelpModel.Section
        switch self.page {
        case .digit:
            page = .init("Digit page", [KeyHint("n / p", "next / previous test digit"), KeyHint("arrows", "scroll the pixel values")])
        case .network:
            page = .init("Network page", [KeyHint("n / p", "next / previous test digit"),
                                          KeyHint("d", "training-mode pass with Dropout(0.2), new mask each time")])
        case .training:
            page = .init("Progress page", [KeyHint("space", "pause or resume"), KeyHint("r", "start again")])
        case .canvas:
            page = .init("Canvas page", [KeyHint("arrows", "move the cursor"), KeyHint("space / x", "paint / erase at the cursor"),
                                         KeyHint("c", "clear"), KeyHint("[ / ]", "smaller / larger brush"),
                                         KeyHint("mouse", "left drag paints, right drag erases")])
        case .text:
            page = .init("Text page", [KeyHint("up down j k", "scroll a line"), KeyHint("PgUp PgDn space", "scroll a page"),
                                       KeyHint("Home End", "top / bottom"), KeyHint("mouse wheel", "scroll")])
        }
        return HelpModel(title: "Help: ui-demo", sections: [
            .init("Everywhere", [KeyHint("Tab / Shift-Tab", "next / previous page"), KeyHint("1-5", "go to a page"),
                                 KeyHint("?", "this help"), KeyHint("q, Ctrl-C", "quit")]),
            page,
        ])
    }

    // MARK: - Render

    func render(into buffer: inout CellBuffer, context: RenderContext) {
        renderTabs(into: &buffer, context: context)
        switch page {
        case .digit: renderDigit(into: &buffer, context: context)
        case .network: renderNetwork(into: &buffer, context: context)
        case .training: renderTraining(into: &buffer, context: context)
        case .canvas: renderCanvas(into: &buffer, context: context)
        case .text:
            buffer.render(Text(TextModel(markdown: Self.lesson, scroll: textScroll)), in: body.inset(horizontal: 1, vertical: 0), context: context)
        }
        buffer.render(KeyBar(KeyBarModel(keyHints)), in: keyRow, context: context)
        if showHelp { buffer.render(HelpOverlay(help), in: body, context: context) }
    }

    func renderTabs(into buffer: inout CellBuffer, context: RenderContext) {
        for (p, rect) in tabRects() {
            buffer.write(" \(p.rawValue + 1) \(p.title) ", x: rect.x, y: rect.y, style: p == page ? Style(attributes: [.reverse, .bold]) : .dim,
                         clip: tabsRow)
        }
        let name = "mnist-tutor ui-demo"
        buffer.write(name, x: tabsRow.maxX - name.count - 1, y: 0, style: .bold, clip: tabsRow)
    }

    /// A bold title line at the top of `rect`; returns the rest.
    func section(_ title: String, _ rect: Rect, into buffer: inout CellBuffer, context: RenderContext) -> Rect {
        buffer.write(context.displayable(title), x: rect.x, y: rect.y, style: Style(attributes: [.bold, .underline]), clip: rect)
        return rect.splitTop(1).1
    }

    func renderDigit(into buffer: inout CellBuffer, context: RenderContext) {
        let image = data.image(digitIndex)
        let area = body.inset(horizontal: 1, vertical: 0)
        let large = area.width >= 56 + 2 + 48 && area.height >= 31
        let cols = area.columns([.fixed(large ? 58 : 30), .fill(1)], spacing: 2)
        var left = section(large ? "Image, 2 cells per pixel" : "Image, 2 pixels per cell", cols[0], into: &buffer, context: context)
        let imageRows = (large ? 28 : 14) + 1
        buffer.render(DigitImage(image, form: large ? .large : .compact), in: left.splitTop(imageRows).0, context: context)
        left = left.splitTop(imageRows + 1).1
        var right = cols[1]
        if large {
            let parts = right.rows([.fill(1), .fixed(12)], spacing: 1)
            right = parts[0]
            left = parts[1]
        }
        // Background pixels (0) outnumber ink about 5 to 1 and would flatten the chart: count ink only.
        let histogram = HistogramModel(samples: image.pixels.filter { $0 > 0 }.map(Double.init), bins: 16, lower: 1, upper: 255,
                                       title: "Ink pixels by value")
        buffer.render(Histogram(histogram), in: Rect(x: left.x, y: left.y, width: min(left.width, 32), height: left.height), context: context)
        let values = section("Pixel values, rows \(pixelTop)+ columns \(pixelLeft)+ (x_test[\(digitIndex)])", right,
                             into: &buffer, context: context)
        buffer.render(PixelValues(PixelValuesModel(image: image, top: pixelTop, left: pixelLeft)), in: values, context: context)
    }

    func renderNetwork(into buffer: inout CellBuffer, context: RenderContext) {
        let image = data.image(digitIndex)
        let pass = data.forward(pixels: image.pixels, dropoutMaskSeed: dropout ? maskSeed : nil)
        let probabilities = pass.trace.probabilities
        let area = body.inset(horizontal: 1, vertical: 0)
        let cols = area.columns([.fixed(40), .fill(1)], spacing: 2)
        let halves = cols[0].rows([.fill(1), .fill(1)])
        buffer.render(BarChart(BarChartModel(values: pass.trace.logits, scale: .signed, title: "Logits, Dense(10)")), in: halves[0], context: context)
        buffer.render(BarChart(BarChartModel(values: probabilities, scale: .probability, title: "Softmax probabilities")),
                      in: halves[1], context: context)
        let right = cols[1].rows([.fixed(11), .fill(1)], spacing: 1)
        var grid = pass.hidden
        grid.title = dropout ? "Dense(128, relu) + Dropout(0.2), training" : "Dense(128, relu) outputs"
        buffer.render(ActivationGrid(grid), in: right[0], context: context)
        let note = """
        **Live values from the engine**: the article's model untrained (Glorot-uniform weights, seed 42, \
        zero biases), traced on test digit \(digitIndex). Like `model(x_train[:1])` before `fit`, its guess is random.
        """
        buffer.render(Block(title: "About these numbers"), in: right[1], context: context)
        buffer.render(Text(TextModel(markdown: note)), in: Block.inner(right[1]).inset(horizontal: 1, vertical: 0), context: context)
    }

    func renderTraining(into buffer: inout CellBuffer, context: RenderContext) {
        let area = body.inset(horizontal: 1, vertical: 0)
        let e = evaluation
        var rows = area.rows([.fixed(2), .fixed(1), .fixed(1), .fill(1), .fixed(2), .fixed(3)])
        buffer.render(Text(TextModel(markdown: "**A real loop to watch**: a nearest class-mean classifier (not the neural network) evaluated on test digits 5000-9999, \(ClassMeanEvaluation.batch) per step.")),
                      in: rows[0], context: context)
        let progress = ProgressModel(completed: e.done, total: e.total, elapsed: e.elapsed,
                                     metrics: e.runningAccuracy.last.map { [.init("acc", $0)] } ?? [],
                                     title: evaluating || e.isFinished ? "Evaluate" : "Paused")
        buffer.render(ProgressBar(progress), in: rows[2], context: context)
        buffer.render(LineChart([SeriesModel(name: "batch accuracy", values: e.batchAccuracy),
                                 SeriesModel(name: "running accuracy", values: e.runningAccuracy)], range: 0.5 ... 1),
                      in: rows[3], context: context)
        rows[4] = section("Mean squared distance to the nearest class mean, per step", rows[4], into: &buffer, context: context)
        buffer.render(Sparkline(SeriesModel(name: "distance", values: e.meanDistance)), in: rows[4], context: context)
        let steps = "\(e.batchAccuracy.count) of \((e.total + ClassMeanEvaluation.batch - 1) / ClassMeanEvaluation.batch) steps"
        buffer.write(steps, x: rows[5].x, y: rows[5].y + 1, style: .dim, clip: rows[5])
    }

    func renderCanvas(into buffer: inout CellBuffer, context: RenderContext) {
        let (area, form) = canvasPlacement()
        _ = section(form == .large ? "Draw a digit (2 cells per pixel)" : "Draw a digit (compact)",
                    Rect(x: area.x, y: area.y - 1, width: area.width, height: 1), into: &buffer, context: context)
        buffer.render(DrawingCanvas(canvas, form: form), in: area, context: context)
        var info = Rect(x: area.x, y: area.maxY, width: area.width, height: max(0, body.maxY - area.maxY))
        let c = canvas.cursor
        buffer.write("brush \(canvas.brushSize)  cursor (\(c.row),\(c.column)) = \(canvas[c.row, c.column])",
                     x: info.x, y: info.y, style: .plain, clip: info)
        info = info.splitTop(1).1
        buffer.write(canvas.isBlank ? "empty" : "ink in \(canvas.pixels.filter { $0 > 0 }.count) pixels",
                     x: info.x, y: info.y, style: .dim, clip: info)
        let right = Rect(x: area.maxX + 2, y: body.y, width: body.maxX - area.maxX - 3, height: body.height)
        var rest = right
        if form == .large {
            rest = section("As the model sees it (28x28)", rest, into: &buffer, context: context)
            buffer.render(DigitImage(canvas.image, form: .compact), in: rest.splitTop(14).0, context: context)
            rest = rest.splitTop(15).1
        }
        rest = section("Pixel values around the cursor", rest, into: &buffer, context: context)
        let fit = PixelValues.capacity(rest.size)
        let top = min(max(0, c.row - fit.rows / 2), max(0, 28 - fit.rows))
        let left = min(max(0, c.column - fit.columns / 2), max(0, 28 - fit.columns))
        buffer.render(PixelValues(PixelValuesModel(image: canvas.image, top: top, left: left, highlight: c)), in: rest, context: context)
    }

    static let lesson = """
    # What the model does

    The article's model is four layers, written in **Keras**:

    ```
    model = tf.keras.models.Sequential([
      tf.keras.layers.Flatten(input_shape=(28, 28)),
      tf.keras.layers.Dense(128, activation='relu'),
      tf.keras.layers.Dropout(0.2),
      tf.keras.layers.Dense(10)
    ])
    ```

    ## The layers

    - `Flatten` turns the 28x28 image into one row of 784 numbers between 0 and 1.
    - `Dense(128, activation='relu')` computes 128 weighted sums of those 784 numbers and keeps only the positive part: **ReLU** sets negatives to exactly zero.
    - `Dropout(0.2)` is active only while training: each step it zeroes a random fifth of the 128 values and scales the rest by 1/0.8, so the next layer cannot lean on any single unit.
    - `Dense(10)` turns the 128 values into 10 scores, one per digit. They are **logits**: any real number, not yet probabilities.

    ## From logits to a prediction

    Softmax makes the ten logits positive and scales them to sum to 1. The largest logit always gets the largest probability, so the prediction is the same either way; softmax only tells you how sure the model is.

    Before training, the weights are random (Glorot uniform), so the probabilities are roughly 10% each (not exactly: random weights favour some digits a little) and the loss is near ln(10), about 2.30.

    ## Training

    `model.fit(x_train, y_train, epochs=5)` shows the data to the model in batches of 32: 1875 steps per epoch. Each step nudges every weight against the gradient of the loss (Adam, learning rate 0.001). After five epochs the model is right on about 98% of the test digits.
    """
}
