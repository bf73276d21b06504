import Foundation
import Testing

/// The tutor draws before the digits are in and loads them in the background: keys typed at once still
/// apply (in order, once the data is there), and damaged data still ends it with one clear line.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed: skipping the terminal end-to-end tests"))
struct BackgroundLoadingTests {
    /// A copy of the shipped data, with `damage` applied to the named file's bytes.
    static func dataCopy(damaging name: String? = nil) throws -> String {
        let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets/mnist").path
        let folder = BinaryRunner.temporaryDirectory()
        for file in try FileManager.default.contentsOfDirectory(atPath: assets) {
            try FileManager.default.copyItem(atPath: assets + "/" + file, toPath: folder + "/" + file)
        }
        if let name {
            var bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            bytes[bytes.count / 2] ^= 0xff
            try bytes.write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return folder
    }

    func command(_ arguments: String, cacheHome: String = "/dev/null/no-cache") -> String {
        TmuxSession.command(arguments, environment: "TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='\(BinaryRunner.temporaryDirectory())' XDG_CACHE_HOME='\(cacheHome)'")
    }

    @Test("keys typed before the digits are in apply once they are, in order")
    func keysTypedAtOnce() throws {
        try TmuxSession.requireBinary()
        let t = TmuxSession(name: "typeahead")
        defer { t.kill() }
        // No cache: the 60,000 training digits take the longest to come in.
        try t.start(command("lesson \(try Course.number("digits"))"), columns: 100, rows: 30)
        let up = try t.waitFor(try Course.place("digits"))
        #expect(up.ok, "\(up.screen)")
        try t.sendKeys("]", "]", "]")
        let moved = try t.waitFor("x_train[3]")
        #expect(moved.ok, "three ] typed at once should end on x_train[3]:\n\(moved.screen)")
        try t.sendKeys("q")
        try t.expectRestored(exit: "0")
    }

    @Test("damaged data found while the tutor runs ends it with one line and the terminal restored")
    func damagedDataEndsCleanly() throws {
        try TmuxSession.requireBinary()
        // The labels: a damaged 47 MB images file is only found out at the end of its stream, which a debug
        // build takes many seconds to reach; the small labels file fails as surely, and soon.
        let data = try Self.dataCopy(damaging: "train-labels-idx1-ubyte.gz")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let t = TmuxSession(name: "damaged")
        defer { t.kill() }
        // The dense lesson shows a test digit: the damaged training labels are found in the background.
        try t.start(command("--data '\(data)' lesson \(try Course.number("dense"))"), columns: 250, rows: 30)
        try t.expectRestored(exit: "1")
        let lines = try t.screen().split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("mnist-tutor: ") }
        #expect(errors.count == 1 && errors[0].contains("\(data)/train-labels-idx1-ubyte.gz"), "\(lines)")
    }
}
