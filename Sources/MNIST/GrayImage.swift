import NeuralNet
/// A grayscale picture of any size, one byte per pixel, row by row, as read from a PGM or PNG file
/// (for `predict --image`) or drawn on the tutor's canvas.
///
/// The values mean whatever the file meant: a scan of pen on paper is dark ink on a light background.
/// `inkHigh()` turns either polarity into the MNIST convention (0 = background, 255 = ink).
public struct GrayImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width * height` bytes, row-major.
    public let pixels: [UInt8]

    /// Which way round the ink is.
    public enum Polarity: String, Sendable {
        /// Light ink on a dark background, like MNIST itself.
        case lightOnDark
        /// Dark ink on a light background, like a pen drawing or a scan.
        case darkOnLight
    }

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height,
                     "GrayImage needs width*height pixels, got \(pixels.count) for \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// The largest image read from a file: 16 megapixels (a 4900x3265 photo, more than a phone's usual
    /// 12), so that a damaged header claiming billions of pixels is refused instead of exhausting memory,
    /// and decoding the largest picture (5 bytes a pixel for a colour PNG, plus 1 for `inkHigh`) stays
    /// under 100 MB.
    public static let maximumPixels = 16_000_000

    /// Refuses sizes a file header may claim but no drawing needs.
    static func checkSize(width: Int, height: Int, file: String) throws(ImageFileError) {
        guard width > 0 && height > 0 else {
            throw ImageFileError(.corruptHeader, file: file, expected: "a width and height of at least 1",
                                 found: "\(width)x\(height)", hint: "The header is damaged; save the image again.")
        }
        guard width <= maximumPixels / height else {
            throw ImageFileError(.unsupported, file: file, expected: "an image of at most \(maximumPixels / 1_000_000) megapixels",
                                 found: "\(width)x\(height)", hint: "Scale the drawing down first; 28x28 to a few hundred pixels is plenty.")
        }
    }

    /// The largest picture file read: 128 MiB (a 40-megapixel 16-bit PGM is 80 MB). Larger files are
    /// refused before a byte is read.
    public static let maximumFileSize = 1 << 27

    /// Reads a PGM (`P2`/`P5`) or PNG file, recognised by its first bytes, not by its name.
    /// Memory: the file (at most 128 MiB) plus at most 5 bytes per pixel (at most 16 megapixels).
    public init(contentsOf path: String) throws(ImageFileError) {
        let naming = WholeFile.Naming(
            what: "a readable file", missing: ImageFileError.Kind.fileNotFound, missingHint: "Check the path and the file name.",
            unreadable: .unreadable, tooLarge: .tooLarge,
            tooLargeHint: "A digit needs no more than a few hundred pixels a side; scale the drawing down and save it again.")
        let bytes = try WholeFile.read(path, limit: GrayImage.maximumFileSize, naming: naming)
        self = try GrayImage(fileBytes: bytes, file: path)
    }

    /// Decodes a file already in memory; `file` names it in errors.
    public init(fileBytes bytes: [UInt8], file: String) throws(ImageFileError) {
        if bytes.isEmpty {
            throw ImageFileError(.emptyFile, file: file, expected: "a PGM or PNG image", found: "an empty file (0 bytes)",
                                 hint: "The file was not saved completely; save or copy it again.")
        }
        if PNGDecoder.isPNG(bytes) {
            self = try PNGDecoder.decode(bytes, file: file)
        } else if PNGDecoder.isTruncatedSignature(bytes) {
            throw ImageFileError(.truncatedData, file: file, expected: "a PNG image (an 8-byte signature, then its chunks)",
                                 found: "only \(bytes.count) bytes, the start of a PNG signature",
                                 hint: "The file is cut short; save or copy it again.")
        } else if PGM.isPGM(bytes) {
            self = try PGM.decode(bytes, file: file)
        } else {
            throw ImageFileError(.unknownFormat, file: file, expected: "a PGM (starts with P2 or P5) or PNG image",
                                 found: "bytes \(IDXFile.hexPrefix(bytes))", hint: GrayImage.formatHint(bytes))
        }
    }

    /// Guesses the polarity from the border: a handwritten digit rarely touches the edge, so the
    /// median of the outermost rows and columns is the background's brightness. A light
    /// background (median of 128 or more) means dark ink.
    public var polarity: Polarity {
        var border: [UInt8] = []
        border.reserveCapacity(2 * (width + height))
        for x in 0 ..< width {
            border.append(self[x, 0])
            if height > 1 { border.append(self[x, height - 1]) }
        }
        if height > 2 {
            for y in 1 ..< height - 1 {
                border.append(self[0, y])
                if width > 1 { border.append(self[width - 1, y]) }
            }
        }
        border.sort()
        return border[border.count / 2] >= 128 ? .darkOnLight : .lightOnDark
    }

    /// The image with ink as high values and background as low ones (MNIST's convention),
    /// inverted when `polarity` is `.darkOnLight`, unchanged otherwise.
    public func inkHigh() -> GrayImage {
        polarity == .darkOnLight ? inverted() : self
    }

    /// Every pixel `v` becomes `255 - v`.
    public func inverted() -> GrayImage {
        GrayImage(width: width, height: height, pixels: pixels.map { 255 - $0 })
    }

    static func formatHint(_ bytes: [UInt8]) -> String {
        if bytes.count >= 2 && bytes[0] == 0x50 {
            switch bytes[1] {
            case 0x31, 0x34: return "This is a black-and-white PBM (P1/P4); save it as a grayscale PGM or PNG."
            case 0x33, 0x36: return "This is a colour PPM (P3/P6); save it as a grayscale PGM or a PNG."
            default: break
            }
        }
        if bytes.count >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff {
            return "This is a JPEG; convert it to PNG or PGM first (e.g. `convert digit.jpg digit.png`)."
        }
        if bytes.count >= 4 && bytes[0] == 0x47 && bytes[1] == 0x49 && bytes[2] == 0x46 {
            return "This is a GIF; convert it to PNG or PGM first."
        }
        let head = String(decoding: bytes.prefix(64), as: UTF8.self).drop(while: \.isWhitespace)
        if head.hasPrefix("<") {
            return "This looks like an HTML page or SVG, not a picture of pixels: the download saved a web page, or the drawing is vector art. Save it as PNG."
        }
        return "Save the drawing as PNG or as a grayscale PGM."
    }
}
