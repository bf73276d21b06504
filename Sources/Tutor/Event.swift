/// Everything that can happen to the tutor, as one value: keys, the mouse, a resized window,
/// a clock tick, and a request to leave from outside (Ctrl-C, SIGTERM, SIGHUP).
///
/// `CursesTerminal` produces these from ncurses input; tests build them by hand and replay them
/// through the tutor's `update`. Coordinates are 0-based terminal cells (column, row).
public enum Event: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The window changed size; the new size in cells.
    case resize(columns: Int, rows: Int)
    /// No input arrived before the read timed out: time to animate or to run a training step.
    case tick
    /// The process was asked to stop. The run loop should save what it must and leave.
    case interrupt(Interrupt)
}

/// A key press, already decoded (no terminal escape sequences reach the tutor).
public enum Key: Hashable, Sendable {
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case pageUp, pageDown, home, end
    /// A function key F1...F12.
    case function(Int)
    /// A printable character: letters, digits, punctuation, space.
    case character(Character)
    /// A control chord, e.g. `.control("l")` for Ctrl-L. Ctrl-C arrives as `.interrupt(.controlC)` instead.
    case control(Character)
}

/// A mouse action at a cell. Drags are reported only between a press and its release.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, drag, release, scrollUp, scrollDown }
    public enum Button: Hashable, Sendable { case left, middle, right, none }

    public var kind: Kind
    public var button: Button
    /// 0-based column of the cell under the pointer.
    public var column: Int
    /// 0-based row of the cell under the pointer.
    public var row: Int

    public init(_ kind: Kind, button: Button = .left, column: Int, row: Int) {
        self.kind = kind
        self.button = button
        self.column = column
        self.row = row
    }
}

/// Why the program is being asked to stop from outside the key map.
public enum Interrupt: Hashable, Sendable {
    /// Ctrl-C (SIGINT).
    case controlC
    /// SIGTERM, e.g. `kill PID`.
    case terminate
    /// SIGHUP: the terminal or SSH connection went away.
    case hangUp
    /// Ctrl-\ (SIGQUIT): quits cleanly like Ctrl-C (progress saved, terminal restored), not with a core dump.
    case quitKey
    /// Any other signal whose default is to end the program (SIGUSR1, SIGPIPE, SIGALRM, ...), by number:
    /// the tutor ends as cleanly as for SIGTERM instead of dying with the terminal in full-screen mode.
    case signal(Int32)
}
