/// One or more series on shared axes, as ratatui's `Marker::Braille` and plotext draw them: each cell
/// holds 2x4 dots, so a 40x10 plot is 80x40 points, joined by lines.
///
/// On top, a legend with each series' headline value (what it is, e.g. "mean of the last 31 batches",
/// at the series' own precision). On the left, a y axis with ticks at round numbers, more of them the
/// taller the chart; underneath, round-number ticks on the x axis and what it counts. Series are told
/// apart by colour; without colour (or without Unicode) each series is drawn with its own glyph
/// (`•`, `+`, `x`...) at one point per column instead, so they stay apart in every mode.
public struct LineChart: Widget {
    public var series: [SeriesModel]
    /// The shared y range; nil means the union of the series' ranges.
    public var range: ClosedRange<Double>?
    /// What is plotted, in bold above the legend (wrapped to the width).
    public var title: String?

    public init(_ series: [SeriesModel], range: ClosedRange<Double>? = nil, title: String? = nil) {
        self.series = series
        self.range = range
        self.title = title
    }

    /// The title broken into lines of `width`.
    public func titleLines(width: Int) -> [String] {
        guard let title, !title.isEmpty else { return [] }
        return Text.wrapPlain(title, width: max(1, width))
    }

    /// Narrowest useful chart: axis labels and a plot of about 16 columns.
    public static let minimumWidth = 24

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

