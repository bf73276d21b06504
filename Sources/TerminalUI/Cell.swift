/// One terminal cell: a single-column grapheme and its style.
///
/// Contract: every grapheme in a `Cell` occupies exactly one column. `Cell.init` replaces control
/// characters with a space and wide graphemes (CJK, emoji) with `?`, so a buffer's columns always
/// line up with the terminal's.
public struct Cell: Hashable, Sendable {
    public var grapheme: Character
    public var style: Style

    public init(_ grapheme: Character = " ", style: Style = .plain) {
        self.grapheme = Cell.singleColumn(grapheme)
        self.style = style
    }

    /// Builds a cell without checking the grapheme (for hot loops over known-safe glyphs).
    @inline(__always)
    init(trusted grapheme: Character, style: Style) {
        self.grapheme = grapheme
        self.style = style
    }

    public static let blank = Cell()

    static func singleColumn(_ c: Character) -> Character {
        if c.isASCII { return c.asciiValue! < 0x20 || c.asciiValue! == 0x7f ? " " : c }
        guard let first = c.unicodeScalars.first else { return " " }
        if first.properties.generalCategory == .control { return " " }
        return isWide(first.value) ? "?" : c
    }

    /// East Asian Wide/Fullwidth blocks and emoji, which take two terminal columns.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100 ... 0x115F, 0x2E80 ... 0x303E, 0x3041 ... 0x33FF, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF,
             0xA000 ... 0xA4CF, 0xAC00 ... 0xD7A3, 0xF900 ... 0xFAFF, 0xFE30 ... 0xFE4F, 0xFF00 ... 0xFF60,
             0xFFE0 ... 0xFFE6, 0x1F300 ... 0x1F64F, 0x1F900 ... 0x1F9FF, 0x20000 ... 0x3FFFD:
            return true
        default:
            return false
        }
    }
}
