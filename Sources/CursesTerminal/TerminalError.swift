/// Why the terminal could not be used, phrased for a person, with what to do instead.
public enum TerminalError: Error, Equatable, CustomStringConvertible, Sendable {
    /// stdin or stdout is not a terminal (a pipe, a file, a CI log). Callers print plain text instead.
    case notATerminal
    /// `TERM` is unset or empty.
    case noTerminalType
    /// `TERM=dumb` or another terminal without cursor addressing.
    case cannotAddressCursor(term: String)
    /// ncurses has no terminfo entry for `TERM`.
    case unknownTerminal(term: String)
    /// ncurses failed to start for another reason.
    case startFailed(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input or output is not a terminal; the full-screen view needs one (run it in a terminal, not through a pipe)."
        case .noTerminalType:
            return "TERM is not set, so the terminal's capabilities are unknown. Set it, e.g. `export TERM=xterm-256color`."
        case .cannotAddressCursor(let term):
            return "the terminal type '\(term)' cannot move the cursor, which a full-screen view needs. Use a real terminal emulator, or set TERM=xterm-256color if yours is one."
        case .unknownTerminal(let term):
            return "the terminal type '\(term)' is unknown to ncurses (no terminfo entry). Try `TERM=xterm-256color`, or install the ncurses-term package."
        case .startFailed(let why):
            return "the terminal could not be set up: \(why)"
        }
    }
}
