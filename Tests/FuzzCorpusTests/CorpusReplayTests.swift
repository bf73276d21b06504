import Foundation
import Testing

/// `make test` guards what the fuzzers found: every seed and every known bad input under `Fuzz/corpus`
/// and `Fuzz/crashers` goes through the same target functions the libFuzzer binaries call
/// (`FuzzTargets.swift`, linked here from `Fuzz/`), so a reader that crashes, traps, or breaks a
/// promise on one of them fails here in seconds, without building the fuzzers.
@Suite("Fuzz corpus and crashers, replayed")
struct CorpusReplayTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz").path

    /// Every file of `Fuzz/<kind>/<target>`, sorted.
    static func inputs(_ kind: String, _ target: String) -> [String] {
        let folder = "\(fuzzFolder)/\(kind)/\(target)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { "\(folder)/\($0)" }
    }

    @Test("every target has seeds and known bad inputs, and every folder names a target")
    func foldersMatchTargets() throws {
        for kind in ["corpus", "crashers"] {
            let folders = try FileManager.default.contentsOfDirectory(atPath: "\(Self.fuzzFolder)/\(kind)")
            #expect(Set(folders) == Set(FuzzTargets.all.keys), "\(kind): \(folders.sorted())")
        }
        for target in FuzzTargets.all.keys.sorted() {
            #expect(Self.inputs("corpus", target).count >= 3, "\(target) needs real seed files")
            #expect(!Self.inputs("crashers", target).isEmpty, "\(target) has no known bad inputs")
        }
    }

    @Test("each input is refused cleanly or read consistently", arguments: FuzzTargets.all.keys.sorted())
    func replay(target: String) throws {
        let run = try #require(FuzzTargets.all[target])
        for path in Self.inputs("corpus", target) + Self.inputs("crashers", target) {
            let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
            let problems = run(Array(bytes))
            #expect(problems.isEmpty, "\(path): \(problems)")
        }
    }

    @Test("the seeds are small real files: each under 16 KB, the fuzzers' input limit")
    func seedsAreSmall() throws {
        for target in FuzzTargets.all.keys.sorted() {
            for path in Self.inputs("corpus", target) + Self.inputs("crashers", target) {
                let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? .max
                #expect(size <= 16_384, "\(path) is \(size) bytes")
            }
        }
    }
}
