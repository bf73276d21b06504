#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Synchronization
import TerminalUI

/// The last terminating signal received and not yet taken (0 = none). Written only by the signal
/// handler (an atomic store is async-signal-safe); read by the input loop.
let pendingSignal = Atomic<Int32>(0)

/// What the full-screen session does with every signal that would otherwise end the program with the
/// terminal still in full-screen mode (alternate screen, mouse reporting, no echo):
///
/// - **Asked to stop** (`requests`: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2, SIGPIPE, SIGALRM,
///   SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT and the real-time signals): the
///   handler only records the signal; the run loop sees it within 50 ms, saves, restores the terminal
///   through ncurses and exits with 128 + the signal. Ctrl-\ (SIGQUIT) therefore quits cleanly like
///   Ctrl-C instead of dumping core.
/// - **Crashes** (`faults`: SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS — a Swift
///   runtime trap is SIGILL or SIGTRAP): nothing can be saved and ncurses cannot be called from a
///   handler, so the handler writes the fixed xterm sequences that leave the alternate screen, stop
///   mouse reporting and show the cursor, puts back the terminal modes saved at start (`tcsetattr` is
///   async-signal-safe), and hands the signal on to whoever had it before (the Swift runtime's crash
///   report, which then prints on a normal screen) or to the default action.
/// - SIGKILL and SIGSTOP cannot be caught; SIGTSTP and SIGWINCH are left to ncurses.
enum SignalTrap {
    static let requests: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM,
                                    SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT]
        + Array(SIGRTMIN ... SIGRTMAX)
    static let faults: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS]

    static var SIGRTMIN: Int32 { Int32(__libc_current_sigrtmin()) }
    static var SIGRTMAX: Int32 { Int32(__libc_current_sigrtmax()) }

    /// Installs the handlers (remembering the ones they replace) and saves the terminal's modes for the
    /// crash path. Also unblocks the signals: a blocked mask is inherited through fork and exec (some
    /// launchers, e.g. tmux started from a process that blocks them, pass one on), and a blocked
    /// SIGTERM would leave the program deaf to `kill`.
    static func install() {
        EmergencyRestore.saveTerminalModes()
        var set = sigset_t()
        sigemptyset(&set)
        for s in requests + faults { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for s in requests {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { pendingSignal.store($0, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(s, &action, nil)
        }
        for s in faults {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { signal, info, context in
                EmergencyRestore.run()
                EmergencyRestore.passOn(signal, info, context)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO | Int32(bitPattern: UInt32(truncatingIfNeeded: SA_RESETHAND))
            EmergencyRestore.replace(s, with: &action)
        }
    }

    /// Back to what was there before `install`, once ncurses has restored the terminal.
    static func uninstall() {
        for s in requests { signal(s, SIG_DFL) }
        EmergencyRestore.putBackPrevious()
    }

    /// The pending signal as an interrupt, clearing it.
    static func take() -> Interrupt? {
        let s = pendingSignal.exchange(0, ordering: .relaxed)
        return interrupt(for: s)
    }

    static func interrupt(for signal: Int32) -> Interrupt? {
        switch signal {
        case 0: return nil
        case SIGINT: return .controlC
        case SIGTERM: return .terminate
        case SIGHUP: return .hangUp
        case SIGQUIT: return .quitKey
        default: return .signal(signal)
        }
    }
}

/// The crash path of `SignalTrap`: only async-signal-safe calls (`write`, `tcsetattr`, `sigaction`,
/// `raise`) on state prepared before any signal can arrive.
enum EmergencyRestore {
    /// Mouse reporting off (every mode ncurses or we may have turned on), attributes reset, cursor
    /// shown, alternate screen left; then a newline so the crash report starts on a fresh line.
    static let sequence: [UInt8] = Array("\u{1b}[?1002l\u{1b}[?1000l\u{1b}[?1003l\u{1b}[?1006l\u{1b}[?1005l\u{1b}[?1015l\u{1b}[0m\u{1b}[?25h\u{1b}[?1049l\r\n".utf8)

    /// State the handler reads, in memory allocated once before any handler is installed (plain C
    /// memory: no Swift array retains or lazy globals inside a handler). `modes` is malloc'd rather than
    /// a Swift global of type `termios`: such a global is laid out 57 bytes long, and `tcgetattr` writes 60.
    nonisolated(unsafe) static let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static let flags = UnsafeMutablePointer<Bool>.allocate(capacity: 66)  // [0]: modes saved; [s]: signal s replaced
    nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    static func saveTerminalModes() {
        _ = sequence.count  // initialise the lazy global now, not first inside a handler
        flags.initialize(repeating: false, count: 66)
        flags[0] = tcgetattr(STDIN_FILENO, modes) == 0
    }

    static func replace(_ signal: Int32, with action: inout sigaction) {
        guard signal > 0 && signal < 65 else { return }
        if sigaction(signal, &action, previous + Int(signal)) == 0 {
            flags[Int(signal)] = true
        }
    }

    static func putBackPrevious() {
        for s in 1 ..< 65 where flags[s] {
            sigaction(Int32(s), previous + s, nil)
            flags[s] = false
        }
    }

    /// Puts the terminal back as far as a signal handler can.
    static func run() {
        sequence.withUnsafeBytes { raw in _ = write(STDOUT_FILENO, raw.baseAddress, raw.count) }
        if flags[0] { tcsetattr(STDIN_FILENO, TCSANOW, modes) }
    }

    /// Hands the signal to the handler `install` replaced (the Swift runtime's backtracer, say), or
    /// re-raises it with the default action so the program ends as it would have.
    static func passOn(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
        guard signal > 0 && signal < 65 && flags[Int(signal)] else {
            raiseDefault(signal)
            return
        }
        let old = previous[Int(signal)]
        let handler = unsafeBitCast(old.__sigaction_handler, to: Int.self)
        if handler == unsafeBitCast(SIG_DFL, to: Int.self) || handler == unsafeBitCast(SIG_IGN, to: Int.self) {
            raiseDefault(signal)
        } else if old.sa_flags & SA_SIGINFO != 0, let chained = old.__sigaction_handler.sa_sigaction {
            chained(signal, info, context)
        } else if let chained = old.__sigaction_handler.sa_handler {
            chained(signal)
        }
    }

    static func raiseDefault(_ signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        raise(signal)
    }
}

extension Interrupt {
    /// The conventional exit status after this interrupt: 128 + the signal number.
    public var exitStatus: Int32 {
        switch self {
        case .controlC: return 128 + SIGINT
        case .terminate: return 128 + SIGTERM
        case .hangUp: return 128 + SIGHUP
        case .quitKey: return 128 + SIGQUIT
        case .signal(let number): return 128 + number
        }
    }
}
