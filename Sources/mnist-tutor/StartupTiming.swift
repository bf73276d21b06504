import MNIST
import NeuralNet
import Tutor
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// How fast the tutor starts, measured from outside as a person meets it: this very binary launched as
/// a new process, and the clock stopped when it has done what the person waits for.
///
/// - First frame: `mnist-tutor lesson N` under a pseudo-terminal of 120x40, from just before the process
///   is spawned to the moment the tutor reports (`FrameLog`) that it flushed its first complete frame:
///   the lesson's panel showing its numbers, not that its digits are still loading. The first frame of
///   any kind is recorded too. Each launch gets a fresh progress folder, so the lesson opens as for a
///   new learner, and quits with `q` once the frame is out.
/// - Plain lesson: `mnist-tutor lesson N --plain` from spawn to exit, its output discarded.
///
/// Times are wall-clock milliseconds, the best of several launches (the machine is shared; the best
/// is the least disturbed). The caller chooses the cache folder: the learner's own (warm), or one that
/// cannot exist (every launch inflates the gzipped files, as the very first one does).
enum StartupTiming {
    /// One launch's times, in milliseconds from spawn.
    struct Frames {
        var first: Double
        var complete: Double
    }

    /// The best of `launches` launches of the interactive tutor at lesson `lesson`; nil when none drew a
    /// complete frame within 20 s.
    static func firstFrame(lesson: Int, launches: Int, environment: [String: String], arguments: [String]) -> Frames? {
        var best: Frames?
        for _ in 0 ..< launches {
            guard let frames = launchTutor(lesson: lesson, environment: environment, arguments: arguments) else { continue }
            best = Frames(first: min(best?.first ?? .infinity, frames.first), complete: min(best?.complete ?? .infinity, frames.complete))
        }
        return best
    }

    /// The best of `launches` runs of `lesson N --plain`, or nil when it failed.
    static func plainLesson(lesson: Int, launches: Int, environment: [String: String], arguments: [String]) -> Double? {
        var best: Double?
        for _ in 0 ..< launches {
            let start = monotonicSeconds()
            guard let pid = spawn(["lesson", "\(lesson)", "--plain"] + arguments, environment: environment, terminal: nil),
                  wait(pid) == 0 else { return nil }
            best = min(best ?? .infinity, (monotonicSeconds() - start) * 1000)
        }
        return best
    }

    /// The environment for the launches: the caller's, with the terminal described (120x40 comes from the
    /// pseudo-terminal, so `COLUMNS`/`LINES` must not override it), a fresh progress folder, and `cacheHome`.
    static func environment(stateHome: String, cacheHome: String?) -> [String: String] {
        var env = ProcessEnvironment.current()
        env["TERM"] = "xterm-256color"
        env["COLUMNS"] = nil
        env["LINES"] = nil
        env["XDG_STATE_HOME"] = stateHome
        if let cacheHome { env["XDG_CACHE_HOME"] = cacheHome }
        return env
    }

    // MARK: One launch under a pseudo-terminal

    static func launchTutor(lesson: Int, environment: [String: String], arguments: [String]) -> Frames? {
        let log = environment["XDG_STATE_HOME", default: "/tmp"] + "/frames-\(getpid()).log"
        unlink(log)
        defer { unlink(log) }
        var env = environment
        env[FrameLog.environmentVariable] = log
        var master: Int32 = -1, terminal: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &terminal, nil, nil, &size) == 0 else { return nil }
        defer { close(master) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(terminal, F_SETFD, FD_CLOEXEC)
        let start = monotonicSeconds()
        let spawned = spawn(["lesson", "\(lesson)"] + arguments, environment: env, terminal: terminal)
        close(terminal)  // the child has it; the master sees the end once the child closes it too
        guard let pid = spawned else { return nil }
        var frames: Frames?
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = start + 20
        // Read what the tutor draws (a full pty would stop it) until its log has the complete frame.
        while frames == nil && monotonicSeconds() < deadline {
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 5) > 0 && read(master, &buffer, buffer.count) <= 0 { break }
            frames = readLog(log).map { Frames(first: ($0.first - start) * 1000, complete: ($0.complete - start) * 1000) }
        }
        _ = write(master, "q", 1)
        // Drain until the tutor has restored the terminal and gone (read fails once the last slave closes).
        let quitBy = monotonicSeconds() + 5
        while monotonicSeconds() < quitBy {
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 50) > 0 && read(master, &buffer, buffer.count) <= 0 { break }
            if waitpid(pid, nil, WNOHANG) == pid { return frames }
        }
        kill(pid, SIGKILL)
        _ = wait(pid)
        return frames
    }

    /// The two times in the tutor's frame log, once the complete frame is there.
    static func readLog(_ path: String) -> (first: Double, complete: Double)? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var first: Double?, complete: Double?
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
            guard fields.count == 2, let value = Double(fields[1].filter { !$0.isNewline }) else { continue }
            if fields[0] == "first_frame" { first = value }
            if fields[0] == "complete_frame" { complete = value }
        }
        guard let first, let complete else { return nil }
        return (first, complete)
    }

    // MARK: Processes

    /// Starts this binary with `arguments`; stdin, stdout and stderr are the pseudo-terminal `terminal`
    /// (its slave side) or /dev/null.
    static func spawn(_ arguments: [String], environment: [String: String], terminal: Int32?) -> pid_t? {
        guard let executable = DataLocation.executablePath() else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let terminal {
            posix_spawn_file_actions_adddup2(&actions, terminal, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDWR, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return nil }
        return pid
    }

    /// Waits for `pid`; its exit status (or -1).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 { if errno != EINTR { return -1 } }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }
}

