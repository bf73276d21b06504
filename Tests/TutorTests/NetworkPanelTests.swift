import Dispatch
import NeuralNet
import Testing
@testable import Tutor

@Suite struct NetworkPanelTests {
    let wb = ReplayWorkbench.workbench

    @Test func untrainedLogitsAreTheArticleModelsForSeed1() throws {
        var state = ReplayWorkbench.state(at: "network")
        let panel = try #require(state.panel as? NetworkPanel)
        let expected = Sequential.article(seed: 1).trace(wb.input(train: true, index: 0))
        #expect(panel.trace(wb).logits == expected.logits)
        #expect(state.live("output_count") == 10)
        #expect(state.live("label") == Double(wb.digit(train: true, index: 0).label))
        #expect(state.live("predicted_digit") == Double(expected.prediction))
        state.press(.escape)
        let text = state.shown
        #expect(text.contains("[Flatten       ] 28x28 → 784  input"))
        #expect(text.contains("[Dense 10      ]          10  output"))
        #expect(text.contains(String(format: "%+.3f", Double(expected.logits[0]))))
    }

    @Test func hidesTheOutputsUntilTheQuestionIsAnswered() {
        var state = ReplayWorkbench.state(at: "network")
        #expect(!state.revealed)
        #expect(state.shown.contains("answer first"))
        #expect(!state.shown.contains("logits):"))
        state.type("b")
        state.press(.enter)
        #expect(state.revealed)
        #expect(state.question.verdict == .correct)
        #expect(state.shown.contains("outputs (logits):"))
        #expect(!state.shown.contains("answer first"))
    }

    @Test func keysChangeDigitModelAndSeed() throws {
        var state = ReplayWorkbench.state(at: "network")
        state.type("]")
        #expect(state.live("label") == Double(wb.digit(train: true, index: 1).label))
        let before = try #require(state.panel as? NetworkPanel).trace(wb).logits
        state.type("i")
        let panel = try #require(state.panel as? NetworkPanel)
        #expect(panel.seed == 2)
        #expect(panel.trace(wb).logits != before)
        state.type("u")
        let trained = try #require(state.panel as? NetworkPanel)
        #expect(trained.trainedModel)
        #expect(trained.trace(wb).logits == wb.trace(trained: true, train: true, index: 1).logits)
    }

    @Test("the trained model's test accuracy, quoted by the lesson text, comes from a background pass: nil, then one redraw, then 97.74%")
    func accuracyComesInTheBackground() throws {
        let (fresh, release, lesson) = try ReplayWorkbench.gated(lesson: "network")
        var panel = NetworkPanel(lesson: lesson, workbench: fresh)
        #expect(panel.liveValue(.trainedAccuracyPercent, workbench: fresh) == nil)
        #expect(panel.tick(workbench: fresh) == false)
        release.signal()
        fresh.settle()
        #expect(panel.tick(workbench: fresh) == true, "the tick that sees the accuracy redraws")
        #expect(panel.tick(workbench: fresh) == false)
        #expect(panel.liveText(.value(.trainedAccuracyPercent), workbench: fresh) == "97.74%")
    }
}
