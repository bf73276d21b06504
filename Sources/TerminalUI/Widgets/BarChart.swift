/// One horizontal bar per class: `label value bar`, the largest (or chosen) bar bold with a marker.
///
/// `.probability` bars grow from the left with eighth-cell precision and show a percentage.
/// `.signed` bars (logits) grow left or right of a zero line placed where 0 falls between the
/// smallest and largest value, so negative and positive scores read at a glance. With the model's
/// `probabilities`, each row also shows the class's softmax probability and its bar: logits and what
/// softmax makes of them on one line. Without bars (`showsBars: false`, for a narrow column) the
/// numbers alone remain, the chosen row's label in reverse video. The title wraps to the width.
public struct BarChart: Widget {
    public var model: BarChartModel
    public var showsBars: Bool
    public init(_ model: BarChartModel, showsBars: Bool = true) {
        self.model = model
        self.showsBars = showsBars
    }

    /// Columns taken by the value text (with bars).
    public static let valueWidth = 7
    /// Columns of a value without bars (`+12.34`, `100.0%`).
    static let compactValueWidth = 6
    /// The shortest bar worth drawing (shorter, and the numbers alone read better).
    static let minimumBar = 10

    static func labelWidth(_ model: BarChartModel) -> Int { model.labels.map(\.count).max() ?? 1 }

    /// The narrowest width with bars: label, value, a short bar and the marker (and the probability with its bar).
    public static func minimumWidth(_ model: BarChartModel) -> Int {
        labelWidth(model) + 1 + valueWidth + 1 + minimumBar + 2 + (model.probabilities == nil ? 0 : 3 + compactValueWidth + minimumBar)
    }

    /// The width without bars: label and value (and probability), widened (up to 20) until the title
    /// takes at most two lines.
    public static func valuesWidth(_ model: BarChartModel) -> Int {
        let numbers = labelWidth(model) + 1 + compactValueWidth + (model.probabilities == nil ? 0 : 1 + compactValueWidth)
        return (numbers ... max(numbers, 20)).first { titleLines(model, width: $0).count <= 2 } ?? max(numbers, 20)
    }

    /// The title broken into lines of `width`.
    static func titleLines(_ model: BarChartModel, width: Int) -> [String] {
        guard let title = model.title, !title.isEmpty else { return [] }
        return Text.wrapPlain(title, width: max(1, width))
    }

    /// Rows needed at `width`: the title's lines and one per value.
    public static func height(_ model: BarChartModel, width: Int) -> Int {
        titleLines(model, width: width).count + model.values.count
    }

    func valueText(_ v: Double) -> String {
        switch model.scale {
        case .probability where v.isFinite: NumberFormat.fixed(v * 100, 1) + "%"
        case .logarithmic: BarChartModel.scientific(v)
        default: NumberFormat.fixed(v, 2, plusSign: true)
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        let g = context.glyphs
        var y = area.y
        let title = Self.titleLines(model, width: area.width).map(context.displayable)
        if area.height >= title.count + model.values.count {
            for line in title {
                buffer.write(line, x: area.x, y: y, style: .bold, clip: area)
                y += 1
            }
        }
        let labelWidth = Self.labelWidth(model)
        let probabilities = model.probabilities
        let valueWidth = showsBars ? Self.valueWidth : Self.compactValueWidth
        // With bars: the space after label and value (and the probability's text) is shared by the
        // bars, three fifths to the logits, and the marker.
        let barX = area.x + labelWidth + 1 + valueWidth + 1
        let room = showsBars ? max(0, area.maxX - barX - 2 - (probabilities == nil ? 0 : 3 + Self.compactValueWidth)) : 0
        let barWidth = probabilities == nil ? room : room * 3 / 5
        let probabilityBar = room - barWidth
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
            let labelStyle: Style = highlighted && !showsBars ? Style(attributes: [.bold, .reverse]) : textStyle
            buffer.write(NumberFormat.padLeft(context.displayable(label), labelWidth), x: area.x, y: y, style: labelStyle, clip: area)
            let v = Double(value)
            buffer.write(NumberFormat.padLeft(valueText(v), valueWidth), x: area.x + labelWidth + 1, y: y, style: textStyle, clip: area)
            var x = barX + barWidth + 1
            if model.scale == .signed && barWidth > 0 {
                buffer.set(barX + zeroColumn, y, Cell(trusted: g.axis, style: .dim), clip: area)
                if v.isFinite && hi > lo {
                    let cells = Int((abs(v) / (hi - lo) * Double(barWidth)).rounded())
                    for k in 0 ..< cells {
                        let bx = v >= 0 ? barX + zeroColumn + 1 + k : barX + zeroColumn - 1 - k
                        if bx >= barX && bx <= barX + barWidth { buffer.set(bx, y, Cell(trusted: g.fullBlock, style: barStyle), clip: area) }
                    }
                }
            } else if v.isFinite && barWidth > 0 {
                fill(&buffer, x: barX, y: y, width: barWidth, fraction: model.scale.fraction(v), style: barStyle, glyphs: g, clip: area)
            }
            if let probabilities, i < probabilities.count {
                let p = Double(probabilities[i])
                let text = NumberFormat.padLeft(NumberFormat.fixed(p * 100, 1) + "%", Self.compactValueWidth)
                if showsBars {
                    x += 1
                    buffer.write(text, x: x, y: y, style: textStyle, clip: area)
                    x += Self.compactValueWidth + 1
                    if p.isFinite { fill(&buffer, x: x, y: y, width: probabilityBar, fraction: p, style: barStyle, glyphs: g, clip: area) }
                    x += probabilityBar
                } else {
                    buffer.write(text, x: area.x + labelWidth + 1 + valueWidth + 1, y: y, style: textStyle, clip: area)
                }
            }
            if highlighted && showsBars {
                buffer.set(probabilities == nil ? barX + barWidth + 1 : x + 1, y, Cell(trusted: g.marker, style: .bold), clip: area)
            }
        }
    }

    /// A bar from the left edge, `fraction` (0...1) of `width`, in eighths of a cell.
    func fill(_ buffer: inout CellBuffer, x: Int, y: Int, width: Int, fraction: Double, style: Style, glyphs g: Glyphs, clip: Rect) {
        let eighths = Int((min(max(fraction, 0), 1) * Double(width) * 8).rounded())
        for k in 0 ..< width {
            let fill = min(8, max(0, eighths - 8 * k))
            if fill > 0 { buffer.set(x + k, y, Cell(trusted: g.eighths[fill], style: style), clip: clip) }
        }
    }
}
