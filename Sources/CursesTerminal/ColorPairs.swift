import CNCursesW
import TerminalUI

/// Allocates ncurses colour pairs on first use, one per foreground/background combination.
///
/// Pairs are created with `init_extended_pair`, so numbers above 255 work (set through
/// `setcchar`'s extended-pair argument, not `COLOR_PAIR`). When the terminal's pairs run out,
/// further combinations fall back to the default pair (0) rather than failing.
struct ColorPairs {
    let mode: ColorMode
    let limit: Int
    private var pairs: [Int: Int32] = [:]
    private var next: Int32 = 1

    init(mode: ColorMode, limit: Int) {
        self.mode = mode
        self.limit = limit
    }

    mutating func pair(for style: Style) -> Int32 {
        guard mode != .none else { return 0 }
        let fg = style.foreground.terminalIndex(in: mode), bg = style.background.terminalIndex(in: mode)
        if fg < 0 && bg < 0 { return 0 }
        let key = (fg + 1) << 16 | (bg + 1)
        if let p = pairs[key] { return p }
        guard Int(next) < limit, init_extended_pair(next, Int32(fg), Int32(bg)) == OK else {
            pairs[key] = 0
            return 0
        }
        pairs[key] = next
        next += 1
        return pairs[key]!
    }
}
