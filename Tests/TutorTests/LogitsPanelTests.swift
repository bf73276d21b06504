import Foundation
import NeuralNet
import Testing
@testable import Tutor

@Suite struct LogitsPanelTests {
    let wb = ReplayWorkbench.workbench

    @Test func untrainedProbabilitiesSumToOneAndAreNearATenth() throws {
        let state = ReplayWorkbench.state(at: "logits")
        let sum = try #require(state.live("probability_sum"))
        #expect(abs(sum - 1) < 1e-5)
        let largest = try #require(state.live("max_probability"))
        #expect(abs(largest - 0.1) < 0.15)
        let panel = try #require(state.panel as? LogitsPanel)
        let p = panel.probabilities(wb, trained: false)
        #expect(p.allSatisfy { $0 > 0.02 && $0 < 0.3 })
        // The loss of a guess among ten: near ln 10.
        let label = wb.digit(train: true, index: 0).label
        #expect(abs(-log(Double(p[label])) - log(10)) < 0.7)
    }

    @Test func logitsAreTheModelCallOnXTrainFirstImage() throws {
        let state = ReplayWorkbench.state(at: "logits")
        let panel = try #require(state.panel as? LogitsPanel)
        let model = Sequential.article(seed: 1)
        let x = Tensor(shape: [1, 28, 28], scalars: wb.input(train: true, index: 0))
        #expect(panel.logits(wb, trained: false) == model(x).row(0))
        let traced = model.trace(wb.input(train: true, index: 0)).logits
        #expect(zip(panel.logits(wb, trained: false), traced).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(state.live("predicted_digit") == Double(argmax(traced)))
    }

    @Test func spaceStepsThroughSoftmaxAndHidesTheLargestProbability() throws {
        var state = ReplayWorkbench.state(at: "logits")
        #expect(state.shown.contains("1/4"))
        state.type(" ")
        #expect(state.shown.contains("2/4"))
        #expect(state.shown.contains("untrained (seed 1): sum ??"))
        state.type(" ")
        #expect(state.shown.contains("3/4"))
        #expect(state.shown.contains("untrained (seed 1): probabilities ?? (answer first)"))
        // The trained model, shown beside it, is not what the question asks about.
        let trained = state.panel as! LogitsPanel
        let p = trained.probabilities(wb, trained: true)
        #expect(state.shown.contains("trained: \(PanelNumber.fixed(p.min()!, 3))–\(PanelNumber.fixed(p.max()!, 3)), sum 1.000"))
        let largest = try #require(state.live("max_probability"))
        let smallest = try #require(state.live("min_probability"))
        state.type(PanelNumber.fixed(largest, 2))
        state.press(.enter)
        #expect(state.question.verdict == .correct)
        #expect(state.shown.contains("untrained (seed 1): \(PanelNumber.fixed(smallest, 3))–\(PanelNumber.fixed(largest, 3)), sum 1.000"))
        #expect(state.shown.contains(PanelNumber.fixed(largest * 100, 1) + "%"))
        state.type(" ")
        #expect(state.shown.contains("4/4"))
        #expect(state.shown.contains("untrained (seed 1): argmax"))
        state.type(" ")
        #expect(state.shown.contains("1/4"))
    }

    @Test func theMeanLossStartsNearLn10() throws {
        var state = ReplayWorkbench.state(at: "logits")
        let panel = try #require(state.panel as? LogitsPanel)
        let untrained = panel.meanLoss(wb, trained: false)
        #expect(abs(Double(untrained) - log(10)) < 0.3)
        #expect(panel.meanLoss(wb, trained: true) < 0.3)
        state.type("   ")
        #expect(state.shown.contains("Mean over x_train[:100]: \(PanelNumber.fixed(untrained, 2)) untrained"))
    }

    @Test func reinitializeDrawsNewWeights() throws {
        var state = ReplayWorkbench.state(at: "logits")
        let before = try #require(state.panel as? LogitsPanel).logits(wb, trained: false)
        state.type("i")
        let panel = try #require(state.panel as? LogitsPanel)
        #expect(panel.seed == 2)
        #expect(panel.logits(wb, trained: false) != before)
        #expect(abs((state.live("probability_sum") ?? 0) - 1) < 1e-5)
        // Answers are checked on a fresh panel: the lesson's own seed.
        #expect(state.lesson.panel.make(state.lesson, workbench: wb).liveValue("max_probability", workbench: wb)
                == Double(Softmax.probabilities(before).max()!))
    }

    @Test func theTrainedModelIsConfident() throws {
        let state = ReplayWorkbench.state(at: "logits")
        let panel = try #require(state.panel as? LogitsPanel)
        let p = panel.probabilities(wb, trained: true)
        #expect(argmax(p) == wb.digit(train: true, index: 0).label)
        #expect(p.max()! > 0.9)
    }
}
