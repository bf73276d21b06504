import Foundation
import Testing
@testable import Tutor

/// After an answer or a skip, the panel shows the number its question asked about, even when the
/// learner had moved it elsewhere first (another step, view or mode).
@Suite struct QuestionClosedTests {
    /// Opens `id`, presses the keys bound to `actions`, then skips the question.
    func skipAfter(_ id: String, _ actions: [String]) -> TutorState {
        var state = ReplayWorkbench.state(at: id)
        for action in actions {
            let key = state.lesson.key(for: action)!
            state.press(key == "space" ? .character(" ") : .character(Character(key)))
        }
        state.press(.escape)
        #expect(state.revealed)
        return state
    }

    @Test func lesson9MovesToTheProbabilities() throws {
        let state = skipAfter("logits", ["next_step"])
        #expect(try #require(state.panel as? LogitsPanel).step == .probabilities)
        let largest = try #require(state.live("max_probability"))
        #expect(state.shown.contains(String(format: "%5.1f%%", largest * 100)), "\(state.shown)")
    }

    @Test func lesson7GoesBackToTheDigitsZeros() throws {
        let state = skipAfter("sparsity", ["cycle_view", "cycle_view"])
        #expect(try #require(state.panel as? SparsityPanel).shown == .digit)
        #expect(state.shown.contains("Exactly 0: \(Int(try #require(state.live("zero_units")))) of 128"))
    }

    @Test func lesson4StopsTheUnrolling() throws {
        let state = skipAfter("flatten", ["play_unroll"])
        #expect(try #require(state.panel as? FlattenPanel).unrolledRows == nil)
        #expect(state.shown.contains("position: 5×28+10 = 150"))
    }

    @Test func lesson8ShowsTheMaskInTrainingMode() throws {
        let state = skipAfter("dropout", ["toggle_mode"])
        #expect(try #require(state.panel as? DropoutPanel).training)
        #expect(state.shown.contains("the mask drops \(Int(try #require(state.live("dropped_count")))) of 128"))
    }
}
