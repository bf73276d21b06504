/// The 0–255 numbers of an image region, as `print(x_train[0])` shows them: 4 columns per pixel,
/// a header of column numbers and row numbers down the left. Zeros are dim, ink is bold (and on a
/// gray background with 256 colours); the highlighted pixel is in reverse video. When the region has
/// more columns or rows than fit, an ellipsis ends the header and stands for the last row's number.
public struct PixelValues: Widget {
    public var model: PixelValuesModel
    public init(_ model: PixelValuesModel) { self.model = model }

    /// Cells per pixel value, including the separating space.
    public static let cellWidth = 4
    /// Width of the row-number gutter.
    public static let gutter = 3

    /// The cells `columns` pixel columns take, with the row-number gutter.
    public static func width(columns: Int) -> Int { gutter + cellWidth * columns }

    /// How many pixel columns and rows fit in `size`.
    public static func capacity(_ size: Size) -> (columns: Int, rows: Int) {
        (max(0, (size.columns - gutter) / cellWidth), max(0, size.rows - 1))
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        let image = model.image
        let fit = Self.capacity(area.size)
        var columns = min(fit.columns, model.columns)
        let rows = min(fit.rows, model.rows)
        // Cut short on the right, a column makes room for the ellipsis when no cell is spare.
        if columns < model.columns && columns > 1 && Self.width(columns: columns) + 2 > area.width { columns -= 1 }
        guard columns > 0, rows > 0 else {
            buffer.write("(too small)", x: area.x, y: area.y, style: .dim, clip: area)
            return
        }
        buffer.write(String(repeating: " ", count: Self.gutter), x: area.x, y: area.y, clip: area)
        for i in 0 ..< columns {
            buffer.write(NumberFormat.padLeft(String(model.left + i), Self.cellWidth),
                         x: area.x + Self.gutter + i * Self.cellWidth, y: area.y, style: .dim, clip: area)
        }
        // More to the right or below than fits: an ellipsis at the end of the header, or of the last row's number.
        let ellipsis = context.glyphs.ellipsis
        if columns < model.columns {
            buffer.write(ellipsis, x: area.x + Self.width(columns: columns) + 1, y: area.y, style: .dim, clip: area)
        }
        for j in 0 ..< rows {
            let r = model.top + j, y = area.y + 1 + j
            let more = j == rows - 1 && rows < model.rows
            buffer.write(more ? NumberFormat.padLeft(ellipsis, Self.gutter - 1) + " " : NumberFormat.padLeft(String(r), Self.gutter - 1) + " ",
                         x: area.x, y: y, style: .dim, clip: area)
            for i in 0 ..< columns {
                let c = model.left + i
                let v = image[r, c]
                var style: Style = v == 0 ? .dim : .bold
                if context.hasGrayRamp && v > 0 {
                    style = Style(foreground: v >= 128 ? .gray(0) : .gray(25), background: .gray(byte: v), attributes: .bold)
                }
                if model.highlight == PixelPosition(row: r, column: c) { style = Style(attributes: [.reverse, .bold]) }
                buffer.write(" " + NumberFormat.padLeft(String(v), 3), x: area.x + Self.gutter + i * Self.cellWidth,
                             y: y, style: style, clip: area)
            }
        }
    }
}
