import Foundation
import Testing

/// A private tmux server running one program in a detached window, driven like a person would:
/// keys, mouse bytes, resizes, and reading the screen back. Always `kill()` it at the end.
final class TmuxSession {
    let server: String
    private(set) var started = false

    /// Whether tmux is installed; tests skip (with this reason) when it is not.
    static let available: Bool = (try? run("/usr/bin/env", ["tmux", "-V"]).status) == 0

    /// The built `mnist-tutor`: `$MNIST_TUTOR_BIN`, else beside this test executable (`.build/debug`).
    static var binary: String { BinaryRunner.binaryPath }

    init(name: String) {
        server = "mnist-e2e-\(name)-\(getpid())"
    }

    /// Fails the test (with how to fix it) when the binary has not been built.
    static func requireBinary(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "no mnist-tutor at \(binary): run `swift build` first (or set MNIST_TUTOR_BIN)", sourceLocation: sourceLocation)
    }

    /// The shell command for a window: runs `mnist-tutor arguments` with `environment`, and once it exits
    /// prints its exit status (`EXIT=n`) and the terminal's line settings, then waits. With `pidFile`,
    /// the program's pid is written there first (the shell `exec`s into the program, so the pid is its).
    static func command(_ arguments: String, environment: String = "TERM=tmux-256color LANG=C.UTF-8",
                        pidFile: String? = nil) -> String {
        let exec = "exec env -u MNIST_TUTOR_DATA -u MNIST_TUTOR_LESSONS \(environment) '\(binary)' \(arguments)"
        // `\$\$` so the inner shell (which then becomes the program) expands it, not the outer one.
        let inner = pidFile.map { "echo \\$\\$ > '\($0)'; \(exec)" } ?? exec
        return "sh -c \"\(inner)\"; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; echo; sleep 60"
    }

    /// After the program exited with `exit`: mouse tracking off, normal screen, cursor visible, line mode and echo back.
    func expectRestored(exit: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let done = try waitFor("isig")
        #expect(done.ok, "the program did not exit:\n\(done.screen)", sourceLocation: sourceLocation)
        #expect(done.screen.contains("EXIT=\(exit)"), "\(done.screen)", sourceLocation: sourceLocation)
        #expect(done.screen.contains("icanon echo isig") || done.screen.contains("isig icanon echo"),
                "terminal modes not restored:\n\(done.screen)", sourceLocation: sourceLocation)
        #expect(!done.screen.contains("-icanon") && !done.screen.contains("-echo"), sourceLocation: sourceLocation)
        #expect(try format("#{mouse_any_flag}#{mouse_button_flag}#{alternate_on}#{cursor_flag}") == "0001",
                "mouse, alternate screen or cursor not restored", sourceLocation: sourceLocation)
    }

    /// Runs `tool` and returns its status and output (stdout and stderr together).
    ///
    /// posix_spawn and waitpid rather than Foundation's Process: Process waits through a run loop
    /// that a test's thread may never run. Output goes through a temporary file, not a pipe: a tmux
    /// server started by `new-session` keeps inherited descriptors open, so a pipe would never end.
    /// The child starts with no blocked signals, so the program under test hears SIGTERM and SIGINT.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "mnist-e2e-out-\(getpid())-\(UUID().uuidString)"
        defer { unlink(path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw SpawnError(tool: tool, code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, String(decoding: data, as: UTF8.self))
    }

    struct SpawnError: Error, CustomStringConvertible {
        let tool: String
        let code: Int32
        var description: String { "could not start \(tool): \(String(cString: strerror(code)))" }
    }

    @discardableResult
    func tmux(_ arguments: String...) throws -> String {
        try tmux(arguments)
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Self.run("/usr/bin/env", ["tmux", "-L", server, "-f", "/dev/null"] + arguments).output
    }

    /// Starts `shellCommand` (run by `sh -c`) in a `columns` x `rows` window.
    func start(_ shellCommand: String, columns: Int = 100, rows: Int = 30) throws {
        try tmux(["new-session", "-d", "-s", "e2e", "-x", String(columns), "-y", String(rows), shellCommand])
        started = true
    }

    /// The window's text, one string per row.
    func screen() throws -> String { try tmux("capture-pane", "-p", "-t", "e2e") }

    /// Polls the screen until `condition` holds; returns the last screen either way, and whether it held.
    ///
    /// A frame reaches tmux in several writes, so the first capture that matches can be half drawn
    /// (the top rows new, the key bar not yet there). Once the condition holds, the screen is read
    /// again until two captures 100 ms apart agree (at most `settle` seconds, for screens that keep
    /// moving, such as a training run), and the last capture that still matches is returned.
    @discardableResult
    func waitFor(timeout: Double = 20, settle: Double = 1.5, _ condition: (String) -> Bool) throws -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return (true, try settled(from: last, within: settle, condition)) }
            usleep(50_000)
        }
        return (false, last)
    }

    private func settled(from first: String, within seconds: Double, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var previous = first
        while Date() < deadline {
            usleep(100_000)
            let now = try screen()
            guard condition(now) else { return previous }
            if now == previous { return now }
            previous = now
        }
        return previous
    }

    func waitFor(_ text: String, timeout: Double = 20) throws -> (ok: Bool, screen: String) {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    func sendKeys(_ keys: String...) throws { try tmux(["send-keys", "-t", "e2e"] + keys) }

    /// Sends raw bytes (e.g. an X10 mouse report) as if typed.
    func sendBytes(_ bytes: [UInt8]) throws {
        try tmux(["send-keys", "-t", "e2e", "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// An X10 mouse report (what ncurses expects under TERM=tmux-256color): `ESC [ M cb cx cy`,
    /// 1-based coordinates plus 32. `cb`: 0 = left press, 32 = motion with left held, 3 = release.
    func mouse(_ cb: UInt8, column: Int, row: Int) throws {
        try sendBytes([0x1b, 0x5b, 0x4d, 32 + cb, UInt8(32 + column + 1), UInt8(32 + row + 1)])
    }

    /// An SGR (1006) mouse report, what ncurses asks for under TERM=xterm-256color:
    /// `ESC [ < cb ; x ; y M` (or `m` for a release), 1-based decimal coordinates.
    func sgrMouse(_ cb: Int, column: Int, row: Int, release: Bool = false) throws {
        let report = "\u{1b}[<\(cb);\(column + 1);\(row + 1)" + (release ? "m" : "M")
        try sendBytes(Array(report.utf8))
    }

    func format(_ f: String) throws -> String {
        try tmux("display", "-p", "-t", "e2e", f).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func kill() {
        guard started else { return }
        _ = try? tmux("kill-server")
        started = false
        usleep(100_000)
    }

    deinit { kill() }
}
