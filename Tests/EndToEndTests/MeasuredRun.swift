import Foundation

/// Runs the built binary with its standard output going where a test says (a file, `/dev/full`) and
/// reports its peak memory and time: what the hardening tests need that `BinaryRunner` (a pipe, no
/// memory figure) does not give.
///
/// The peak comes from GNU time (`/usr/bin/time -f %M`, Debian's `time`, which `scripts/install-deps.sh`
/// installs), not from this process's own `wait4`: Linux carries a process's peak memory across
/// `execve`, and `posix_spawn` starts the child inside this test process's memory, so the child would
/// report the whole test suite's peak (hundreds of MB) as its own. GNU time forks from a small process.
enum MeasuredRun {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Peak resident memory of the child, in megabytes.
        let peakMB: Double
        let seconds: Double
    }

    /// Runs `mnist-tutor arguments` (as `user` when given, through setpriv), stdout to `stdoutPath` or a
    /// temporary file, `MNIST_TUTOR_DATA` removed, killed after `timeout` seconds.
    static func run(_ arguments: [String], stdoutPath: String? = nil, environment: [String: String] = [:],
                    user: UInt32? = nil, timeout: Double = 120) throws -> Result {
        let folder = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = stdoutPath ?? folder + "/stdout", err = folder + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let tool = "/usr/bin/time"
        var argv = [tool, "-f", "%M", "-o", folder + "/peak", BinaryRunner.binaryPath] + arguments
        if let user {
            argv = [tool, "-f", "%M", "-o", folder + "/peak", "/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups",
                    BinaryRunner.binaryPath] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["MNIST_TUTOR_DATA"] = nil
        env.merge(environment) { $1 }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)  // its own group, so a timeout kills time and the program
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, tool, &actions, &attributes, cArgs, cEnv)
        guard spawned == 0 else { throw TmuxSession.SpawnError(tool: tool, code: spawned) }
        let child = pid
        Thread.detachNewThread {  // a hang must not hang the suite
            Thread.sleep(forTimeInterval: timeout)
            kill(-child, SIGKILL)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        // GNU time writes "Command exited with non-zero status N" before the figure when the status is not 0.
        let peakKB = read(folder + "/peak").split(separator: "\n").last.flatMap { Double($0) } ?? .infinity
        return Result(status: exit, stdout: stdoutPath == nil ? read(out) : "", stderr: read(err),
                      peakMB: peakKB / 1024, seconds: Date().timeIntervalSince(start))
    }

    /// Runs `/bin/sh -c script` and fails the test when it fails (to make big or odd files).
    static func shell(_ script: String) throws {
        let run = try TmuxSession.run("/bin/sh", ["-c", script])
        guard run.status == 0 else { throw ShellFailed(script: script, status: run.status, output: run.output) }
    }

    struct ShellFailed: Error, CustomStringConvertible {
        let script: String
        let status: Int32
        let output: String
        var description: String { "sh -c '\(script)' exited \(status): \(output)" }
    }
}
