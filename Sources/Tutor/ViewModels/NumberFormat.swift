/// Number formatting without Foundation: fixed decimals, padding, durations. The panels (here in
/// Tutor) and the widgets (TerminalUI, which re-exports Tutor) share it.
public enum NumberFormat {
    /// `value` with exactly `decimals` digits after the point, e.g. `fixed(-0.046, 2) == "-0.05"`.
    /// Non-finite values print as `nan`, `inf`, `-inf`.
    public static func fixed(_ value: Double, _ decimals: Int, plusSign: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0 ..< max(0, decimals) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        guard scaled < 9e18 else { return (negative ? "-" : "") + "huge" }
        let n = UInt64(scaled)
        let whole = n / UInt64(scale), frac = n % UInt64(scale)
        var s = String(whole)
        if decimals > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (negative ? "-" : (plusSign ? "+" : "")) + s
    }

    /// Left-pads `s` with spaces to `width` characters.
    public static func padLeft(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// Right-pads `s` with spaces to `width` characters.
    public static func padRight(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    /// A short duration: `0.2s`, `12s`, `2m05s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 9.95 { return fixed(seconds, 1) + "s" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + two(s % 60) + "s" }
        return "\(s / 3600)h" + two((s % 3600) / 60) + "m"
    }

    /// Milliseconds per step in Keras's style: `0.3ms/step`, `6ms/step`.
    public static func perStep(_ secondsPerStep: Double) -> String {
        let ms = secondsPerStep * 1000
        guard ms.isFinite else { return "?" }
        if ms < 10 { return fixed(ms, 1) + "ms/step" }
        if ms < 10_000 { return "\(Int(ms.rounded()))ms/step" }
        return duration(secondsPerStep) + "/step"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
