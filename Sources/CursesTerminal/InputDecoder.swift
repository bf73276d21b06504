import CNCursesW
import TerminalUI

/// Pure mappings from what ncurses' `wget_wch` and `getmouse` report to `Tutor.Event`s.
///
/// Kept free of I/O so every mapping is unit-tested; `Terminal.nextEvent` only feeds it.
public enum InputDecoder {
    /// The event for a key code (`wget_wch` returned `KEY_CODE_YES`), or nil for codes the tutor
    /// does not use. `KEY_RESIZE` and `KEY_MOUSE` are not handled here: they need the terminal.
    public static func event(keyCode code: Int32) -> Event? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END, KEY_LL: return .key(.end)
        case KEY_BTAB: return .key(.backTab)
        case KEY_F0 + 1 ... KEY_F0 + 12: return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    /// The event for a character (`wget_wch` returned `OK`): Enter, Tab, Esc, Backspace, Ctrl-C
    /// (as an interrupt), other control chords, and printable characters.
    public static func event(character value: UInt32) -> Event? {
        switch value {
        case 3: return .interrupt(.controlC)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1 ... 26: return .key(.control(Character(Unicode.Scalar(value + 96)!)))
        case 0 ..< 32: return nil
        default:
            guard let scalar = Unicode.Scalar(value), !scalar.properties.isNoncharacterCodePoint,
                  scalar.properties.generalCategory != .control else { return nil }
            return .key(.character(Character(scalar)))
        }
    }
}

extension InputDecoder {
    /// What an escape sequence ncurses did not know (its terminal description names other bytes, as
    /// when the tutor runs in tmux with TERM=xterm-256color) means: the characters that came at once
    /// after ESC go here. `consumed` is how many of them the event took; the caller gives the rest back
    /// to the input. Without this, `ESC [ 4 ~` (End) read as Esc (skipping the question), `[` (the
    /// previous digit), `4` (typed into the answer) and `~`.
    ///
    /// - ESC alone, or ESC then an ordinary character (Esc typed just before another key): Esc, nothing consumed.
    /// - A whole CSI (`ESC [` parameters, final byte) or SS3 (`ESC O` one byte) sequence: its key (Home,
    ///   End, PgUp, PgDn, Delete, arrows — with or without modifiers —, Shift-Tab, F1–F12), or nil for one
    ///   the tutor does not use (ignored whole, never typed in).
    /// - A sequence cut short (no final byte yet): Esc, nothing consumed.
    public static func escapeSequence(_ tail: [UInt32]) -> (event: Event?, consumed: Int) {
        guard let first = tail.first else { return (.key(.escape), 0) }
        switch first {
        case 0x5B:  // [
            guard let end = tail.dropFirst().firstIndex(where: { !(0x20 ... 0x3F).contains($0) }),
                  (0x40 ... 0x7E).contains(tail[end]) else { return (.key(.escape), 0) }
            let parameters = String(String.UnicodeScalarView(tail[1 ..< end].compactMap(Unicode.Scalar.init)))
            return (csi(parameters: parameters, final: tail[end]), end + 1)
        case 0x4F:  // O
            guard tail.count >= 2, (0x40 ... 0x7E).contains(tail[1]) else { return (.key(.escape), 0) }
            return (ss3(final: tail[1]), 2)
        default:
            return (.key(.escape), 0)
        }
    }

    /// Whether `tail` (what followed ESC so far) is a sequence that still needs bytes to be whole.
    public static func sequenceIsOpen(_ tail: [UInt32]) -> Bool {
        switch tail.first {
        case 0x5B: return tail.count == 1 || tail.dropFirst().allSatisfy { (0x20 ... 0x3F).contains($0) }
        case 0x4F: return tail.count == 1
        default: return false
        }
    }

    static func csi(parameters: String, final: UInt32) -> Event? {
        let numbers = parameters.split(separator: ";").map { Int($0) }
        switch final {
        case 0x41: return .key(.up)
        case 0x42: return .key(.down)
        case 0x43: return .key(.right)
        case 0x44: return .key(.left)
        case 0x48: return .key(.home)
        case 0x46: return .key(.end)
        case 0x5A: return .key(.backTab)
        case 0x7E:  // ~, numbered keys
            switch numbers.first ?? nil {
            case 1, 7: return .key(.home)
            case 4, 8: return .key(.end)
            case 3: return .key(.delete)
            case 5: return .key(.pageUp)
            case 6: return .key(.pageDown)
            case .some(let n) where (11 ... 15).contains(n): return .key(.function(n - 10))
            case .some(let n) where (17 ... 21).contains(n): return .key(.function(n - 11))
            case .some(let n) where (23 ... 24).contains(n): return .key(.function(n - 12))
            default: return nil
            }
        default: return nil
        }
    }

    static func ss3(final: UInt32) -> Event? {
        switch final {
        case 0x41: .key(.up)
        case 0x42: .key(.down)
        case 0x43: .key(.right)
        case 0x44: .key(.left)
        case 0x48: .key(.home)
        case 0x46: .key(.end)
        case 0x4D: .key(.enter)
        case 0x50 ... 0x53: .key(.function(Int(final) - 0x4F))
        default: nil
        }
    }
}

/// Turns ncurses mouse reports into press / drag / release events.
///
/// With button-event tracking (`ESC [ ? 1002 h`) ncurses reports a motion step as
/// `REPORT_MOUSE_POSITION` without a button bit, so the decoder remembers which button is down:
/// motion counts as a drag only between a press and its release, and is ignored otherwise.
public struct MouseDecoder: Sendable {
    public private(set) var buttonDown: MouseEvent.Button?

    public init() {}

    /// The event for one `MEVENT` (its `bstate` and 0-based cell `x`, `y`), or nil to ignore it.
    public mutating func decode(state: mmask_t, x: Int32, y: Int32) -> Event? {
        let column = Int(x), row = Int(y)
        func mouse(_ kind: MouseEvent.Kind, _ button: MouseEvent.Button) -> Event {
            .mouse(MouseEvent(kind, button: button, column: column, row: row))
        }
        let pressed: [(mmask_t, MouseEvent.Button)] = [
            (shim_BUTTON1_PRESSED(), .left), (shim_BUTTON2_PRESSED(), .middle), (shim_BUTTON3_PRESSED(), .right)]
        let released: [(mmask_t, MouseEvent.Button)] = [
            (shim_BUTTON1_RELEASED(), .left), (shim_BUTTON2_RELEASED(), .middle), (shim_BUTTON3_RELEASED(), .right)]
        if state & shim_BUTTON4_PRESSED() != 0 { return mouse(.scrollUp, .none) }
        if state & shim_BUTTON5_PRESSED() != 0 { return mouse(.scrollDown, .none) }
        for (mask, button) in pressed where state & mask != 0 {
            buttonDown = button
            return mouse(.press, button)
        }
        for (mask, button) in released where state & mask != 0 {
            buttonDown = nil
            return mouse(.release, button)
        }
        if state & shim_BUTTON1_CLICKED() != 0 { return mouse(.press, .left) }
        if state & shim_REPORT_MOUSE_POSITION() != 0, let button = buttonDown { return mouse(.drag, button) }
        return nil
    }
}
