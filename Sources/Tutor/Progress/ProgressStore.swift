import Foundation
import NeuralNet

/// Loads and saves `LearnerProgress` as `progress.json` in a folder (by default
/// `$XDG_STATE_HOME/mnist-tutor`, else `~/.local/state/mnist-tutor`: progress is state, not
/// configuration or cache, in the XDG base-directory scheme).
///
/// Contract: nothing the learner made is lost or half-written, and nothing here stops the tutor.
/// - Saving goes through `AtomicFile`: a temporary file in the same folder renamed over
///   `progress.json`, so a crash or full disk leaves either the old file or the new one, never a mix;
///   a symbolic link is written through to its target; a read-only file, a folder, a FIFO or a device
///   at that path is never replaced (saving is then unavailable, and the tutor says why).
/// - Reading never blocks (a FIFO is refused, not opened for a writer) and reads at most 1 MiB: a
///   larger file is not progress (a real one is about 1 KB) and is set aside like a damaged one.
/// - A file that is not valid progress (damaged, someone else's JSON, a newer format) is renamed to
///   `progress.json.corrupt-<UTC timestamp>` before anything is written, and reported.
/// - A folder that cannot be created or written is reported as `savingUnavailable`; the tutor runs on.
public struct ProgressStore: Sendable {
    /// The largest file read as progress: 1 MiB (twelve lessons' progress is about 1 KB).
    public static let maximumFileSize = 1 << 20

    public let directory: String
    public var path: String { directory + "/progress.json" }

    public init(directory: String) {
        self.directory = directory
    }

    /// The store at the default location for `environment` (tests pass their own).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(directory: ProgressStore.defaultDirectory(environment: environment))
    }

    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/mnist-tutor"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/mnist-tutor"
    }

    /// What `load` found: the progress to use (fresh when there was none or it was set aside) and
    /// anything the learner should be told.
    public struct Loaded: Sendable {
        public let progress: LearnerProgress
        public let issues: [ProgressIssue]
    }

    /// Reads the saved progress. Never throws: problems come back as `issues`.
    public func load(now: Date = Date()) -> Loaded {
        var issues: [ProgressIssue] = []
        var progress = LearnerProgress()
        switch readExisting(now: now) {
        case .none: break
        case .some(.success(let saved)): progress = saved
        case .some(.failure(let issue)): issues.append(issue)
        }
        if !issues.contains(where: { $0.kind == .savingUnavailable }), let issue = checkWritable() { issues.append(issue) }
        return Loaded(progress: progress, issues: issues)
    }

    /// Saves `progress`. On failure throws `savingUnavailable` (the old file, if any, is untouched).
    /// Returns an issue if an unreadable file had to be set aside first.
    @discardableResult
    public func save(_ progress: LearnerProgress, now: Date = Date()) throws(ProgressIssue) -> ProgressIssue? {
        // Never replace a file we cannot read back as progress: it may be someone's data.
        var setAside: ProgressIssue?
        if case .some(.failure(let issue)) = readExisting(now: now) {
            if issue.kind == .savingUnavailable { throw issue }
            setAside = issue
        }
        if let issue = createDirectory() { throw issue }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(progress)
        } catch {
            throw unavailable("could not encode progress (\(error))")
        }
        do {
            try AtomicFile.write(Array(data) + Array("\n".utf8), to: path)
        } catch {
            throw unavailable("cannot write \(path): \(error.found)")
        }
        return setAside
    }

    /// nil when there is no file; the progress; or why the file could not be used (after setting it aside).
    func readExisting(now: Date) -> Result<LearnerProgress, ProgressIssue>? {
        let data: Data
        do {
            data = Data(try ReadableFile.bytes(path, limit: ProgressStore.maximumFileSize))
        } catch .missing {
            return nil
        } catch .tooLarge(let size, _) {
            return .failure(setAside(kind: .corruptSetAside,
                                     reason: "it is \(FileKind.size(size)), far more than any progress file (at most \(FileKind.size(ProgressStore.maximumFileSize)))",
                                     now: now))
        } catch .notRegular(let what) {
            return .failure(unavailable("\(path) is \(what), not a file; move it away"))
        } catch .permissionDenied {
            return .failure(unavailable("\(path) exists but cannot be read (permission denied); fix its permissions or move it away"))
        } catch {
            return .failure(unavailable("\(path) cannot be read (\(error)); move it away"))
        }
        switch ProgressStore.parse(data) {
        case .success(let progress): return .success(progress)
        case .failure(let unusable): return .failure(setAside(kind: unusable.kind, reason: unusable.reason, now: now))
        }
    }

    /// Why a file's contents are not usable progress: damaged (`corruptSetAside`) or not ours
    /// (`foreignSetAside`), and the reason in words.
    public struct Unusable: Error, Equatable, Sendable {
        public let kind: ProgressIssue.Kind
        public let reason: String
    }

    /// The progress in `data` (a progress.json's bytes), or why it cannot be used. Pure: the file
    /// handling (`readExisting`) and the fuzzer share it.
    public static func parse(_ data: Data) -> Result<LearnerProgress, Unusable> {
        do {
            return .success(try JSONDecoder().decode(LearnerProgress.self, from: data))
        } catch let notOurs as LearnerProgress.NotOurs {
            return .failure(Unusable(kind: .foreignSetAside, reason: notOurs.reason))
        } catch {
            // Tell a damaged progress file from valid JSON that was never ours (e.g. a list).
            guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                return .failure(Unusable(kind: .corruptSetAside, reason: "it is not valid JSON (damaged or cut short)"))
            }
            guard (json as? [String: Any])?["format"] as? String == LearnerProgress.formatName else {
                return .failure(Unusable(kind: .foreignSetAside, reason: "it is not an mnist-tutor progress file"))
            }
            return .failure(Unusable(kind: .corruptSetAside, reason: "its contents do not match the progress format"))
        }
    }

    /// Renames the unusable file to `progress.json.corrupt-<timestamp>` and says so.
    func setAside(kind: ProgressIssue.Kind, reason: String, now: Date) -> ProgressIssue {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var target = "\(path).corrupt-\(formatter.string(from: now))"
        var n = 2
        while FileManager.default.fileExists(atPath: target) {
            target = "\(path).corrupt-\(formatter.string(from: now))-\(n)"
            n += 1
        }
        guard rename(path, target) == 0 else {
            return unavailable("\(path) cannot be used because \(reason), and it cannot be moved aside (\(String(cString: strerror(errno))))")
        }
        return ProgressIssue(kind, setAsidePath: target,
                             message: "Saved progress in \(path) could not be used because \(reason). It was kept as \(target); starting fresh.")
    }

    /// nil when the folder exists (or was created) and `progress.json` can be written there (by the
    /// rules of `AtomicFile`, which tries creating its temporary file).
    func checkWritable() -> ProgressIssue? {
        if let issue = createDirectory() { return issue }
        do {
            try AtomicFile.checkDestination(path)
            return nil
        } catch {
            return unavailable("\(path) cannot be written: \(error.found)")
        }
    }

    func createDirectory() -> ProgressIssue? {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return nil
        } catch {
            return unavailable("cannot create \(directory)")
        }
    }

    func unavailable(_ reason: String) -> ProgressIssue {
        ProgressIssue(.savingUnavailable,
                      message: "Progress cannot be saved: \(reason). The tutor works normally; set XDG_STATE_HOME to a writable folder to keep progress.",
                      reason: reason)
    }
}
