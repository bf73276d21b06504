/// How many colours the terminal can show. Chosen once at start-up (see `ColorMode.detect`).
public enum ColorMode: Hashable, Sendable {
    /// No colour at all (`NO_COLOR`, `--no-color`, or a monochrome terminal): attributes and glyphs only.
    case none
    /// The 8 ANSI colours.
    case ansi8
    /// The xterm 256-colour palette, including the 24-step gray ramp.
    case palette256

    /// The mode for a terminal reporting `colors` colours, honouring `NO_COLOR`
    /// (https://no-color.org: any non-empty value disables colour) and the `--no-color` flag.
    public static func detect(colors: Int, environment: [String: String], noColorFlag: Bool) -> ColorMode {
        if noColorFlag { return .none }
        if let v = environment["NO_COLOR"], !v.isEmpty { return .none }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .ansi8 }
        return .none
    }
}
