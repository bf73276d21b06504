/// Keras's progress line: `1875/1875 ━━━━━━━━━━ 2.9s 1.5ms/step loss 0.2901 acc 0.9102`.
///
/// While running, the time is the estimate of what is left (`ETA 1.2s`); when done, the total.
/// The bar takes the space the text leaves (at least 10 cells); metrics are dropped from the end
/// when even that does not fit.
public struct ProgressBar: Widget {
    public var model: ProgressModel
    public init(_ model: ProgressModel) { self.model = model }

    public static let minimumBar = 10

    func timeText() -> String {
        var parts: [String] = []
        if model.isFinished {
            parts.append(NumberFormat.duration(model.elapsed))
        } else if let remaining = model.remaining {
            parts.append("ETA " + NumberFormat.duration(remaining))
        }
        if let rate = model.rate { parts.append(NumberFormat.perStep(1 / rate)) }
        return parts.joined(separator: " ")
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        let g = context.glyphs
        let y = area.y
        let totalText = String(model.total)
        var head = NumberFormat.padLeft(String(model.completed), totalText.count) + "/" + totalText
        if let title = model.title { head = context.displayable(title) + " " + head }
        var tail = timeText()
        var metrics = model.metrics.map { "\(context.displayable($0.name)) \(NumberFormat.fixed($0.value, 4))" }
        func barWidth() -> Int {
            area.width - head.count - 2 - (tail.isEmpty ? 0 : tail.count) - metrics.reduce(0) { $0 + $1.count + 1 }
        }
        while barWidth() < Self.minimumBar && !metrics.isEmpty { metrics.removeLast() }
        if barWidth() < Self.minimumBar { tail = "" }
        let width = max(0, barWidth())
        var x = area.x
        x += buffer.write(head + " ", x: x, y: y, style: .plain, clip: area)
        let filled = Int((model.fraction * Double(width)).rounded(.down))
        let doneStyle = context.tinted(.green, .bold)
        for k in 0 ..< width {
            let cell = k < filled ? Cell(trusted: g.progressFilled, style: doneStyle) : Cell(trusted: g.progressEmpty, style: .dim)
            buffer.set(x + k, y, cell, clip: area)
        }
        x += width
        let rest = ([tail].filter { !$0.isEmpty } + metrics).joined(separator: " ")
        if !rest.isEmpty { buffer.write(" " + rest, x: x, y: y, style: .plain, clip: area) }
    }
}
