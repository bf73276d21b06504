// CursesTerminal: the only code that calls ncurses — start-up checks, flushing buffers (only the
// cells that changed), reading keys/mouse/resize into Events, and restoring the terminal. No tutor logic.
@preconcurrency import CNCursesW
import NeuralNet
import TerminalUI
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A full-screen ncurses session.
///
/// Use it through `Terminal.run`, which guarantees the terminal is restored however the body ends:
///
/// ```swift
/// try Terminal.run(options: .init(noColor: false, asciiOnly: false)) { terminal in
///     var screen = MyScreen()
///     while true {
///         terminal.draw { buffer, context in screen.render(into: &buffer, context: context) }
///         switch terminal.nextEvent(timeout: 100) {   // .tick when nothing arrived in 100 ms
///         case .key(.character("q")), .interrupt: return
///         case let event: screen.update(event)
///         }
///     }
/// }
/// ```
public final class Terminal {
    public struct Options: Sendable {
        /// `--no-color`: draw without colours even if the terminal has them.
        public var noColor: Bool
        /// `--ascii`: draw with ASCII glyphs even in a UTF-8 locale.
        public var asciiOnly: Bool
        /// Below this size `draw` shows a one-line notice instead of the frame.
        public var minimumSize: Size
        /// Turn on mouse reporting (press, drag, release).
        public var mouse: Bool

        public init(noColor: Bool = false, asciiOnly: Bool = false, minimumSize: Size = Size(columns: 80, rows: 24),
                    mouse: Bool = true) {
            self.noColor = noColor
            self.asciiOnly = asciiOnly
            self.minimumSize = minimumSize
            self.mouse = mouse
        }
    }

    /// How widgets should draw on this terminal (colour mode and glyph set).
    public private(set) var context: RenderContext
    /// The window size in cells, updated on resize.
    public private(set) var size: Size
    public let options: Options

    private var screen: OpaquePointer?
    private var previous: CellBuffer?
    private var mouseDecoder = MouseDecoder()
    private var colorPairs: ColorPairs
    private var restored = false
    private let utf8: Bool

    /// Whether stdin and stdout are both terminals. When not, don't start curses: print plain text.
    public static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Starts a session, runs `body`, and restores the terminal afterwards whether `body` returns or
    /// throws (the error is rethrown after the terminal is back to normal, so it prints cleanly).
    public static func run<T>(options: Options = Options(), _ body: (Terminal) throws -> T) throws -> T {
        let terminal = try Terminal(options: options)
        defer { terminal.restore() }
        return try body(terminal)
    }

    /// Checks the environment and starts ncurses. Throws `TerminalError` (with the terminal untouched)
    /// when stdin/stdout is not a terminal, `TERM` is unset, dumb or unknown.
    public init(options: Options = Options()) throws {
        self.options = options
        guard Terminal.isInteractive else { throw TerminalError.notATerminal }
        let environment = ProcessEnvironment.current()
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError.noTerminalType }
        if term == "dumb" { throw TerminalError.cannotAddressCursor(term: term) }
        var status: Int32 = 0
        if setupterm(term, 1, &status) != OK {
            throw status == 0 ? TerminalError.unknownTerminal(term: term)
                              : TerminalError.startFailed("the terminfo database could not be found (TERM=\(term))")
        }
        let canAddress = shim_has_string_capability("cup") == 1
        shim_release_probe_terminal()
        guard canAddress else { throw TerminalError.cannotAddressCursor(term: term) }

