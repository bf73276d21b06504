import Foundation
import NeuralNet
import Testing
import Tutor

/// A run in the tutor (lessons 10 and 12, replayed from the learner's keys, trained by the tutor's own
/// `TrainingRunner`) and the command line its panel prints, run as the built binary: the same weights,
/// bit for bit. Kept fast for a debug build with small training sets (`--limit`).
@Suite("Training in the tutor is reproducible from the command line", .serialized)
struct TrainingReproducibilityTests {
    static let workbench: Workbench = try! Workbench.load()

    /// The weights as one FNV-1a checksum over their bit patterns (kernels and biases, layer by layer).
    static func checksum(_ model: Sequential) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (_, dense) in model.denseLayers {
            for x in dense.kernel.scalars + dense.bias.scalars {
                var bits = x.bitPattern
                for _ in 0 ..< 4 {
                    hash = (hash ^ UInt64(bits & 0xFF)) &* 0x100_0000_01b3
                    bits >>= 8
                }
            }
        }
        return hash
    }

    /// Sends each character as a key, as the run loop would.
    static func type(_ text: String, into state: inout TutorState) -> [Effect] {
        text.flatMap { state.update(.key(.character($0)), workbench: workbench) }
    }

    /// Runs the request on this thread; returns each run's final weights and test evaluation, in order.
    static func train(_ request: TrainingRequest, state: inout TutorState) -> [(model: Sequential, test: Evaluation)] {
        let runner = TrainingRunner()
        runner.run(request, data: workbench.data)
        var results: [(Sequential, Evaluation)] = []
        for update in runner.poll() {
            if case .runFinished(_, _, let model, let test, let stopped, _, _) = update, !stopped { results.append((model, test)) }
            _ = state.receive(update, workbench: workbench)
        }
        return results
    }

    /// `mnist-tutor train …` exactly as printed, plus `--output` and `--json`; the weights it saved.
    static func runCommand(_ command: String) throws -> (model: Sequential, testAccuracy: Double) {
        let words = command.split(separator: " ").map(String.init)
        #expect(words.first == "mnist-tutor" && words.dropFirst().first == "train", "\(command)")
        let output = BinaryRunner.temporaryDirectory() + "/model.safetensors"
        defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
        let result = try BinaryRunner.run(Array(words.dropFirst()) + ["--output", output, "--json"])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        let accuracy = result.jsonLines.last?["test_accuracy"] as? Double ?? .nan
        return (try Sequential.load(from: output), accuracy)
    }

    /// The text between the backquotes after `prefix` in the panel's plain text.
    static func quoted(after prefix: String, in text: String) throws -> String {
        let start = try #require(text.range(of: prefix), "no '\(prefix)' in the panel:\n\(text)")
        let rest = text[start.upperBound...]
        let open = try #require(rest.firstIndex(of: "`"))
        let close = try #require(rest[rest.index(after: open)...].firstIndex(of: "`"))
        return String(rest[rest.index(after: open) ..< close])
    }

    @Test("lesson 10: the panel's command trains the same weights as the tutor's run (1 epoch, 1,000 images)")
    func lesson10() throws {
        let lessons = try LessonLibrary.load().lessons
        var state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: "training"), workbench: Self.workbench)
        _ = Self.type("jjjjj------kkkkk----", into: &state)  // images 60,000 -> 1,000; epochs 5 -> 1
        let shown = state.panel.view(workbench: Self.workbench, revealed: true).plainText
        let command = try Self.quoted(after: "The same run from the shell:", in: shown)
        #expect(command == "mnist-tutor train --epochs 1 --batch-size 32 --dropout 0.2 --learning-rate 0.001 --seed 42 --limit 1000")
        #expect(state.panel.liveText("command", workbench: Self.workbench) == command)

        var request: TrainingRequest?
        for case .startTraining(let r) in Self.type("g", into: &state) { request = r }
        let runs = Self.train(try #require(request), state: &state)
        try #require(runs.count == 1)
        // After the run the panel still prints the command of the run it shows.
        let after = state.panel.view(workbench: Self.workbench, revealed: true).plainText
        #expect(try Self.quoted(after: "The same run from the shell:", in: after) == command)

        let cli = try Self.runCommand(command)
        #expect(Self.checksum(cli.model) == Self.checksum(runs[0].model),
                "tutor \(String(Self.checksum(runs[0].model), radix: 16)), command line \(String(Self.checksum(cli.model), radix: 16))")
        for ((_, a), (_, b)) in zip(cli.model.denseLayers, runs[0].model.denseLayers) {
            #expect(a.kernel.scalars.map(\.bitPattern) == b.kernel.scalars.map(\.bitPattern))
            #expect(a.bias.scalars.map(\.bitPattern) == b.bias.scalars.map(\.bitPattern))
        }
        #expect(Float(cli.testAccuracy) == runs[0].test.accuracy)
    }

    @Test("lesson 12: each rate's command (R replaced) trains the same weights as the tutor's three runs (1 epoch, 500 images)")
    func lesson12() throws {
        // The real lesson file, with a smaller training set so a debug build stays quick.
        let original = try #require(try LessonLibrary.load().lessons.first { $0.id == "overfitting" })
        let text = try String(contentsOfFile: original.file, encoding: .utf8)
        #expect(text.contains("train_size=10000"))
        let lesson = try LessonParser.parse(text.replacingOccurrences(of: "train_size=10000", with: "train_size=500"), file: original.file)
        var state = TutorState(lessons: [lesson], progress: LearnerProgress(), workbench: Self.workbench)
        _ = Self.type("---------", into: &state)  // 10 epochs -> 1
        let shown = state.panel.view(workbench: Self.workbench, revealed: true).plainText
        let template = try Self.quoted(after: "Each run from the shell, R = 0, 0.2, 0.5:", in: shown)
        #expect(template == "mnist-tutor train --epochs 1 --batch-size 32 --dropout R --learning-rate 0.001 --seed 42 --limit 500")

        var request: TrainingRequest?
        for case .startTraining(let r) in Self.type("g", into: &state) { request = r }
        let runs = Self.train(try #require(request), state: &state)
        try #require(runs.count == 3)
        for (rate, run) in zip(["0", "0.2", "0.5"], runs) {
            let cli = try Self.runCommand(template.replacingOccurrences(of: "--dropout R", with: "--dropout \(rate)"))
            #expect(Self.checksum(cli.model) == Self.checksum(run.model), "dropout \(rate)")
        }
    }
}
