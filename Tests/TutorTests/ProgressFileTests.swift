import Foundation
import Testing
@testable import Tutor

/// Issue 11 on progress.json and lesson files: what is never read (a FIFO, a folder, a 2 GB file),
/// what is never replaced (a FIFO, a folder, a read-only file), links written through, and a clear
/// `savingUnavailable` whenever progress cannot be kept (F9: the tutor must not claim it saved).
@Suite("Progress and lesson files: odd files")
struct ProgressFileTests {
    static func folder() throws -> String { try ProgressStoreTests.temporaryDirectory() }

    /// Runs `body` with a FIFO at `path`; a writer releases a reader that blocked in `open` after 5 s,
    /// so a regression fails on the time check instead of hanging the suite.
    static func withFIFO(_ path: String, _ body: () throws -> Void) rethrows {
        #expect(mkfifo(path, 0o644) == 0)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 5)
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        let start = Date()
        try body()
        #expect(Date().timeIntervalSince(start) < 2, "opening the FIFO waited for a writer")
    }

    static func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test("progress.json as a FIFO: loading does not block, saving is unavailable, the FIFO stays")
    func fifo() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try Self.withFIFO(store.path) {
            let loaded = store.load()
            #expect(loaded.progress == LearnerProgress())
            #expect(loaded.issues.map(\.kind) == [.savingUnavailable])
            #expect(loaded.issues.first?.message.contains("FIFO") == true)
            let error = #expect(throws: ProgressIssue.self) { try store.save(ProgressStoreTests.sample) }
            #expect(error?.reason?.contains("is a FIFO (named pipe), not a file") == true)
        }
        #expect(Self.kind(store.path) == S_IFIFO)
    }

    @Test("progress.json as a folder: saving is unavailable, with the reason the tutor prints at exit")
    func folderInTheWay() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: false)
        #expect(store.load().issues.map(\.kind) == [.savingUnavailable])
        let error = #expect(throws: ProgressIssue.self) { try store.save(ProgressStoreTests.sample) }
        #expect(error?.reason == "\(store.path) is a folder, not a file; move it away")
        #expect(Self.kind(store.path) == S_IFDIR)
    }

    /// F8: a 2 GB progress.json was read whole (3.1 GB of memory).
    @Test("a progress.json of gigabytes is set aside unread, and a fresh start is made")
    func hugeFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        let fd = open(store.path, O_WRONLY | O_CREAT, 0o644)
        #expect(ftruncate(fd, 2 << 30) == 0)
        close(fd)
        let loaded = store.load()
        let issue = try #require(loaded.issues.first)
        #expect(issue.kind == .corruptSetAside && issue.message.contains("2 GiB"))
        #expect(FileManager.default.fileExists(atPath: try #require(issue.setAsidePath)))
        try store.save(ProgressStoreTests.sample)
        #expect(store.load().progress == ProgressStoreTests.sample)
    }

    @Test("a read-only progress.json is kept as it is; saving is unavailable and says why")
    func readOnly() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try store.save(ProgressStoreTests.sample)
        chmod(store.path, 0o444)
        let before = ProgressStoreTests.contents(store.path)
        let loaded = store.load()
        #expect(loaded.progress == ProgressStoreTests.sample)
        #expect(loaded.issues.first?.message.contains("read-only") == true)
        #expect(throws: ProgressIssue.self) { try store.save(LearnerProgress()) }
        #expect(ProgressStoreTests.contents(store.path) == before)
    }

    @Test("a progress.json that is a symbolic link is written through; the link stays")
    func symlink() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir + "/state")
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: store.path, withDestinationPath: dir + "/dotfiles-progress.json")
        try #"{"format": "mnist-tutor progress", "version": 1}"#.write(toFile: dir + "/dotfiles-progress.json", atomically: false, encoding: .utf8)
        chmod(dir + "/dotfiles-progress.json", 0o600)
        #expect(store.load().issues.isEmpty)
        try store.save(ProgressStoreTests.sample)
        #expect(Self.kind(store.path) == S_IFLNK)
        #expect(store.load().progress == ProgressStoreTests.sample)
        var info = stat()
        #expect(stat(dir + "/dotfiles-progress.json", &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test("messages quote paths with control characters escaped")
    func escapedMessages() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir + "/\u{1b}[2Jstate\n")
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: false)
        let issue = try #require(store.load().issues.first)
        #expect(!issue.message.contains("\u{1b}") && !issue.message.contains("\n") && issue.message.contains("\\x1b[2Jstate\\n"))
    }

    @Test("a lesson file that is a FIFO, or far too large, is an error naming it, not a hang")
    func oddLessonFiles() throws {
        let fixtures = try LessonFixtures()
        defer { fixtures.remove() }
        try fixtures.write("01-dropout.md", LessonFixtures.valid(id: "dropout"))
        let huge = fixtures.directory + "/02-huge.md"
        let fd = open(huge, O_WRONLY | O_CREAT, 0o644)
        #expect(ftruncate(fd, 1 << 30) == 0)
        close(fd)
        try Self.withFIFO(fixtures.directory + "/03-pipe.md") {
            let error = #expect(throws: LessonErrors.self) { try LessonLibrary.load(directory: fixtures.directory) }
            let lines = error?.errors.map(\.description) ?? []
            #expect(lines.count == 2)
            #expect(lines.contains { $0.contains("02-huge.md") && $0.contains("1 GiB") })
            #expect(lines.contains { $0.contains("03-pipe.md") && $0.contains("FIFO") })
        }
    }
}
