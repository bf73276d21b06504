import Testing
@testable import Tutor

/// `answer: pair, table=NAME, close=N`: two digits naming a cell of a live square table, judged
/// against the table as it is (ties all right, the N largest close).
@Suite("Pair answers")
struct PairAnswerTests {
    /// A 4x4 table: the largest off-diagonal count is 7 at (1, 2) and (3, 0); then 5 at (0, 3); then 2.
    static let table: [[Double]] = [
        [50, 0, 1, 5],
        [0, 40, 7, 2],
        [1, 0, 60, 0],
        [7, 0, 2, 30],
    ]
    static let spec = AnswerSpec.pair(table: "confusion", close: 3)

    @Test("two different digits with or without a separator are read; anything else says what to type")
    func parsing() {
        for text in ["1 2", "12", "1,2", "1-2", "1>2", "1→2", " 1  2 "] {
            #expect(PairAnswer.parse(text.trimmingSpaces).map { [$0.row, $0.column] } == [1, 2], "\(text)")
        }
        for text in ["1", "123", "1 1", "a b", "1.2", "", "-1 2"] {
            if text == "-1 2" { #expect(PairAnswer.parse(text).map { [$0.row, $0.column] } == [1, 2]); continue }
            #expect(PairAnswer.parse(text) == nil, "\(text)")
            #expect(Self.spec.judge(text, live: nil, table: Self.table) == .unreadable("Type two different digits, the true one first, such as 4 9."))
        }
        #expect(!Self.spec.canRead("7"))
        #expect(Self.spec.canRead("4 9"))
    }

    @Test("right on the largest count (every tied cell), close among the 3 largest, wrong below or on a zero")
    func judging() {
        func judge(_ s: String) -> AnswerVerdict { Self.spec.judge(s, live: nil, table: Self.table) }
        #expect(judge("1 2") == .correct)
        #expect(judge("3 0") == .correct)  // tied with 1 2
        #expect(judge("0 3") == .close(expected: "1 2"))  // rank 3 (two cells hold more)
        #expect(judge("1 3") == .incorrect(expected: "1 2"))  // 2: rank 4
        #expect(judge("2 1") == .incorrect(expected: "1 2"))  // 0 is never close
        #expect(judge("2 0") == .incorrect(expected: "1 2"))
        #expect(judge("5 1") == .unreadable("Type two digits from 0 to 3."))
        #expect(Self.spec.judge("1 2", live: nil, table: nil) == .waiting)
        #expect(AnswerSpec.pair(table: "confusion", close: 1).judge("0 3", live: nil, table: Self.table) == .incorrect(expected: "1 2"))
        #expect(PairAnswer(table: Self.table).rank(row: 0, column: 3) == 3)
        #expect(AnswerSpec.pair(table: "t", close: 2).judge("0 1", live: nil, table: [[5, 0], [0, 5]]) == .incorrect(expected: "no cell: there are no mistakes"))
    }

    @Test("the parser reads pair answers and checks the table and close=")
    func parser() throws {
        let ok = try LessonParser.parseAnswer("pair, table=confusion, close=3", panel: PanelRegistry.entry(named: "mistakes")!, file: "16-mistakes.md", line: 8)
        #expect(ok == .pair(table: "confusion", close: 3))
        #expect(ok.liveValue == "confusion" && ok.liveTable == "confusion")
        func message(_ text: String, _ panel: PanelEntry = PanelRegistry.entry(named: "mistakes")!) -> String? {
            do { _ = try LessonParser.parseAnswer(text, panel: panel, file: "16-mistakes.md", line: 8); return nil } catch { return error.message }
        }
        #expect(message("pair, table=confusion")?.hasPrefix("a pair answer is 'pair, table=NAME, close=N'") == true)
        #expect(message("pair, table=matrix, close=3") == "panel 'mistakes' has no live table 'matrix' (its tables: confusion)")
        #expect(message("pair, table=confusion, close=3", PanelRegistry.entry(named: "dropout")!) == "panel 'dropout' has no live table 'confusion' (its tables: none)")
        #expect(message("pair, table=confusion, close=0")?.hasPrefix("close=0 must be a whole number of 1 or more") == true)
    }
}
