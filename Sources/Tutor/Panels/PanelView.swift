/// What a lesson's live panel shows right now, as plain values: a title and a column of blocks.
///
/// Panels build these from the engine and the data; `TerminalUI` lays the blocks out (`PanelLayout`)
/// and draws them with its widgets, and `plainText` gives the same content as words and numbers (for
/// `lesson N --plain` and screen readers). No block carries colour, glyph or size choices: those belong
/// to the renderer. What a block does declare is how much it matters (`Importance`), so that a small
/// window leaves out a caption before it leaves out the answer.
public struct PanelView: Equatable, Sendable {
    public var title: String
    public var blocks: [PanelBlock]

    public init(title: String, blocks: [PanelBlock]) {
        self.title = title
        self.blocks = blocks
    }

    /// Every block that is not a row, rows opened up, in reading order.
    public var leaves: [PanelBlock] {
        blocks.flatMap { block -> [PanelBlock] in
            if case .row(let children) = block.content { return children.flatMap { PanelView(title: "", blocks: [$0]).leaves } }
            return [block]
        }
    }
}

/// How much a block matters when the panel cannot show everything.
///
/// The layout shrinks blocks before it leaves any out, leaves out `extra` blocks before `useful` ones,
/// and never leaves out an `essential` one (when even those do not fit, it shows what fits and a line
/// naming the key that gives the panel more room).
public enum Importance: Int, Comparable, Sendable, CaseIterable {
    /// Decoration or a repeat of something shown elsewhere (a status line, a hint).
    case extra
    /// Worth showing, but the lesson reads without it (a second chart, a caption).
    case useful
    /// What the lesson is about: the number its question asks for, its central picture, the prediction.
    case essential

    public static func < (a: Importance, b: Importance) -> Bool { a.rawValue < b.rawValue }
}

/// One piece of a panel: what it shows (`content`) and how much it matters (`importance`, `useful`
/// unless a panel says otherwise with `.essential` or `.extra`).
///
/// Build blocks with the static functions named after the content (`.text(...)`, `.bars(...)`,
/// `.row([...])`) and mark them: `.text("Prediction: 7").essential`.
public struct PanelBlock: Equatable, Sendable {
    public var content: Content
    public var importance: Importance

    public init(_ content: Content, importance: Importance = .useful) {
        self.content = content
        self.importance = importance
    }

    /// What a block shows. Each kind has the forms `TerminalUI`'s layout can draw it in (a digit large
    /// or compact, bars with or without their bars, a chart of any height from its minimum...).
    public indirect enum Content: Equatable, Sendable {
        /// Prose or short labelled numbers, wrapped to the width given. `**bold**` and `` `code` `` work.
        case text(String)
        /// Pre-formatted lines (tables, the summary, equations): as written when they fit, else wrapped at
        /// token boundaries with a hanging indent, never cut.
        case code(String)
        /// A 28x28 digit: compact (two pixels per cell), or large (two cells per pixel) when `large` and it fits.
        case digit(DigitImageModel, large: Bool)
        /// The 0–255 numbers of a region of an image; as many rows and columns of it as fit.
        case pixels(PixelValuesModel)
        case bars(BarChartModel)
        case grid(ActivationGridModel)
        case histogram(HistogramModel)
        /// One or more series over steps or epochs, as a line chart at least `minHeight` rows tall (under
        /// its title, which says what is plotted); it takes the rows the panel has to spare.
        case chart([SeriesModel], minHeight: Int, title: String?)
        case progress(ProgressModel)
        /// The drawing canvas (mouse and keyboard), compact or, when `large` and it fits, large.
        case canvas(DrawingCanvasModel, large: Bool)
        /// A square table of counts (a confusion matrix) as a heat map with its numbers.
        case heatmap(HeatMapModel)
        /// Blocks side by side, left to right, wrapping onto more lines when they do not all fit
        /// (a row is a wish, not a promise). Rows do not nest.
        case row([PanelBlock])
    }

    public var essential: PanelBlock { with(.essential) }
    public var extra: PanelBlock { with(.extra) }

    /// The block with `importance`; for a row, every block in it.
    public func with(_ importance: Importance) -> PanelBlock {
        var copy = self
        copy.importance = importance
        if case .row(let children) = content { copy.content = .row(children.map { $0.with(importance) }) }
        return copy
    }

    public static func text(_ s: String) -> PanelBlock { PanelBlock(.text(s)) }
    public static func code(_ s: String) -> PanelBlock { PanelBlock(.code(s)) }
    public static func digit(_ image: DigitImageModel, large: Bool) -> PanelBlock { PanelBlock(.digit(image, large: large)) }
    public static func pixels(_ model: PixelValuesModel) -> PanelBlock { PanelBlock(.pixels(model)) }
    public static func bars(_ model: BarChartModel) -> PanelBlock { PanelBlock(.bars(model)) }
    public static func grid(_ model: ActivationGridModel) -> PanelBlock { PanelBlock(.grid(model)) }
    public static func histogram(_ model: HistogramModel) -> PanelBlock { PanelBlock(.histogram(model)) }
    /// A chart at least `minHeight` rows tall (5 at the least: a legend, three plot rows and an axis), under `title`.
    public static func chart(_ series: [SeriesModel], minHeight: Int = 5, title: String? = nil) -> PanelBlock {
        PanelBlock(.chart(series, minHeight: max(5, minHeight), title: title))
    }
    public static func progress(_ model: ProgressModel) -> PanelBlock { PanelBlock(.progress(model)) }
    public static func canvas(_ model: DrawingCanvasModel, large: Bool) -> PanelBlock { PanelBlock(.canvas(model, large: large)) }
    public static func heatmap(_ model: HeatMapModel) -> PanelBlock { PanelBlock(.heatmap(model)) }
    /// Side by side; the row itself is as important as its most important block.
    public static func row(_ blocks: [PanelBlock]) -> PanelBlock {
        PanelBlock(.row(blocks), importance: blocks.map(\.importance).max() ?? .useful)
    }
}
