import CPNG

/// PNG images through libpng's simplified `png_image` API (libpng does the parsing, checksums and
/// inflating; nothing here reads chunks by hand, except a look at IHDR's sizes before allocating).
///
/// Accepted: 8-bit (and lower) grayscale, RGB and palette images, with or without alpha. Colour becomes
/// gray with the Rec. 601 luma weights (0.299 R + 0.587 G + 0.114 B), so a gray pixel stored as RGB
/// keeps its value. 16-bit PNGs are refused: libpng would convert them through linear light, changing
/// the values.
///
/// Alpha: a drawing exported "on a transparent background" stores its shape in the alpha channel, and
/// the colour under a transparent pixel is often black — so ignoring alpha turns black ink on
/// transparency into a black square. When alpha varies, each pixel is composited onto the background
/// that contrasts with the ink (white under dark ink, black under light ink; the ink's shade is the
/// alpha-weighted mean), as a viewer shows it. When alpha is the same everywhere it carries no shape
/// (and some exporters write 0 everywhere by mistake), so the colours are used as they are.
///
/// Memory: the file, plus 5 bytes per pixel while decoding (at most 16 megapixels); a header claiming
/// more pixels than the file's compressed data could hold is refused before anything is allocated.
enum PNGDecoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

    static func isPNG(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && Array(bytes[0 ..< 8]) == signature
    }

    /// Whether `bytes` are the start of a PNG signature cut short (a PNG of under 8 bytes).
    static func isTruncatedSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes.count < 8 && Array(signature.prefix(bytes.count)) == bytes
    }

    static func decode(_ bytes: [UInt8], file: String) throws(ImageFileError) -> GrayImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }

        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else {
            throw ImageFileError(.corruptHeader, file: file, expected: "a readable PNG header",
                                 found: "libpng: \(message(of: image))", hint: "The file is damaged or cut short; save or copy it again.")
        }
        if image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 {
            throw ImageFileError(.unsupported, file: file, expected: "an 8-bit PNG", found: "16 bits per channel",
                                 hint: "Save the image with 8 bits per channel (most editors: 'export as 8-bit PNG').")
        }
        let width = Int(image.width), height = Int(image.height)
        try GrayImage.checkSize(width: width, height: height, file: file)
        try checkDataCanHold(bytes, width: width, height: height, file: file)
        let isColor = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        // Ask for an alpha channel always: then libpng hands over the stored colours without
        // compositing them onto a background; `composite` decides what alpha means.
        image.format = isColor ? UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA) : UInt32(PNG_FORMAT_GA)
        let channels = isColor ? 4 : 2
        var buffer = [UInt8](repeating: 0, count: width * height * channels)
        let finished = buffer.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else {
            throw ImageFileError(.corruptData, file: file, expected: "complete PNG image data",
                                 found: "libpng: \(message(of: image))", hint: "The file is damaged or cut short; save or copy it again.")
        }
        return GrayImage(width: width, height: height,
                         pixels: composite(buffer, channels: channels, isColor: isColor, count: width * height))
    }

    /// The gray value of pixel `i` of libpng's output: Rec. 601 luma of RGB, or the gray channel.
    @inline(__always)
    static func gray(_ buffer: UnsafeBufferPointer<UInt8>, _ i: Int, isColor: Bool) -> Int {
        guard isColor else { return Int(buffer[2 * i]) }
        return (299 * Int(buffer[4 * i]) + 587 * Int(buffer[4 * i + 1]) + 114 * Int(buffer[4 * i + 2]) + 500) / 1000
    }

    /// libpng's gray+alpha or RGBA output as one gray byte per pixel, as it looks (see the type's notes):
    /// the colours as they are when alpha is the same everywhere, else composited onto white under dark
    /// ink or black under light ink. Two passes over the buffer and one output array: no other copies.
    static func composite(_ buffer: [UInt8], channels: Int, isColor: Bool, count: Int) -> [UInt8] {
        buffer.withUnsafeBufferPointer { b in
            var low = 255, high = 0, weighted = 0, weights = 0
            for i in 0 ..< count {
                let a = Int(b[channels * i + channels - 1])
                low = min(low, a)
                high = max(high, a)
                weighted += gray(b, i, isColor: isColor) * a
                weights += a
            }
            let useAlpha = low != high
            let background = weighted < 128 * weights ? 255 : 0
            return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0 ..< count {
                    let v = gray(b, i, isColor: isColor)
                    guard useAlpha else {
                        out[i] = UInt8(v)
                        continue
                    }
                    let a = Int(b[channels * i + channels - 1])
                    let mixed: Int = v * a + background * (255 - a)
                    out[i] = UInt8((mixed + 127) / 255)
                }
                initialized = count
            }
        }
    }

    /// Refuses a header whose pixels could not come from the file's compressed data: deflate expands at
    /// most 1032 times, and each row stores a filter byte plus its pixels at the bit depth IHDR gives.
    /// So a 200-byte file claiming 6000x6000 pixels is cut short, and is refused before 144 MB are taken.
    static func checkDataCanHold(_ bytes: [UInt8], width: Int, height: Int, file: String) throws(ImageFileError) {
        guard bytes.count >= 26, Array(bytes[12 ..< 16]) == Array("IHDR".utf8) else { return }
        let depth = Int(bytes[24])
        let channels: Int
        switch bytes[25] {
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: channels = 1  // gray, palette
        }
        let rowBytes = 1 + (width * depth * channels + 7) / 8
        let needed = height * rowBytes
        guard needed <= bytes.count * 1032 else {
            throw ImageFileError(.truncatedData, file: file,
                                 expected: "compressed data for \(width)x\(height) pixels (at least \(needed / 1032) bytes)",
                                 found: "a file of \(bytes.count) bytes",
                                 hint: "The file is cut short or its header is damaged; save or copy it again.")
        }
    }

    /// libpng's error text, kept in a fixed 64-byte field of the image.
    static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let text = raw.prefix { $0 != 0 }
            return text.isEmpty ? "no message" : String(decoding: text, as: UTF8.self)
        }
    }
}
