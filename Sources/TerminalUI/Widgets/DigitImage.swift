/// A grayscale image (an MNIST digit) drawn in one of two sizes, with its label underneath.
///
/// With 256 colours, pixels are gray-ramp colours: `.compact` packs two pixel rows into a cell
/// (upper half block, foreground = top pixel, background = bottom pixel), `.large` gives each pixel
/// two cells of background. Without a gray ramp the same shapes are drawn with glyphs: half blocks
/// for ink above/below the middle gray in `.compact`, shading characters in `.large`.
public struct DigitImage: Widget {
    public enum Form: Hashable, Sendable {
        /// One column and two rows of pixels per cell: 28x14 cells for MNIST.
        case compact
        /// Two columns and one row of cells per pixel: 56x28 cells for MNIST.
        case large

        /// The cells an image of `rows` x `columns` pixels needs in this form (label not included).
        public func size(rows: Int, columns: Int) -> Size {
            switch self {
            case .compact: return Size(columns: columns, rows: (rows + 1) / 2)
            case .large: return Size(columns: columns * 2, rows: rows)
            }
        }
    }

    public var model: DigitImageModel
    public var form: Form

    public init(_ model: DigitImageModel, form: Form = .compact) {
        self.model = model
        self.form = form
    }

    /// Ink at or above this byte counts as "on" where only on/off can be shown.
    public static let inkThreshold: UInt8 = 128
    /// Ink at or above this (but below `inkThreshold`) shows as a light shade in glyph mode.
    public static let faintThreshold: UInt8 = 40

    public func render(into buffer: inout CellBuffer, area: Rect, context: RenderContext) {
        let image = form.size(rows: model.rows, columns: model.columns)
        let clip = area
        switch form {
        case .compact:
            for cy in 0 ..< image.rows {
                for cx in 0 ..< image.columns {
                    let top = model[2 * cy, cx]
                    let bottom = 2 * cy + 1 < model.rows ? model[2 * cy + 1, cx] : 0
                    let cell = model.signed ? Self.signedCompactCell(top: top, bottom: bottom, context: context)
                                            : Self.compactCell(top: top, bottom: bottom, context: context)
                    buffer.set(area.x + cx, area.y + cy, cell, clip: clip)
                }
            }
        case .large:
            for r in 0 ..< model.rows {
                for c in 0 ..< model.columns {
                    if model.signed {
                        let cells = Self.signedLargeCells(model[r, c], context: context)
                        buffer.set(area.x + 2 * c, area.y + r, cells.0, clip: clip)
                        buffer.set(area.x + 2 * c + 1, area.y + r, cells.1, clip: clip)
                        continue
                    }
                    let cell = Self.largeCell(model[r, c], context: context)
                    buffer.set(area.x + 2 * c, area.y + r, cell, clip: clip)
                    buffer.set(area.x + 2 * c + 1, area.y + r, cell, clip: clip)
                }
            }
        }
        if let label = model.label, image.rows < area.height {
            buffer.write(context.displayable(label), x: area.x, y: area.y + image.rows, style: .bold, clip: clip)
        }
    }

    /// The cell for a top and a bottom pixel in compact form.
    public static func compactCell(top: UInt8, bottom: UInt8, context: RenderContext) -> Cell {
        let g = context.glyphs
        if context.hasGrayRamp {
            return Cell(trusted: g.isASCII ? " " : g.upperHalf,
                        style: g.isASCII ? Style(background: .gray(byte: max(top, bottom)))
                                         : Style(foreground: .gray(byte: top), background: .gray(byte: bottom)))
        }
        let t = top >= inkThreshold, b = bottom >= inkThreshold
        if g.isASCII {
            return Cell(trusted: g.shade(Double(max(top, bottom)) / 255), style: .plain)
        }
        let glyph: Character = t && b ? g.fullBlock : t ? g.upperHalf : b ? g.lowerHalf
            : max(top, bottom) >= faintThreshold ? g.shades[1] : " "
        return Cell(trusted: glyph, style: .plain)
    }

    /// One of the two cells of a pixel in large form.
    public static func largeCell(_ pixel: UInt8, context: RenderContext) -> Cell {
        if context.hasGrayRamp { return Cell(trusted: " ", style: Style(background: .gray(byte: pixel))) }
        return Cell(trusted: context.glyphs.shade(Double(pixel) / 255), style: .plain)
    }

    // MARK: Signed pictures (weights): one colour per sign

    /// xterm-256 colours for strengths 1...5: positive values orange to gold, negative ones dark blue to
    /// sky blue (a pair told apart with any common colour blindness); strength 0 is black.
    static let positiveRamp = [52, 94, 136, 178, 220]
    static let negativeRamp = [17, 24, 31, 38, 45]

    /// The colour of a signed byte under 256 colours, or the ANSI colour with 8.
    static func signedColor(_ byte: UInt8, context: RenderContext) -> Color {
        let (level, negative) = DigitImageModel.signedLevel(byte)
        if context.colorMode == .ansi8 { return level == 0 ? .default : .ansi(negative ? .blue : .red) }
        guard level > 0 else { return .indexed(16) }
        return .indexed((negative ? negativeRamp : positiveRamp)[level - 1])
    }

    /// Without colours the sign is a glyph: `+` for a clearly positive value, `-` for a clearly negative one
    /// (strength 2 or more), blank near 0.
    static func signedGlyph(_ byte: UInt8) -> Character {
        let (level, negative) = DigitImageModel.signedLevel(byte)
        return level < 2 ? " " : negative ? "-" : "+"
    }

    /// Two signed pixels, one above the other, in one cell.
    public static func signedCompactCell(top: UInt8, bottom: UInt8, context: RenderContext) -> Cell {
        let g = context.glyphs
        switch context.colorMode {
        case .palette256 where !g.isASCII:
            return Cell(trusted: g.upperHalf, style: Style(foreground: signedColor(top, context: context),
                                                           background: signedColor(bottom, context: context)))
        case .palette256, .ansi8:
            let stronger = DigitImageModel.signedLevel(top).level >= DigitImageModel.signedLevel(bottom).level ? top : bottom
            let level = DigitImageModel.signedLevel(stronger).level
            return Cell(trusted: level == 0 ? " " : g.shade(Double(level) / 5), style: Style(foreground: signedColor(stronger, context: context)))
        case .none:
            let stronger = DigitImageModel.signedLevel(top).level >= DigitImageModel.signedLevel(bottom).level ? top : bottom
            return Cell(trusted: signedGlyph(stronger), style: .plain)
        }
    }

    /// The two cells of one signed pixel in large form.
    public static func signedLargeCells(_ pixel: UInt8, context: RenderContext) -> (Cell, Cell) {
        switch context.colorMode {
        case .palette256:
            let cell = Cell(trusted: " ", style: Style(background: signedColor(pixel, context: context)))
            return (cell, cell)
        case .ansi8:
            let level = DigitImageModel.signedLevel(pixel).level
            let cell = Cell(trusted: level == 0 ? " " : context.glyphs.shade(Double(level) / 5),
                            style: Style(foreground: signedColor(pixel, context: context)))
            return (cell, cell)
        case .none:
            let cell = Cell(trusted: signedGlyph(pixel), style: .plain)
            return (cell, cell)
        }
    }
}
