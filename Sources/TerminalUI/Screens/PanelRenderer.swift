import Tutor

/// Lays out a `PanelView`'s blocks in a rect and draws each with its widget.
///
/// Blocks stack top to bottom (with a blank line between them when there is room); a `row` shares
/// the width, giving images and code their natural width. A large digit or canvas that does not fit
/// is drawn compact instead. Anything that still does not fit is clipped at the bottom.
public struct PanelRenderer {
    public var view: PanelView
    public init(_ view: PanelView) { self.view = view }

    /// Draws the blocks; returns where a canvas block was drawn (for mapping mouse cells to pixels).
    @discardableResult
    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) -> CanvasPlacement? {
        var placement: CanvasPlacement?
        let heights = view.blocks.map { Self.height($0, width: area.width, maxHeight: area.height, context: context) }
        let total = heights.reduce(0, +)
        let gap = total + max(0, view.blocks.count - 1) <= area.height ? 1 : 0
        var y = area.y
        for (i, (block, h)) in zip(view.blocks, heights).enumerated() where y < area.maxY {
            // A later block that does not fit whole is left out rather than cut (a half bar chart misleads);
            // a row drawn as a column shows the blocks that do fit.
            if i > 0 && y + h > area.maxY {
                if case .row(let blocks) = block, !Self.rowFits(blocks, width: area.width, maxHeight: area.height) {
                    Self.draw(block, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y),
                              buffer: &buffer, context: context, placement: &placement)
                }
                break
            }
            let rect = Rect(x: area.x, y: y, width: area.width, height: min(h, area.maxY - y))
            Self.draw(block, in: rect, buffer: &buffer, context: context, placement: &placement)
            y += h + gap
        }
        return placement
    }

    /// The block's natural width, if it has one (images, canvases, code).
    static func naturalWidth(_ block: PanelBlock, maxHeight: Int, maxWidth: Int) -> Int? {
        switch block {
        case .digit(let image, let large):
            return digitForm(large: large, rows: image.rows, columns: image.columns, labelled: image.label != nil,
                             maxHeight: maxHeight, maxWidth: maxWidth) == .large ? image.columns * 2 : image.columns
        case .canvas(_, let large):
            return digitForm(large: large, rows: 28, maxHeight: maxHeight, maxWidth: maxWidth) == .large ? 56 : 28
        case .code(let s):
            return s.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
        case .grid(let model):
            return min(ActivationGrid.cellWidth * model.preferredColumns, maxWidth)
        default:
            return nil
        }
    }

    /// Narrowest useful width for a block that shares a row's width: a bar chart needs room for its
    /// labels, values and bars; a few words of text fit in less.
    static func minimumSharedWidth(_ block: PanelBlock) -> Int {
        switch block {
        case .bars, .progress: 20
        case .chart: 16
        default: 12
        }
    }

    /// A row whose shared blocks would get less than their `minimumSharedWidth` is drawn as a column instead.
    static func rowFits(_ blocks: [PanelBlock], width: Int, maxHeight: Int) -> Bool {
        let widths = rowWidths(blocks, width: width, maxHeight: maxHeight)
        return zip(blocks, widths).allSatisfy { block, w in
            naturalWidth(block, maxHeight: maxHeight, maxWidth: width) != nil || w >= minimumSharedWidth(block)
        }
    }

    /// Large (two cells a pixel) only when asked for and it fits whole: `rows` (plus a label row) high, twice `columns` wide.
    static func digitForm(large: Bool, rows: Int, columns: Int = 28, labelled: Bool = false, maxHeight: Int,
                          maxWidth: Int = .max) -> DigitImage.Form {
        large && rows + (labelled ? 1 : 0) <= maxHeight && 2 * columns <= maxWidth ? .large : .compact
    }

    /// Rows the block needs at `width`.
    static func height(_ block: PanelBlock, width: Int, maxHeight: Int, context: RenderContext) -> Int {
        switch block {
        case .text(let s):
            return textLines(s, width: max(1, width), context: context).count
        case .code(let s):
            return s.split(separator: "\n", omittingEmptySubsequences: false).count
        case .digit(let image, let large):
            let form = digitForm(large: large, rows: image.rows, columns: image.columns, labelled: image.label != nil,
                                 maxHeight: maxHeight, maxWidth: width)
            return form.size(rows: image.rows, columns: image.columns).rows + (image.label == nil ? 0 : 1)
        case .pixels(_, let rows):
            return rows + 1
        case .bars(let model):
            return model.values.count + (model.title == nil ? 0 : 1)
        case .grid(let model):
            let grid = ActivationGrid(model)
            let columns = grid.gridColumns(width: width)
            return (model.title == nil ? 0 : 1) + (model.values.count + columns - 1) / columns + grid.countRows(context, width: width)
        case .histogram:
            return 7
        case .chart(_, let height):
            return height
        case .progress:
            return 1
        case .canvas(_, let large):
            return digitForm(large: large, rows: 28, maxHeight: maxHeight, maxWidth: width) == .large ? 28 : 14
        case .row(let blocks):
            guard rowFits(blocks, width: width, maxHeight: maxHeight) else {
                return blocks.map { height($0, width: width, maxHeight: maxHeight, context: context) }.reduce(0, +)
            }
            let widths = rowWidths(blocks, width: width, maxHeight: maxHeight)
            return zip(blocks, widths).map { height($0, width: $1, maxHeight: maxHeight, context: context) }.max() ?? 0
        }
    }

    /// A text block's lines: each source line is its own paragraph (panels write short labelled lines),
    /// wrapped to `width` with the Markdown inline styles; an empty source line stays empty.
    static func textLines(_ s: String, width: Int, context: RenderContext) -> [Text.Line] {
        s.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [Text.Line] in
            line.allSatisfy(\.isWhitespace) ? [[]] : Text.layout(String(line), width: width, context: context)
        }
    }

    /// Widths for a row's blocks: natural widths first, the rest shared; one column between blocks.
    static func rowWidths(_ blocks: [PanelBlock], width: Int, maxHeight: Int) -> [Int] {
        let spacing = max(0, blocks.count - 1) * 2
        let natural = blocks.map { naturalWidth($0, maxHeight: maxHeight, maxWidth: width) }
        let fixed = natural.compactMap { $0 }.reduce(0, +)
        let flexible = natural.filter { $0 == nil }.count
        let share = flexible == 0 ? 0 : max(0, width - spacing - fixed) / flexible
        return natural.map { $0.map { min($0, width) } ?? share }
    }

    static func draw(_ block: PanelBlock, in rect: Rect, buffer: inout CellBuffer, context: RenderContext,
                     placement: inout CanvasPlacement?) {
        guard rect.width > 0, rect.height > 0 else { return }
        switch block {
        case .text(let s):
            for (row, line) in textLines(s, width: rect.width, context: context).prefix(rect.height).enumerated() {
                var x = rect.x
                for run in line { x += buffer.write(run.text, x: x, y: rect.y + row, style: run.style, clip: rect) }
            }
        case .code(let s):
            for (i, line) in s.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where i < rect.height {
                buffer.write(context.displayable(String(line)), x: rect.x, y: rect.y + i, clip: rect)
            }
        case .digit(let image, let large):
            buffer.render(DigitImage(image, form: digitForm(large: large, rows: image.rows, columns: image.columns,
                                                            labelled: image.label != nil, maxHeight: rect.height,
                                                            maxWidth: rect.width)),
                          in: rect, context: context)
        case .pixels(let model, _):
            buffer.render(PixelValues(model), in: rect, context: context)
        case .bars(let model):
            buffer.render(BarChart(model), in: rect, context: context)
        case .grid(let model):
            buffer.render(ActivationGrid(model), in: rect, context: context)
        case .histogram(let model):
            buffer.render(Histogram(model), in: rect, context: context)
        case .chart(let series, _):
            buffer.render(LineChart(series), in: rect, context: context)
        case .progress(let model):
            buffer.render(ProgressBar(model), in: rect, context: context)
        case .canvas(let model, let large):
            let form = digitForm(large: large, rows: 28, maxHeight: rect.height, maxWidth: rect.width)
            buffer.render(DrawingCanvas(model, form: form), in: rect, context: context)
            placement = CanvasPlacement(column: rect.x, row: rect.y, columnsPerPixel: form == .large ? 2 : 1,
                                        rowsPerPixel: form == .large ? 1 : 0.5)
        case .row(let blocks) where !rowFits(blocks, width: rect.width, maxHeight: rect.height):
            // Too narrow to share: one under the other, leaving out what does not fit whole.
            var y = rect.y
            for child in blocks {
                let h = height(child, width: rect.width, maxHeight: rect.height, context: context)
                guard y + h <= rect.maxY else { break }
                draw(child, in: Rect(x: rect.x, y: y, width: rect.width, height: h), buffer: &buffer, context: context,
                     placement: &placement)
                y += h
            }
        case .row(let blocks):
            let widths = rowWidths(blocks, width: rect.width, maxHeight: rect.height)
            var x = rect.x
            for (child, w) in zip(blocks, widths) where x < rect.maxX {
                draw(child, in: Rect(x: x, y: rect.y, width: min(w, rect.maxX - x), height: rect.height),
                     buffer: &buffer, context: context, placement: &placement)
                x += w + 2
            }
        }
    }
}
