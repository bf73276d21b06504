/// A one-row chart of the most recent values: `[0...8]` over 0...8 draws as `▁▂▃▄▄▅▆▇█`.
///
/// Each value picks one of 8 levels within the series' range; non-finite values are blanks.
/// When there are more values than columns, the latest ones are shown.
public struct Sparkline: Widget {
    public var model: SeriesModel
    public init(_ model: SeriesModel) { self.model = model }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        let g = context.glyphs
        let range = model.effectiveRange
        let span = range.upperBound - range.lowerBound
        let shown = model.values.suffix(area.width)
        let style = context.tinted(.yellow)
        for (k, v) in shown.enumerated() {
            guard v.isFinite else { continue }
            let f = span > 0 ? min(max((v - range.lowerBound) / span, 0), 1) : 0.5
            let glyph = g.sparks[Int((f * Double(g.sparks.count - 1)).rounded())]
            buffer.set(area.x + k, area.maxY - 1, Cell(trusted: glyph, style: style), clip: area)
        }
    }
}