        utf8 = Terminal.chooseLocale(environment: environment)
        SignalTrap.install()
        guard let screen = newterm(nil, stdout, stdin) else {
            SignalTrap.uninstall()
            throw TerminalError.unknownTerminal(term: term)
        }
        self.screen = screen
        _ = set_term(screen)
        cbreak()
        noecho()
        nonl()
        intrflush(shim_stdscr(), false)
        keypad(shim_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(shim_COLORS())
        }
        let mode = ColorMode.detect(colors: colors, environment: environment, noColorFlag: options.noColor)
        context = RenderContext(colorMode: mode, glyphs: (utf8 && !options.asciiOnly) ? .unicode : .ascii)
        colorPairs = ColorPairs(mode: mode, limit: Int(shim_COLOR_PAIRS()))
        size = Size(columns: Int(getmaxx(shim_stdscr())), rows: Int(getmaxy(shim_stdscr())))
        if options.mouse {
            mouseinterval(0)
            mousemask(shim_ALL_MOUSE_EVENTS() | shim_REPORT_MOUSE_POSITION(), nil)
            Terminal.writeControl("\u{1b}[?1002h")  // button-event tracking: report motion while a button is held
        }
    }

    deinit { restore() }

    /// Puts the terminal back as it was: mouse tracking off, cursor visible, echo and line mode back,
    /// the normal screen restored. Safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        if options.mouse {
            Terminal.writeControl("\u{1b}[?1002l")
            mousemask(0, nil)
        }
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        SignalTrap.uninstall()
        fflush(stdout)
    }

    // MARK: - Output

    /// Builds a frame the size of the window and writes the cells that changed since the last one.
    /// When the window is below `options.minimumSize`, `build` is not called (and false is returned):
    /// the frame shows a centred notice saying how large the window must be.
    @discardableResult
    public func draw(_ build: (inout CellBuffer, RenderContext) -> Void) -> Bool {
        var buffer = CellBuffer(size: size)
        let fits = size.fits(options.minimumSize)
        if fits {
            build(&buffer, context)
        } else {
            buffer.render(MinimumSizeNotice(required: options.minimumSize), in: buffer.bounds, context: context)
        }
        flush(buffer)
        return fits
    }

    /// Writes `buffer` (which should be the window's size) to the terminal, only the cells that differ
    /// from the previous flush, and returns how many were written.
    @discardableResult
    public func flush(_ buffer: CellBuffer) -> Int {
        guard !restored else { return 0 }
        let changes = buffer.changes(since: previous)
        let window = shim_stdscr()
        var cc = cchar_t()
        var wide: [wchar_t] = [0, 0, 0, 0, 0, 0]
        for change in changes where change.x < size.columns && change.y < size.rows {
            let style = change.cell.style
            var n = 0
            for scalar in change.cell.grapheme.unicodeScalars where n < wide.count - 1 {
                wide[n] = wchar_t(bitPattern: utf8 || scalar.isASCII ? scalar.value : 0x3f)
                n += 1
            }
            wide[n] = 0
            _ = wide.withUnsafeBufferPointer { p in
                shim_setcchar(&cc, p.baseAddress, attributes(style.attributes), colorPairs.pair(for: style))
            }
            if change.x == size.columns - 1 && change.y == size.rows - 1 {
                // Writing the bottom-right cell scrolls some terminals: insert it instead of adding it.
                wmove(window, Int32(change.y), Int32(change.x))
                wins_wch(window, &cc)
            } else {
                mvwadd_wch(window, Int32(change.y), Int32(change.x), &cc)
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
        return changes.count
    }

    /// Forgets the previous frame so the next `draw` writes every cell (after a resize, or to
    /// repair a screen something else wrote on).
    public func invalidate() {
        previous = nil
        clearok(shim_stdscr(), true)
    }

    private func attributes(_ a: Attributes) -> attr_t {
        var result = shim_A_NORMAL()
        if a.contains(.bold) { result |= shim_A_BOLD() }
        if a.contains(.dim) { result |= shim_A_DIM() }
        if a.contains(.reverse) { result |= shim_A_REVERSE() }
        if a.contains(.underline) { result |= shim_A_UNDERLINE() }
        return result
    }

    // MARK: - Input

    /// Waits up to `timeout` milliseconds for input and returns it as an event: a key, a mouse action,
    /// a resize (after which the next `draw` repaints everything), an interrupt (Ctrl-C, SIGTERM,
    /// SIGHUP, or input that hung up), or `.tick` when nothing arrived in time. `timeout: 0` polls
    /// once without waiting (for a loop that trains between frames). Input the tutor does not use
    /// is skipped. After `restore()` it returns `.interrupt(.hangUp)` at once.
    public func nextEvent(timeout: Int) -> Event {
        guard !restored else { return .interrupt(.hangUp) }  // after restore() there is no screen to read
        let deadline = Terminal.milliseconds() + max(0, timeout)
        let window = shim_stdscr()
        while true {
            if let interrupt = SignalTrap.take() { return .interrupt(interrupt) }
            let left = max(0, deadline - Terminal.milliseconds())
            // Short slices so a signal that does not interrupt the read is still noticed quickly;
            // a timeout of 0 still reads once, without waiting.
            wtimeout(window, Int32(min(left, 50)))
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            if status == ERR {
                // A closed input (the SSH connection dropped without SIGHUP) makes every read fail at
                // once; treat it as a hang-up rather than spinning until the deadline forever.
                if Terminal.inputHasHungUp() { return .interrupt(.hangUp) }
                if left == 0 { return .tick }
                continue
            }
            if status == shim_KEY_CODE_YES() {
                switch Int32(value) {
                case KEY_RESIZE:
                    size = Size(columns: Int(getmaxx(window)), rows: Int(getmaxy(window)))
                    invalidate()
                    return .resize(columns: size.columns, rows: size.rows)
                case KEY_MOUSE:
                    var event = MEVENT()
                    while getmouse(&event) == OK {
                        if let decoded = mouseDecoder.decode(state: event.bstate, x: event.x, y: event.y) { return decoded }
                    }
                    continue
                default:
                    if let event = InputDecoder.event(keyCode: Int32(value)) { return event }
                }
            } else if value == 27 {
                // An escape sequence ncurses did not know arrives as ESC and its bytes: read what came
                // with it (without waiting) and decode it whole, giving back what it did not use.
                var tail: [UInt32] = []
                var keyCode: wint_t?
                wtimeout(window, 0)
                while tail.count < 32 {
                    var next: wint_t = 0
                    let got = wget_wch(window, &next)
                    if got == ERR { break }
                    if got == shim_KEY_CODE_YES() { keyCode = next; break }
                    tail.append(UInt32(next))
                    if !InputDecoder.sequenceIsOpen(tail) { break }
                }
                let (event, consumed) = InputDecoder.escapeSequence(tail)
                if let keyCode { ungetch(Int32(keyCode)) }
                for c in tail[consumed...].reversed() { _ = unget_wch(wchar_t(c)) }
                if let event { return event }
            } else if let event = InputDecoder.event(character: UInt32(value)) {
                return event
            }
        }
    }

    // MARK: - Helpers

    /// Whether standard input reports hang-up or is no longer valid (checked without waiting).
    static func inputHasHungUp() -> Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLNVAL | POLLERR) != 0
    }

    static func writeControl(_ sequence: String) {
        fputs(sequence, stdout)
        fflush(stdout)
    }

    static func milliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1000 + Int(ts.tv_nsec) / 1_000_000
    }

    /// Sets the locale from the environment; when that fails and a UTF-8 locale was wanted (or none
    /// named), falls back to `C.UTF-8`. Returns whether the resulting code set is UTF-8.
    static func chooseLocale(environment: [String: String]) -> Bool {
        if setlocale(LC_ALL, "") != nil && codesetIsUTF8() { return true }
        if LocalePolicy.shouldTryUTF8Fallback(environment: environment), setlocale(LC_ALL, "C.UTF-8") != nil {
            return codesetIsUTF8()
        }
        return false
    }

    static func codesetIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
