/// A grayscale image to show, as MNIST stores it: row-major bytes, 0 = background, 255 = ink.
///
/// The model does not know how it is drawn: `DigitImage` renders it at two pixels per cell
/// (compact, 28x14 cells for MNIST) or two cells per pixel (large, 56x28 cells).
public struct DigitImageModel: Hashable, Sendable {
    public var rows: Int
    public var columns: Int
    /// `rows * columns` bytes, row by row.
    public var pixels: [UInt8]
    /// Shown under the image when there is room, e.g. "label 7".
    public var label: String?
    /// For pictures that are not ink (a neuron's weights drawn as shades): what the bytes stand for,
    /// e.g. "0 = weight -0.54, 128 = weight 0, 255 = weight +0.54". Plain text says this instead of
    /// "0 = background, 255 = ink".
    public var shades: String?
    /// The bytes are signed values around 128 (a weight picture: below 128 negative, above positive), drawn
    /// in two colours, one for each sign, deeper for larger values, instead of as ink on paper.
    public var signed: Bool

    /// `pixels.count` must be `rows * columns`; a mismatch is a programming error.
    public init(rows: Int = 28, columns: Int = 28, pixels: [UInt8], label: String? = nil, shades: String? = nil,
                signed: Bool = false) {
        precondition(pixels.count == rows * columns, "DigitImageModel: \(pixels.count) pixels for \(rows)x\(columns)")
        self.rows = rows
        self.columns = columns
        self.pixels = pixels
        self.label = label
        self.shades = shades
        self.signed = signed
    }

    /// A signed byte's strength, 0 (the value 0) to 5 (the largest), and its sign.
    public static func signedLevel(_ byte: UInt8) -> (level: Int, negative: Bool) {
        let v = (Double(byte) - 128) / 127
        return (min(5, Int((abs(v) * 5).rounded())), v < 0)
    }

    /// From an MNIST `ImageSet` slice (784 bytes).
    public init<C: Collection>(mnist pixels: C, label: String? = nil) where C.Element == UInt8 {
        self.init(pixels: Array(pixels), label: label)
    }

    public subscript(row: Int, column: Int) -> UInt8 {
        pixels[row * columns + column]
    }

    /// An all-background image.
    public static func blank(rows: Int = 28, columns: Int = 28) -> DigitImageModel {
        DigitImageModel(rows: rows, columns: columns, pixels: [UInt8](repeating: 0, count: rows * columns))
    }
}

/// A pixel's place in an image: row 0 is the top, column 0 the left edge.
public struct PixelPosition: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}
