// Frame rendering: building a full 120x40 frame of widgets and diffing it against the previous one,
// as CursesTerminal does before writing. Terminal I/O itself is not measured (it depends on the terminal).
import Foundation
import MNIST
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Builds one 120x40 frame: digit (both forms), pixel values, logits and probabilities, the 128-unit
/// grid, a loss chart, a sparkline, a progress bar, a drawing canvas and the key bar.
func buildFrame(digit: DigitImageModel, canvas: DrawingCanvasModel, step: Int, context: RenderContext) -> CellBuffer {
    var buffer = CellBuffer(columns: 120, rows: 40)
    let screen = buffer.bounds
    let rows = screen.rows([.fixed(1), .fill(1), .fixed(1)])
    let cols = rows[1].columns([.fixed(58), .fixed(30), .fill(1)], spacing: 1)
    buffer.render(DrawingCanvas(canvas, form: .large), in: cols[0].rows([.fixed(28), .fill(1)])[0], context: context)
    let middle = cols[1].rows([.fixed(15), .fixed(11), .fill(1)])
    buffer.render(DigitImage(digit, form: .compact), in: middle[0], context: context)
    let logits: [Float] = (0 ..< 10).map { Float(($0 * 37 + step) % 17) / 4 - 2 }
    buffer.render(BarChart(BarChartModel(values: logits, scale: .signed)), in: middle[1], context: context)
    let total = logits.map { exp2f($0) }.reduce(0, +)
    buffer.render(BarChart(BarChartModel(values: logits.map { exp2f($0) / total }, scale: .probability)), in: middle[2], context: context)
    let right = cols[2].rows([.fixed(10), .fixed(10), .fill(1), .fixed(1), .fixed(1)])
    let units = (0 ..< 128).map { Float(max(0, ($0 * 29 + step) % 11 - 4)) }
    buffer.render(ActivationGrid(ActivationGridModel(values: units)), in: right[0], context: context)
    buffer.render(PixelValues(PixelValuesModel(image: digit, top: 6, left: 8)), in: right[1], context: context)
    let loss = (0 ... step).map { 2.3 / Double($0 + 1).squareRoot() }
    buffer.render(LineChart([SeriesModel(name: "loss", values: loss)]), in: right[2], context: context)
    buffer.render(Sparkline(SeriesModel(name: "loss", values: loss)), in: right[3], context: context)
    buffer.render(ProgressBar(ProgressModel(completed: step % 1875, total: 1875, elapsed: Double(step) * 0.002,
                                            metrics: [.init("loss", loss.last!), .init("acc", 0.91)])), in: right[4], context: context)
    buffer.render(KeyBar(KeyBarModel([KeyHint("q", "quit"), KeyHint("?", "help"), KeyHint("space", "paint")])), in: rows[2], context: context)
    return buffer
}

/// Frame timings on test digit 0 of `data`.
func runFrameBenchmark(data: MNISTDataset) {
    print("")
    print("== frame rendering (120x40, release; best of 200) ==")
    let digit = DigitImageModel(mnist: data.xTest[0], label: "label \(data.yTest[0])")
    var canvas = DrawingCanvasModel()
    canvas.pointerDown(x: 6.5, y: 8.5)
    canvas.pointerMoved(x: 20.5, y: 20.5)
    canvas.pointerUp()

    for (name, context) in [("256 colours, Unicode", RenderContext.unicode256), ("no colour, ASCII", RenderContext.asciiPlain)] {
        var previous = buildFrame(digit: digit, canvas: canvas, step: 0, context: context)
        var step = 1
        var changed = 0
        let build = best(200) {
            previous = buildFrame(digit: digit, canvas: canvas, step: step, context: context)
            step += 1
        }
        var last = previous
        let full = best(200) {
            let frame = buildFrame(digit: digit, canvas: canvas, step: step, context: context)
            changed = frame.changes(since: last).count
            last = frame
            step += 1
        }
        print(name + String(format: ": build %.3f ms, build + diff %.3f ms   (target < 2 ms); %d cells changed between steps",
                            build * 1000, full * 1000, changed))
    }

    // One canvas pixel painted: only the cells that show it (and the cursor) change.
    let before = buildFrame(digit: digit, canvas: canvas, step: 7, context: .unicode256)
    var painted = canvas
    painted.setBrushSize(1)
    painted.stamp(x: 25.5, y: 3.5)
    let after = buildFrame(digit: digit, canvas: painted, step: 7, context: .unicode256)
    let changes = after.changes(since: before)
    print("one canvas pixel painted: \(changes.count) cells to write (the pixel's 2 cells; target: a handful)")
    precondition(changes.count <= 8, "a one-pixel change wrote \(changes.count) cells")
}
