import Tutor

/// A square table of counts as a heat map: a header row of column numbers, then one row per row
/// number, each cell holding its count right-aligned.
///
/// Off the diagonal a cell's shade grows with its count against the largest off-diagonal count
/// (a red ramp with 256 colours, red text with 8, bold for the top half without colour), so the most
/// frequent confusions stand out; zeros are a dim `·`. The diagonal is green. The selected cell is
/// reversed and its row and column numbers underlined, so the cursor shows in every colour mode.
/// Cells are `cellWidth` wide: 5 fits any count up to 9,999 with a space before it; 4 writes counts of
/// 1,000 or more as `1k` (the plain text and the wide form give them whole).
public struct HeatMap: Widget {
    public var model: HeatMapModel
    public var cellWidth: Int

    public init(_ model: HeatMapModel, cellWidth: Int = 5) {
        self.model = model
        self.cellWidth = cellWidth
    }

    /// The row numbers' column: two characters and a space (the corner reads `t\p`).
    public static let labelWidth = 3
    /// The cell widths, widest first.
    public static let cellWidths = [5, 4]

    public static func width(_ model: HeatMapModel, cellWidth: Int) -> Int { labelWidth + model.size * cellWidth }
    /// The header row and one row per row of the table.
    public static func height(_ model: HeatMapModel) -> Int { 1 + model.size }

    /// A cell's text, at most `cellWidth - 1` characters so a space always separates two cells.
    public func text(row: Int, column: Int, glyphs: Glyphs) -> String {
        guard model.shows(row: row, column: column) else { return "?" }
        let count = model.counts[row][column]
        if count == 0 && row != column { return glyphs.isASCII ? "." : "·" }
        let plain = String(count)
        if plain.count <= cellWidth - 1 { return plain }
        return "\(count / 1000)k"
    }

    func style(row: Int, column: Int, context: RenderContext) -> Style {
        var style = Style.plain
        let count = model.counts[row][column]
        if row == column {
            style = context.tinted(.green)
        } else if !model.shows(row: row, column: column) || count == 0 {
            style = .dim
        } else {
            let f = Double(count) / Double(model.largestOffDiagonal)
            switch context.colorMode {
            case .palette256:
                let ramp = [52, 88, 124, 160, 196]
                style = Style(foreground: .gray(25), background: .indexed(ramp[min(ramp.count - 1, Int(f * Double(ramp.count)))]))
                if f >= 0.5 { style = style.with(.bold) }
            case .ansi8: style = context.tinted(.red, f >= 0.5 ? .bold : .plain)
            case .none: style = f >= 0.5 ? .bold : .plain
            }
        }
        if row == model.selectedRow && column == model.selectedColumn { style = style.with(.reverse) }
        return style
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        let g = context.glyphs
        func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        buffer.write(context.displayable("t\\p"), x: area.x, y: area.y, style: .dim, clip: area)
        for column in 0 ..< model.size {
            let style: Style = column == model.selectedColumn ? Style.bold.with(.underline) : .bold
            // The number under the cell's last character, the space before it plain.
            let label = String(column)
            buffer.write(label, x: area.x + Self.labelWidth + (column + 1) * cellWidth - label.count, y: area.y, style: style, clip: area)
        }
        for row in 0 ..< model.size {
            let y = area.y + 1 + row
            guard y < area.maxY else { break }
            let labelStyle: Style = row == model.selectedRow ? Style.bold.with(.underline) : .bold
            buffer.write(pad(String(row), 2), x: area.x, y: y, style: labelStyle, clip: area)
            for column in 0 ..< model.size {
                let x = area.x + Self.labelWidth + column * cellWidth
                buffer.write(pad(text(row: row, column: column, glyphs: g), cellWidth), x: x, y: y,
                             style: style(row: row, column: column, context: context), clip: area)
            }
        }
    }
}
