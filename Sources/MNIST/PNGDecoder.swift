import CPNG

/// PNG images through libpng's simplified `png_image` API (libpng does the parsing, checksums and
/// inflating; nothing here reads chunks by hand).
///
/// Accepted: 8-bit grayscale, RGB and palette images, with or without alpha. Alpha is ignored (the
/// colour values are used as they are, not composited), because a transparent background would
/// otherwise turn black or white depending on the compositing colour. Colour becomes gray with the
/// Rec. 601 luma weights (0.299 R + 0.587 G + 0.114 B), so a gray pixel stored as RGB keeps its value.
/// 16-bit PNGs are refused: libpng would convert them through linear light, changing the values.
enum PNGDecoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

    static func isPNG(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && Array(bytes[0 ..< 8]) == signature
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
        let isColor = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        // Ask for an alpha channel always: then libpng hands over the stored colours without
        // compositing them onto a background, and we drop the alpha below.
        image.format = isColor ? UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA) : UInt32(PNG_FORMAT_GA)
        let channels = isColor ? 4 : 2
        var buffer = [UInt8](repeating: 0, count: width * height * channels)
        let finished = buffer.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else {
            throw ImageFileError(.corruptData, file: file, expected: "complete PNG image data",
                                 found: "libpng: \(message(of: image))", hint: "The file is damaged or cut short; save or copy it again.")
        }
        var gray = [UInt8](repeating: 0, count: width * height)
        if isColor {
            for i in 0 ..< gray.count {
                let r = Int(buffer[4 * i]), g = Int(buffer[4 * i + 1]), b = Int(buffer[4 * i + 2])
                gray[i] = UInt8((299 * r + 587 * g + 114 * b + 500) / 1000)
            }
        } else {
            for i in 0 ..< gray.count { gray[i] = buffer[2 * i] }
        }
        return GrayImage(width: width, height: height, pixels: gray)
    }

    /// libpng's error text, kept in a fixed 64-byte field of the image.
    static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let text = raw.prefix { $0 != 0 }
            return text.isEmpty ? "no message" : String(decoding: text, as: UTF8.self)
        }
    }
}
