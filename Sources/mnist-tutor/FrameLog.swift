#if canImport(Glibc)
import Glibc
#endif

/// How `mnist-tutor bench` times the tutor's start: when `MNIST_TUTOR_FRAME_LOG` names a file, the
/// tutor appends the monotonic clock (`CLOCK_MONOTONIC`, seconds, the clock every process shares) at
/// which its first frame was flushed to the terminal, and at which the first complete one was: the
/// open panel showing its numbers rather than that its digits are still loading. Nothing else is written.
///
///     first_frame 81234.567890
///     complete_frame 81234.571234
struct FrameLog {
    static let environmentVariable = "MNIST_TUTOR_FRAME_LOG"
    let path: String?
    private var wroteFirst = false
    private var wroteComplete = false

    init(environment: [String: String]) {
        path = environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Called right after each frame is flushed; `complete` when the panel showed its data.
    mutating func flushed(complete: Bool) {
        guard let path, !wroteComplete else { return }
        let now = monotonicSeconds()
        var lines = ""
        if !wroteFirst { lines += "first_frame \(now)\n"; wroteFirst = true }
        if complete { lines += "complete_frame \(now)\n"; wroteComplete = true }
        guard let file = fopen(path, "a") else { return }
        fputs(lines, file)
        fclose(file)
    }
}
