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
