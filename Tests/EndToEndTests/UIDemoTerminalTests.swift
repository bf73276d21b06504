import Foundation
import Testing

/// The `ui-demo` in a real terminal (a private tmux server): start-up, keys, a mouse drag on the
/// canvas, resizing, and leaving by `q`, Ctrl-C and SIGTERM with the terminal restored.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed: skipping the terminal end-to-end tests"))
struct UIDemoTerminalTests {
    let binary = TmuxSession.binary

    /// The demo in a window (see `TmuxSession.command`).
    func command(_ extra: String = "", term: String = "tmux-256color", pidFile: String? = nil) -> String {
        TmuxSession.command("ui-demo \(extra)", environment: "TERM=\(term) LANG=C.UTF-8", pidFile: pidFile)
    }

    @Test func startsShowsEveryPageAndQuits() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "pages")
        defer { t.kill() }
        try t.start(command())
        let first = try t.waitFor("test digit #0, label 7")
        #expect(first.ok, "demo did not start:\n\(first.screen)")
        #expect(first.screen.contains("q quit  ? help  Tab page"))  // the key bar
        #expect(first.screen.contains(" 1 Digit ") && first.screen.contains("Pixel values"))
        let flags = try t.format("#{mouse_button_flag}")
        #expect(flags == "1", "button-event mouse tracking (1002) is not on: \(flags)")
        for (key, text) in [("2", "Logits, Dense(10)"), ("3", "class-mean classifier"), ("4", "Draw a digit"), ("5", "What the model does")] {
            try t.sendKeys(key)
            let page = try t.waitFor(text)
            #expect(page.ok, "page \(key) did not show \(text):\n\(page.screen)")
        }
        try t.sendKeys("?")
        #expect(try t.waitFor("Press any key to close this help.").ok)
        try t.sendKeys("Escape")
        #expect(try t.waitFor { !$0.contains("Press any key to close") }.ok)
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
    }

    @Test func mouseDragPaintsTheCanvas() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "drag")
        defer { t.kill() }
        try t.start(command())
        #expect(try t.waitFor("test digit #0").ok)
        try t.sendKeys("4")
        let before = try t.waitFor("empty")
        #expect(before.ok, "\(before.screen)")
        // 100x30 puts the compact canvas at column 1, row 2: a horizontal drag across canvas row 9.
        try t.mouse(0, column: 5, row: 6)
        for column in stride(from: 7, through: 21, by: 2) { try t.mouse(32, column: column, row: 6) }
        try t.mouse(3, column: 21, row: 6)
        let after = try t.waitFor("cursor (9,20)")  // where the release happened
        #expect(after.ok, "the drag painted nothing:\n\(after.screen)")
        let rows = after.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The cursor follows the pointer, and the pixel values show a full-ink stroke.
        #expect(after.screen.contains("ink in"), "\(after.screen)")
        #expect(rows.contains { $0.contains(" 9 ") && $0.contains("255") }, "\(after.screen)")
        // Keyboard painting works too (mouse is only a convenience): clear, then paint at the cursor.
        try t.sendKeys("c")
        #expect(try t.waitFor("empty").ok)
        try t.sendKeys("Space")
        #expect(try t.waitFor("ink in 9 pixels").ok)
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
    }

    /// The same drag as SGR (1006) reports, which xterm-style terminals send: ncurses turns 1006 on
    /// for TERM=xterm-256color, and a press, motion and an `m` release arrive as decimal numbers.
    @Test func sgrMouseDragPaintsTheCanvas() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "sgr")
        defer { t.kill() }
        try t.start(command(term: "xterm-256color"))
        #expect(try t.waitFor("test digit #0").ok)
        #expect(try t.format("#{mouse_sgr_flag}#{mouse_button_flag}") == "11",
                "SGR (1006) or button-event (1002) mouse tracking is not on")
        try t.sendKeys("4")
        #expect(try t.waitFor("empty").ok)
        try t.sgrMouse(0, column: 5, row: 6)
        for column in stride(from: 7, through: 21, by: 2) { try t.sgrMouse(32, column: column, row: 6) }
        try t.sgrMouse(0, column: 21, row: 6, release: true)
        let after = try t.waitFor("cursor (9,20)")
        #expect(after.ok, "the SGR drag painted nothing:\n\(after.screen)")
        let rows = after.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows.contains { $0.contains(" 9 ") && $0.contains("255") }, "\(after.screen)")
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
    }

    @Test func resizingRedrawsAndTooSmallSaysHowLarge() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "resize")
        defer { t.kill() }
        try t.start(command())
        #expect(try t.waitFor("test digit #0").ok)
        try t.tmux("resize-window", "-t", "e2e", "-x", "70", "-y", "20")
        let small = try t.waitFor("please enlarge it to at least 80x24")
        #expect(small.ok, "\(small.screen)")
        #expect(small.screen.contains("Window is 70x20"))
        #expect(!small.screen.contains("test digit"))
        try t.tmux("resize-window", "-t", "e2e", "-x", "120", "-y", "40")
        let big = try t.waitFor("Image, 2 cells per pixel")  // the large digit form now fits
        #expect(big.ok, "\(big.screen)")
        #expect(!big.screen.contains("please enlarge"))
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
    }

    @Test func controlCRestoresTheTerminal() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "ctrlc")
        defer { t.kill() }
        try t.start(command())
        #expect(try t.waitFor("test digit #0").ok)
        try t.sendKeys("C-c")
        try t.expectRestored(exit: "130")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "term")
        defer { t.kill() }
        let pidFile = NSTemporaryDirectory() + "mnist-e2e-\(getpid()).pid"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        try t.start(command(pidFile: pidFile))
        #expect(try t.waitFor("test digit #0").ok)
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGTERM) == 0)
        try t.expectRestored(exit: "143")
    }

    @Test func leavesWhenTheTerminalGoesAway() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "hangup")
        defer { t.kill() }
        let pidFile = NSTemporaryDirectory() + "mnist-e2e-hup-\(getpid()).pid"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        try t.start(command(pidFile: pidFile))
        #expect(try t.waitFor("test digit #0").ok)
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        t.kill()  // the terminal disappears: SIGHUP, then a closed input
        let deadline = Date().addingTimeInterval(10)
        while kill(pid, 0) == 0 && Date() < deadline { usleep(50_000) }
        let alive = kill(pid, 0) == 0
        #expect(!alive, "mnist-tutor (pid \(pid)) kept running after its terminal went away")
        if alive { kill(pid, SIGKILL) }
    }

    @Test func aThrownErrorRestoresTheTerminalAndIsPrintedAfter() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "error")
        defer { t.kill() }
        try t.start(command("--fail-after-frames 5"))
        try t.expectRestored(exit: "1")
        let s = try t.screen()
        #expect(s.contains("mnist-tutor: stopped on purpose after 5 frames"), "the error was not printed:\n\(s)")
        #expect(!s.contains("--help"), "a program error is not a usage error:\n\(s)")
    }

    @Test func asciiAndNoColourDrawPlainCharacters() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "ascii")
        defer { t.kill() }
        try t.start(command("--ascii --no-color"))
        let s = try t.waitFor("test digit #0")
        #expect(s.ok)
        let allASCII = s.screen.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII, "non-ASCII on screen:\n\(s.screen)")
        #expect(s.screen.contains("##"))  // the digit is drawn with shading characters
        let styled = try t.tmux("capture-pane", "-p", "-e", "-t", "e2e")
        #expect(!styled.contains("38;5;") && !styled.contains("48;5;"), "256-colour codes with --no-color")
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
    }

    @Test func refusesDumbAndUnknownTerminals() throws {
        try TmuxSession.requireBinary()
        for (term, message) in [("dumb", "cannot move the cursor"), ("vt-no-such-terminal", "unknown to ncurses")] {
            let t = TmuxSession(name: "term-\(term.count)")
            defer { t.kill() }
            try t.start(command(term: term))
            let s = try t.waitFor("EXIT=")
            #expect(s.ok && s.screen.contains(message) && s.screen.contains("EXIT=1"), "\(s.screen)")
        }
    }

    @Test func withoutATerminalPrintsPlainText() throws {
        try TmuxSession.requireBinary()
        let result = try TmuxSession.run("/usr/bin/env", ["LANG=C.UTF-8", binary, "ui-demo"])
        #expect(result.status == 0)
        #expect(result.output.contains("not a terminal"))
        #expect(result.output.contains("test digit #0, label 7"))
        #expect(result.output.contains("Softmax probabilities"))
        #expect(!result.output.contains("\u{1b}["), "escape sequences in plain output")
    }
}
