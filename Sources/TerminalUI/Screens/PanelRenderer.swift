import Tutor

/// Draws a `PanelLayout`: each placed block with its widget, in its form, clipped to its rect, and
/// the notice line when the layout left something out. It decides nothing about where things go.
public struct PanelRenderer {
    public var layout: PanelLayout
    public init(_ layout: PanelLayout) { self.layout = layout }

    /// Lays `view` out in `area` and draws it; returns the layout drawn (the canvas placement maps the mouse).
    @discardableResult
    public static func render(_ view: PanelView, into buffer: inout CellBuffer, area: Rect, context: RenderContext,
                              notice: String? = nil) -> PanelLayout {
        let layout = PanelLayout(view: view, area: area, context: context)
        PanelRenderer(layout).render(into: &buffer, context: context, notice: notice)
        return layout
    }

    /// Draws every placement; `notice` (e.g. "Tab: the whole width shows 2 more") goes on the notice row.
    public func render(into buffer: inout CellBuffer, context: RenderContext, notice: String? = nil) {
        for placement in layout.placements {
            Self.draw(placement, into: &buffer, context: context)
        }
        if let row = layout.notice, let notice {
            let text = "\(context.glyphs.ellipsis) \(layout.omitted.count) more: " + notice
            buffer.write(context.displayable(text), x: row.x, y: row.y, style: .dim, clip: row)
        }
    }

    /// The canvas placement as the mouse needs it: top-left cell and cells per pixel.
    public static func canvasPlacement(_ placement: PanelLayout.Placement) -> CanvasPlacement {
        let large = placement.form == .image(.large, label: false)
        return CanvasPlacement(column: placement.rect.x, row: placement.rect.y, columnsPerPixel: large ? 2 : 1,
                               rowsPerPixel: large ? 1 : 0.5)
    }

    /// A text block's lines: each source line is its own paragraph (panels write short labelled lines),
    /// wrapped to `width` with the Markdown inline styles; an empty source line stays empty.
    static func textLines(_ s: String, width: Int, context: RenderContext) -> [Text.Line] {
        s.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [Text.Line] in
            line.allSatisfy(\.isWhitespace) ? [[]] : Text.layout(String(line), width: width, context: context)
        }
    }

    /// Draws one placed block; nothing outside `placement.rect`.
    static func draw(_ placement: PanelLayout.Placement, into buffer: inout CellBuffer, context: RenderContext) {
        let rect = placement.rect.intersection(buffer.bounds)
        guard rect.width > 0, rect.height > 0 else { return }
        switch (placement.block.content, placement.form) {
        case (.text(let s), _):
            for (row, line) in textLines(s, width: rect.width, context: context).prefix(rect.height).enumerated() {
                var x = rect.x
                for run in line { x += buffer.write(run.text, x: x, y: rect.y + row, style: run.style, clip: rect) }
            }
        case (.code(let s), .code(let wrapped)):
            let lines = Measure.codeLines(s, context: context).flatMap { wrapped ? CodeWrap.lines($0, width: rect.width) : [$0] }
            for (i, line) in lines.prefix(rect.height).enumerated() {
                buffer.write(line, x: rect.x, y: rect.y + i, clip: rect)
            }
        case (.digit(let image, _), .image(let form, let label)):
            var shown = image
            if !label { shown.label = nil }
            buffer.render(DigitImage(shown, form: form), in: rect, context: context)
        case (.canvas(let model, _), .image(let form, _)):
            buffer.render(DrawingCanvas(model, form: form), in: rect, context: context)
        case (.pixels(let model), _):
            buffer.render(PixelValues(model), in: rect, context: context)
        case (.bars(let model), .bars(let bars)):
            buffer.render(BarChart(model, showsBars: bars), in: rect, context: context)
        case (.grid(let model), .grid(let columns)):
            var narrowed = model
            narrowed.preferredColumns = columns
            buffer.render(ActivationGrid(narrowed), in: rect, context: context)
        case (.heatmap(let model), .heatmap(let cellWidth)):
            buffer.render(HeatMap(model, cellWidth: cellWidth), in: rect, context: context)
        case (.histogram(let model), _):
            buffer.render(Histogram(model), in: rect, context: context)
        case (.chart(let series, _, let title), _):
            buffer.render(LineChart(series, title: title), in: rect, context: context)
        case (.progress(let model), _):
            buffer.render(ProgressBar(model), in: rect, context: context)
        default:
            break
        }
    }
}
