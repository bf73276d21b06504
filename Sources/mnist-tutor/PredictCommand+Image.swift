import MNIST

extension PredictCommand {
    /// A picture file as the model's input: decoded (`GrayImage`: PGM or PNG, recognised by content),
    /// turned to MNIST's polarity (light ink on dark) when it is dark on light, then prepared by
    /// `DigitPreprocessor`. A file that cannot be read or decoded throws `ImageFileError`; a picture
    /// with no ink throws a `CommandError` (there is nothing to classify, and a guess would mean nothing).
    static func pictureDigit(_ path: String) throws -> Digit {
        let picture = try GrayImage(contentsOf: path)
        let polarity = picture.polarity
        guard let pixels = DigitPreprocessor.preprocess(picture) else {
            throw CommandError("\(path): the picture has no ink (every pixel is within 10% of the background), so there is no digit to read; draw one, darker.")
        }
        let ink = polarity == .darkOnLight ? "dark ink on a light background" : "light ink on a dark background"
        let caption = "\(path): \(picture.width)x\(picture.height) pixels, \(ink). "
            + "Cropped to the ink, scaled to fit 20x20 and centred, the model sees:"
        return Digit(pixels: pixels, caption: caption, label: nil)
    }
}
