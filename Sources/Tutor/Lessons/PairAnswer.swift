/// A pair answer (`answer: pair, table=confusion, close=3`) judged against a live square table:
/// the learner names a cell off the diagonal as two digits, its row then its column ("4 9": true 4,
/// predicted 9). Right when that cell holds the largest off-diagonal count (every cell tied with it is
/// right too: the table decides, not the order of a search); close when fewer than `close` other
/// cells hold more (its rank, ties sharing the better place, is `close` or better) and it is not 0.
public struct PairAnswer: Equatable, Sendable {
    public let table: [[Double]]

    public init(table: [[Double]]) { self.table = table }

    /// "4 9", "4,9", "4-9", "4>9", "4→9", "49": two different digits, nothing else but separators.
    public static func parse(_ text: String) -> (row: Int, column: Int)? {
        let separators: Set<Character> = [" ", ",", "-", ">", "→", "/"]
        guard text.allSatisfy({ $0.isASCII && $0.isNumber || separators.contains($0) }) else { return nil }
        let digits = text.compactMap { $0.wholeNumberValue }
        guard digits.count == 2, digits[0] != digits[1] else { return nil }
        return (digits[0], digits[1])
    }

    /// The off-diagonal cells, largest count first (ties in row order).
    public var ranked: [(row: Int, column: Int, count: Double)] {
        var cells: [(row: Int, column: Int, count: Double)] = []
        for r in table.indices { for c in table[r].indices where r != c { cells.append((r, c, table[r][c])) } }
        return cells.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
        }.map(\.element)
    }

    /// 1 for the largest count, 2 for the next... cells with the same count share a rank.
    public func rank(row: Int, column: Int) -> Int {
        let count = table[row][column]
        return 1 + ranked.filter { $0.count > count }.count
    }

    /// The first cell with the largest count off the diagonal, if any holds more than 0.
    public var top: (row: Int, column: Int, count: Double)? {
        ranked.first.flatMap { $0.count > 0 ? $0 : nil }
    }

    public func judge(row: Int, column: Int, close: Int) -> AnswerVerdict {
        guard table.indices.contains(row), table.indices.contains(column) else {
            return .unreadable("Type two digits from 0 to \(table.count - 1).")
        }
        guard let top else { return .incorrect(expected: "no cell: there are no mistakes") }
        let expected = "\(top.row) \(top.column)"
        let count = table[row][column]
        if count == top.count { return .correct }
        if count > 0 && rank(row: row, column: column) <= close { return .close(expected: expected) }
        return .incorrect(expected: expected)
    }
}
