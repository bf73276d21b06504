import ArgumentParser
import Foundation
import NeuralNet

/// `mnist-tutor mistakes`: the test digits the model gets wrong, most confident first, optionally only one
/// cell of the confusion matrix (`--true 4 --predicted 9`).
struct MistakesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mistakes",
        abstract: "List the test digits a model gets wrong: index, true digit, prediction and its confidence.",
        discussion: """
            The mistakes the model was surest of come first (confidence is the softmax probability of its wrong \
            answer). `mnist-tutor predict --index N` shows one of them in full.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("true"), help: ArgumentHelp("Only digits whose true label is D.", valueName: "D"))
    var trueDigit: Int?
    @Option(help: ArgumentHelp("Only digits predicted as D.", valueName: "D")) var predicted: Int?
    @Option(help: "Show at most N mistakes.") var limit = 20
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        for (name, digit) in [("--true", trueDigit), ("--predicted", predicted)] {
            if let digit, !(0 ... 9).contains(digit) { throw ValidationError("\(name) must be a digit from 0 to 9, got \(digit).") }
        }
        if let trueDigit, trueDigit == predicted {
            throw ValidationError("--true and --predicted are both \(trueDigit): a digit predicted as itself is not a mistake.")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit).") }
    }

    /// `--json`: how many mistakes match, and the first `--limit` of them.
    struct Output: Encodable {
        struct Mistake: Encodable {
            var index: Int
            var label: Int
            var prediction: Int
            @Finite var confidence: Float
        }
        var count: Int
        var mistakes: [Mistake]
    }

    func run() throws {
        let model = try self.model.model()
        let (x, y) = try loadTestSet(global)
        let all = try model.classify(x, labels: y).mistakes(label: trueDigit, predicted: predicted)
        let shown = all.prefix(limit)
        if json {
            JSONOutput.print(Output(count: all.count, mistakes: shown.map {
                Output.Mistake(index: $0.index, label: $0.label, prediction: $0.predicted, confidence: $0.confidence)
            }))
            return
        }
        let which = [trueDigit.map { "true \($0)" }, predicted.map { "predicted \($0)" }].compactMap { $0 }.joined(separator: ", ")
        print("\(all.count) mistake\(all.count == 1 ? "" : "s") on the \(Sequential.grouped(y.count)) test digits"
              + (which.isEmpty ? "" : " (\(which))") + (all.isEmpty ? "." : ", most confident first:"))
        guard !all.isEmpty else { return }
        print("index  true  predicted  confidence")
        for m in shown {
            print(String(format: "%5d  %4d  %9d  %9.2f%%", m.index, m.label, m.predicted, m.confidence * 100))
        }
        if all.count > shown.count { print("… and \(all.count - shown.count) more (--limit N shows more).") }
    }
}
