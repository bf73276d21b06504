/// The `?` help: a bordered box centred over whatever is below, listing every key by section.
///
/// When one column is taller than the area, the sections go into two columns side by side (the first
/// section on the left, the rest on the right, what a key does wrapping under itself), so the whole
/// help fits an 80x24 terminal. Only when even that is too tall are the last lines replaced by a note
/// that a taller window shows them.
public struct HelpOverlay: Widget {
    public var model: HelpModel
    public init(_ model: HelpModel) { self.model = model }

    static let closing = "Press any key to close this help."
    /// Columns between the two columns of sections.
    static let columnGap = 3

    /// The lines of `sections` in `width` columns (headings bold, keys padded to one column, what they
    /// do wrapped under itself), a blank line between sections.
    func lines(_ sections: ArraySlice<HelpModel.Section>, width: Int, _ context: RenderContext) -> [(String, Style)] {
        let keyWidth = sections.flatMap(\.hints).map { context.displayable($0.keys).count }.max() ?? 0
        let indent = String(repeating: " ", count: keyWidth + 4)
        var lines: [(String, Style)] = []
        for section in sections {
            if !lines.isEmpty { lines.append(("", .plain)) }
            lines.append((context.displayable(section.heading), .bold))
            for hint in section.hints {
                let first = "  " + NumberFormat.padRight(context.displayable(hint.keys), keyWidth) + "  "
                let wrapped = Text.wrapPlain(context.displayable(hint.action), width: max(first.count + 8, width),
                                             firstPrefix: first, prefix: indent)
                lines += wrapped.map { ($0, .plain) }
            }
        }
        return lines
    }

    /// The natural width of `sections` (nothing wrapped).
    func naturalWidth(_ sections: ArraySlice<HelpModel.Section>, _ context: RenderContext) -> Int {
        lines(sections, width: .max / 2, context).map(\.0.count).max() ?? 0
    }

    /// The box's content as columns of lines (one or two) with their widths, for an area of `size`.
    func columns(_ context: RenderContext, fitting size: Size) -> [(lines: [(String, Style)], width: Int)] {
        let room = max(1, size.columns - 4)
        let oneWidth = min(room, naturalWidth(model.sections[...], context))
        let one = lines(model.sections[...], width: oneWidth, context)
        guard one.count + 4 > size.rows, model.sections.count > 1 else { return [(one, oneWidth)] }
        let leftWidth = min(naturalWidth(model.sections.prefix(1), context), (room - Self.columnGap) / 2)
        let rightWidth = min(naturalWidth(model.sections.dropFirst(), context), room - Self.columnGap - leftWidth)
        let two = [(lines(model.sections.prefix(1), width: leftWidth, context), leftWidth),
                   (lines(model.sections.dropFirst(), width: rightWidth, context), rightWidth)]
        return (two.map(\.0.count).max() ?? 0) < one.count ? two : [(one, oneWidth)]
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        let columns = columns(context, fitting: area.size)
        let contentWidth = max(columns.map(\.width).reduce(0, +) + Self.columnGap * (columns.count - 1), Self.closing.count)
        let contentRows = (columns.map(\.lines.count).max() ?? 0) + 2
        let width = min(area.width, max(model.title.count + 6, contentWidth + 4))
        let box = area.centered(width: width, height: contentRows + 2)
        guard box.width >= 4, box.height >= 3 else { return }
        Block(title: model.title).render(into: &buffer, area: box, context: context)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        // The closing line stays at the bottom, after a blank line when everything fits.
        let fits = columns.allSatisfy { $0.lines.count <= inner.height - 2 }
        let rows = inner.height - (fits ? 2 : 1)
        var x = inner.x
        for (k, column) in columns.enumerated() {
            var shown = Array(column.lines.prefix(max(0, rows)))
            if column.lines.count > rows && rows >= 1 {
                shown = Array(column.lines.prefix(rows - 1)) + [("\(context.glyphs.ellipsis) (a taller window shows all)", .dim)]
            }
            let clip = Rect(x: x, y: inner.y, width: k == columns.count - 1 ? inner.maxX - x : min(column.width, inner.maxX - x),
                            height: inner.height)
            for (i, (text, style)) in shown.enumerated() {
                buffer.write(text, x: x, y: inner.y + i, style: style, clip: clip)
            }
            x += column.width + Self.columnGap
        }
        buffer.write(Self.closing, x: inner.x, y: inner.maxY - 1, style: .dim, clip: inner)
    }
}
