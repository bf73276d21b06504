import NeuralNet
import Testing
@testable import Tutor

@Suite struct SummaryPanelTests {
    @Test func countsComeFromTheModel() {
        let state = ReplayWorkbench.state(at: "summary")
        #expect(state.live("dense_params") == 100_480)
        #expect(state.live("dense_1_params") == 1_290)
        #expect(state.live("total_params") == 101_770)
    }

    @Test func hidesTheFirstDenseCountAndTheTotalUntilAnswered() {
        var state = ReplayWorkbench.state(at: "summary")
        let before = state.shown
        #expect(before.contains("??"))
        #expect(!before.contains("100,480"))
        #expect(!before.contains("101,770"))
        #expect(before.contains("1,290"))
        state.type("100480")
        state.press(.enter)
        #expect(state.question.verdict == .correct)
        let after = state.shown
        #expect(after.contains("100,480"))
        #expect(after.contains("Total params: 101,770 (397.54 KB)"))
        #expect(!after.contains("??"))
    }

    @Test func jAndKSelectARowAndExplainIt() throws {
        var state = ReplayWorkbench.state(at: "summary")
        state.press(.escape)
        #expect(state.shown.contains("> flatten (Flatten)"))
        #expect(state.shown.contains("28 × 28"))
        state.type("j")
        #expect(state.shown.contains("> dense (Dense)"))
        #expect(state.shown.contains("784 inputs (what flatten outputs) × 128 units = 100,352 weights, + 128 biases (one per unit) = 100,480"))
        state.type("jj")
        #expect(state.shown.contains("> dense_1 (Dense)"))
        #expect(state.shown.contains("128 inputs (what dropout outputs) × 10 units = 1,280 weights, + 10 biases (one per unit) = 1,290"))
        state.type("j")
        #expect(try #require(state.panel as? SummaryPanel).selectedRow == 3)
        state.type("kk")
        #expect(state.shown.contains("> dense (Dense)"))
        state.type("kkk")
        #expect(try #require(state.panel as? SummaryPanel).selectedRow == 0)
    }

    @Test func arrowsMoveThroughTheRowsWhenThePanelHasTheFocus() throws {
        var state = ReplayWorkbench.state(at: "summary")
        state.press(.tab, .down, .down)
        #expect(try #require(state.panel as? SummaryPanel).selectedRow == 2)
        state.press(.up)
        #expect(try #require(state.panel as? SummaryPanel).selectedRow == 1)
    }

    @Test func beforeAnsweringTheDenseRowExplainsTheRuleWithoutTheNumber() {
        var state = ReplayWorkbench.state(at: "summary")
        state.type("j")
        let text = state.shown
        #expect(text.contains("One weight per (input, unit) pair, plus one bias per unit"))
        #expect(!text.contains("100,352"))
    }

    @Test func escSkipsTheQuestionAndRevealsTheCount() {
        var state = ReplayWorkbench.state(at: "summary")
        #expect(!state.shown.contains("100,480"))
        state.press(.escape)
        #expect(state.revealed)
        #expect(state.question.skipped)
        #expect(state.question.verdict == nil)
        #expect(state.shown.contains("100,480"))
    }
}
