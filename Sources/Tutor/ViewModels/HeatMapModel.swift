/// A square table of counts, such as a confusion matrix: row `r`, column `c` holds `counts[r][c]`.
/// The widget shades each cell by its count (off the diagonal against the largest off-diagonal
/// count, so the mistakes stand out beside the far larger right answers), writes the count in it,
/// and marks the selected cell.
public struct HeatMapModel: Hashable, Sendable {
    public var counts: [[Int]]
    /// The cell under the cursor, if any: (row, column).
    public var selectedRow: Int?
    public var selectedColumn: Int?
    /// While true the off-diagonal counts are not shown (the question asks about them): those cells
    /// read `?` and carry no shade.
    public var hidesOffDiagonal: Bool
    /// What the rows and columns are, for the corner and plain text (`"true"`, `"predicted"`).
    public var rowName: String
    public var columnName: String

    public init(counts: [[Int]], selected: (row: Int, column: Int)? = nil, hidesOffDiagonal: Bool = false,
                rowName: String = "true", columnName: String = "predicted") {
        precondition(counts.allSatisfy { $0.count == counts.count }, "HeatMapModel: the table must be square")
        self.counts = counts
        self.selectedRow = selected?.row
        self.selectedColumn = selected?.column
        self.hidesOffDiagonal = hidesOffDiagonal
        self.rowName = rowName
        self.columnName = columnName
    }

    public var size: Int { counts.count }

    /// The largest count off the diagonal (at least 1), which the darkest shade stands for.
    public var largestOffDiagonal: Int {
        var largest = 1
        for r in counts.indices { for c in counts.indices where r != c { largest = max(largest, counts[r][c]) } }
        return largest
    }

    /// The largest count on the diagonal (at least 1).
    public var largestOnDiagonal: Int { max(1, counts.indices.map { counts[$0][$0] }.max() ?? 1) }

    /// Whether the cell's count is shown.
    public func shows(row: Int, column: Int) -> Bool { row == column || !hidesOffDiagonal }
}
