/// What rendering a frame reports back to the state.
public struct ScreenLayout: Equatable, Sendable {
    /// Where the drawing canvas landed (nil: not on screen).
    public var canvas: CanvasPlacement?
    /// The largest scroll position that still shows text (nil: the lesson text is not on screen).
    public var textScrollLimit: Int?

    public init(canvas: CanvasPlacement? = nil, textScrollLimit: Int? = nil) {
        self.canvas = canvas
        self.textScrollLimit = textScrollLimit
    }
}

/// Where the canvas was drawn on screen: its top-left cell and how many cells one pixel takes.
public struct CanvasPlacement: Equatable, Sendable {
    public var column: Int
    public var row: Int
    /// 2 for the large form (two columns a pixel), 1 for the compact one.
    public var columnsPerPixel: Int
    /// 1 for the large form, 0.5 for the compact form (two pixels a row).
    public var rowsPerPixel: Double

    public init(column: Int, row: Int, columnsPerPixel: Int, rowsPerPixel: Double) {
        self.column = column
        self.row = row
        self.columnsPerPixel = columnsPerPixel
        self.rowsPerPixel = rowsPerPixel
    }

    /// The canvas point (pixel units, the centre of the pixel under the cell) for a terminal cell;
    /// it lies outside 0..<28 when the cell is off the canvas (the canvas then ignores it).
    public func canvasPoint(column c: Int, row r: Int) -> (x: Double, y: Double) {
        let dx = c - column, dy = r - row
        if columnsPerPixel >= 2 {
            return ((Double(dx) / 2).rounded(.down) + 0.5, Double(dy) + 0.5)
        }
        return (Double(dx) + 0.5, Double(2 * dy) + 1)
    }
}
