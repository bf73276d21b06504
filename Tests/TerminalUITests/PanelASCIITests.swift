import Testing
import TerminalUI
import Tutor

/// Without a UTF-8 locale the renderer transliterates text to ASCII; a character it does not know
/// becomes `?`. The lesson panels' words and numbers must survive that, in every view.
@Suite struct PanelASCIITests {
    static var workbench: Workbench { Shipped.workbench }
    static var lessons: [Lesson] { Shipped.lessons }

    /// Every lesson's id and the actions that reach its other views (the training lessons' views
    /// during and after a run are covered by their replay tests).
    static let tours: [(String, [String])] = [
        ("network", ["toggle_model"]), ("summary", ["next_row", "next_row", "next_row"]),
        ("flatten", ["move_right", "play_unroll"]), ("dense", ["next_neuron", "toggle_model"]),
        ("relu", ["sort_units", "enter_number"]), ("sparsity", ["cycle_view", "cycle_view", "cycle_view"]),
        ("logits", ["next_step", "next_step", "next_step"]),
        ("digits", ["toggle_view", "switch_set"]), ("dropout", ["toggle_mode", "rate_up", "new_mask"]),
        ("training", ["next_setting", "increase"]), ("draw", ["toggle_pen", "move_down", "toggle_view"]),
        ("overfitting", ["epochs_up"]), ("mistakes", ["move_right", "next_mistake", "sort_mistakes", "move_down"]),
    ]

    static func texts(_ block: PanelBlock) -> [String] {
        switch block.content {
        case .text(let s), .code(let s): return [s]
        case .bars(let m): return [m.title ?? ""] + m.labels
        case .grid(let m): return [m.title ?? ""]
        case .histogram(let m): return [m.title ?? ""]
        case .chart(let series, _, let title): return [title ?? ""] + series.flatMap { [$0.name, $0.xLabel, $0.latestLabel ?? ""] }
        case .progress(let m): return [m.title ?? ""]
        case .digit(let m, _): return [m.label ?? ""]
        case .row(let blocks): return blocks.flatMap(texts)
        default: return []
        }
    }

    @Test(arguments: tours.map(\.0))
    func everyCharacterHasAnASCIIForm(id: String) throws {
        let lesson = try #require(Self.lessons.first { $0.id == id })
        var panel = lesson.panel.make(lesson, workbench: Self.workbench)
        Self.workbench.settle()
        for action in [""] + Self.tours.first(where: { $0.0 == id })!.1 {
            if !action.isEmpty {
                let effects = panel.perform(actionNamed: action, workbench: Self.workbench)
                #expect(effects != nil, "\(id): \(action)")
            }
            for revealed in [false, true] {
                let view = panel.view(workbench: Self.workbench, revealed: revealed)
                for text in [view.title] + view.blocks.flatMap(Self.texts) {
                    let ascii = Glyphs.asciiTransliteration(text)
                    #expect(ascii.filter { $0 == "?" }.count == text.filter { $0 == "?" }.count, "\(id): \(text)")
                }
            }
        }
    }
}
