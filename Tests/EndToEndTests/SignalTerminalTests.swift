import Foundation
import Testing

/// Issue 11's F9 and F10 in a real terminal (a private tmux server): every signal that ends the tutor
/// leaves the terminal as it was, Ctrl-\ quits cleanly, and quitting says whether progress was saved.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed: skipping the terminal end-to-end tests"))
struct SignalTerminalTests {
    /// The tutor in a 100x30 window with its progress in a fresh folder, its pid written to a file.
    func start(_ t: TmuxSession, state: String, extraEnvironment: String = "") throws -> pid_t {
        let pidFile = state + "/pid"
        try t.start(TmuxSession.command("", environment: "TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='\(state)' \(extraEnvironment)",
                                        pidFile: pidFile), columns: 100, rows: 30)
        let first = try t.waitFor(Course.place(try #require(Course.lessons.first).number))
        #expect(first.ok, "the tutor did not start:\n\(first.screen)")
        #expect(try t.format("#{mouse_button_flag}#{alternate_on}") == "11", "not in full-screen mode with the mouse on")
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// SIGQUIT showed the runtime's crash screen and kept running; SIGUSR1 and SIGPIPE killed the tutor
    /// with mouse reporting on. Now each ends it cleanly, with progress saved, exit 128 + the signal.
    @Test(arguments: [(SIGQUIT, "131"), (SIGUSR1, "138"), (SIGPIPE, "141"), (SIGALRM, "142"), (SIGTERM, "143")])
    func terminatingSignalsRestoreTheTerminal(signal: Int32, exit: String) throws {
        try TmuxSession.requireBinary()
        let state = BinaryRunner.temporaryDirectory()
        let t = TmuxSession(name: "signal-\(signal)")
        defer { t.kill() }
        let pid = try start(t, state: state)
        #expect(kill(pid, signal) == 0)
        try t.expectRestored(exit: exit)
        #expect(FileManager.default.fileExists(atPath: state + "/mnist-tutor/progress.json"), "progress was not saved")
    }

    @Test func controlBackslashQuitsCleanly() throws {
        try TmuxSession.requireBinary()
        let state = BinaryRunner.temporaryDirectory()
        let t = TmuxSession(name: "ctrl-backslash")
        defer { t.kill() }
        _ = try start(t, state: state)
        try t.sendKeys("n")
        let second = try #require(Course.lessons.dropFirst().first)
        #expect(try t.waitFor(Course.place(second.number)).ok)
        try t.sendKeys("C-\\")
        try t.expectRestored(exit: "131")
        let saved = try String(contentsOfFile: state + "/mnist-tutor/progress.json", encoding: .utf8)
        #expect(saved.contains("\"currentLesson\" : \"\(second.id)\""))
    }

    /// A crash cannot save, but the terminal is put back before the program dies with the signal. Here a
    /// SIGILL from outside, the signal a Swift runtime trap raises (and one AddressSanitizer leaves to
    /// the program, so `make sanitize` sees the same exit).
    @Test func crashSignalsRestoreTheTerminalToo() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "sigill")
        defer { t.kill() }
        let pid = try start(t, state: BinaryRunner.temporaryDirectory(), extraEnvironment: "SWIFT_BACKTRACE=enable=no")
        #expect(kill(pid, SIGILL) == 0)
        try t.expectRestored(exit: "132")
    }

    /// F9: "Progress saved in ..." was printed when progress.json was a folder.
    @Test func quittingSaysWhenProgressWasNotSaved() throws {
        try TmuxSession.requireBinary()
        let state = BinaryRunner.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: state + "/mnist-tutor/progress.json", withIntermediateDirectories: true)
        let t = TmuxSession(name: "unsaved")
        defer { t.kill() }
        _ = try start(t, state: state)
        #expect(try t.waitFor("Progress cannot be saved").ok, "the status line did not say saving is unavailable")
        try t.sendKeys("q")
        let done = try t.waitFor("isig")
        #expect(done.screen.contains("EXIT=0"))
        let text = done.screen.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("progress was not saved") && text.contains("is a folder"), "\(done.screen)")
        #expect(!text.contains("Progress saved in"), "\(done.screen)")
    }
}
