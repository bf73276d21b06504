/// Turns a drawn digit into what an MNIST digit looks like, so the model sees what it was trained on.
///
/// MNIST's own recipe (LeCun et al.): each digit was scaled to fit a 20x20 box keeping its aspect
/// ratio, anti-aliased, then placed in a 28x28 image so that its centre of mass is at the centre.
/// `preprocess` does the same, in steps that are public so tests and benchmarks can use them alone:
///
/// 1. `inkBoundingBox`: the smallest rectangle holding every pixel at or above `inkThreshold`.
/// 2. `resizeByArea`: that crop scaled so its longer side is `boxSide` (20), by area averaging —
///    each output pixel is the mean of the input area it covers, so strokes become soft-edged like
///    MNIST's, not jagged as with nearest-neighbour sampling.
/// 3. Contrast stretch: the brightest pixel becomes 255 (a faint pencil scan looks like MNIST ink).
/// 4. `centreOfMass` and placement: the digit goes into 28x28 shifted by a whole number of pixels
///    so its centre of mass lands on (14, 14), within half a pixel; the shift is clamped so no ink
///    leaves the image (a lopsided digit may then stay slightly off centre).
///
/// Input and output use MNIST's polarity: 0 = background, 255 = ink (see `GrayImage.inkHigh()`).
public enum DigitPreprocessor {
    /// The side of the images the model takes.
    public static let side = 28
    /// The box the digit's longer side is scaled to (MNIST's 20, leaving a 4-pixel margin).
    public static let boxSide = 20
    /// The centre of mass's target, in pixel-index coordinates (MNIST's convention: 28 / 2).
    public static let centre = 14.0
    /// Pixels below this count as background when finding the ink: 10% of full ink, high enough to
    /// ignore a scanner's or canvas's faint noise, low enough to keep a light pencil stroke.
    public static let defaultInkThreshold: UInt8 = 26

    /// A rectangle of pixels: columns `x ..< x + width`, rows `y ..< y + height`.
    public struct Box: Equatable, Sendable {
        public var x, y, width, height: Int
        public init(x: Int, y: Int, width: Int, height: Int) {
            self.x = x; self.y = y; self.width = width; self.height = height
        }
    }

