/// Text from outside the program (file names, bytes quoted from a damaged file, a JSON key) made
/// safe to print on one line of a terminal.
///
/// An error message that quotes a file's bytes verbatim hands the file's author the terminal: an
/// escape sequence can retitle the window, clear the screen or hide text, and a newline splits one
/// error over several lines. So every character a terminal would act on is written out instead:
/// C0 and C1 controls and DEL as `\n`, `\r`, `\t` or `\xNN`, and the Unicode line separators and
/// bidirectional overrides (which can make text read differently from what it holds) as `\u{NNNN}`.
/// Printable text, including non-ASCII letters, is left alone. Applying it twice changes nothing more
/// (a backslash is printable), so messages built from already-escaped parts stay readable.
public enum OneLine {
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let escaped: String
            switch scalar {
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            case _ where scalar.value < 0x100: escaped = "\\x" + hex(scalar.value, digits: 2)
            default: escaped = "\\u{" + hex(scalar.value, digits: 4) + "}"
            }
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }

    /// Whether `text` would print as it is: no character a terminal acts on.
    public static func isSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: needsEscape)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00 ..< 0x20, 0x7f ..< 0xa0: return true           // C0, DEL, C1 (0x9b is a one-byte CSI)
        case 0x2028, 0x2029: return true                         // line and paragraph separators
        case 0x200e, 0x200f, 0x202a ... 0x202e, 0x2066 ... 0x2069: return true  // direction marks and overrides
        default: return false
        }
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
