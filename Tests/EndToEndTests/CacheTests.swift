import Foundation
import Testing

/// The decompressed cache (`$XDG_CACHE_HOME/mnist-tutor`) as a learner meets it: whatever state it is
/// in — absent, present, damaged, truncated, made from other data, not writable — every lesson shows
/// the same digits and the same numbers as a run with no cache at all.
@Suite("The decompressed cache, end to end", .serialized)
struct CacheTests {
    /// Lessons on both sets (2), the test set (5, 7 with its statistics over all 10,000) and the training set (9).
    static let lessons = ["2", "5", "7", "9"]
    /// Under /dev/null no folder can be created, even by root: no cache at all.
    static let noCache = "/dev/null/no-cache"

    /// `lesson N --plain` with `cacheHome` as XDG_CACHE_HOME; it must succeed and say nothing on stderr.
    static func plain(_ lesson: String, cacheHome: String, data: String? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let state = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let out = try BinaryRunner.run(["lesson", lesson, "--plain"] + (data.map { ["--data", $0] } ?? []),
                                       environment: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": cacheHome])
        #expect(out.status == 0 && out.stderr.isEmpty, "lesson \(lesson): \(out.stderr)", sourceLocation: sourceLocation)
        return out.stdout
    }

    static func entries(_ cacheHome: String) -> [String] {
        let folder = cacheHome + "/mnist-tutor"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".pixels") }.sorted()
            .map { folder + "/" + $0 }
    }

    /// Every lesson's plain text with `cacheHome`, compared with `reference` (the text without a cache).
    static func expectSame(_ reference: [String], cacheHome: String, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (lesson, expected) in zip(lessons, reference) {
            let text = try plain(lesson, cacheHome: cacheHome, sourceLocation: sourceLocation)
            #expect(text == expected, "lesson \(lesson) differs with the cache \(what)", sourceLocation: sourceLocation)
        }
    }

    @Test("absent, present, damaged, truncated or unwritable: the lessons show the same digits and numbers")
    func sameLessonsWhateverTheCache() throws {
        let reference = try Self.lessons.map { try Self.plain($0, cacheHome: Self.noCache) }
        let home = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }

        try Self.expectSame(reference, cacheHome: home, "written on the way (the first run)")
        let entries = Self.entries(home)
        #expect(entries.count == 2, "one entry per images file: \(entries)")
        let good = try entries.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        try Self.expectSame(reference, cacheHome: home, "present")

        // Pixels changed in the first digit of each set (the one the lessons show) and in the middle of each
        // entry; the header still says all is well.
        for (path, data) in zip(entries, good) {
            var bad = data
            for at in Array(stride(from: 64, to: 64 + 784, by: 7)) + Array(stride(from: bad.count / 3, to: bad.count / 3 + 4000, by: 97)) {
                bad[at] = ~bad[at]
            }
            try bad.write(to: URL(fileURLWithPath: path))
        }
        try Self.expectSame(reference, cacheHome: home, "damaged")
        #expect(try entries.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == good, "damaged entries are rewritten")

        for path in entries {
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 100_000)
            try handle.close()
        }
        try Self.expectSame(reference, cacheHome: home, "truncated")
        #expect(try entries.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == good, "truncated entries are rewritten")

        // A cache folder that cannot be created (a file is in the way): no cache, no complaint.
        let blocked = BinaryRunner.temporaryDirectory() + "/a-file"
        FileManager.default.createFile(atPath: blocked, contents: Data([1]))
        try Self.expectSame(reference, cacheHome: blocked, "impossible to create")
        // A read-only folder holding damaged entries (read-only only binds a user that is not root).
        var bad = good[0]
        bad[bad.count / 2] ^= 1
        try bad.write(to: URL(fileURLWithPath: entries[0]))
        chmod(home + "/mnist-tutor", 0o555)
        defer { chmod(home + "/mnist-tutor", 0o755) }
        try Self.expectSame(reference, cacheHome: home, "read-only, with a damaged entry")
    }

    @Test("after the data changes, the new digits show, as without a cache: an entry never outlives its source")
    func changedData() throws {
        let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets/mnist").path
        let data = BinaryRunner.temporaryDirectory()
        let home = BinaryRunner.temporaryDirectory()
        defer { for folder in [data, home] { try? FileManager.default.removeItem(atPath: folder) } }
        for name in try FileManager.default.contentsOfDirectory(atPath: assets) {
            try FileManager.default.copyItem(atPath: assets + "/" + name, toPath: data + "/" + name)
        }
        let before = try Self.plain("5", cacheHome: home, data: data)
        #expect(Self.entries(home).count == 1)

        // The same file name, new contents: x_test[0] drawn in negative (every pixel p becomes 255 - p).
        let gz = data + "/t10k-images-idx3-ubyte.gz", raw = data + "/t10k-images-idx3-ubyte.raw"
        let unpack = try BinaryRunner.run(["-c", "gzip -dc '\(gz)' > '\(raw)'"], executable: "/bin/sh")
        try #require(unpack.status == 0, "\(unpack.stderr)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: raw))
        for at in 16 ..< 16 + 784 { bytes[at] = 255 - bytes[at] }
        try bytes.write(to: URL(fileURLWithPath: raw))
        let pack = try BinaryRunner.run(["-c", "gzip -c '\(raw)' > '\(gz)' && rm '\(raw)'"], executable: "/bin/sh")
        try #require(pack.status == 0, "\(pack.stderr)")

        let after = try Self.plain("5", cacheHome: home, data: data)
        let uncached = try Self.plain("5", cacheHome: Self.noCache, data: data)
        #expect(after == uncached, "the cache shows what the files hold")
        #expect(after != before, "the negative digit shows, not the cached original")
        #expect(Self.entries(home).count == 2, "a new entry, named by the new file's size and CRC")
    }

    @Test("data says where the cache is and whether the images came from it")
    func dataCommandReportsTheCache() throws {
        let home = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = try BinaryRunner.run(["data"], environment: ["XDG_CACHE_HOME": home])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("cache: \(home)/mnist-tutor (training images: read from the source, cache written; test images: read from the source, cache written)"))
        let second = try BinaryRunner.run(["data"], environment: ["XDG_CACHE_HOME": home])
        #expect(second.stdout.contains("(training images: from the cache; test images: from the cache)"), "\(second.stdout)")
        let none = try BinaryRunner.run(["data"], environment: ["XDG_CACHE_HOME": Self.noCache])
        #expect(none.status == 0 && none.stdout.contains("not cached (cannot create \(Self.noCache)/mnist-tutor"), "\(none.stdout)")
    }

    @Test("the interactive tutor draws the same screen with a damaged cache as without one",
          .enabled(if: TmuxSession.available, "tmux is not installed"))
    func sameScreen() throws {
        try TmuxSession.requireBinary()
        let home = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try Self.plain("2", cacheHome: home)
        for path in Self.entries(home) {
            var data = try Data(contentsOf: URL(fileURLWithPath: path))
            data[data.count - 400] ^= 0xff  // in the last digit of each set
            try data.write(to: URL(fileURLWithPath: path))
        }
        var screens: [String] = []
        for cacheHome in [Self.noCache, home] {
            let state = BinaryRunner.temporaryDirectory()
            let t = TmuxSession(name: "cache")
            defer { t.kill() }
            try t.start(TmuxSession.command("lesson \(try Course.number("digits"))", environment:
                "TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='\(state)' XDG_CACHE_HOME='\(cacheHome)'"), columns: 100, rows: 30)
            // The last test digit, which sits in the entry's damaged end: `s` to the test set, `[` back from x_test[0].
            let opened = try t.waitFor("x_train[0]")
            #expect(opened.ok, "\(opened.screen)")
            try t.sendKeys("s")
            _ = try t.waitFor("x_test[0]")
            try t.sendKeys("[")
            let shown = try t.waitFor("x_test[9999]")
            #expect(shown.ok, "\(shown.screen)")
            screens.append(shown.screen)
            try t.sendKeys("q")
            try t.expectRestored(exit: "0")
        }
        #expect(screens[0] == screens[1])
    }
}
