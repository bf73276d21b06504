import Testing
@testable import TerminalUI
@testable import Tutor

/// Lesson 2 asks how many pixels of the digit on screen are not 0 and says the numbers view lets the
/// learner count them. At every size the numbers that do not fit at once must be reachable: with the
/// panel focused, PgUp PgDn Home End move the view, and what the screens show together is every
/// pixel of the ink's box, with as many nonzero numbers as the panel's own count.
@Suite("The numbers view can be read whole at every size", .serialized)
struct CountableNumbersTests {
    static var workbench: Workbench { Shipped.workbench }

    /// The numbers one screen shows: (row, column) → value, read off the text as a learner would:
    /// a header of consecutive column numbers, then rows led by their number (the last one, cut
    /// short, by "…": it is the row after the one above).
    static func numbersOnScreen(_ text: String) -> [PixelPosition: Int] {
        var result: [PixelPosition: Int] = [:]
        var columns: [Int] = []
        var lastRow: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let tokens = line.split(whereSeparator: { " │┃|#".contains($0) }).map(String.init)
            let numbers = tokens.filter { $0 != "…" }.compactMap { Int($0) }
            if columns.isEmpty {
                // The header: numbers counting up by one, nothing else but an ellipsis.
                if !numbers.isEmpty, numbers.count == tokens.filter({ $0 != "…" }).count,
                   zip(numbers, numbers.dropFirst()).allSatisfy({ $1 == $0 + 1 }), numbers.allSatisfy({ $0 < 28 }) {
                    columns = numbers
                }
                continue
            }
            guard let first = tokens.first else { break }
            let row: Int
            let values: [Int]
            if first == "…", let previous = lastRow {
                row = previous + 1
                values = Array(numbers)
            } else if let r = Int(first) {
                row = r
                values = Array(numbers.dropFirst())
            } else { break }
            guard values.count == columns.count else { break }
            for (c, v) in zip(columns, values) { result[PixelPosition(row: row, column: c)] = v }
            lastRow = row
        }
        return result
    }

    @Test("lesson 2's numbers at 80x24, 100x30 and 120x40: PgDn and End reach every ink pixel, and the count adds up",
          arguments: [(80, 24), (100, 30), (120, 40)])
    func everyNumberReachable(columns: Int, rows: Int) throws {
        let size = Size(columns: columns, rows: rows)
        let lessons = Shipped.lessons
        let found = lessons.indices.filter { i in
            let state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lessons[i].id), workbench: Self.workbench)
            return state.panel is DigitsPanel
        }
        try #require(!found.isEmpty, "no lesson shows the digit browser")
        for i in found {
            var state = TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lessons[i].id), workbench: Self.workbench)
            var panel = try #require(state.panel as? DigitsPanel)
            panel.showValues = true
            state.panels[state.index] = panel
            _ = state.update(.key(.tab), workbench: Self.workbench)
            let pixels = panel.cursor.digit(Self.workbench).pixels
            let box = DigitsPanel.inkBox(pixels)
            var seen: [PixelPosition: Int] = [:]
            // Down the rows a page at a time, and at each, right along the columns.
            for down in 0 ... (box.height / DigitsPanel.valuesStep + 1) {
                var across = state
                for _ in 0 ..< down { _ = across.update(.key(.pageDown), workbench: Self.workbench) }
                for _ in 0 ... (box.width / DigitsPanel.valuesStep + 1) {
                    var buffer = CellBuffer(size: size)
                    let screen = TutorScreen()
                    screen.render(across, workbench: Self.workbench, into: &buffer, context: .unicode256)
                    let panelRect = screen.frameLayout(across, workbench: Self.workbench, size: size, context: .unicode256).panel
                    let shown = Self.numbersOnScreen(buffer.lines(in: panelRect).joined(separator: "\n"))
                    #expect(!shown.isEmpty, "lesson \(lessons[i].number) at \(size): no numbers on screen\n\(buffer.text)")
                    for (position, value) in shown {
                        #expect(Int(pixels[position.row * 28 + position.column]) == value,
                                "lesson \(lessons[i].number) at \(size): \(position) reads \(value)")
                        seen[position] = value
                    }
                    _ = across.update(.key(.end), workbench: Self.workbench)
                }
            }
            for r in box.y ..< box.y + box.height {
                for c in box.x ..< box.x + box.width {
                    #expect(seen[PixelPosition(row: r, column: c)] != nil, "lesson \(lessons[i].number) at \(size): row \(r), column \(c) never shown")
                }
            }
            let nonzero = seen.values.filter { $0 > 0 }.count
            #expect(Double(nonzero) == state.panel.liveValue("ink_pixels", workbench: Self.workbench),
                    "lesson \(lessons[i].number) at \(size): \(nonzero) nonzero numbers shown")
        }
    }

    @Test("PgUp and Home come back, and keys outside the numbers view are not taken")
    func keysMoveBackAndOnlyInTheNumbersView() throws {
        let lessons = Shipped.lessons
        let i = try #require(lessons.indices.first { i in
            TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lessons[i].id), workbench: Self.workbench).panel is DigitsPanel
        })
        var panel = try #require(TutorState(lessons: lessons, progress: LearnerProgress(currentLesson: lessons[i].id),
                                            workbench: Self.workbench).panel as? DigitsPanel)
        #expect(panel.handle(.pageDown, workbench: Self.workbench) == nil, "the picture view took PgDn")
        panel.showValues = true
        _ = panel.handle(.pageDown, workbench: Self.workbench)
        _ = panel.handle(.end, workbench: Self.workbench)
        #expect(panel.valuesOffset == PixelPosition(row: DigitsPanel.valuesStep, column: DigitsPanel.valuesStep))
        for _ in 0 ..< 20 { _ = panel.handle(.pageDown, workbench: Self.workbench) }
        let box = DigitsPanel.inkBox(panel.cursor.digit(Self.workbench).pixels)
        #expect(panel.valuesOffset.row == max(0, box.height - DigitsPanel.valuesStep), "PgDn went past the ink's last rows")
        for _ in 0 ..< 20 { _ = panel.handle(.pageUp, workbench: Self.workbench); _ = panel.handle(.home, workbench: Self.workbench) }
        #expect(panel.valuesOffset == PixelPosition(row: 0, column: 0))
        #expect(panel.handle(.character("x"), workbench: Self.workbench) == nil)
    }
}
