import Testing
@testable import Tutor

@Suite struct DrawingCanvasModelTests {
    /// The non-zero pixels as (row, column, value), sorted.
    func ink(_ c: DrawingCanvasModel) -> [[Int]] {
        c.pixels.enumerated().filter { $0.element > 0 }.map { [$0.offset / 28, $0.offset % 28, Int($0.element)] }
    }

    @Test func brushProfile() {
        // Size 1 covers exactly the pixel under its centre; larger sizes add a solid core and a soft rim.
        #expect(DrawingCanvasModel.coverage(distance: 0, size: 1) == 1)
        #expect(DrawingCanvasModel.coverage(distance: 1, size: 1) == 0)
        #expect(DrawingCanvasModel.coverage(distance: 1, size: 2) == 0.5)
        #expect(DrawingCanvasModel.coverage(distance: 1, size: 3) == 1)
        #expect(DrawingCanvasModel.coverage(distance: 2.5, size: 4) == 0)
    }

    @Test func sizeOneStampPaintsOnePixel() {
        var c = DrawingCanvasModel(brushSize: 1)
        c.stamp(x: 3.5, y: 2.5)
        #expect(ink(c) == [[2, 3, 255]])
    }

    @Test func defaultBrushLeavesGrayEdgesLikeMNIST() {
        var c = DrawingCanvasModel()
        #expect(c.brushSize == 2)
        c.stamp(x: 10.5, y: 10.5)
        #expect(ink(c) == [
            [9, 9, 22], [9, 10, 128], [9, 11, 22],
            [10, 9, 128], [10, 10, 255], [10, 11, 128],
            [11, 9, 22], [11, 10, 128], [11, 11, 22],
        ])
    }

    @Test func brushSizesGrowTheStroke() {
        var counts: [Int] = []
        var totals: [Int] = []
        for size in DrawingCanvasModel.brushSizes {
            var c = DrawingCanvasModel(brushSize: size)
            c.stamp(x: 14.5, y: 14.5)
            counts.append(ink(c).count)
            totals.append(c.pixels.reduce(0) { $0 + Int($1) })
            #expect(c[14, 14] == 255)
        }
        // Sizes 2 and 3 touch the same 3x3 pixels; 3 paints them darker (solid sides, 149 corners).
        #expect(counts == [1, 9, 9, 21])
        #expect(totals == [255, 255 + 4 * 128 + 4 * 22, 255 + 4 * 255 + 4 * 149, totals[3]])
        #expect(totals[3] > totals[2])
        var c = DrawingCanvasModel()
        c.handle(.character("]")); c.handle(.character("]")); c.handle(.character("]"))
        #expect(c.brushSize == 4)  // clamped at the largest size
        for _ in 0 ..< 6 { c.handle(.character("[")) }
        #expect(c.brushSize == 1)
    }

    @Test func paintingTwiceDoesNotDarkenTheRim() {
        var c = DrawingCanvasModel()
        c.stamp(x: 10.5, y: 10.5)
        let once = c.pixels
        c.stamp(x: 10.5, y: 10.5)
        #expect(c.pixels == once)
    }

    @Test func dragSequenceDrawsAContinuousLine() {
        var c = DrawingCanvasModel(brushSize: 1)
        c.pointerDown(x: 2.5, y: 5.5)
        c.pointerMoved(x: 12.5, y: 5.5)  // one big jump: the gap is filled
        c.pointerUp()
        #expect(ink(c) == (2 ... 12).map { [5, $0, 255] })
        #expect(c.cursor == PixelPosition(row: 5, column: 12))
        // After the release a new press starts a new stroke: nothing joins the two.
        c.pointerDown(x: 2.5, y: 20.5)
        #expect(ink(c).count == 12)
    }

    @Test func diagonalStrokeWithDefaultBrush() {
        var c = DrawingCanvasModel()
        c.pointerDown(x: 5.5, y: 5.5)
        c.pointerMoved(x: 8.5, y: 8.5)
        c.pointerUp()
        for k in 5 ... 8 { #expect(c[k, k] == 255) }
        #expect(c[5, 6] > 128 && c[5, 6] < 255)  // next to the line: more than one dab's rim, less than the core
        #expect(c[4, 4] == 22)  // the far corner only gets the faint rim
        #expect(c[0, 0] == 0 && c[10, 10] == 0)
    }

    @Test func erasing() {
        var c = DrawingCanvasModel(brushSize: 3)
        c.pointerDown(x: 10.5, y: 10.5)
        c.pointerMoved(x: 16.5, y: 10.5)
        c.pointerUp()
        #expect(c[10, 13] == 255)
        c.pointerDown(x: 13.5, y: 10.5, tool: .erase)
        c.pointerUp()
        #expect(c[10, 13] == 0 && c[10, 12] == 0 && c[10, 14] == 0)
        #expect(c[10, 10] == 255 && c[10, 16] == 255)
        // Keyboard eraser at the cursor.
        var k = DrawingCanvasModel(brushSize: 1)
        k.handle(.character(" "))
        #expect(k[14, 14] == 255)
        k.handle(.character("x"))
        #expect(k.isBlank)
    }

    @Test func offCanvasCoordinatesAreIgnored() {
        var c = DrawingCanvasModel(brushSize: 4)
        for (x, y) in [(-0.5, 3.0), (28.0, 3.0), (3.0, 28.0), (3.0, -0.01), (Double.nan, 1), (1, Double.infinity)] {
            c.stamp(x: x, y: y)
            c.pointerDown(x: x, y: y)
            c.pointerMoved(x: x, y: y)
            c.pointerUp()
        }
        #expect(c.isBlank)
        // A drag that leaves the canvas and comes back does not draw along the edge in between.
        var d = DrawingCanvasModel(brushSize: 1)
        d.pointerDown(x: 1.5, y: 1.5)
        d.pointerMoved(x: -5, y: 1.5)
        d.pointerMoved(x: 1.5, y: 10.5)
        d.pointerUp()
        #expect(ink(d) == [[1, 1, 255], [10, 1, 255]])
    }

    @Test func keyboardCursorPaintsAndStaysOnTheCanvas() {
        var c = DrawingCanvasModel(brushSize: 1)
        #expect(c.cursor == PixelPosition(row: 14, column: 14))
        for key: Key in [.up, .up, .left, .character(" "), .right, .right, .character(" ")] {
            let handled = c.handle(key)
            #expect(handled)
        }
        #expect(ink(c) == [[12, 13, 255], [12, 15, 255]])
        for _ in 0 ..< 40 { c.handle(.up); c.handle(.left) }
        #expect(c.cursor == PixelPosition(row: 0, column: 0))
        for _ in 0 ..< 40 { c.handle(.down); c.handle(.right) }
        #expect(c.cursor == PixelPosition(row: 27, column: 27))
        let handledQ = c.handle(.character("q"))
        #expect(!handledQ)
        c.handle(.character("c"))
        #expect(c.isBlank)
    }

    @Test func normalizedIsWhatTheModelReads() {
        var c = DrawingCanvasModel(brushSize: 1)
        c.stamp(x: 0.5, y: 0.5)
        #expect(c.normalized.count == 784)
        #expect(c.normalized[0] == 1 && c.normalized[1] == 0)
        #expect(c.image.pixels == c.pixels)
    }
}
