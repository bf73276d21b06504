/// A 28x28 canvas a learner draws a digit on, with a soft round brush that leaves gray edges
/// the way MNIST's anti-aliased strokes do, an eraser, and a keyboard cursor.
///
/// Pure state: the tutor owns it, `DrawingCanvas` (TerminalUI) draws it and turns cells into
/// canvas coordinates. Positions are continuous pixel units: pixel (row r, column c) covers
/// `c..<c+1` horizontally and `r..<r+1` vertically, so its centre is `(c + 0.5, r + 0.5)`.
public struct DrawingCanvasModel: Hashable, Sendable {
    public static let side = 28
    /// Brush diameters (in pixels) the `[` and `]` keys step through.
    public static let brushSizes = 1 ... 4
    /// The default diameter. 2 gives a solid 1-pixel core with a half-gray rim: strokes about
    /// 3 pixels wide, close to MNIST's pen after its 20x20 box rescaling.
    public static let defaultBrushSize = 2

    public enum Tool: Hashable, Sendable { case paint, erase }

    /// 784 gray values, row-major, 0 = background, 255 = ink (MNIST's convention).
    public private(set) var pixels: [UInt8]
    /// Brush diameter in pixels, within `brushSizes`.
    public private(set) var brushSize: Int
    /// The keyboard cursor.
    public private(set) var cursor: PixelPosition
    /// The last point of the stroke in progress (mouse held down), for filling gaps between drag events.
    private var strokeEnd: (x: Double, y: Double)?

    public init(pixels: [UInt8]? = nil, brushSize: Int = DrawingCanvasModel.defaultBrushSize) {
        let count = Self.side * Self.side
        precondition(pixels == nil || pixels!.count == count, "DrawingCanvasModel needs \(count) pixels")
        self.pixels = pixels ?? [UInt8](repeating: 0, count: count)
        self.brushSize = min(max(brushSize, Self.brushSizes.lowerBound), Self.brushSizes.upperBound)
        self.cursor = PixelPosition(row: Self.side / 2, column: Self.side / 2)
    }

    public subscript(row: Int, column: Int) -> UInt8 { pixels[row * Self.side + column] }

    /// Pixels as the model's input: Float 0...1, row-major (Keras's `x / 255.0`).
    public var normalized: [Float] { pixels.map { Float($0) / 255 } }

    public var isBlank: Bool { !pixels.contains { $0 != 0 } }

    public var image: DigitImageModel { DigitImageModel(pixels: pixels) }

    // MARK: - Brush

    /// How much ink the brush leaves at `distance` pixels from its centre, 0...1: full inside a core of
    /// radius `size/2 - 0.5`, then falling linearly to nothing over one pixel. Size 1 therefore
    /// paints exactly the pixel under its centre.
    public static func coverage(distance: Double, size: Int) -> Double {
        let core = max(0, Double(size) / 2 - 0.5)
        return min(1, max(0, 1 - (distance - core)))
    }

    /// Applies one dab of the brush centred at (`x`, `y`). Painting keeps the darker of old and new
    /// values (so going over a stroke twice does not thicken its soft rim); erasing keeps the lighter.
    /// A centre outside the canvas is ignored.
    public mutating func stamp(x: Double, y: Double, tool: Tool = .paint) {
        let n = Double(Self.side)
        guard x.isFinite, y.isFinite, x >= 0, y >= 0, x < n, y < n else { return }
        let reach = Double(brushSize) / 2 + 1
        let r0 = max(0, Int((y - reach).rounded(.down))), r1 = min(Self.side - 1, Int((y + reach).rounded(.up)))
        let c0 = max(0, Int((x - reach).rounded(.down))), c1 = min(Self.side - 1, Int((x + reach).rounded(.up)))
        guard r0 <= r1, c0 <= c1 else { return }
        for r in r0 ... r1 {
            for c in c0 ... c1 {
                let dx = Double(c) + 0.5 - x, dy = Double(r) + 0.5 - y
                let amount = Self.coverage(distance: (dx * dx + dy * dy).squareRoot(), size: brushSize)
                guard amount > 0 else { continue }
                let i = r * Self.side + c
                switch tool {
                case .paint: pixels[i] = max(pixels[i], UInt8((amount * 255).rounded()))
                case .erase: pixels[i] = min(pixels[i], UInt8(((1 - amount) * 255).rounded()))
                }
            }
        }
    }

