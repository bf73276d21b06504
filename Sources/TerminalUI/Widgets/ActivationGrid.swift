/// The units of a layer as a grid (16x8 for 128 units), two cells per unit, with a count line.
///
/// Active units are shaded by value relative to the largest (glyph density, plus gray level with
/// 256 colours). Exact zeros show `·` and dropped units `×` (ASCII `.` and `x`), so each state is
/// visible without colour; kept-and-scaled units are shaded like active ones and underlined.
public struct ActivationGrid: Widget {
    public var model: ActivationGridModel
    public init(_ model: ActivationGridModel) { self.model = model }

    public static let cellWidth = 2

    /// Grid columns used in an area `width` cells wide.
    public func gridColumns(width: Int) -> Int {
        max(1, min(model.preferredColumns, width / Self.cellWidth))
    }

    /// The parts of the count line, e.g. `["128 units:", "70 active,", "58 zero ·"]`; states with no
    /// units are left out. Without colour the glyphs in the text are the legend.
    public func countParts(_ context: RenderContext) -> [String] {
        let g = context.glyphs
        var parts: [String] = []
        let active = model.count(.active), zero = model.count(.zero)
        let dropped = model.count(.dropped), kept = model.count(.keptScaled)
        if active > 0 { parts.append("\(active) active") }
        if kept > 0 { parts.append("\(kept) active (scaled)") }
        if zero > 0 { parts.append("\(zero) zero \(g.zeroUnit)") }
        if dropped > 0 { parts.append("\(dropped) dropped \(g.droppedUnit)") }
        return ["\(model.values.count) units:"] + parts.enumerated().map { $0.offset < parts.count - 1 ? $0.element + "," : $0.element }
    }

    /// The title broken into lines of `width`.
    func titleLines(width: Int) -> [String] {
        guard let title = model.title, !title.isEmpty else { return [] }
        return Text.wrapPlain(title, width: max(1, width))
    }

    /// Rows needed with `columns` units a row in an area `width` cells wide: the title, the grid, the counts.
    public func height(columns: Int, width: Int, context: RenderContext) -> Int {
        let columns = max(1, min(columns, width / Self.cellWidth))
        return titleLines(width: width).count + (model.values.count + columns - 1) / columns + countRows(context, width: width)
    }

    /// The rows the count line takes at `width`: its parts wrap between them, as `render` draws them.
    public func countRows(_ context: RenderContext, width: Int) -> Int {
        var rows = 1, x = 0
        for part in countParts(context) {
            if x > 0 && x + 1 + part.count > width { rows += 1; x = 0 }
            x += (x > 0 ? 1 : 0) + part.count
        }
        return rows
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        var top = area.y
        let title = titleLines(width: area.width)
        if area.height > title.count + 1 {
            for line in title {
                buffer.write(context.displayable(line), x: area.x, y: top, style: .bold, clip: area)
                top += 1
            }
        }
        let columns = gridColumns(width: area.width)
        let gridRows = (model.values.count + columns - 1) / columns
        let visibleRows = min(gridRows, area.maxY - top - 1)
        let g = context.glyphs
        let maximum = Double(model.maximum)
        for (i, value) in model.values.enumerated() {
            let row = i / columns
            guard row < visibleRows else { break }
            let x = area.x + (i % columns) * Self.cellWidth, y = top + row
            let (first, second) = cells(value: Double(value), state: model.states[i], maximum: maximum, glyphs: g, context: context)
            buffer.set(x, y, first, clip: area)
            buffer.set(x + 1, y, second, clip: area)
        }
        // The count line goes under the grid, wrapping between its parts onto the rows left.
        var y = top + max(0, visibleRows), x = area.x
        var parts = countParts(context)
        if visibleRows < gridRows { parts.append("(\(gridRows - visibleRows) rows hidden)") }
        for (i, part) in parts.enumerated() where y < area.maxY {
            let gap = x > area.x ? 1 : 0
            if x > area.x && x + gap + part.count > area.maxX { y += 1; x = area.x }
            guard y < area.maxY else { break }
            if x > area.x { x += buffer.write(" ", x: x, y: y, clip: area) }
            x += buffer.write(part, x: x, y: y, style: i == 0 ? .bold : .plain, clip: area)
        }
    }

    func cells(value: Double, state: ActivationGridModel.UnitState, maximum: Double, glyphs g: Glyphs,
               context: RenderContext) -> (Cell, Cell) {
        switch state {
        case .zero:
            return (Cell(trusted: g.zeroUnit, style: .dim), Cell(trusted: " ", style: .plain))
        case .dropped:
            let style = context.tinted(.red, .bold)
            return (Cell(trusted: g.droppedUnit, style: style), Cell(trusted: " ", style: .plain))
        case .active, .keptScaled:
            let f = value.isFinite ? min(max(value / maximum, 0), 1) : 1
            // Any positive value gets at least the lightest visible shade: it must not look like a zero.
            let level = value > 0 ? max(1, Int((f * Double(g.shades.count - 1)).rounded())) : 0
            var style = context.hasGrayRamp ? Style(foreground: .gray(6 + Int(f * 19))) : Style.plain
            if state == .keptScaled { style = style.with(.underline) }
            let glyph = g.shades[level]
            return (Cell(trusted: glyph, style: style), Cell(trusted: glyph, style: style))
        }
    }
}
