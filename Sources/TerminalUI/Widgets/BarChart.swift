/// One horizontal bar per class: `label value bar`, the largest (or chosen) bar bold with a marker.
///
/// `.probability` bars grow from the left with eighth-cell precision and show a percentage.
/// `.signed` bars (logits) grow left or right of a zero line placed where 0 falls between the
/// smallest and largest value, so negative and positive scores read at a glance.
public struct BarChart: Widget {
    public var model: BarChartModel
    public init(_ model: BarChartModel) { self.model = model }

    /// Columns taken by the value text.
    public static let valueWidth = 7

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        let g = context.glyphs
        var y = area.y
        if let title = model.title, area.height > model.values.count {
            buffer.write(context.displayable(title), x: area.x, y: y, style: .bold, clip: area)
            y += 1
        }
        let labelWidth = model.labels.map(\.count).max() ?? 1
        let barX = area.x + labelWidth + 1 + Self.valueWidth + 1
        let barWidth = max(0, area.maxX - barX - 2)
        let finite = model.values.filter(\.isFinite)
        let lo = Double(min(0, finite.min() ?? 0)), hi = Double(max(0, finite.max() ?? 0))
        let zeroColumn = model.scale == .signed && hi > lo ? Int((Double(barWidth) * -lo / (hi - lo)).rounded()) : 0

        for (i, value) in model.values.enumerated() where y < area.maxY {
            defer { y += 1 }
            let highlighted = i == model.highlighted
            let textStyle: Style = highlighted ? .bold : .plain
            var barStyle = context.tinted(highlighted ? .green : .blue)
            if highlighted { barStyle = barStyle.with(.bold) }
            let label = i < model.labels.count ? model.labels[i] : ""
            buffer.write(NumberFormat.padLeft(context.displayable(label), labelWidth), x: area.x, y: y, style: textStyle, clip: area)
            let v = Double(value)
            let text = model.scale == .probability && v.isFinite ? NumberFormat.fixed(v * 100, 1) + "%" : NumberFormat.fixed(v, 2, plusSign: true)
            buffer.write(NumberFormat.padLeft(text, Self.valueWidth), x: area.x + labelWidth + 1, y: y, style: textStyle, clip: area)
            guard barWidth > 0 else { continue }
            if model.scale == .signed {
                buffer.set(barX + zeroColumn, y, Cell(trusted: g.axis, style: .dim), clip: area)
                if v.isFinite && hi > lo {
                    let cells = Int((abs(v) / (hi - lo) * Double(barWidth)).rounded())
                    for k in 0 ..< cells {
                        let x = v >= 0 ? barX + zeroColumn + 1 + k : barX + zeroColumn - 1 - k
                        if x >= barX && x <= barX + barWidth { buffer.set(x, y, Cell(trusted: g.fullBlock, style: barStyle), clip: area) }
                    }
                }
            } else if v.isFinite {
                let eighths = Int((min(max(v, 0), 1) * Double(barWidth) * 8).rounded())
                for k in 0 ..< barWidth {
                    let fill = min(8, max(0, eighths - 8 * k))
                    if fill > 0 { buffer.set(barX + k, y, Cell(trusted: g.eighths[fill], style: barStyle), clip: area) }
                }
            }
            if highlighted {
                buffer.set(barX + barWidth + 1, y, Cell(trusted: g.marker, style: .bold), clip: area)
            }
        }
    }
}