    /// Dabs the brush along the segment from (`x0`, `y0`) to (`x1`, `y1`) every quarter pixel, so a
    /// fast mouse drag leaves a continuous line. Points of the segment off the canvas are ignored.
    public mutating func stroke(fromX x0: Double, y y0: Double, toX x1: Double, y y1: Double, tool: Tool = .paint) {
        let length = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
        guard length.isFinite else { return }
        let steps = max(1, Int((length * 4).rounded(.up)))
        for s in 0 ... steps {
            let t = Double(s) / Double(steps)
            stamp(x: x0 + (x1 - x0) * t, y: y0 + (y1 - y0) * t, tool: tool)
        }
    }

    // MARK: - Pointer (mouse)

    /// Starts a stroke at a canvas point (press). Off-canvas presses are ignored.
    public mutating func pointerDown(x: Double, y: Double, tool: Tool = .paint) {
        guard Self.contains(x: x, y: y) else { strokeEnd = nil; return }
        stamp(x: x, y: y, tool: tool)
        strokeEnd = (x, y)
        moveCursorTo(x: x, y: y)
    }

    /// Continues the stroke (drag): a line from the previous point. Off-canvas points are ignored
    /// and break the line, so leaving and re-entering the canvas does not draw across its edge.
    public mutating func pointerMoved(x: Double, y: Double, tool: Tool = .paint) {
        guard Self.contains(x: x, y: y) else { strokeEnd = nil; return }
        if let last = strokeEnd {
            stroke(fromX: last.x, y: last.y, toX: x, y: y, tool: tool)
        } else {
            stamp(x: x, y: y, tool: tool)
        }
        strokeEnd = (x, y)
        moveCursorTo(x: x, y: y)
    }

    /// Ends the stroke (release).
    public mutating func pointerUp() { strokeEnd = nil }

    public static func contains(x: Double, y: Double) -> Bool {
        x >= 0 && y >= 0 && x < Double(side) && y < Double(side)
    }

    private mutating func moveCursorTo(x: Double, y: Double) {
        cursor = PixelPosition(row: Int(y), column: Int(x))
    }

    // MARK: - Keyboard

    public mutating func moveCursor(rows: Int, columns: Int) {
        cursor.row = min(max(cursor.row + rows, 0), Self.side - 1)
        cursor.column = min(max(cursor.column + columns, 0), Self.side - 1)
    }

    /// Paints (or erases) one dab centred on the cursor pixel.
    public mutating func applyAtCursor(_ tool: Tool) {
        stamp(x: Double(cursor.column) + 0.5, y: Double(cursor.row) + 0.5, tool: tool)
    }

    public mutating func clear() {
        pixels = [UInt8](repeating: 0, count: Self.side * Self.side)
        strokeEnd = nil
    }

    public mutating func setBrushSize(_ size: Int) {
        brushSize = min(max(size, Self.brushSizes.lowerBound), Self.brushSizes.upperBound)
    }

    /// The canvas keys: arrows move the cursor, space paints, `x` erases, `c` clears, `[` and `]`
    /// shrink and grow the brush. Returns false (and changes nothing) for any other key.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up: moveCursor(rows: -1, columns: 0)
        case .down: moveCursor(rows: 1, columns: 0)
        case .left: moveCursor(rows: 0, columns: -1)
        case .right: moveCursor(rows: 0, columns: 1)
        case .character(" "): applyAtCursor(.paint)
        case .character("x"): applyAtCursor(.erase)
        case .character("c"): clear()
        case .character("["): setBrushSize(brushSize - 1)
        case .character("]"): setBrushSize(brushSize + 1)
        default: return false
        }
        return true
    }

    /// The keys `handle` understands, for the key bar.
    public static let keyHints = [
        KeyHint("←↑↓→", "move"), KeyHint("space", "paint"), KeyHint("x", "erase"),
        KeyHint("c", "clear"), KeyHint("[ ]", "brush"),
    ]

    public static func == (a: DrawingCanvasModel, b: DrawingCanvasModel) -> Bool {
        a.pixels == b.pixels && a.brushSize == b.brushSize && a.cursor == b.cursor
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pixels); hasher.combine(brushSize); hasher.combine(cursor)
    }
}
