/// The 0–255 numbers of a rectangular region of an image (what Keras's `x_train[0]` prints).
public struct PixelValuesModel: Hashable, Sendable {
    public var image: DigitImageModel
    /// First row and column of the region shown; the widget shows as many as fit from there.
    public var top: Int
    public var left: Int
    /// How many rows and columns the region has (to the image's edge at most).
    public var rows: Int
    public var columns: Int
    /// A pixel to emphasise (e.g. the canvas cursor), in image coordinates.
    public var highlight: PixelPosition?

    /// `top` and `left` are clamped into the image; `rows` and `columns` (nil: to the image's edge) to what is left of it.
    public init(image: DigitImageModel, top: Int = 0, left: Int = 0, rows: Int? = nil, columns: Int? = nil,
                highlight: PixelPosition? = nil) {
        self.image = image
        self.top = max(0, min(top, image.rows - 1))
        self.left = max(0, min(left, image.columns - 1))
        self.rows = max(1, min(rows ?? image.rows, image.rows - self.top))
        self.columns = max(1, min(columns ?? image.columns, image.columns - self.left))
        self.highlight = highlight
    }
}
