/// One or more series on shared axes: a legend line with each series' latest value, the range's
/// top and bottom at the left, points joined by vertical strokes, and the x extent underneath.
///
/// Series are told apart by glyph (`•`, `+`, `x`...) as well as colour. When a series has more
/// values than plot columns, each column shows the mean of its slice of values.
public struct LineChart: Widget {
    public var series: [SeriesModel]
    /// The shared y range; nil means the union of the series' ranges.
    public var range: ClosedRange<Double>?

    public init(_ series: [SeriesModel], range: ClosedRange<Double>? = nil) {
        self.series = series
        self.range = range
    }

    static let colors: [ANSIColor] = [.yellow, .cyan, .magenta, .green]

    func marker(_ i: Int, _ g: Glyphs) -> Character {
        i == 0 ? g.plotPoint : (["+", "x", "o"] as [Character])[(i - 1) % 3]
    }

    var sharedRange: ClosedRange<Double> {
        if let range { return range }
        let ranges = series.filter { !$0.values.isEmpty }.map(\.effectiveRange)
        guard let lo = ranges.map(\.lowerBound).min(), let hi = ranges.map(\.upperBound).max() else { return 0...1 }
        return lo...hi
    }

    /// The values of `values` resampled to `columns` points (bucket means), or as they are when they fit.
    public static func resample(_ values: [Double], columns: Int) -> [Double] {
        guard columns > 0, values.count > columns else { return values }
        return (0 ..< columns).map { c in
            let a = c * values.count / columns, b = max(a + 1, (c + 1) * values.count / columns)
            let slice = values[a ..< b].filter(\.isFinite)
            return slice.isEmpty ? .nan : slice.reduce(0, +) / Double(slice.count)
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        let g = context.glyphs
        var x = area.x
        for (i, s) in series.enumerated() {
            let latest = s.last.map { " " + NumberFormat.fixed($0, 4) } ?? ""
            x += buffer.write("\(marker(i, g)) \(context.displayable(s.name))\(latest)   ", x: x, y: area.y,
                              style: style(i, context).with(.bold), clip: area)
        }
        guard area.height >= 4 else { return }
        let r = sharedRange
        let top = NumberFormat.fixed(r.upperBound, 2), bottom = NumberFormat.fixed(r.lowerBound, 2)
        let gutter = max(top.count, bottom.count) + 1
        let plot = Rect(x: area.x + gutter, y: area.y + 1, width: area.width - gutter, height: area.height - 2)
        guard plot.width > 0, plot.height > 0 else { return }
        buffer.write(NumberFormat.padLeft(top, gutter - 1), x: area.x, y: plot.y, style: .dim, clip: area)
        buffer.write(NumberFormat.padLeft(bottom, gutter - 1), x: area.x, y: plot.maxY - 1, style: .dim, clip: area)
        for y in plot.y ..< plot.maxY { buffer.set(plot.x, y, Cell(trusted: g.vertical, style: .dim), clip: area) }
        let span = r.upperBound - r.lowerBound
        let columns = plot.width - 1
        for (i, s) in series.enumerated() {
            let points = Self.resample(s.values, columns: columns)
            var previousRow: Int?
            for (c, v) in points.enumerated() {
                guard v.isFinite else { previousRow = nil; continue }
                let f = span > 0 ? min(max((v - r.lowerBound) / span, 0), 1) : 0.5
                let row = plot.maxY - 1 - Int((f * Double(plot.height - 1)).rounded())
                let px = plot.x + 1 + c
                if let p = previousRow, abs(p - row) > 1 {
                    for y in min(p, row) + 1 ..< max(p, row) {
                        buffer.set(px, y, Cell(trusted: g.vertical, style: style(i, context)), clip: plot)
                    }
                }
                buffer.set(px, row, Cell(trusted: marker(i, g), style: style(i, context)), clip: plot)
                previousRow = row
            }
        }
        let xLabel = series.first.map { $0.xCaption ?? "\($0.xLabel)s 1-\(max(series.map(\.values.count).max() ?? 0, 1))" } ?? ""
        buffer.write(xLabel, x: plot.x + 1, y: area.maxY - 1, style: .dim, clip: area)
    }

    func style(_ i: Int, _ context: RenderContext) -> Style {
        context.tinted(Self.colors[i % Self.colors.count])
    }
}