    /// The x extent of the series' positions (widened when all sit at one place).
    var xRange: ClosedRange<Double> {
        let xs = series.flatMap { s in s.values.indices.map { s.position($0) } }.filter(\.isFinite)
        guard let lo = xs.min(), let hi = xs.max() else { return 1...2 }
        return lo == hi ? (lo - 0.5)...(hi + 0.5) : lo...hi
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

    /// Round-number ticks inside `lo...hi`, at least `count` of them when the range allows (fewer than
    /// twice that): steps of 1, 2, 2.5 or 5 times a power of ten; `whole` keeps steps of at least 1 without 2.5.
    public static func ticks(_ lo: Double, _ hi: Double, count: Int, whole: Bool = false) -> (values: [Double], step: Double) {
        guard hi > lo, lo.isFinite, hi.isFinite else { return ([lo], 1) }
        let raw = (hi - lo) / Double(max(1, count - 1))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        var step = magnitude
        for factor in [1.0, 2, 2.5, 5] where !(whole && factor == 2.5) && magnitude * factor <= raw { step = magnitude * factor }
        if whole { step = max(1, step.rounded()) }
        func values(_ step: Double) -> [Double] {
            var result: [Double] = []
            var t = (lo / step).rounded(.up) * step
            while t <= hi + step * 1e-9 {
                result.append(abs(t) < step * 1e-9 ? 0 : t)
                t += step
            }
            return result
        }
        // At least two ticks, so the axis has a scale.
        while values(step).count < 2 && count >= 2 && !(whole && step <= 1) { step /= 2 }
        return (values(step), step)
    }

    /// A tick label with as many decimals as the step needs.
    static func tickLabel(_ v: Double, step: Double, unit: String) -> String {
        var decimals = 0, s = step
        while decimals < 6 && abs(s - s.rounded()) > 1e-9 * max(1, s) { s *= 10; decimals += 1 }
        return NumberFormat.fixed(v, decimals) + unit
    }

    /// The legend's entries: glyph, name and headline value (`head`), and what the value is.
    func legend(_ g: Glyphs, _ context: RenderContext) -> [(head: String, what: String?, series: Int)] {
        series.enumerated().map { i, s in
            var head = "\(marker(i, g)) \(context.displayable(s.name))"
            if let last = s.last { head += " " + s.format(last) }
            return (head, s.latestLabel.map { "(\(context.displayable($0)))" }, i)
        }
    }

    /// The legend in lines of `width`: entries three spaces apart (two when that keeps the legend to the two
    /// rows it may take), a long one wrapping between its words. An entry's glyph, name and value stay on one
    /// line when they fit in one: split, a value could land on a line below those two rows and be lost (lesson
    /// 14's tanh at 120x40 was).
    func legendLines(width: Int, context: RenderContext) -> [[(text: String, series: Int)]] {
        let wide = legendLines(width: width, entryGap: 3, context: context)
        guard wide.count > 2 else { return wide }
        let narrow = legendLines(width: width, entryGap: 2, context: context)
        return narrow.count <= 2 ? narrow : wide
    }

    func legendLines(width: Int, entryGap: Int, context: RenderContext) -> [[(text: String, series: Int)]] {
        var lines: [[(text: String, series: Int)]] = [[]]
        var x = 0
        for (head, what, i) in legend(context.glyphs, context) {
            let words = (head.count <= width ? [head] : head.split(separator: " ").map(String.init))
                + (what?.split(separator: " ").map(String.init) ?? [])
            for (k, word) in words.enumerated() {
                let gap = x == 0 ? 0 : (k == 0 ? entryGap : 1)
                if x > 0 && x + gap + word.count > width {
                    lines.append([])
                    x = 0
                }
                lines[lines.count - 1].append(((x == 0 ? "" : String(repeating: " ", count: gap)) + word, i))
                x += (x == 0 ? 0 : gap) + word.count
            }
        }
        return lines
    }

    /// Rows the legend takes at `width` (at most two).
    func legendRows(width: Int, context: RenderContext) -> Int { min(2, legendLines(width: width, context: context).count) }

    public func render(into buffer: inout CellBuffer, area full: Rect, context: RenderContext) {
        guard full.width > 0, full.height > 0 else { return }
        let g = context.glyphs
        let title = titleLines(width: full.width)
        for (i, line) in title.prefix(max(0, full.height - 5)).enumerated() {
            buffer.write(context.displayable(line), x: full.x, y: full.y + i, style: .bold, clip: full)
        }
        let shownTitle = min(title.count, max(0, full.height - 5))
        let area = Rect(x: full.x, y: full.y + shownTitle, width: full.width, height: full.height - shownTitle)
        // Legend.
        let legendRows = min(legendRows(width: area.width, context: context), max(1, area.height - 3))
        for (row, line) in legendLines(width: area.width, context: context).prefix(legendRows).enumerated() {
            var x = area.x
            for (text, i) in line {
                x += buffer.write(text, x: x, y: area.y + row, style: style(i, context).with(.bold), clip: area)
            }
        }
        guard area.height >= legendRows + 2 else { return }

        // Axes: y ticks on the left, x ticks along the bottom row.
        let r = sharedRange
        let plotRows = area.height - legendRows - 1
        let unit = series.first?.unit ?? ""
        let yTicks = Self.ticks(r.lowerBound, r.upperBound, count: max(2, plotRows / 3 + 1))
        let yLabels = yTicks.values.map { Self.tickLabel($0, step: yTicks.step, unit: unit) }
        let gutter = (yLabels.map(\.count).max() ?? 1) + 1
        let plot = Rect(x: area.x + gutter, y: area.y + legendRows, width: area.width - gutter, height: plotRows)
        guard plot.width >= 2, plot.height >= 1 else { return }
        let span = r.upperBound - r.lowerBound
        func row(_ v: Double) -> Int {  // the cell row of value v
            let f = span > 0 ? min(max((v - r.lowerBound) / span, 0), 1) : 0.5
            return plot.maxY - 1 - Int((f * Double(plot.height - 1)).rounded())
        }
        for y in plot.y ..< plot.maxY { buffer.set(plot.x - 1, y, Cell(trusted: g.vertical, style: .dim), clip: area) }
        var labelled = Set<Int>()
        for (t, label) in zip(yTicks.values, yLabels) where !labelled.contains(row(t)) {
            labelled.insert(row(t))
            buffer.write(NumberFormat.padLeft(label, gutter - 1), x: area.x, y: row(t), style: .dim, clip: area)
            buffer.set(plot.x - 1, row(t), Cell(trusted: g.axisTick, style: .dim), clip: area)
        }
        let xr = xRange, xSpan = xr.upperBound - xr.lowerBound
        let whole = series.allSatisfy { $0.positions == nil }
        let xTicks = Self.ticks(xr.lowerBound, xr.upperBound, count: max(2, plot.width / 10), whole: whole)
        let axisY = area.maxY - 1
        // What the x axis counts, at the right end; the ticks where they fit before it.
        let name = context.displayable(series.first.map { $0.xCaption ?? $0.xLabel } ?? "")
        let end = name.isEmpty || name.count + 2 > plot.width ? plot.maxX : plot.maxX - name.count - 1
        if end < plot.maxX { buffer.write(name, x: end + 1, y: axisY, style: .dim, clip: area) }
        var free = plot.x  // the first column the next x label may use
        for t in xTicks.values {
            let label = Self.tickLabel(t, step: xTicks.step, unit: "")
            let column = plot.x + Int(((t - xr.lowerBound) / xSpan * Double(plot.width - 1)).rounded())
            let x = min(max(column - label.count / 2, plot.x), plot.maxX - label.count)
            guard x >= free, x + label.count <= end else { continue }
            buffer.write(label, x: x, y: axisY, style: .dim, clip: area)
            free = x + label.count + 2
        }

        // The series.
        let braille = !g.isASCII && (context.colorMode != .none || series.count == 1)
        for (i, s) in series.enumerated() {
            if braille {
                plotBraille(s, in: plot, range: r, xRange: xr, style: style(i, context), buffer: &buffer)
            } else {
                plotMarkers(s, in: plot, row: row, xRange: xr, glyph: marker(i, g), style: style(i, context), glyphs: g, buffer: &buffer)
            }
        }
    }

    /// Draws `s` as lines between its points on a grid of 2x4 dots per cell.
    func plotBraille(_ s: SeriesModel, in plot: Rect, range r: ClosedRange<Double>, xRange xr: ClosedRange<Double>,
                     style: Style, buffer: inout CellBuffer) {
        let dotsX = plot.width * 2, dotsY = plot.height * 4
        var dots = [UInt8](repeating: 0, count: plot.width * plot.height)
        let span = r.upperBound - r.lowerBound, xSpan = xr.upperBound - xr.lowerBound
        func dot(_ x: Int, _ y: Int) {
            guard x >= 0, y >= 0, x < dotsX, y < dotsY else { return }
            let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
            dots[(y / 4) * plot.width + x / 2] |= bits[x % 2][y % 4]
        }
        // Many more points than dot columns: bucket means, one per dot column.
        var points: [(x: Double, y: Double)] = s.values.indices.map { (s.position($0), s.values[$0]) }
        if points.count > dotsX {
            let ys = Self.resample(s.values, columns: dotsX)
            let xs = Self.resample(s.values.indices.map { s.position($0) }, columns: dotsX)
            points = Array(zip(xs, ys))
        }
        var previous: (Int, Int)?
        for p in points {
            guard p.y.isFinite, p.x.isFinite else { previous = nil; continue }
            let fy = span > 0 ? min(max((p.y - r.lowerBound) / span, 0), 1) : 0.5
            let fx = xSpan > 0 ? (p.x - xr.lowerBound) / xSpan : 0.5
            let current = (Int((fx * Double(dotsX - 1)).rounded()), dotsY - 1 - Int((fy * Double(dotsY - 1)).rounded()))
            if let (x0, y0) = previous {
                // Bresenham from the previous point.
                var (x, y) = (x0, y0)
                let dx = abs(current.0 - x0), dy = -abs(current.1 - y0)
                let sx = x0 < current.0 ? 1 : -1, sy = y0 < current.1 ? 1 : -1
                var err = dx + dy
                while true {
                    dot(x, y)
                    if x == current.0 && y == current.1 { break }
                    let e2 = 2 * err
                    if e2 >= dy { err += dy; x += sx }
                    if e2 <= dx { err += dx; y += sy }
                }
            } else {
                dot(current.0, current.1)
            }
            previous = current
        }
        for (k, bits) in dots.enumerated() where bits != 0 {
            let glyph = Character(Unicode.Scalar(0x2800 + UInt32(bits))!)
            buffer.set(plot.x + k % plot.width, plot.y + k / plot.width, Cell(trusted: glyph, style: style), clip: plot)
        }
    }

    /// Draws `s` one glyph per column, joined by vertical strokes (for terminals without colour or Unicode).
    func plotMarkers(_ s: SeriesModel, in plot: Rect, row: (Double) -> Int, xRange xr: ClosedRange<Double>, glyph: Character,
                     style: Style, glyphs g: Glyphs, buffer: inout CellBuffer) {
        let xSpan = xr.upperBound - xr.lowerBound
        var columns: [Int: Double] = [:]
        let points = s.values.count > plot.width ? Array(zip(Self.resample(s.values.indices.map { s.position($0) }, columns: plot.width),
                                                             Self.resample(s.values, columns: plot.width)))
                                                 : s.values.indices.map { (s.position($0), s.values[$0]) }
        for (x, v) in points where x.isFinite {
            columns[plot.x + Int(((x - xr.lowerBound) / xSpan * Double(plot.width - 1)).rounded())] = v
        }
        var previousRow: Int?
        for px in columns.keys.sorted() {
            let v = columns[px]!
            guard v.isFinite else { previousRow = nil; continue }
            let r = row(v)
            if let p = previousRow, abs(p - r) > 1 {
                for y in min(p, r) + 1 ..< max(p, r) { buffer.set(px, y, Cell(trusted: g.vertical, style: style), clip: plot) }
            }
            buffer.set(px, r, Cell(trusted: glyph, style: style), clip: plot)
            previousRow = r
        }
    }

    func style(_ i: Int, _ context: RenderContext) -> Style {
        context.tinted(Self.colors[i % Self.colors.count])
    }
}
