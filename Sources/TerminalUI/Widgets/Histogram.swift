/// Vertical bars, one per bin, scaled to the largest count, with the range under them and, between its
/// ends, what the tallest bar stands for ("tallest bar: 23 units") when there is room.
///
/// Bars have eighth-row precision (sparkline glyphs); a bin with any count shows at least the
/// lowest glyph so that "few" never looks like "none". When there are more bins than columns,
/// neighbouring bins are summed.
public struct Histogram: Widget {
    public var model: HistogramModel
    public init(_ model: HistogramModel) { self.model = model }

    /// The counts after merging bins so that at most `columns` remain.
    public static func merged(_ counts: [Int], columns: Int) -> [Int] {
        guard columns > 0, counts.count > columns else { return counts }
        let factor = (counts.count + columns - 1) / columns
        return stride(from: 0, to: counts.count, by: factor).map { counts[$0 ..< min($0 + factor, counts.count)].reduce(0, +) }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height >= 2 else { return }
        var top = area.y
        let g = context.glyphs
        let counts = Self.merged(model.counts, columns: area.width)
        let peak = counts.max() ?? 0
        if let title = model.title, area.height >= 3 {
            buffer.write(context.displayable(title), x: area.x, y: top, style: .bold, clip: area)
            top += 1
        }
        let axisY = area.maxY - 1
        let barHeight = axisY - top
        let binWidth = max(1, area.width / max(1, counts.count))
        let style = context.tinted(.cyan)
        for (i, count) in counts.enumerated() where count > 0 && peak > 0 {
            let eighths = max(1, Int((Double(count) / Double(peak) * Double(barHeight * 8)).rounded()))
            for k in 0 ..< barHeight {
                let fill = min(8, eighths - 8 * k)
                guard fill > 0 else { break }
                let glyph = g.sparks[fill - 1]
                for dx in 0 ..< binWidth {
                    buffer.set(area.x + i * binWidth + dx, axisY - 1 - k, Cell(trusted: glyph, style: style), clip: area)
                }
            }
        }
        let lower = Self.label(model.lower), upper = Self.label(model.upper)
        buffer.write(lower, x: area.x, y: axisY, style: .dim, clip: area)
        let right = area.x + min(area.width, counts.count * binWidth) - upper.count
        if right > area.x + lower.count { buffer.write(upper, x: right, y: axisY, style: .dim, clip: area) }
        let scale = "tallest bar: \(peak)" + (model.unit.map { " " + $0 } ?? "")
        let room = right - (area.x + lower.count) - 2
        if scale.count <= room { buffer.write(scale, x: area.x + lower.count + 1 + (room - scale.count) / 2, y: axisY, style: .dim, clip: area) }
    }

    static func label(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : NumberFormat.fixed(v, 2)
    }
}
