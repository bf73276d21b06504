/// Netpbm grayscale images: `P2` (numbers as text) and `P5` (raw bytes).
///
/// Header: magic, width, height, maxval, separated by whitespace, with `#` comments to the end of a
/// line. `P5` data follows the single whitespace byte after maxval: one byte per sample when
/// maxval < 256, else two bytes, most significant first. Values are rescaled to 0...255 by
/// `v * 255 / maxval`, rounded, so a 16-bit file reads like its 8-bit version.
/// Anything after the first image (netpbm allows several in one file) is ignored.
enum PGM {
    static func isPGM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == UInt8(ascii: "P") && (bytes[1] == UInt8(ascii: "2") || bytes[1] == UInt8(ascii: "5"))
    }

    static func decode(_ bytes: [UInt8], file: String) throws(ImageFileError) -> GrayImage {
        let binary = bytes[1] == UInt8(ascii: "5")
        var reader = Reader(bytes: bytes, position: 2, file: file)
        let width = try reader.headerNumber("the width")
        let height = try reader.headerNumber("the height")
        let maxval = try reader.headerNumber("the maximum value (maxval)")
        try GrayImage.checkSize(width: width, height: height, file: file)
        guard maxval >= 1 && maxval <= 65535 else {
            throw ImageFileError(.corruptHeader, file: file, expected: "a maxval between 1 and 65535", found: "\(maxval)",
                                 hint: "The header is damaged; save the image again.")
        }
        let count = width * height
        var pixels = [UInt8](repeating: 0, count: count)
        func scaled(_ v: Int) -> UInt8 { UInt8((v * 255 + maxval / 2) / maxval) }
        func tooBig(_ v: Int, at index: Int) -> ImageFileError {
            ImageFileError(.badValue, file: file, expected: "values from 0 to maxval \(maxval)",
                           found: "\(v) at pixel \(index) (x \(index % width), y \(index / width))",
                           hint: "The header's maxval does not match the data; the file is damaged or was written incorrectly.")
        }
        if binary {
            // Exactly one whitespace byte separates maxval from the raster.
            let start = reader.position + 1
            let sampleSize = maxval < 256 ? 1 : 2
            let needed = count * sampleSize
            guard reader.position < bytes.count, bytes.count - start >= needed else {
                throw ImageFileError(.truncatedData, file: file, expected: "\(needed) bytes of pixels for \(width)x\(height)",
                                     found: "\(max(0, bytes.count - start))", hint: "The file is cut short; save or copy it again.")
            }
            for i in 0 ..< count {
                let v = sampleSize == 1 ? Int(bytes[start + i]) : Int(bytes[start + 2 * i]) << 8 | Int(bytes[start + 2 * i + 1])
                guard v <= maxval else { throw tooBig(v, at: i) }
                pixels[i] = scaled(v)
            }
        } else {
            for i in 0 ..< count {
                guard let v = try reader.number(allowComments: true) else {
                    throw ImageFileError(.truncatedData, file: file, expected: "\(count) pixel values for \(width)x\(height)",
                                         found: "\(i)", hint: "The file is cut short; save or copy it again.")
                }
                guard v <= maxval else { throw tooBig(v, at: i) }
                pixels[i] = scaled(v)
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Reads whitespace-separated decimal numbers, skipping `#` comments.
    struct Reader {
        let bytes: [UInt8]
        var position: Int
        let file: String

        mutating func headerNumber(_ what: String) throws(ImageFileError) -> Int {
            guard let n = try number(allowComments: true) else {
                throw ImageFileError(.corruptHeader, file: file, expected: "\(what) in the PGM header",
                                     found: "the end of the file", hint: "The file is cut short; save or copy it again.")
            }
            return n
        }

        /// The next number, or nil at the end of the data. Throws on anything that is not a digit.
        mutating func number(allowComments: Bool) throws(ImageFileError) -> Int? {
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "#") && allowComments {
                    while position < bytes.count && bytes[position] != 0x0a && bytes[position] != 0x0d { position += 1 }
                } else if b == 0x20 || (0x09 ... 0x0d).contains(b) {
                    position += 1
                } else {
                    break
                }
            }
            guard position < bytes.count else { return nil }
            var value = 0
            let start = position
            while position < bytes.count, (0x30 ... 0x39).contains(bytes[position]) {
                value = value * 10 + Int(bytes[position] - 0x30)
                guard value <= 1 << 30 else { break }
                position += 1
            }
            guard position > start, position == bytes.count || !(0x30 ... 0x39).contains(bytes[position]) else {
                let shown = String(decoding: bytes[start ..< min(bytes.count, start + 12)], as: UTF8.self)
                throw ImageFileError(.corruptData, file: file, expected: "a decimal number at byte \(start)",
                                     found: "\"\(shown)\"", hint: "Only digits, spaces and # comments belong in a PGM's text; the file is damaged.")
            }
            return value
        }
    }
}
