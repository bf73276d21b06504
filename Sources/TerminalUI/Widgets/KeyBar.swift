/// One line of the keys that work now: each key in reverse video, a space, what it does; two spaces
/// between hints (`q quit  ? help`), compact so that a screen's keys fit in 80 columns.
///
/// Hints are in priority order: when the line is too narrow the last ones are dropped (and an
/// ellipsis shows that some are missing), never cut in the middle.
public struct KeyBar: Widget {
    public var model: KeyBarModel
    public init(_ model: KeyBarModel) { self.model = model }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.height > 0, area.width > 0 else { return }
        let y = area.y
        let line = Rect(x: area.x, y: y, width: area.width, height: 1)
        buffer.fill(line)
        let ellipsis = context.glyphs.ellipsis
        var x = area.x
        for (i, hint) in model.hints.enumerated() {
            let key = context.displayable(hint.keys)
            let action = " " + context.displayable(hint.action)
            let width = key.count + action.count + (i == 0 ? 0 : 2)
            let reserve = i == model.hints.count - 1 ? 0 : ellipsis.count + 1
            if x + width + reserve > area.maxX {
                buffer.write(" " + ellipsis, x: x, y: y, style: .dim, clip: line)
                return
            }
            if i > 0 { x += 2 }
            x += buffer.write(key, x: x, y: y, style: .reverse, clip: line)
            x += buffer.write(action, x: x, y: y, style: .plain, clip: line)
        }
    }
}
