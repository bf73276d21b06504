import Foundation
import Testing
@testable import NeuralNet

/// The one way every reader opens a file: regular files only, never blocking, never past a limit.
@Suite struct ReadableFileTests {
    @Test("a regular file reads whole, in pieces, and stops at its size")
    func readsRegularFiles() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        let bytes = (0 ..< 1000).map { UInt8($0 % 251) }
        TestFolder.write(bytes, to: dir + "/a")
        #expect(try ReadableFile.bytes(dir + "/a", limit: 1000) == bytes)
        let file = try ReadableFile(dir + "/a", limit: 4096)
        #expect(try file.readBytes(10) == Array(bytes.prefix(10)))
        #expect(file.remaining == 990)
        #expect(try file.readToEnd() == Array(bytes.dropFirst(10)))
        var scratch = [UInt8](repeating: 0, count: 8)
        #expect(try scratch.withUnsafeMutableBytes { try file.read(into: $0) } == 0)
    }

    /// F7: a FIFO in place of a data file or --weights blocked forever in `open`.
    @Test("a FIFO is refused at once, without waiting for a writer")
    func fifoIsRefusedWithoutBlocking() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        try TestFolder.withFIFO(dir + "/pipe") {
            let start = Date()
            #expect(throws: ReadableFile.Failure.notRegular(what: "a FIFO (named pipe)")) {
                try ReadableFile.bytes(dir + "/pipe", limit: 100)
            }
            #expect(Date().timeIntervalSince(start) < 2, "opening the FIFO waited")
        }
    }

    @Test("folders and devices are refused by kind; a missing file is missing")
    func otherKinds() {
        #expect(throws: ReadableFile.Failure.notRegular(what: "a folder")) { try ReadableFile.bytes(NSTemporaryDirectory(), limit: 100) }
        #expect(throws: ReadableFile.Failure.notRegular(what: "a character device")) { try ReadableFile.bytes("/dev/zero", limit: 100) }
        #expect(throws: ReadableFile.Failure.missing) { try ReadableFile.bytes("/nonexistent/file", limit: 100) }
    }

    /// F8: a 3 GB sparse file was read whole (3.1 GB of memory) before any check.
    @Test("a file over the limit is refused before a byte is read")
    func overLimit() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        TestFolder.sparse(dir + "/huge", size: 3 << 30)
        #expect(throws: ReadableFile.Failure.tooLarge(size: 3 << 30, limit: 1 << 20)) { try ReadableFile.bytes(dir + "/huge", limit: 1 << 20) }
    }

    @Test("a loader's naming turns each failure into its own one-line FileProblem")
    func namingMapsFailures() {
        let naming = WholeFile.Naming(what: "a readable weights file", missing: SafetensorsErrorKind.fileNotFound, missingHint: "Check the path.",
                                      unreadable: .unreadable, tooLarge: .tooLarge, tooLargeHint: "Name the right file.")
        let tooLarge = naming.problem(.tooLarge(size: 3 << 30, limit: 1 << 28), file: "w\u{1b}[2J.safetensors")
        #expect(tooLarge.kind == .tooLarge)
        #expect(tooLarge.description == "w\\x1b[2J.safetensors: expected a file of at most 256 MiB, found 3 GiB. Name the right file.")
        #expect(naming.problem(.permissionDenied, file: "w").found == "permission denied")
        #expect(naming.problem(.notRegular(what: "a FIFO (named pipe)"), file: "w").description.contains("found a FIFO (named pipe)"))
    }
}

/// F11: error messages quoted a file's bytes verbatim, escape sequences and newlines included.
@Suite struct OneLineTests {
    @Test("control characters, C1 codes and direction overrides are written out; text is left alone")
    func escapes() {
        #expect(OneLine.escape("P5\n\u{1b}]0;PWNED\u{07}\u{1b}[2J\t\r") == "P5\\n\\x1b]0;PWNED\\x07\\x1b[2J\\t\\r")
        #expect(OneLine.escape("\u{9b}31m \u{7f}") == "\\x9b31m \\x7f")
        #expect(OneLine.escape("a\u{202e}b\u{2028}c") == "a\\u{202e}b\\u{2028}c")
        #expect(OneLine.escape("Dropout — 0.2, «naïve» 数字") == "Dropout — 0.2, «naïve» 数字")
        let once = OneLine.escape("x\u{1b}y\nz")
        #expect(OneLine.escape(once) == once)
        #expect(OneLine.isSafe(once) && !OneLine.isSafe("x\ny"))
    }
}
