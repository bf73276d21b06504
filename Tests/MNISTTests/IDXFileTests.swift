import Testing
@testable import MNIST

@Suite("IDX reader")
struct IDXFileTests {
    @Test("a hand-built 2-image file reads back its dimensions and pixels")
    func readsImages() throws {
        let file = try IDXFile(bytes: Fixtures.twoImages, file: "two.idx", expectedDimensions: 3)
        #expect(file.dimensions == [2, 2, 3])
        #expect(Array(file.data) == [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15])
    }

    @Test("a labels file reads back its labels")
    func readsLabels() throws {
        let file = try IDXFile(bytes: Fixtures.twoLabels, file: "labels.idx", expectedDimensions: 1)
        #expect(file.dimensions == [2])
        #expect(Array(file.data) == [7, 3])
    }

    @Test("gzip-compressed and raw files on disk read the same")
    func gzipAndRawAgree() throws {
        let dir = Fixtures.temporaryDirectory()
        let raw = Fixtures.write(Fixtures.twoImages, to: dir + "/a-idx3-ubyte")
        let gz = Fixtures.write(Fixtures.gzip(Fixtures.twoImages), to: dir + "/a-idx3-ubyte.gz")
        let a = try IDXFile(contentsOf: raw, expectedDimensions: 3)
        let b = try IDXFile(contentsOf: gz, expectedDimensions: 3)
        #expect(Array(a.data) == Array(b.data))
        #expect(a.dimensions == b.dimensions)
    }

    @Test("wrong magic number names both numbers")
    func wrongMagic() {
        let bytes = Fixtures.header(magic: 0x804, dims: [1, 1, 1, 1]) + [9]
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: bytes, file: "x.idx", expectedDimensions: 3) }
        #expect(error?.kind == .wrongMagic)
        #expect(error?.description.contains("0x00000803") == true)
        #expect(error?.description.contains("0x00000804") == true)
    }

    @Test("a labels file where images were expected says so")
    func labelsForImages() {
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: Fixtures.twoLabels, file: "l", expectedDimensions: 3) }
        #expect(error?.kind == .wrongMagic)
        #expect(error?.hint.contains("labels file") == true)
    }

    @Test("a truncated body reports expected and found byte counts")
    func truncatedBody() {
        let bytes = Array(Fixtures.twoImages.dropLast(5))
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: bytes, file: "t.idx", expectedDimensions: 3) }
        #expect(error?.kind == .truncatedBody)
        #expect(error?.expected.contains("12 data bytes") == true)
        #expect(error?.found == "7")
    }

    @Test("a truncated header is its own error")
    func truncatedHeader() {
        let bytes = Array(Fixtures.twoImages.prefix(10))
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: bytes, file: "h.idx", expectedDimensions: 3) }
        #expect(error?.kind == .truncatedHeader)
    }

    @Test("extra bytes after the data are refused")
    func trailingBytes() {
        let error = #expect(throws: IDXError.self) {
            try IDXFile(bytes: Fixtures.twoImages + [1, 2], file: "e.idx", expectedDimensions: 3)
        }
        #expect(error?.kind == .trailingBytes)
    }

    @Test("an empty file is its own error")
    func emptyFile() {
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: [], file: "empty.gz", expectedDimensions: 1) }
        #expect(error?.kind == .emptyFile)
        #expect(error?.file == "empty.gz")
    }

    @Test("a .gz file that is not gzip, e.g. an HTML page, gets the HTML hint")
    func notGzipHTML() {
        let html = Array("<!DOCTYPE html><html><body>404</body></html>".utf8)
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: html, file: "t10k.gz", expectedDimensions: 3) }
        #expect(error?.kind == .notGzip)
        #expect(error?.hint.contains("HTML page") == true)
    }

    @Test("a damaged gzip stream is refused, not read as garbage")
    func corruptGzip() {
        var gz = Fixtures.gzip(Fixtures.twoImages)
        gz.removeLast(12)
        let error = #expect(throws: IDXError.self) { try IDXFile(bytes: gz, file: "cut.gz", expectedDimensions: 3) }
        #expect(error?.kind == .corruptGzip)
    }

    @Test("a missing file says no such file and how to fix it")
    func missingFile() {
        let error = #expect(throws: IDXError.self) {
            try IDXFile(contentsOf: "/nonexistent/train-images-idx3-ubyte.gz", expectedDimensions: 3)
        }
        #expect(error?.kind == .fileNotFound)
        #expect(error?.hint.contains("--data") == true)
    }

    @Test("images and labels of different sizes are refused by the dataset")
    func sizeMismatch() throws {
        let dir = Fixtures.temporaryDirectory()
        let images28 = Fixtures.header(magic: 0x803, dims: [2, 28, 28]) + [UInt8](repeating: 0, count: 2 * 784)
        let labels3 = Fixtures.header(magic: 0x801, dims: [3]) + [1, 2, 3]
        for (stem, bytes) in [("train-images-idx3-ubyte", images28), ("train-labels-idx1-ubyte", labels3),
                              ("t10k-images-idx3-ubyte", images28), ("t10k-labels-idx1-ubyte", labels3)] {
            Fixtures.write(bytes, to: "\(dir)/\(stem)")
        }
        let error = #expect(throws: IDXError.self) { try MNISTDataset.load(directory: dir) }
        #expect(error?.kind == .countMismatch)
        #expect(error?.expected.contains("2 labels") == true)
        #expect(error?.found == "3")
    }

    @Test("images that are not 28x28 are refused with the size found")
    func wrongImageSize() {
        let dir = Fixtures.temporaryDirectory()
        Fixtures.write(Fixtures.twoImages, to: dir + "/t10k-images-idx3-ubyte")
        Fixtures.write(Fixtures.twoLabels, to: dir + "/t10k-labels-idx1-ubyte")
        let error = #expect(throws: IDXError.self) { try MNISTDataset.loadTestSet(directory: dir) }
        #expect(error?.kind == .wrongDimensions)
        #expect(error?.found == "2x3")
    }

    @Test("a folder with raw (not gzipped) files of the standard names loads, like Fashion-MNIST's")
    func rawFolderLoads() throws {
        let dir = Fixtures.temporaryDirectory()
        var images = Fixtures.header(magic: 0x803, dims: [2, 28, 28]) + [UInt8](repeating: 0, count: 2 * 784)
        images[16 + 784 + 5] = 200
        Fixtures.write(images, to: dir + "/t10k-images-idx3-ubyte")
        Fixtures.write(Fixtures.twoLabels, to: dir + "/t10k-labels-idx1-ubyte")
        let (x, y) = try MNISTDataset.loadTestSet(directory: dir)
        #expect(x.count == 2 && y == [7, 3])
        #expect(x[1][x[1].startIndex + 5] == 200)
        let floats = x.floats(indices: [1])
        #expect(floats.count == 784)
        #expect(abs(floats[5] - 200 / 255) < 1e-6)
    }
}
