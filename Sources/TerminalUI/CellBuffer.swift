/// An off-screen grid of cells that widgets draw into and the terminal backend flushes.
///
/// Every write is clipped to the buffer and to an optional clip rect, so a widget given a rect
/// cannot draw outside it (tests check this by pre-filling buffers with a sentinel).
public struct CellBuffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, filling cell: Cell = .blank) {
        self.size = Size(columns: max(0, size.columns), rows: max(0, size.rows))
        self.cells = [Cell](repeating: cell, count: self.size.columns * self.size.rows)
    }

    public init(columns: Int, rows: Int, filling cell: Cell = .blank) {
        self.init(size: Size(columns: columns, rows: rows), filling: cell)
    }

    public var bounds: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y`. Reading outside the buffer is a programming error.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.columns + x] }
        set { if x >= 0 && y >= 0 && x < size.columns && y < size.rows { cells[y * size.columns + x] = newValue } }
    }

    /// Sets one cell if it lies inside both the buffer and `clip`.
    @inline(__always)
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell, clip: Rect? = nil) {
        if let clip, !clip.contains(x: x, y: y) { return }
        guard x >= 0, y >= 0, x < size.columns, y < size.rows else { return }
        cells[y * size.columns + x] = cell
    }

    /// Fills `rect` (clipped to the buffer) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y ..< r.maxY {
            let row = y * size.columns
            for x in r.x ..< r.maxX { cells[row + x] = cell }
        }
    }

    /// Writes `text` from (`x`, `y`) in `style`, one grapheme per column, stopping at the clip rect's
    /// (or buffer's) right edge. Returns the number of columns written or skipped (the text's width).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        var column = x
        let limit = min(clip?.maxX ?? size.columns, size.columns)
        for c in text {
            if column >= limit { break }
            set(column, y, Cell(c, style: style), clip: clip)
            column += 1
        }
        return column - x
    }

    // MARK: - Diffing

    /// A cell that must be written to bring the screen from the previous frame to this one.
    public struct Change: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cell: Cell
    }

    /// The cells that differ from `previous`; every cell when there is no previous frame or its size differs.
    public func changes(since previous: CellBuffer?) -> [Change] {
        var result: [Change] = []
        let w = size.columns
        guard let previous, previous.size == size else {
            result.reserveCapacity(cells.count)
            for i in cells.indices { result.append(Change(x: i % w, y: i / w, cell: cells[i])) }
            return result
        }
        cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                for i in 0 ..< now.count where now[i] != before[i] {
                    result.append(Change(x: i % w, y: i / w, cell: now[i]))
                }
            }
        }
        return result
    }

    // MARK: - Reading back (tests, plain-text output)

    /// The text of row `y` within `rect` (default: the whole row).
    public func line(_ y: Int, in rect: Rect? = nil) -> String {
        let r = (rect ?? bounds).intersection(bounds)
        var s = ""
        for x in r.x ..< r.maxX { s.append(self[x, y].grapheme) }
        return s
    }

    /// The text of every row of `rect` (default: the whole buffer).
    public func lines(in rect: Rect? = nil) -> [String] {
        let r = (rect ?? bounds).intersection(bounds)
        return (r.y ..< r.maxY).map { line($0, in: r) }
    }

    /// The whole buffer as text, rows joined by newlines, trailing spaces removed.
    public var text: String {
        lines().map(\.trimmingTrailingSpaces).joined(separator: "\n")
    }
}

extension String {
    /// The string without the spaces at its end.
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
