/// The eight ANSI colours, numbered as terminals number them.
public enum ANSIColor: Int, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// A colour as widgets ask for it; `terminalIndex(in:)` degrades it to what the terminal has.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    case ansi(ANSIColor)
    /// One of 26 grays from black (0) to white (25): xterm colour 16, the 24-step ramp 232...255, then 231.
    case gray(Int)
    /// A raw xterm-256 palette index.
    case indexed(Int)

    /// Number of steps of `gray`.
    public static let grayLevels = 26

    /// The gray step (0...25) nearest to a pixel byte (0...255).
    public static func gray(byte: UInt8) -> Color {
        .gray((Int(byte) * (grayLevels - 1) + 127) / 255)
    }

    /// The terminal colour number to use in `mode`, or -1 for the terminal's default colour.
    ///
    /// Under `.ansi8`, grays become black or white and palette colours their nearest ANSI colour;
    /// under `.none`, everything is the default (meaning must then come from glyphs and attributes).
    public func terminalIndex(in mode: ColorMode) -> Int {
        switch (self, mode) {
        case (.default, _), (_, .none): return -1
        case (.ansi(let c), _): return c.rawValue
        case (.gray(let level), .palette256):
            let k = min(max(level, 0), Color.grayLevels - 1)
            return k == 0 ? 16 : (k == Color.grayLevels - 1 ? 231 : 231 + k)
        case (.gray(let level), .ansi8):
            return level < Color.grayLevels / 2 ? ANSIColor.black.rawValue : ANSIColor.white.rawValue
        case (.indexed(let i), .palette256): return min(max(i, 0), 255)
        case (.indexed(let i), .ansi8): return Color.nearestANSI(toPaletteIndex: i)
        }
    }

    /// The ANSI colour nearest to xterm palette entry `i`.
    static func nearestANSI(toPaletteIndex i: Int) -> Int {
        switch i {
        case ..<8: return max(i, 0)
        case 8 ..< 16: return i - 8
        case 16 ..< 232:
            let v = i - 16
            let (r, g, b) = (v / 36, (v / 6) % 6, v % 6)
            return (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
        default: return i < 244 ? 0 : 7
        }
    }
}
