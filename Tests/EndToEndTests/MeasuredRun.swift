import Foundation

/// Runs the built binary with its standard output going where a test says (a file, `/dev/full`) and
/// reports its peak memory and time, from `wait4`'s resource usage of that one child: what the
/// hardening tests need that `BinaryRunner` (a pipe, no memory figure) does not give.
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
        var tool = BinaryRunner.binaryPath
        var argv = [tool] + arguments
        if let user {
            tool = "/usr/bin/setpriv"
            argv = [tool, "--reuid=\(user)", "--regid=\(user)", "--clear-groups", BinaryRunner.binaryPath] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["MNIST_TUTOR_DATA"] = nil
        env.merge(environment) { $1 }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, tool, &actions, nil, cArgs, cEnv)
        guard spawned == 0 else { throw TmuxSession.SpawnError(tool: tool, code: spawned) }
        let child = pid
        Thread.detachNewThread {  // a hang must not hang the suite
            Thread.sleep(forTimeInterval: timeout)
            kill(child, SIGKILL)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(status: exit, stdout: stdoutPath == nil ? read(out) : "", stderr: read(err),
                      peakMB: Double(usage.ru_maxrss) / 1024, seconds: Date().timeIntervalSince(start))
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
