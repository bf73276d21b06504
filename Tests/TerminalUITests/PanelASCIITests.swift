import Testing
import TerminalUI
import Tutor

/// Without a UTF-8 locale the renderer transliterates text to ASCII; a character it does not know
/// becomes `?`. The lesson panels' words and numbers must survive that, in every view.
@Suite struct PanelASCIITests {
    static var workbench: Workbench { Shipped.workbench }
    static var lessons: [Lesson] { Shipped.lessons }

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

    /// Every lesson the library loads, with each action its file binds performed three times in turn (the
    /// views an action cycles through; the training lessons' views during and after a run are covered
    /// by their replay tests).
    @Test(arguments: Shipped.lessons.map(\.id))
    func everyCharacterHasAnASCIIForm(id: String) throws {
        let lesson = try #require(Self.lessons.first { $0.id == id })
        var panel = lesson.panel.make(lesson, workbench: Self.workbench)
        Self.workbench.settle()
        for action in [""] + lesson.keys.flatMap({ Array(repeating: $0.action, count: 3) }) {
            if !action.isEmpty {
                let effects = panel.perform(actionNamed: action, workbench: Self.workbench)
                #expect(effects != nil, "\(id): \(action)")
            }
            for revealed in [false, true] {
                let view = panel.view(workbench: Self.workbench, revealed: revealed)
                for text in [view.title] + view.blocks.flatMap(Self.texts) {
                    let ascii = Glyphs.asciiTransliteration(text)
                    #expect(ascii.filter { $0 == "?" }.count == text.filter { $0 == "?" }.count, "\(id) after \(action): \(text)")
                }
            }
        }
    }
}
