/// A size in cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
    public var description: String { "\(columns)x\(rows)" }
    /// Whether `self` is at least `other` in both directions.
    public func fits(_ other: Size) -> Bool { columns >= other.columns && rows >= other.rows }
}

/// A rectangle of cells: `x` columns from the left, `y` rows from the top. Width and height are never negative.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(size: Size) { self.init(x: 0, y: 0, width: size.columns, height: size.rows) }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var size: Size { Size(columns: width, rows: height) }
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The overlap of two rects (empty, at `self`'s origin, when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        let w = min(maxX, other.maxX) - nx, h = min(maxY, other.maxY) - ny
        return w > 0 && h > 0 ? Rect(x: nx, y: ny, width: w, height: h) : Rect(x: x, y: y, width: 0, height: 0)
    }

    /// Shrinks by `amount` cells on every side (never below zero size).
    public func inset(by amount: Int) -> Rect { inset(horizontal: amount, vertical: amount) }

    public func inset(horizontal: Int, vertical: Int) -> Rect {
        Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    /// A `width` x `height` rect centred in `self` (clamped to `self`'s size).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The first `n` rows (or fewer) and the rest.
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let k = min(max(n, 0), height)
        return (Rect(x: x, y: y, width: width, height: k), Rect(x: x, y: y + k, width: width, height: height - k))
    }

    /// The last `n` rows (or fewer) and the rest (returned first).
    public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
        let k = min(max(n, 0), height)
        return (Rect(x: x, y: y, width: width, height: height - k), Rect(x: x, y: maxY - k, width: width, height: k))
    }
}
