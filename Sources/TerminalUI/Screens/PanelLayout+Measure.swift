import Tutor

/// What each kind of block needs, per form: the widths it can take and the rows it needs at a width.
/// Each measurement uses the drawing widget's own rule (`BarChart.width`, `ActivationGrid.height`...),
/// so a block is never measured one way and drawn another.
enum Measure {
    struct Widths: Equatable {
        /// Narrowest width the form can be drawn in.
        var min: Int
        /// The form's exact width, for images, tables and grids; nil for blocks that take what they are given.
        var fixed: Int?
        /// Widest useful width (nil: any); a block given more is given this.
        var max: Int?
    }

    struct Size: Equatable {
        var rows: Int
        /// Rows it can use when there are rows to spare (equal to `rows` for blocks that do not grow).
        var maxRows: Int
        /// Who gets spare rows first: charts (3), histograms and number tables (2).
        var growPriority: Int
    }

    /// The forms of a kind of block, richest first.
    static func forms(_ content: PanelBlock.Content) -> [BlockForm] {
        switch content {
        case .text: return [.wrapped]
        case .code: return [.code(wrapped: false), .code(wrapped: true)]
        case .digit(let image, let large):
            let labelled = image.label != nil
            return (large ? [.image(.large, label: labelled)] : []) + [.image(.compact, label: labelled)]
                + (labelled ? [.image(.compact, label: false)] : [])
        case .canvas(_, let large): return (large ? [.image(.large, label: false)] : []) + [.image(.compact, label: false)]
        case .bars: return [.bars(bars: true), .bars(bars: false)]
        case .grid(let model):
            let p = model.preferredColumns
            var columns = [p]
            for c in [p * 3 / 4, p / 2] where c >= 4 && !columns.contains(c) { columns.append(c) }
            return columns.map { .grid(columns: $0) }
        case .heatmap: return HeatMap.cellWidths.map { .heatmap(cellWidth: $0) }
        case .pixels, .histogram, .chart, .progress, .row: return [.plain]
        }
    }

    /// What a form loses against the richest, for the search's cost: a grid's shape costs little (the
    /// same units, fewer columns), a label or wrapped code a little, a large picture more, and bars
    /// without their bars most (the numbers stay, the picture of them goes).
    static func loss(_ form: BlockForm) -> Int {
        switch form {
        case .wrapped, .plain, .code(wrapped: false), .bars(bars: true), .image(.large, _): return 0
        case .code(wrapped: true): return 1
        case .image(.compact, let label): return label ? 2 : 3
        case .bars(bars: false): return 3
        case .grid: return 0  // counted by position: each step to fewer columns costs 1
        case .heatmap(let cellWidth): return cellWidth == HeatMap.cellWidths[0] ? 0 : 1
        }
    }

    /// Widest visible line of Markdown text (markers dropped).
    static func textWidth(_ s: String, context: RenderContext) -> Int {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Text.layout(String(line), width: .max / 2, context: context).first.map { $0.reduce(0) { $0 + $1.text.count } } ?? 0
        }.max() ?? 0
    }

    static func codeLines(_ s: String, context: RenderContext) -> [String] {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { context.displayable(String($0)) }
    }

    static func widths(_ content: PanelBlock.Content, _ form: BlockForm, context: RenderContext) -> Widths {
        switch (content, form) {
        case (.text(let s), _):
            let natural = max(1, textWidth(s, context: context))
            return Widths(min: min(12, natural), fixed: nil, max: natural)
        case (.code(let s), .code(let wrapped)):
            let natural = codeLines(s, context: context).map(\.count).max() ?? 0
            return wrapped ? Widths(min: min(16, natural), fixed: nil, max: natural) : Widths(min: natural, fixed: natural, max: natural)
        case (.digit(let image, _), .image(let f, _)):
            let w = f.size(rows: image.rows, columns: image.columns).columns
            return Widths(min: w, fixed: w, max: w)
        case (.canvas, .image(let f, _)):
            let w = DrawingCanvas.size(f).columns
            return Widths(min: w, fixed: w, max: w)
        case (.pixels(let model), _):
            let most = PixelValues.width(columns: model.columns)
            return Widths(min: min(most, PixelValues.width(columns: 4)), fixed: nil, max: most)
        case (.bars(let model), .bars(let bars)):
            // Bars longer than about 50 cells read no better, and carry the marker far from the label.
            if bars { return Widths(min: BarChart.minimumWidth(model), fixed: nil, max: BarChart.minimumWidth(model) + 40) }
            let w = BarChart.valuesWidth(model)
            return Widths(min: w, fixed: w, max: w)
        case (.grid, .grid(let columns)):
            let w = columns * ActivationGrid.cellWidth
            return Widths(min: w, fixed: w, max: w)
        case (.heatmap(let model), .heatmap(let cellWidth)):
            let w = HeatMap.width(model, cellWidth: cellWidth)
            return Widths(min: w, fixed: w, max: w)
        case (.histogram, _): return Widths(min: 16, fixed: nil, max: nil)
        case (.chart, _): return Widths(min: LineChart.minimumWidth, fixed: nil, max: nil)
        case (.progress, _): return Widths(min: 24, fixed: nil, max: nil)
        default: return Widths(min: 1, fixed: nil, max: nil)
        }
    }

    static func size(_ content: PanelBlock.Content, _ form: BlockForm, width: Int, context: RenderContext) -> Size {
        func still(_ rows: Int) -> Size { Size(rows: rows, maxRows: rows, growPriority: 0) }
        switch (content, form) {
        case (.text(let s), _):
            return still(PanelRenderer.textLines(s, width: width, context: context).count)
        case (.code(let s), .code(let wrapped)):
            let lines = codeLines(s, context: context)
            return still(wrapped ? lines.reduce(0) { $0 + CodeWrap.lines($1, width: width).count } : lines.count)
        case (.digit(let image, _), .image(let f, let label)):
            return still(f.size(rows: image.rows, columns: image.columns).rows + (label ? 1 : 0))
        case (.canvas, .image(let f, _)):
            return still(DrawingCanvas.size(f).rows)
        case (.pixels(let model), _):
            // A header row, then at least a few rows of numbers; all of the region when there is room.
            return Size(rows: 1 + min(4, model.rows), maxRows: 1 + model.rows, growPriority: 2)
        case (.bars(let model), .bars):
            return still(BarChart.height(model, width: width))
        case (.grid(let model), .grid(let columns)):
            return still(ActivationGrid(model).height(columns: columns, width: width, context: context))
        case (.heatmap(let model), _):
            return still(HeatMap.height(model))
        case (.histogram(let model), _):
            let rows = Histogram(model).minimumHeight(width: width)
            return Size(rows: rows, maxRows: rows + 10, growPriority: 2)
        case (.chart(let series, let minHeight, let title), _):
            // Taller than a third of its width looks stretched; never below the block's minimum.
            let rows = minHeight + LineChart(series, title: title).titleLines(width: width).count
            return Size(rows: rows, maxRows: max(rows, min(30, width / 3)), growPriority: 3)
        case (.progress, _):
            return still(1)
        default:
            return still(0)
        }
    }
}
