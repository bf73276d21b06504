/// Vertical bars, one per bin, scaled to the largest count, with the range under them and, between its
/// ends, what the tallest bar stands for ("tallest bar: 23 units") when there is room. When the range
/// spans 0, a dim line and a `0` under the axis mark where zero is.
///
/// Bars have eighth-row precision (sparkline glyphs); a bin with any count shows at least the
/// lowest glyph so that "few" never looks like "none". When there are more bins than columns,
/// neighbouring bins are summed.
public struct Histogram: Widget {
    public var model: HistogramModel
    public init(_ model: HistogramModel) { self.model = model }

    /// The title broken into lines of `width`.
    func titleLines(width: Int) -> [String] {
        guard let title = model.title else { return [] }
        return Text.wrapPlain(title, width: max(1, width))
    }

    /// The fewest rows at `width`: the title, three rows of bars and the axis.
    public func minimumHeight(width: Int) -> Int { titleLines(width: width).count + 4 }

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
        let title = titleLines(width: area.width)
        if area.height >= title.count + 2 {
            for line in title {
                buffer.write(context.displayable(line), x: area.x, y: top, style: .bold, clip: area)
                top += 1
            }
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
        let plotted = min(area.width, counts.count * binWidth)
        let lower = Self.label(model.lower), upper = Self.label(model.upper)
        buffer.write(lower, x: area.x, y: axisY, style: .dim, clip: area)
        let right = area.x + plotted - upper.count
        if right > area.x + lower.count { buffer.write(upper, x: right, y: axisY, style: .dim, clip: area) }
        // The free stretches of the axis row between the end labels (split by the zero mark, if any).
        var free = [(area.x + lower.count + 1, right - 1)]
        if model.lower < 0 && model.upper > 0 {
            let zero = area.x + Int((-model.lower / (model.upper - model.lower) * Double(plotted)).rounded())
            for y in top ..< axisY where buffer[zero, y].grapheme == " " {
                buffer.set(zero, y, Cell(trusted: g.axis, style: .dim), clip: area)
            }
            if zero - 1 > area.x + lower.count && zero + 1 < right {
                buffer.write("0", x: zero, y: axisY, style: .bold, clip: area)
                free = [(area.x + lower.count + 1, zero - 1), (zero + 2, right - 1)]
            }
        }
        let scale = "tallest bar: \(peak)" + (model.unit.map { " " + $0 } ?? "")
        if let (from, to) = free.filter({ $0.1 - $0.0 - 1 >= scale.count }).max(by: { $0.1 - $0.0 < $1.1 - $1.0 }) {
            let room = to - from - 1
            buffer.write(scale, x: from + 1 + (room - scale.count) / 2, y: axisY, style: .dim, clip: area)
        }
    }

    static func label(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : NumberFormat.fixed(v, 2)
    }
}
