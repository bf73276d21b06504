import Foundation
import NeuralNet
import Testing
@testable import Tutor

/// Lesson 15 replayed through `TutorState.update`, with real (small) runs side by side.
@Suite("Width panel, replayed")
struct WidthPanelTests {
    static var workbench: Workbench { ReplayWorkbench.workbench }
    /// One epoch on 200 images, widths 32, 128 and 256: seconds in a debug build.
    static let quick: [LessonOption: LessonOptionValue] = [.epochs: .integer(1), .trainSize: .integer(200), .widths: .integers([32, 128, 256])]

    @Test("a prediction typed first is judged when every width has finished; the table shows parameters, accuracies, gaps and seconds")
    func predictThenSweep() throws {
        var state = ExperimentLessons.state("width", Self.quick)
        #expect(state.questionText(workbench: Self.workbench).hasPrefix("After 1 epoch, how many points of test accuracy will 256 units gain over the article's 128"))
        // Before the run the parameters are known (795 per unit plus the 10 output biases).
        let before = state.shown
        #expect(before.contains("   32   25,450") && before.contains("  128  101,770") && before.contains("  256  203,530"), "\(before)")
        state.type("0.5")
        state.press(.enter)
        #expect(state.question.prediction?.response == "0.5" && !state.revealed)
        #expect(state.answerLine.text.contains("Press g to train the 3 widths: your prediction is checked when all have finished."))

        let request = try #require(state.type("g").trainingRequest)
        #expect(request.runs.map(\.hidden) == [[32], [128], [256]] && request.parallel == ParallelRuns.coreCount)
        #expect(request.runs.allSatisfy {
            $0.activation == .relu && $0.epochs == 1 && $0.trainSize == 200 && $0.seed == 0 && $0.measureTrainAccuracyAtEnd && !$0.measureTrainAccuracy
        })
        let runs = ExperimentLessons.finishedRuns(state.train(request, workbench: Self.workbench))
        try #require(runs.count == 3)

        let gain = try #require(state.live("gain_over_128_points"))
        #expect(gain == Double(runs[2]!.test.accuracy) * 100 - Double(runs[1]!.test.accuracy) * 100)
        #expect(state.question.verdict == state.lesson.answer.judge("0.5", live: gain))
        #expect(state.question.feedback?.contains("256 units reached \(PanelNumber.fixed(Double(runs[2]!.test.accuracy) * 100, 2))%") == true)

        let text = state.shown
        for (i, width) in [32, 128, 256].enumerated() {
            let r = runs[i]!
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(String(width).leftPadded(5) + " ") }, "\(text)")
            let training = try #require(r.training)
            #expect(row.contains(PanelNumber.percent(Double(training.accuracy), 2)) && row.contains(PanelNumber.percent(Double(r.test.accuracy), 2)), "\(row)")
            #expect(row.contains(PanelNumber.fixed(Double(training.accuracy - r.test.accuracy) * 100, 2)), "\(row)")
            #expect(row.contains(PanelNumber.fixed(r.seconds, 1)), "\(row)")
            #expect(row.hasSuffix(" <") == (width == 128))
        }
        #expect(text.contains("256 units: \(PanelNumber.signed(gain, 2)) points over 128"))
        let view = state.panel.view(workbench: Self.workbench, revealed: true)
        let chart = try #require(view.charts.first)
        #expect(chart.series.map(\.name) == ["train", "test"])
        #expect(chart.series[0].positions!.map { ($0 * 1000).rounded() } == [25_450.0, 101_770, 203_530].map { (log10($0) * 1000).rounded() })
        expectFitsNarrowPanel(view, "width, revealed")
        expectFitsNarrowPanel(state.panel.view(workbench: Self.workbench, revealed: false), "width, hidden")
    }

    @Test("before the answer, test accuracies and gaps are hidden; a stopped job has no live values")
    func hiddenAndStopped() throws {
        var state = ExperimentLessons.state("width", Self.quick.merging([.trainSize: .integer(100), .widths: .integers([16, 128])]) { $1 })
        let request = try #require(state.type("g").trainingRequest)
        let runs = ExperimentLessons.finishedRuns(state.train(request, workbench: Self.workbench))
        #expect(state.live("gain_over_128_points") != nil && !state.revealed)
        let text = state.shown
        #expect(!text.contains(PanelNumber.percent(Double(runs[1]!.test.accuracy), 2)) && text.contains("??"), "\(text)")
        #expect(text.contains("stay hidden until you answer"))
        #expect(state.panel.view(workbench: Self.workbench, revealed: false).charts.first?.series.map(\.name) == ["train"])

        var stopped = ExperimentLessons.state("width", Self.quick.merging([.trainSize: .integer(100), .widths: .integers([16, 128])]) { $1 })
        let again = try #require(stopped.type("g").trainingRequest)
        stopped.train(again, workbench: Self.workbench, stopAtOnce: true)
        #expect(stopped.live("gain_over_128_points") == nil && stopped.shown.contains("Stopped early"))
        #expect(stopped.question.verdict == nil)
    }

    @Test("the panel's command is the sweep of the same runs, the shipped settings those of the issue")
    func command() throws {
        var state = ReplayWorkbench.state(at: "width")
        #expect(state.panel.liveText("command", workbench: Self.workbench)
                == "mnist-tutor sweep --widths 16,32,64,128,256,512 --activations relu --epochs 5 --dropout 0.2 --seed 0")
        #expect(state.panel.liveText("widest_parameters", workbench: Self.workbench) == "407,050")
        state.type("--")
        #expect(state.panel.liveText("command", workbench: Self.workbench)?.contains("--epochs 3") == true)
    }
}