extension StartupTiming {
    /// Every lesson's start-up times: the first frame with the cache as it is (warm: `bench` loads the
    /// data through it first) and without one, and `lesson N --plain` with the cache.
    struct Report {
        var warm: [(lesson: Lesson, frames: Frames?)] = []
        var cold: [(lesson: Lesson, frames: Frames?)] = []
        var plain: [(lesson: Lesson, ms: Double?)] = []

        /// The slowest lesson's best complete frame with the cache (the "any lesson").
        var firstFrame: (lesson: Int, ms: Double)? { worst(warm.map { ($0.lesson, $0.frames?.complete) }) }
        var coldFirstDraw: (lesson: Int, ms: Double)? { worst(cold.map { ($0.lesson, $0.frames?.first) }) }
        var coldComplete: (lesson: Int, ms: Double)? { worst(cold.map { ($0.lesson, $0.frames?.complete) }) }
        /// The slowest plain lesson among those that compute no statistics over a whole set.
        var plainLesson: (lesson: Int, ms: Double)? { worst(plain.filter { !Self.wholeSet($0.lesson) }.map { ($0.lesson, $0.ms) }) }

        /// Lessons whose panel computes statistics over a whole set (`LessonPanel.wholeSetStatistics`: the
        /// sparsity of all 10,000 test digits, the trained model's accuracy on them, their classification,
        /// every unit's responses): they pay for that computation, not for starting, so the plain-lesson
        /// figure leaves them aside.
        static func wholeSet(_ lesson: Lesson) -> Bool { lesson.panel.wholeSetStatistics }

        /// The largest time and its lesson; nil when any lesson has none (a failed launch is not hidden).
        func worst(_ times: [(Lesson, Double?)]) -> (lesson: Int, ms: Double)? {
            guard !times.isEmpty, times.allSatisfy({ $0.1 != nil }) else { return nil }
            return times.map { ($0.0.number, $0.1!) }.max { $0.1 < $1.1 }
        }
    }

    /// Measures every lesson; `arguments` go to each launch (`--data DIR`).
    static func measure(lessons: [Lesson], arguments: [String], launches: Int = 5) -> Report {
        let state = (ProcessEnvironment.current()["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp")
            + "/mnist-tutor-bench-\(getpid())"
        mkdir(state, 0o700)
        defer { removeFolder(state) }
        let warm = environment(stateHome: state, cacheHome: nil)
        // Under /dev/null nothing can be created, even by root: every launch reads the gzipped files.
        let cold = environment(stateHome: state, cacheHome: "/dev/null/no-cache")
        var report = Report()
        for lesson in lessons {
            report.warm.append((lesson, firstFrame(lesson: lesson.number, launches: launches, environment: warm, arguments: arguments)))
            report.cold.append((lesson, firstFrame(lesson: lesson.number, launches: max(1, launches / 2), environment: cold, arguments: arguments)))
            report.plain.append((lesson, plainLesson(lesson: lesson.number, launches: launches, environment: warm, arguments: arguments)))
        }
        return report
    }

    /// Removes the bench's progress folder (the files the launches saved in it, then the folder).
    static func removeFolder(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { removeFolder(path + "/" + name); unlink(path + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}
