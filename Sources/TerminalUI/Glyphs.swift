/// The characters widgets draw with, in a Unicode set and an ASCII set for terminals whose
/// locale is not UTF-8 (or `--ascii`). Widgets take every non-letter character from here.
public struct Glyphs: Hashable, Sendable {
    public var isASCII: Bool
    /// Upper and lower half blocks and the full block: two image pixels per cell.
    public var upperHalf: Character
    public var lowerHalf: Character
    public var fullBlock: Character
    /// Shading from no ink to full ink, for images drawn without a gray ramp.
    public var shades: [Character]
    /// Horizontal bar fill from 0/8 to 8/8 of a cell (index 0 is empty).
    public var eighths: [Character]
    /// Sparkline levels, lowest to highest.
    public var sparks: [Character]
    /// The filled and empty parts of a progress bar.
    public var progressFilled: Character
    public var progressEmpty: Character
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    /// A unit that ReLU cut to exactly zero, and one dropout dropped.
    public var zeroUnit: Character
    public var droppedUnit: Character
    public var bullet: Character
    /// Points at the highlighted bar.
    public var marker: Character
    public var ellipsis: String
    /// The zero line of signed bar charts.
    public var axis: Character
    /// Plotted points of a line chart.
    public var plotPoint: Character
    /// A tick on a chart's y axis.
    public var axisTick: Character

    public static let unicode = Glyphs(
        isASCII: false, upperHalf: "▀", lowerHalf: "▄", fullBlock: "█",
        shades: [" ", "░", "▒", "▓", "█"],
        eighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        sparks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        progressFilled: "━", progressEmpty: "─", horizontal: "─", vertical: "│",
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        zeroUnit: "·", droppedUnit: "×", bullet: "•", marker: "◀", ellipsis: "…", axis: "│", plotPoint: "•",
        axisTick: "┤")

    public static let ascii = Glyphs(
        isASCII: true, upperHalf: "\"", lowerHalf: ",", fullBlock: "#",
        shades: [" ", ".", ":", "+", "#"],
        eighths: [" ", " ", " ", " ", "-", "-", "-", "-", "#"],
        sparks: ["_", ".", "-", "~", "=", "+", "*", "#"],
        progressFilled: "=", progressEmpty: ".", horizontal: "-", vertical: "|",
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        zeroUnit: ".", droppedUnit: "x", bullet: "*", marker: "<", ellipsis: "~", axis: "|", plotPoint: "*",
        axisTick: "+")

    /// A shade for `fraction` of full ink (0...1).
    public func shade(_ fraction: Double) -> Character {
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        return shades[Int((f * Double(shades.count - 1)).rounded())]
    }

    /// ASCII stand-ins for the punctuation lessons use; other non-ASCII characters become `?`.
    public static func asciiTransliteration(_ text: String) -> String {
        if text.allSatisfy(\.isASCII) { return text }
        var out = ""
        for c in text {
            if c.isASCII { out.append(c); continue }
            switch c {
            case "—", "–", "─", "━": out += "-"
            case "“", "”", "„": out += "\""
            case "‘", "’", "‚": out += "'"
            case "…": out += "..."
            case "×": out += "x"
            case "·", "•": out += "*"
            case "→": out += "->"
            case "←": out += "<-"
            case "↑": out += "^"
            case "↓": out += "v"
            case "≈": out += "~"
            case "±": out += "+/-"
            case "≤": out += "<="
            case "≥": out += ">="
            case "−": out += "-"
            case "é", "è", "ê": out += "e"
            default: out += "?"
            }
        }
        return out
    }
}
