import Testing
@testable import Tutor

/// The panels must read in an 80x24 terminal, where the panel area is about 44 columns wide:
/// pre-formatted lines (`.code`, never wrapped) must fit, in every view the keys lead to.
@Suite struct PanelFitTests {
    /// Every lesson the library loads, with each key its file binds pressed three times in turn (the views
    /// a key cycles through), before and after the question is closed.
    @Test(arguments: ReplayWorkbench.lessons.map(\.id))
    func preformattedLinesFitTheNarrowPanel(id: String) {
        var state = ReplayWorkbench.state(at: id)
        for revealed in [false, true] {
            if revealed { state.press(.escape) }
            expectFitsNarrowPanel(state.panel.view(workbench: ReplayWorkbench.workbench, revealed: state.revealed), id)
            for binding in state.lesson.keys {
                for _ in 0 ..< 3 {
                    state.press(binding)
                    expectFitsNarrowPanel(state.panel.view(workbench: ReplayWorkbench.workbench, revealed: state.revealed),
                                          "\(id) after \(binding.key) (\(binding.action))")
                    if state.panel.capturesTyping { state.press(.escape) }
                }
            }
        }
    }

    /// The flatten lesson's cursor walked to the far corner of the digit (row 24, column 17), where the
    /// index and the unrolled stream are longest.
    @Test func flattenCornerFits() throws {
        let lesson = try #require(ReplayWorkbench.lessons.first { $0.id == "flatten" })
        var state = ReplayWorkbench.state(at: lesson.id)
        let down = try #require(lesson.keys.first { $0.action == "move_down" })
        let right = try #require(lesson.keys.first { $0.action == "move_right" })
        for revealed in [false, true] {
            if revealed { state.press(.escape) }
            for binding in Array(repeating: down, count: 24) + Array(repeating: right, count: 17) {
                state.press(binding)
                expectFitsNarrowPanel(state.panel.view(workbench: ReplayWorkbench.workbench, revealed: state.revealed), lesson.id)
            }
        }
    }
}
