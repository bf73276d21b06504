/// Draws a `DrawingCanvasModel` and turns cells under the mouse into canvas coordinates.
///
/// `.large` (2 columns x 1 row per pixel, 56x28 cells) is the comfortable form for drawing;
/// `.compact` (half blocks, 28x14) fits small windows. Paper without ink shows a dim dot (one per
/// pixel in large form, one per cell in compact form), so the 28x28 area is visible before the first
/// stroke in every colour mode, `NO_COLOR` and ASCII included. The keyboard cursor is drawn as `[]` in
/// large form and as a `+` (reverse video without colour) in compact form.
public struct DrawingCanvas: Widget {
    public var model: DrawingCanvasModel
    public var form: DigitImage.Form

    public init(_ model: DrawingCanvasModel, form: DigitImage.Form = .large) {
        self.model = model
        self.form = form
    }

    /// The cells the canvas needs in `form`.
    public static func size(_ form: DigitImage.Form) -> Size {
        form.size(rows: DrawingCanvasModel.side, columns: DrawingCanvasModel.side)
    }

    /// The larger form that fits in `size`, or nil when not even the compact form fits.
    public static func form(fitting size: Size) -> DigitImage.Form? {
        size.fits(Self.size(.large)) ? .large : size.fits(Self.size(.compact)) ? .compact : nil
    }

    /// The canvas point (continuous pixel units, see `DrawingCanvasModel`) under cell
    /// (`column`, `row`) when the canvas is drawn with its top-left corner at `origin`; nil off the canvas.
    /// Large form: the centre of the pixel. Compact form: the middle of the cell, i.e. on the border
    /// between its two pixels, so a dab there covers both.
    public static func canvasPoint(column: Int, row: Int, origin: (x: Int, y: Int), form: DigitImage.Form) -> (x: Double, y: Double)? {
        let dx = column - origin.x, dy = row - origin.y
        let n = DrawingCanvasModel.side
        switch form {
        case .large:
            guard dx >= 0, dy >= 0, dx < 2 * n, dy < n else { return nil }
            return (Double(dx / 2) + 0.5, Double(dy) + 0.5)
        case .compact:
            guard dx >= 0, dy >= 0, dx < n, dy < (n + 1) / 2 else { return nil }
            return (Double(dx) + 0.5, Double(2 * dy) + 1)
        }
    }

    /// The dim dot on paper without ink.
    static func paper(_ context: RenderContext) -> Cell {
        let dot: Character = context.glyphs.isASCII ? "." : "·"
        return Cell(trusted: dot, style: context.hasGrayRamp ? Style(foreground: .gray(9), background: .gray(0)) : .dim)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        DigitImage(model.image, form: form).render(into: &buffer, area: area, context: context)
        let paper = Self.paper(context)
        let n = DrawingCanvasModel.side
        switch form {
        case .large:
            for r in 0 ..< n {
                for c in 0 ..< n where model[r, c] == 0 { buffer.set(area.x + 2 * c, area.y + r, paper, clip: area) }
            }
        case .compact:
            for cy in 0 ..< (n + 1) / 2 {
                for c in 0 ..< n where model[2 * cy, c] == 0 && (2 * cy + 1 >= n || model[2 * cy + 1, c] == 0) {
                    buffer.set(area.x + c, area.y + cy, paper, clip: area)
                }
            }
        }
        let cursor = model.cursor
        switch form {
        case .large:
            let x = area.x + 2 * cursor.column, y = area.y + cursor.row
            let p = model[cursor.row, cursor.column]
            var style = Style(attributes: .bold)
            if context.hasGrayRamp {
                style = Style(foreground: p >= 128 ? .ansi(.red) : .ansi(.yellow), background: .gray(byte: p), attributes: .bold)
            }
            buffer.set(x, y, Cell(trusted: "[", style: style), clip: area)
            buffer.set(x + 1, y, Cell(trusted: "]", style: style), clip: area)
        case .compact:
            let x = area.x + cursor.column, y = area.y + cursor.row / 2
            guard area.contains(x: x, y: y) else { return }
            let p = max(model[cursor.row, cursor.column], 0)
            let style = context.hasGrayRamp
                ? Style(foreground: p >= 128 ? .ansi(.red) : .ansi(.yellow), background: .gray(byte: p), attributes: .bold)
                : Style(attributes: [.reverse, .bold])
            let cell = Cell(trusted: "+", style: style)
            buffer.set(x, y, cell, clip: area)
        }
    }
}
