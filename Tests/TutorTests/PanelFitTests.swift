import Testing
@testable import Tutor

/// The panels must read in an 80x24 terminal, where the panel area is about 44 columns wide:
/// pre-formatted lines (`.code`, never wrapped) must fit, in every view the keys lead to.
@Suite struct PanelFitTests {
    /// For each lesson, key presses that reach its other views.
    static let tours: [(String, String)] = [
        ("network", "]iu"), ("summary", "jjj"), ("flatten", "jjjjjjjjjjjjjjjjjjjjjjjjlllllllllllllllll"),
        ("dense", "+u]"), ("relu", "oue"), ("sparsity", "vvvu"), ("logits", "   i"),
    ]

    @Test(arguments: tours.map(\.0))
    func preformattedLinesFitTheNarrowPanel(id: String) {
        var state = ReplayWorkbench.state(at: id)
        let keys = Self.tours.first { $0.0 == id }!.1
        for revealed in [false, true] {
            if revealed { state.press(.escape) }
            for key in [" "] + keys.map(String.init) {
                if key != " " || id == "logits" || id == "flatten" { state.type(key) }
                expectFitsNarrowPanel(state.panel.view(workbench: ReplayWorkbench.workbench, revealed: state.revealed), id)
            }
            if state.panel.capturesTyping { state.press(.escape) }
        }
    }
}
