import TerminalUI

/// The four ways every widget must render.
let allContexts: [(String, RenderContext)] = [
    ("unicode-256", .unicode256), ("unicode-8", .unicode8), ("unicode-none", .unicodePlain),
    ("ascii-256", .ascii256), ("ascii-none", .asciiPlain),
]

/// A cell no widget ever draws, to see where drawing happened.
let sentinel = Cell("@", style: Style(foreground: .ansi(.magenta)))

/// Renders `widget` into `area` of a buffer pre-filled with the sentinel.
func render(_ widget: some Widget, size: Size = Size(columns: 40, rows: 12), area: Rect? = nil,
            context: RenderContext) -> CellBuffer {
    var buffer = CellBuffer(size: size, filling: sentinel)
    buffer.render(widget, in: area ?? Rect(size: size), context: context)
    return buffer
}

/// The lines of `area` with trailing spaces removed (snapshots compare these).
func trimmedLines(_ buffer: CellBuffer, _ area: Rect? = nil) -> [String] {
    buffer.lines(in: area).map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
}

/// A 6x4 image with a gradient, small enough to snapshot by hand.
let tinyImage = DigitImageModel(rows: 4, columns: 6, pixels: [
    0, 0, 255, 255, 0, 0,
    0, 128, 255, 255, 60, 0,
    0, 0, 255, 0, 0, 0,
    30, 0, 255, 0, 0, 200,
], label: "seven")

/// One fixture per widget, each in a rect smaller than the 40x12 buffer, for the generic checks.
let widgetFixtures: [(String, any Widget, Rect)] = [
    ("Text", Text(TextModel(markdown: "# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n\n```\nlet x = 1\n```")),
     Rect(x: 2, y: 1, width: 20, height: 8)),
    ("DigitImage.compact", DigitImage(tinyImage, form: .compact), Rect(x: 3, y: 2, width: 8, height: 4)),
    ("DigitImage.large", DigitImage(tinyImage, form: .large), Rect(x: 1, y: 1, width: 14, height: 6)),
    ("PixelValues", PixelValues(PixelValuesModel(image: tinyImage, top: 1, left: 1, highlight: PixelPosition(row: 1, column: 2))),
     Rect(x: 1, y: 1, width: 15, height: 4)),
    ("BarChart.signed", BarChart(BarChartModel(values: [-2, 1, 4], scale: .signed)), Rect(x: 1, y: 1, width: 30, height: 3)),
    ("BarChart.probability", BarChart(BarChartModel(values: [0.1, 0.75, 0.15], scale: .probability)),
     Rect(x: 1, y: 1, width: 30, height: 3)),
    ("ActivationGrid", ActivationGrid(ActivationGridModel(values: [0, 1, 2, 4, 0, 3, 0.5, 2],
                                                          states: [.zero, .active, .dropped, .active, .zero, .keptScaled, .active, .dropped],
                                                          preferredColumns: 4)), Rect(x: 1, y: 1, width: 30, height: 4)),
    ("Histogram", Histogram(HistogramModel(counts: [1, 4, 8, 2], lower: 0, upper: 255)), Rect(x: 1, y: 1, width: 8, height: 4)),
    ("Sparkline", Sparkline(SeriesModel(name: "loss", values: (0 ... 8).map(Double.init))), Rect(x: 1, y: 1, width: 9, height: 1)),
    ("LineChart", LineChart([SeriesModel(name: "loss", values: [2.3, 1.0, 0.5, 0.3, 0.25])]), Rect(x: 1, y: 1, width: 20, height: 6)),
    ("ProgressBar", ProgressBar(ProgressModel(completed: 1875, total: 1875, elapsed: 0.2,
                                              metrics: [.init("loss", 0.29), .init("acc", 0.91)])), Rect(x: 1, y: 1, width: 38, height: 1)),
    ("DrawingCanvas.compact", DrawingCanvas(DrawingCanvasModel(), form: .compact), Rect(x: 1, y: 1, width: 28, height: 10)),
    ("KeyBar", KeyBar(KeyBarModel([KeyHint("q", "quit"), KeyHint("?", "help"), KeyHint("←→", "move")])),
     Rect(x: 1, y: 1, width: 30, height: 1)),
    ("HelpOverlay", HelpOverlay(HelpModel(title: "Help", sections: [.init("Keys", [KeyHint("q", "quit")])])),
     Rect(x: 1, y: 1, width: 38, height: 10)),
    ("Block", Block(title: "Panel"), Rect(x: 2, y: 2, width: 10, height: 4)),
    ("MinimumSizeNotice", MinimumSizeNotice(required: Size(columns: 80, rows: 24)), Rect(x: 0, y: 0, width: 40, height: 5)),
]

/// The shipped data, the pretrained model and the lessons, loaded once for every suite here that
/// renders real panels (loading the 60,000 training images is the slow part).
enum Shipped {
    static let workbench: Workbench = try! Workbench.load()
    static let lessons: [Lesson] = try! LessonLibrary.load().lessons
}
