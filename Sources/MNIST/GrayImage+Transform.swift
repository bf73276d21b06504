/// Resizing and placing images: how tests and benchmarks turn real MNIST digits into "drawings"
/// (shifted, shrunk, enlarged) to check `DigitPreprocessor` and the model on them.
extension GrayImage {
    /// The image resampled to `width x height` by area averaging (see `DigitPreprocessor.resizeByArea`).
    public func resized(width newWidth: Int, height newHeight: Int) -> GrayImage {
        precondition(newWidth > 0 && newHeight > 0, "resized needs a positive size")
        let values = DigitPreprocessor.resizeByArea(pixels, width: width, height: height,
                                                    region: .init(x: 0, y: 0, width: width, height: height),
                                                    toWidth: newWidth, toHeight: newHeight)
        return GrayImage(width: newWidth, height: newHeight, pixels: values.map { UInt8(min(255, max(0, $0.rounded()))) })
    }

    /// A `width x height` canvas filled with `background`, with this image's top-left corner at
    /// (`x`, `y`); the parts that fall outside the canvas are cut off.
    public func placed(inWidth canvasWidth: Int, height canvasHeight: Int, x: Int, y: Int, background: UInt8 = 0) -> GrayImage {
        var out = [UInt8](repeating: background, count: canvasWidth * canvasHeight)
        let rows = (max(0, -y), min(height, canvasHeight - y)), columns = (max(0, -x), min(width, canvasWidth - x))
        if rows.0 < rows.1 && columns.0 < columns.1 {
            for row in rows.0 ..< rows.1 {
                for column in columns.0 ..< columns.1 {
                    out[(y + row) * canvasWidth + x + column] = self[column, row]
                }
            }
        }
        return GrayImage(width: canvasWidth, height: canvasHeight, pixels: out)
    }
}
