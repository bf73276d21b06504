import Testing
@testable import Tutor

@Suite struct ReLUPanelTests {
    let wb = ReplayWorkbench.workbench

    @Test func typedNumbersGoThroughReLU() {
        var state = ReplayWorkbench.state(at: "relu")
        #expect(state.live("relu_output") == 0)  // the lesson starts at input = -5
        state.type("e")
        #expect(state.panel.capturesTyping)
        state.type("-5")
        state.press(.enter)
        #expect(!state.panel.capturesTyping)
        #expect(state.live("relu_output") == 0)
        state.type("e5")
        state.press(.enter)
        #expect(state.live("relu_output") == 5)
        state.type("e0")
        state.press(.enter)
        #expect(state.live("relu_output") == 0)
        state.type("e-0.0001")
        state.press(.enter)
        #expect(state.live("relu_output") == 0)
        // The question is still open: the field took Enter, not the answer box.
        #expect(!state.revealed)
    }

    @Test("e takes numbers as the panel writes them: 1e-7, 4e-05, 2.5e10; a character no number has is refused aloud")
    func exponentsAreAccepted() throws {
        var state = ReplayWorkbench.state(at: "relu")
        state.press(.escape)  // answered, so the panel shows ReLU's result
        for (typed, value) in [("1e-7", 1e-7), ("4e-05", 4e-05), ("2.5e10", 2.5e10), ("-3E+2", -300.0)] {
            state.type("e" + typed)
            state.press(.enter)
            let panel = try #require(state.panel as? ReLUPanel)
            #expect(panel.field == nil && panel.input == value, "\(typed)")
            #expect(state.live("relu_output") == Double(Float(max(value, 0))), "\(typed)")
        }
        #expect(state.shown.contains("ReLU(-300) = 0"))
        state.type("e4e-05")
        state.press(.enter)
        #expect(state.shown.contains("ReLU(4e-05) = 4e-05"))
        // A letter that is not part of a number says so instead of vanishing.
        state.type("e1x")
        let open = try #require(state.panel as? ReLUPanel)
        #expect(open.field == "1" && open.fieldHint == "'x' cannot be part of a number (digits, . - + e)")
        state.press(.escape)
    }

    @Test("a number float32 cannot hold gets a sentence: ReLU(123456789012) = 123456790528")
    func float32IsSaidAloud() throws {
        var state = ReplayWorkbench.state(at: "relu")
        state.press(.escape)
        state.type("e123456789012")
        state.press(.enter)
        #expect(state.live("relu_output") == 123_456_790_528)
        #expect(state.shown.contains("ReLU(123456789012) = 123456790528"))
        #expect(state.shown.contains("The engine computes in float32 (about 7 significant digits), so 123456789012 is stored as 123456790528 before ReLU sees it."))
        state.type("e5")
        state.press(.enter)
        #expect(!state.shown.contains("float32"))
    }

    @Test func theFieldCapturesLettersAndEscCancels() throws {
        var state = ReplayWorkbench.state(at: "relu")
        state.type("e12u.5")
        var panel = try #require(state.panel as? ReLUPanel)
        #expect(panel.field == "12.5")
        #expect(panel.trainedModel)  // `u` went to the field, not to toggle_model
        state.press(.backspace)
        #expect(try #require(state.panel as? ReLUPanel).field == "12.")
        state.press(.escape)
        panel = try #require(state.panel as? ReLUPanel)
        #expect(panel.field == nil)
        #expect(panel.input == -5)
        #expect(!state.revealed)  // Esc closed the field; it did not skip the question
    }

    @Test func theFieldTakesAtMostSixteenCharacters() throws {
        var state = ReplayWorkbench.state(at: "relu")
        state.type("e" + String(repeating: "9", count: 20))
        let panel = try #require(state.panel as? ReLUPanel)
        #expect(panel.field == String(repeating: "9", count: 16))
        #expect(panel.fieldHint == "16 characters at most")
        state.press(.enter)
        #expect(state.live("relu_output") == Double(Float(9_999_999_999_999_999)))
    }

    @Test func enterOnSomethingThatIsNotANumberKeepsTheFieldOpen() throws {
        var state = ReplayWorkbench.state(at: "relu")
        state.type("e-")
        state.press(.enter)
        let panel = try #require(state.panel as? ReLUPanel)
        #expect(panel.field == "-")
        #expect(panel.fieldHint != nil)
        #expect(panel.input == -5)
    }

    @Test func resultIsHiddenUntilAnsweredAndTheUnitsAreShown() {
        var state = ReplayWorkbench.state(at: "relu")
        #expect(state.shown.contains("ReLU(-5) = ?? (answer first)"))
        state.type("b")
        state.press(.enter)
        #expect(state.question.verdict == .correct)
        #expect(state.shown.contains("ReLU(-5) = 0"))
        let t = wb.trace(trained: true, train: false, index: 0)
        let negative = t.preActivations.filter { $0 < 0 }.count
        #expect(state.live("negative_count") == Double(negative))
        #expect(state.shown.contains("w·x+b of 128 units: \(negative) < 0"))
        #expect(state.shown.contains("\(128 - t.zeroCount) active, \(t.zeroCount) zero (of 128)"))
    }

    @Test func sortingShowsTheUnitsInOrderOfTheirSum() throws {
        var state = ReplayWorkbench.state(at: "relu")
        state.type("o")
        let view = state.panel.view(workbench: wb, revealed: false)
        guard case .chart(let series, _, _) = view.blocks[2].content else { Issue.record("expected a chart"); return }
        let sums = series[0].values, relu = series[1].values
        #expect(sums == sums.sorted())
        #expect(zip(sums, relu).allSatisfy { $1 == max(0, $0) })
        state.type("o")
        #expect(!(try #require(state.panel as? ReLUPanel)).sorted)
    }

    @Test func untrainedModelHasAboutHalfItsSumsNegative() {
        var state = ReplayWorkbench.state(at: "relu")
        state.type("u")
        let negative = state.live("negative_count") ?? 0
        #expect(negative > 30 && negative < 98)
    }
}
