/// What a lesson's live panel shows right now, as plain values: a title and a column of blocks.
///
/// Panels build these from the engine and the data; `TerminalUI` lays the blocks out and draws them
/// with its widgets, and `plainText` gives the same content as words and numbers (for `lesson N --plain`
/// and screen readers). No block carries colour or glyph choices: those belong to the renderer.
public struct PanelView: Equatable, Sendable {
    public var title: String
    public var blocks: [PanelBlock]

    public init(title: String, blocks: [PanelBlock]) {
        self.title = title
        self.blocks = blocks
    }
}

/// One piece of a panel. `row` puts blocks side by side; everything else stacks top to bottom.
public indirect enum PanelBlock: Equatable, Sendable {
    /// Prose or short labelled numbers, wrapped to the panel's width. `**bold**` and `` `code` `` work.
    case text(String)
    /// Pre-formatted lines (tables, the summary, equations), never wrapped; clipped when too wide.
    case code(String)
    /// A 28x28 digit: compact (two pixels per cell) or large (two cells per pixel).
    case digit(DigitImageModel, large: Bool)
    /// The 0–255 numbers of a region of an image.
    case pixels(PixelValuesModel, rows: Int)
    case bars(BarChartModel)
    case grid(ActivationGridModel)
    case histogram(HistogramModel)
    /// One or more series over steps or epochs, as a line chart.
    case chart([SeriesModel], height: Int)
    case progress(ProgressModel)
    /// The drawing canvas (mouse and keyboard), compact or large.
    case canvas(DrawingCanvasModel, large: Bool)
    /// Blocks side by side, left to right, each in an equal share of the width unless it has a natural width.
    case row([PanelBlock])
}