    /// The 784 pixels (row-major 28x28) the model should see for `pixels` (`width * height` bytes,
    /// ink high), or nil when there is no ink at all — an empty canvas gets no prediction, not a guess.
    public static func preprocess(_ pixels: [UInt8], width: Int, height: Int,
                                  inkThreshold: UInt8 = defaultInkThreshold) -> [UInt8]? {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "need width*height pixels")
        guard let box = inkBoundingBox(pixels, width: width, height: height, threshold: inkThreshold) else { return nil }
        let scale = Double(boxSide) / Double(max(box.width, box.height))
        let newWidth = min(boxSide, max(1, Int((Double(box.width) * scale).rounded())))
        let newHeight = min(boxSide, max(1, Int((Double(box.height) * scale).rounded())))
        var digit = resizeByArea(pixels, width: width, height: height, region: box, toWidth: newWidth, toHeight: newHeight)
        stretchContrast(&digit)
        guard let (cx, cy) = centreOfMass(digit, width: newWidth, height: newHeight) else { return nil }
        let left = min(max(Int((centre - cx).rounded()), 0), side - newWidth)
        let top = min(max(Int((centre - cy).rounded()), 0), side - newHeight)
        var out = [UInt8](repeating: 0, count: side * side)
        for y in 0 ..< newHeight {
            for x in 0 ..< newWidth {
                out[(top + y) * side + left + x] = UInt8(min(255, max(0, digit[y * newWidth + x].rounded())))
            }
        }
        return out
    }

    /// `preprocess` for an image file or canvas; converts dark-on-light drawings first.
    public static func preprocess(_ image: GrayImage, inkThreshold: UInt8 = defaultInkThreshold) -> [UInt8]? {
        let ink = image.inkHigh()
        return preprocess(ink.pixels, width: ink.width, height: ink.height, inkThreshold: inkThreshold)
    }

    /// The smallest box holding every pixel `>= threshold`, or nil when there is none.
    public static func inkBoundingBox<C: RandomAccessCollection>(_ pixels: C, width: Int, height: Int,
                                                                 threshold: UInt8 = defaultInkThreshold) -> Box?
        where C.Element == UInt8, C.Index == Int {
        var minX = width, minY = height, maxX = -1, maxY = -1
        let base = pixels.startIndex
        for y in 0 ..< height {
            for x in 0 ..< width where pixels[base + y * width + x] >= threshold {
                minX = min(minX, x); maxX = max(maxX, x)
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return nil }
        return Box(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// `region` of the image resampled to `toWidth x toHeight` by area averaging: output pixel
    /// (i, j) is the mean of the input over the rectangle it covers, partial pixels weighted by
    /// the fraction covered. Works for shrinking and enlarging alike. Values stay 0...255, as Double.
    public static func resizeByArea(_ pixels: [UInt8], width: Int, height: Int, region: Box,
                                    toWidth: Int, toHeight: Int) -> [Double] {
        precondition(region.x >= 0 && region.y >= 0 && region.x + region.width <= width && region.y + region.height <= height)
        let columnWeights = coverage(from: region.width, to: toWidth)
        let rowWeights = coverage(from: region.height, to: toHeight)
        // Separable: first resample each row of the region horizontally, then the columns.
        var horizontal = [Double](repeating: 0, count: toWidth * region.height)
        for y in 0 ..< region.height {
            let row = (region.y + y) * width + region.x
            for (i, weights) in columnWeights.enumerated() {
                var sum = 0.0
                for (x, w) in weights { sum += w * Double(pixels[row + x]) }
                horizontal[y * toWidth + i] = sum
            }
        }
        var out = [Double](repeating: 0, count: toWidth * toHeight)
        for (j, weights) in rowWeights.enumerated() {
            for i in 0 ..< toWidth {
                var sum = 0.0
                for (y, w) in weights { sum += w * horizontal[y * toWidth + i] }
                out[j * toWidth + i] = sum
            }
        }
        return out
    }

    /// For each of `to` output cells, the input cells it overlaps and their weights (summing to 1).
    static func coverage(from: Int, to: Int) -> [[(Int, Double)]] {
        let step = Double(from) / Double(to)
        return (0 ..< to).map { i in
            let start = Double(i) * step, end = Double(i + 1) * step
            var cells: [(Int, Double)] = []
            var k = Int(start)
            while Double(k) < end && k < from {
                let overlap = min(end, Double(k + 1)) - max(start, Double(k))
                if overlap > 1e-12 { cells.append((k, overlap / step)) }
                k += 1
            }
            return cells
        }
    }

    /// Scales values so the brightest becomes 255 (no change when it already is, or all are 0).
    static func stretchContrast(_ values: inout [Double]) {
        guard let top = values.max(), top > 0, top < 255 else { return }
        let factor = 255 / top
        for i in values.indices { values[i] *= factor }
    }

    /// The intensity-weighted mean position (x, y) in pixel-index coordinates, or nil when all are 0.
    public static func centreOfMass<C: RandomAccessCollection>(_ values: C, width: Int, height: Int) -> (x: Double, y: Double)?
        where C.Element: BinaryFloatingPoint, C.Index == Int {
        var total = 0.0, sx = 0.0, sy = 0.0
        let base = values.startIndex
        for y in 0 ..< height {
            for x in 0 ..< width {
                let v = Double(values[base + y * width + x])
                total += v; sx += v * Double(x); sy += v * Double(y)
            }
        }
        guard total > 0 else { return nil }
        return (sx / total, sy / total)
    }

    /// The centre of mass of byte pixels (e.g. an MNIST digit), or nil when all are 0.
    public static func centreOfMass<C: RandomAccessCollection>(_ pixels: C, width: Int, height: Int) -> (x: Double, y: Double)?
        where C.Element == UInt8, C.Index == Int {
        centreOfMass(pixels.map(Double.init), width: width, height: height)
    }
}
