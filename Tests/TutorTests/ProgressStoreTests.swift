import Foundation
import Testing
@testable import Tutor

@Suite("Saved progress")
struct ProgressStoreTests {
    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "progress-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    static let sample = LearnerProgress(currentLesson: "dropout", lessonsDone: ["network", "digits", "summary"],
                                 answers: ["digits": .init(response: "150", correct: true),
                                           "network": .init(response: "b", correct: false)],
                                 model: .own(path: "/home/learner/my-model.safetensors"))

    @Test("what is saved loads back the same, with no warnings and no temporary files left")
    func roundTrip() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir + "/state/mnist-tutor")
        #expect(store.load().progress == LearnerProgress())
        let setAside = try store.save(Self.sample)
        #expect(setAside == nil)
        let loaded = store.load()
        #expect(loaded.progress == Self.sample)
        #expect(loaded.issues.isEmpty)
        let json = try #require(Self.contents(store.path))
        #expect(json.contains("\"format\" : \"mnist-tutor progress\""))
        #expect(json.contains("\"version\" : \(LearnerProgress.currentVersion)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory) == ["progress.json"])
        for model in [ModelChoice.pretrained, .untrained] {
            var p = Self.sample
            p.model = model
            try store.save(p)
            #expect(store.load().progress.model == model)
        }
    }

    @Test("a damaged file is kept as progress.json.corrupt-<timestamp>, with a warning, and a fresh start")
    func corruptFileIsSetAside() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        let damaged = "{\"format\": \"mnist-tutor progress\", \"version\": 1, \"lessonsDo"
        try damaged.write(toFile: store.path, atomically: false, encoding: .utf8)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let loaded = store.load(now: now)
        #expect(loaded.progress == LearnerProgress())
        let issue = try #require(loaded.issues.first)
        #expect(loaded.issues.count == 1)
        #expect(issue.kind == .corruptSetAside)
        #expect(issue.setAsidePath == store.path + ".corrupt-20270115T080000Z")
        #expect(issue.message.contains("not valid JSON"))
        #expect(Self.contents(store.path + ".corrupt-20270115T080000Z") == damaged)
        #expect(!FileManager.default.fileExists(atPath: store.path))
        try store.save(Self.sample)
        #expect(store.load().progress == Self.sample)
    }

    @Test("someone else's JSON, or a newer format, is set aside too, never overwritten", arguments: [
        "{\"name\": \"my-app\", \"settings\": [1, 2, 3]}",
        "{\"format\": \"mnist-tutor progress\", \"version\": 99, \"hologram\": true}",
        "[1, 2, 3]",
        "\"just a string\"",
    ])
    func foreignFileIsSetAside(json: String) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try json.write(toFile: store.path, atomically: false, encoding: .utf8)
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        let issue = try #require(loaded.issues.first)
        #expect(issue.kind == .foreignSetAside)
        let kept = try #require(issue.setAsidePath)
        #expect(Self.contents(kept) == json)
        if json.contains("99") { #expect(issue.message.contains("newer mnist-tutor")) }
    }

    @Test("our format with a damaged field counts as corrupt, and is kept too")
    func damagedFieldIsCorrupt() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        let json = "{\"format\": \"mnist-tutor progress\", \"version\": 1, \"lessonsDone\": 7}"
        try json.write(toFile: store.path, atomically: false, encoding: .utf8)
        let issue = try #require(store.load().issues.first)
        #expect(issue.kind == .corruptSetAside)
        #expect(issue.message.contains("do not match the progress format"))
        #expect(Self.contents(try #require(issue.setAsidePath)) == json)
    }

    @Test("saving over a damaged file that was never loaded sets it aside first and says so")
    func saveSetsAsideFirst() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try "garbage".write(toFile: store.path, atomically: false, encoding: .utf8)
        let issue = try #require(try store.save(Self.sample))
        #expect(issue.kind == .corruptSetAside)
        #expect(Self.contents(try #require(issue.setAsidePath)) == "garbage")
        #expect(store.load().progress == Self.sample)
    }

    @Test("a folder that cannot be created: the tutor runs on and saving is reported unavailable")
    func uncreatableDirectory() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A path under a regular file cannot be created, even by root (unlike a chmod 0500 folder).
        let file = dir + "/not-a-folder"
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        let store = ProgressStore(directory: file + "/mnist-tutor")
        let loaded = store.load()
        #expect(loaded.progress == LearnerProgress())
        let issue = try #require(loaded.issues.first)
        #expect(issue.kind == .savingUnavailable)
        #expect(issue.message.contains("cannot be saved"))
        let error = #expect(throws: ProgressIssue.self) { try store.save(Self.sample) }
        #expect(error?.kind == .savingUnavailable)
        #expect(Self.contents(file) == "x")
    }

    @Test("a read-only folder (chmod 0500) for a user other than root: runs, saving unavailable",
          .enabled(if: getuid() != 0, "root writes through permissions; the test above covers root"))
    func readOnlyDirectory() throws {
        let dir = try Self.temporaryDirectory()
        defer {
            chmod(dir, 0o700)
            try? FileManager.default.removeItem(atPath: dir)
        }
        let store = ProgressStore(directory: dir)
        try store.save(Self.sample)
        chmod(dir, 0o500)
        let loaded = store.load()
        #expect(loaded.progress == Self.sample)
        #expect(loaded.issues.map(\.kind) == [.savingUnavailable])
        #expect(throws: ProgressIssue.self) { try store.save(LearnerProgress()) }
        #expect(store.load().progress == Self.sample)
    }

    @Test("the default folder follows XDG_STATE_HOME, else ~/.local/state")
    func defaultDirectory() {
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"]) == "/x/state/mnist-tutor")
        #expect(ProgressStore.defaultDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/mnist-tutor")
        // The XDG spec says relative paths are invalid and must be ignored.
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/a"]) == "/home/a/.local/state/mnist-tutor")
        #expect(ProgressStore(environment: ["XDG_STATE_HOME": "/s"]).path == "/s/mnist-tutor/progress.json")
    }
}
