#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Synchronization
import TerminalUI

/// The last of SIGINT, SIGTERM, SIGHUP received and not yet taken (0 = none). Written only by the
/// signal handler (an atomic store is async-signal-safe); read by the input loop.
let pendingSignal = Atomic<Int32>(0)

/// Installs handlers that only record the signal, so the run loop can restore the terminal itself.
enum SignalTrap {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Also unblocks the signals: a blocked mask is inherited through fork and exec (some launchers,
    /// e.g. tmux started from a process that blocks them, pass one on), and a blocked SIGTERM would
    /// leave the program deaf to `kill`.
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for s in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { pendingSignal.store($0, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(s, &action, nil)
        }
    }

    static func uninstall() {
        for s in signals { signal(s, SIG_DFL) }
    }

    /// The pending signal as an interrupt, clearing it.
    static func take() -> Interrupt? {
        let s = pendingSignal.exchange(0, ordering: .relaxed)
        return interrupt(for: s)
    }

    static func interrupt(for signal: Int32) -> Interrupt? {
        switch signal {
        case SIGINT: return .controlC
        case SIGTERM: return .terminate
        case SIGHUP: return .hangUp
        default: return nil
        }
    }
}

extension Interrupt {
    /// The conventional exit status after this interrupt: 128 + the signal number.
    public var exitStatus: Int32 {
        switch self {
        case .controlC: return 128 + SIGINT
        case .terminate: return 128 + SIGTERM
        case .hangUp: return 128 + SIGHUP
        }
    }
}
