import Testing
@testable import Tutor

/// The panels must read in an 80x24 terminal, where the panel area is about 44 columns wide:
/// pre-formatted lines (`.code`, never wrapped) must fit, in every view the keys lead to.
@Suite struct PanelFitTests {
    static let width = 44

    /// For each lesson, key presses that reach its other views.
    static let tours: [(String, String)] = [
        ("network", "]iu"), ("summary", "jjj"), ("flatten", "jjjjjjjjjjjjjjjjjjjjjjjjlllllllllllllllll"),
        ("dense", "+u]"), ("relu", "oue"), ("sparsity", "vvvu"), ("logits", "   i"),
    ]

    static func codeLines(_ blocks: [PanelBlock]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .code(let text): return text.split(separator: "\n").map(String.init)
            case .row(let inner): return codeLines(inner)
            default: return []
            }
        }
    }

    @Test(arguments: tours.map(\.0))
    func preformattedLinesFitTheNarrowPanel(id: String) {
        var state = ReplayWorkbench.state(at: id)
        let keys = Self.tours.first { $0.0 == id }!.1
        for revealed in [false, true] {
            if revealed { state.press(.escape) }
            for key in [" "] + keys.map(String.init) {
                if key != " " || id == "logits" || id == "flatten" { state.type(key) }
                let view = state.panel.view(workbench: ReplayWorkbench.workbench, revealed: state.revealed)
                #expect(view.title.count <= Self.width)
                for line in Self.codeLines(view.blocks) {
                    #expect(line.count <= Self.width, "\(id): \(line)")
                }
            }
            if state.panel.capturesTyping { state.press(.escape) }
        }
    }
}
