// TerminalUI: cells, styles, layout and widgets that draw view-models into an off-screen buffer.
// It never talks to a terminal (no curses here, so everything is testable); CursesTerminal does that.
//
// How a screen is drawn (the tutor's panels follow the same steps):
//   var buffer = CellBuffer(size: size)                        // or the one `Terminal.draw` hands you
//   let parts = buffer.bounds.rows([.fixed(1), .fill(1), .fixed(1)])
//   buffer.render(BarChart(model), in: parts[1], context: context)   // model: a Tutor view-model
//   buffer.render(KeyBar(KeyBarModel(hints)), in: parts[2], context: context)
// Widgets: Text (Markdown), DigitImage, PixelValues, BarChart, ActivationGrid, Histogram, LineChart,
// Sparkline, ProgressBar, DrawingCanvas, KeyBar, HelpOverlay, Block, MinimumSizeNotice.
// `RenderContext` carries the colour mode and glyph set; tests use `.unicode256`, `.asciiPlain`...
// Tutor's view-models are re-exported, so `import TerminalUI` is enough to draw them.
@_exported import Tutor

/// Everything a widget needs to know about the terminal it will end up on.
///
/// Widgets never ask the terminal themselves: the same widget renders for 256 colours, 8 colours
/// or none, and for Unicode or ASCII, which is what lets tests snapshot all four.
public struct RenderContext: Hashable, Sendable {
    public var colorMode: ColorMode
    public var glyphs: Glyphs

    public init(colorMode: ColorMode, glyphs: Glyphs) {
        self.colorMode = colorMode
        self.glyphs = glyphs
    }

    public static let unicode256 = RenderContext(colorMode: .palette256, glyphs: .unicode)
    public static let unicode8 = RenderContext(colorMode: .ansi8, glyphs: .unicode)
    public static let unicodePlain = RenderContext(colorMode: .none, glyphs: .unicode)
    public static let ascii256 = RenderContext(colorMode: .palette256, glyphs: .ascii)
    public static let asciiPlain = RenderContext(colorMode: .none, glyphs: .ascii)

    /// Whether colours can carry shading (256 colours); otherwise widgets shade with glyphs.
    public var hasGrayRamp: Bool { colorMode == .palette256 }

    /// `style` with `color` as its foreground, or `style` unchanged when there are no colours
    /// (so a widget's output names no colour under `NO_COLOR`).
    public func tinted(_ color: ANSIColor, _ style: Style = .plain) -> Style {
        guard colorMode != .none else { return style }
        var s = style
        s.foreground = .ansi(color)
        return s
    }

    /// `text` with characters the glyph set cannot show replaced (ASCII: common punctuation is
    /// transliterated, anything else becomes `?`).
    public func displayable(_ text: String) -> String {
        glyphs.isASCII ? Glyphs.asciiTransliteration(text) : text
    }
}
