import CNCursesW
import Testing
@testable import CursesTerminal
import TerminalUI

@Suite struct InputDecoderTests {
    @Test func keyCodes() {
        let expected: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_ENTER, .enter),
            (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_BTAB, .backTab), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
        ]
        for (code, key) in expected { #expect(InputDecoder.event(keyCode: code) == .key(key), "key code \(code)") }
        #expect(InputDecoder.event(keyCode: KEY_F0 + 13) == nil)
        #expect(InputDecoder.event(keyCode: KEY_SUSPEND) == nil)
    }

    @Test func characters() {
        #expect(InputDecoder.event(character: 10) == .key(.enter))
        #expect(InputDecoder.event(character: 13) == .key(.enter))
        #expect(InputDecoder.event(character: 9) == .key(.tab))
        #expect(InputDecoder.event(character: 27) == .key(.escape))
        #expect(InputDecoder.event(character: 127) == .key(.backspace))
        #expect(InputDecoder.event(character: 8) == .key(.backspace))
        #expect(InputDecoder.event(character: 3) == .interrupt(.controlC))
        #expect(InputDecoder.event(character: 12) == .key(.control("l")))
        #expect(InputDecoder.event(character: 0) == nil)
        #expect(InputDecoder.event(character: 28) == nil)
        for c in "aqZ09 ?[]x" { #expect(InputDecoder.event(character: c.unicodeScalars.first!.value) == .key(.character(c))) }
        #expect(InputDecoder.event(character: 0xE9) == .key(.character("é")))
        #expect(InputDecoder.event(character: 0x85) == nil)  // a C1 control
        #expect(InputDecoder.event(character: 0xFFFF) == nil)  // a noncharacter
    }

    @Test("escape sequences ncurses did not know are decoded whole, never read as Esc and stray keys")
    func escapeSequences() {
        func bytes(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        let known: [(String, Key)] = [
            ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home), ("[4~", .end), ("[8~", .end), ("[F", .end),
            ("OF", .end), ("[5~", .pageUp), ("[6~", .pageDown), ("[3~", .delete), ("[Z", .backTab), ("[A", .up),
            ("[1;5C", .right), ("OD", .left), ("[11~", .function(1)), ("[24~", .function(12)), ("OP", .function(1)),
            ("OS", .function(4)), ("OM", .enter),
        ]
        for (sequence, key) in known {
            let (event, consumed) = InputDecoder.escapeSequence(bytes(sequence))
            #expect(event == .key(key) && consumed == sequence.unicodeScalars.count, "ESC \(sequence)")
        }
        // Whole but unused: taken and ignored, nothing left to be typed in.
        for sequence in ["[2~", "[99~", "[<0;10;5m", "[?1;2c", "OX"] {
            let (event, consumed) = InputDecoder.escapeSequence(bytes(sequence))
            #expect(event == nil && consumed == sequence.unicodeScalars.count, "ESC \(sequence)")
        }
        // The rest after a whole sequence is given back: End then `n`.
        #expect(InputDecoder.escapeSequence(bytes("[4~n")) == (.key(.end), 3))
        // Esc alone, Esc then a key, and a sequence cut short: Esc, and every byte given back.
        for tail in ["", "n", "q", "[", "[1;", "O"] {
            let (event, consumed) = InputDecoder.escapeSequence(bytes(tail))
            #expect(event == .key(.escape) && consumed == 0, "ESC \(tail)")
        }
        #expect(InputDecoder.sequenceIsOpen(bytes("[")) && InputDecoder.sequenceIsOpen(bytes("[1;5")))
        #expect(InputDecoder.sequenceIsOpen(bytes("O")))
        #expect(!InputDecoder.sequenceIsOpen(bytes("[4~")) && !InputDecoder.sequenceIsOpen(bytes("n"))
                && !InputDecoder.sequenceIsOpen(bytes("OF")) && !InputDecoder.sequenceIsOpen([]))
    }

    @Test func mouseDragNeedsAPressFirst() {
        var d = MouseDecoder()
        #expect(d.decode(state: shim_REPORT_MOUSE_POSITION(), x: 5, y: 5) == nil)  // hover without a button
        #expect(d.decode(state: shim_BUTTON1_PRESSED(), x: 9, y: 8) == .mouse(MouseEvent(.press, column: 9, row: 8)))
        #expect(d.buttonDown == .left)
        #expect(d.decode(state: shim_REPORT_MOUSE_POSITION(), x: 10, y: 8) == .mouse(MouseEvent(.drag, column: 10, row: 8)))
        #expect(d.decode(state: shim_REPORT_MOUSE_POSITION(), x: 12, y: 9) == .mouse(MouseEvent(.drag, column: 12, row: 9)))
        #expect(d.decode(state: shim_BUTTON1_RELEASED(), x: 12, y: 9) == .mouse(MouseEvent(.release, column: 12, row: 9)))
        #expect(d.buttonDown == nil)
        #expect(d.decode(state: shim_REPORT_MOUSE_POSITION(), x: 13, y: 9) == nil)
    }

    @Test func otherButtonsAndWheel() {
        var d = MouseDecoder()
        #expect(d.decode(state: shim_BUTTON3_PRESSED(), x: 1, y: 2) == .mouse(MouseEvent(.press, button: .right, column: 1, row: 2)))
        #expect(d.decode(state: shim_REPORT_MOUSE_POSITION(), x: 2, y: 2) == .mouse(MouseEvent(.drag, button: .right, column: 2, row: 2)))
        #expect(d.decode(state: shim_BUTTON3_RELEASED(), x: 2, y: 2) == .mouse(MouseEvent(.release, button: .right, column: 2, row: 2)))
        #expect(d.decode(state: shim_BUTTON4_PRESSED(), x: 0, y: 0) == .mouse(MouseEvent(.scrollUp, button: .none, column: 0, row: 0)))
        #expect(d.decode(state: shim_BUTTON5_PRESSED(), x: 0, y: 0) == .mouse(MouseEvent(.scrollDown, button: .none, column: 0, row: 0)))
        #expect(d.decode(state: 0, x: 0, y: 0) == nil)
    }

    @Test func localeFallbackPolicy() {
        #expect(LocalePolicy.shouldTryUTF8Fallback(environment: [:]))
        #expect(LocalePolicy.shouldTryUTF8Fallback(environment: ["LANG": "en_US.UTF-8"]))
        #expect(LocalePolicy.shouldTryUTF8Fallback(environment: ["LANG": "C", "LC_ALL": "de_DE.utf8"]))
        #expect(!LocalePolicy.shouldTryUTF8Fallback(environment: ["LANG": "C"]))
        #expect(!LocalePolicy.shouldTryUTF8Fallback(environment: ["LC_CTYPE": "en_US.ISO-8859-1", "LANG": "en_US.UTF-8"]))
        #expect(LocalePolicy.requestedLocale(environment: ["LC_ALL": "", "LANG": "fr_FR.UTF-8"]) == "fr_FR.UTF-8")
    }

    @Test func interruptsExitWithTheSignalStatus() {
        #expect(Interrupt.controlC.exitStatus == 130)
        #expect(Interrupt.terminate.exitStatus == 143)
        #expect(Interrupt.hangUp.exitStatus == 129)
    }

    @Test func errorsSayWhatToDo() {
        #expect(TerminalError.unknownTerminal(term: "vt999").description.contains("TERM=xterm-256color"))
        #expect(TerminalError.cannotAddressCursor(term: "dumb").description.contains("'dumb'"))
    }
}
