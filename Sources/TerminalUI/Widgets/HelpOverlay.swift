/// The `?` help: a bordered box centred over whatever is below, listing every key by section.
public struct HelpOverlay: Widget {
    public var model: HelpModel
    public init(_ model: HelpModel) { self.model = model }

    /// The lines of the box's content (headings bold, keys padded to one column).
    func contentLines(_ context: RenderContext) -> [(String, Style)] {
        let keyWidth = model.sections.flatMap(\.hints).map { context.displayable($0.keys).count }.max() ?? 0
        var lines: [(String, Style)] = []
        for (i, section) in model.sections.enumerated() {
            if i > 0 { lines.append(("", .plain)) }
            lines.append((context.displayable(section.heading), .bold))
            for hint in section.hints {
                lines.append(("  " + NumberFormat.padRight(context.displayable(hint.keys), keyWidth) + "  "
                              + context.displayable(hint.action), .plain))
            }
        }
        lines.append(("", .plain))
        lines.append(("Press any key to close this help.", .dim))
        return lines
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        let lines = contentLines(context)
        let width = min(area.width, max(model.title.count + 6, (lines.map(\.0.count).max() ?? 0) + 4))
        let box = area.centered(width: width, height: lines.count + 2)
        guard box.width >= 4, box.height >= 3 else { return }
        Block(title: model.title).render(into: &buffer, area: box, context: context)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        var shown = Array(lines.prefix(inner.height))
        if lines.count > inner.height && inner.height >= 2 {
            // Too tall for the window: keep the closing line, and say that some lines are missing.
            shown = Array(lines.prefix(inner.height - 2)) + [("\(context.glyphs.ellipsis) (a taller window shows all)", .dim), lines.last!]
        }
        for (i, (text, style)) in shown.enumerated() {
            buffer.write(text, x: inner.x, y: inner.y + i, style: style, clip: inner)
        }
    }
}
