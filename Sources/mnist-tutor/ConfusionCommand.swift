import ArgumentParser
import Foundation
import NeuralNet
import Tutor

/// `mnist-tutor confusion`: what the model gets wrong, as a table — for each true digit, how often it was
/// predicted as each digit, on the 10,000 test images.
struct ConfusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confusion",
        abstract: "Print the confusion matrix and per-digit accuracy of a model on the 10,000 test images.",
        discussion: "Rows are the true digits, columns the predictions; the diagonal holds the right answers.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var model: ModelOptions

    @Flag(help: "Print one JSON object.") var json = false

    /// `--json`: `matrix[label][prediction]`, each class's accuracy (null for a class without examples), totals.
    struct Output: Encodable {
        var matrix: [[Int]]
        var perClassAccuracy: [Double?]
        var count: Int
        var correct: Int
        @Finite var accuracy: Double
    }

    func run() throws {
        let model = try self.model.model()
        let (x, y) = try loadTestSet(global)
        let confusion = try model.classify(x, labels: y).confusion
        if json {
            JSONOutput.print(Output(matrix: confusion.counts, perClassAccuracy: confusion.perClassAccuracy, count: confusion.total,
                                    correct: confusion.correct, accuracy: confusion.accuracy))
            return
        }
        let classes = confusion.classes
        let width = max(5, String(confusion.counts.flatMap { $0 }.max() ?? 0).count + 1)
        func cell(_ text: String) -> String { NumberFormat.padLeft(text, width) }
        print("true \\ predicted" + (0 ..< classes).map { cell(String($0)) }.joined() + "   accuracy")
        for label in 0 ..< classes {
            let accuracy = confusion.perClassAccuracy[label].map { String(format: "%7.2f%%", $0 * 100) } ?? "      -"
            print(NumberFormat.padRight(cell(String(label)), 16)
                  + confusion.counts[label].map { cell(String($0)) }.joined() + "   " + accuracy)
        }
        var summary = "\(Sequential.grouped(confusion.correct)) of \(Sequential.grouped(confusion.total)) right"
            + String(format: " (%.2f%%).", confusion.accuracy * 100)
        if let worst = confusion.mostConfused {
            summary += " Most confused: \(worst.label) taken for \(worst.predicted), \(worst.count) time\(worst.count == 1 ? "" : "s")."
        }
        print(summary)
    }
}
