import Foundation
import Testing

/// Issue 11, end to end: each bad input the installed binary was fed, run again against the built
/// binary — a clear one-line error and a non-zero exit, never a trap, a hang, gigabytes of memory, a
/// lost file, or a garbled terminal.
@Suite(.serialized) struct HardeningTests {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets").path

    /// A data folder holding the shipped MNIST files, with `replace` (a file name) swapped by `make`.
    func dataFolder(replacing name: String? = nil, _ make: (String) throws -> Void = { _ in }) throws -> String {
        let dir = BinaryRunner.temporaryDirectory()
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.assets + "/mnist") where file != name && file != name.map({ $0 + ".gz" }) {
            try FileManager.default.createSymbolicLink(atPath: "\(dir)/\(file)", withDestinationPath: "\(Self.assets)/mnist/\(file)")
        }
        if let name { try make("\(dir)/\(name)") }
        return dir
    }

    func expectOneLineError(_ run: MeasuredRun.Result, status: Int32 = 1, containing words: [String],
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == status, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("mnist-tutor: ") && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)",
                sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("\u{1b}"), sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "\(run.stderr)", sourceLocation: sourceLocation) }
    }

    /// F1: overflowing dimensions trapped (exit 132) in every command and in the tutor.
    @Test func overflowingDimensionsAreAnErrorEverywhere() throws {
        let raw = try dataFolder(replacing: "t10k-images-idx3-ubyte") { path in
            try Data([0, 0, 8, 3] + [UInt8](repeating: 0xff, count: 12)).write(to: URL(fileURLWithPath: path))
        }
        for arguments in [["data"], ["evaluate"], ["predict", "--index", "0"], ["lesson", "2", "--plain"], []] {
            let run = try MeasuredRun.run(["--data", raw] + arguments)
            expectOneLineError(run, containing: ["4294967295x4294967295x4294967295", "512 MiB"])
        }
    }

    /// F2, F3, F8: the runaway-memory cases, each now refused within a small, measured peak.
    @Test func runawayMemoryCasesStaySmall() throws {
        let bomb = try dataFolder(replacing: "t10k-images-idx3-ubyte") { path in
            try MeasuredRun.shell("(printf '\\000\\000\\010\\003\\000\\000\\047\\020\\000\\000\\000\\034\\000\\000\\000\\034'; head -c 268435456 /dev/zero) | gzip -1 > '\(path).gz'")
        }
        let isize = try dataFolder(replacing: "t10k-images-idx3-ubyte") { path in
            var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.assets + "/mnist/t10k-images-idx3-ubyte.gz"))
            bytes.replaceSubrange(bytes.count - 4 ..< bytes.count, with: [0xff, 0xff, 0xff, 0xff])
            try bytes.write(to: URL(fileURLWithPath: path + ".gz"))
        }
        let cut = try dataFolder(replacing: "train-images-idx3-ubyte") { path in
            try Data(contentsOf: URL(fileURLWithPath: Self.assets + "/mnist/train-images-idx3-ubyte.gz")).prefix(2_000_000)
                .write(to: URL(fileURLWithPath: path + ".gz"))
        }
        let dir = BinaryRunner.temporaryDirectory()
        try MeasuredRun.shell("cd '\(dir)' && printf 'P5\\n100000 100000\\n255\\n' > big.pgm && truncate -s 3G big.pgm"
                              + " && cp '\(Self.assets)/models/mnist-mlp.safetensors' big.safetensors && truncate -s 3221632952 big.safetensors")
        let cases: [(String, [String], [String])] = [
            ("gzip bomb", ["--data", bomb, "evaluate"], ["7840000 data bytes", "goes on past"]),
            ("lying ISIZE", ["--data", isize, "evaluate"], ["incorrect length check"]),
            ("first 2 MB of train-images", ["--data", cut, "data"], ["ends early"]),
            ("3 GB sparse PGM", ["predict", "--image", dir + "/big.pgm"], ["at most 128 MiB, found 3 GiB"]),
            ("weights + 3 GB", ["evaluate", "--weights", dir + "/big.safetensors"], ["found 3 GiB"]),
        ]
        for (name, arguments, words) in cases {
            let run = try MeasuredRun.run(arguments)
            expectOneLineError(run, containing: words)
            #expect(run.peakMB < 200, "\(name): peak \(run.peakMB) MB")
            #expect(run.seconds < 20, "\(name): \(run.seconds) s")
        }
    }

    /// A copy of the pretrained weights with `tensor` set to `value` everywhere.
    func weights(setting tensor: String, to value: Float) throws -> String {
        let path = BinaryRunner.temporaryDirectory() + "/\(tensor.replacingOccurrences(of: "/", with: "-")).safetensors"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.assets + "/models/mnist-mlp.safetensors"))
        let length = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16
        let header = try JSONSerialization.jsonObject(with: bytes[8 ..< 8 + length]) as! [String: Any]
        let offsets = ((header[tensor] as! [String: Any])["data_offsets"] as! [Int])
        var pattern = Data()
        withUnsafeBytes(of: value.bitPattern.littleEndian) { pattern.append(contentsOf: $0) }
        for offset in stride(from: 8 + length + offsets[0], to: 8 + length + offsets[1], by: 4) {
            bytes.replaceSubrange(offset ..< offset + 4, with: pattern)
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// F4: 3e38 weights trapped predict, printed null logits with exit 0, or "loss -nan" / "loss 0.0000".
    @Test func overflowingWeightsAreRefused() throws {
        let kernel = try weights(setting: "dense_1/kernel", to: 3e38)
        let bias = try weights(setting: "dense_1/bias", to: 3e38)
        for arguments in [["predict", "--index", "0"], ["predict", "--index", "0", "--json"], ["evaluate"], ["evaluate", "--json"]] {
            let run = try MeasuredRun.run(arguments + ["--weights", kernel])
            expectOneLineError(run, containing: ["\"dense_1/kernel\"", "float32"])
            #expect(run.stdout.isEmpty)
        }
        let run = try MeasuredRun.run(["evaluate", "--weights", bias])
        expectOneLineError(run, containing: ["\"dense_1/bias\""])
    }

    /// F5: a diverging run replaced a good --output with NaN weights and exited 0.
    @Test func divergedTrainingKeepsTheOutput() throws {
        let file = BinaryRunner.temporaryDirectory() + "/m.safetensors"
        try FileManager.default.copyItem(atPath: Self.assets + "/models/mnist-mlp.safetensors", toPath: file)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let run = try MeasuredRun.run(["train", "--limit", "2000", "--epochs", "1", "--learning-rate", "1e30", "--output", file, "--json"])
        expectOneLineError(run, containing: ["diverged", "untouched", "--learning-rate"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (file as NSString).deletingLastPathComponent) == ["m.safetensors"])
    }

    /// F6 and the smaller list: a bad --output fails before training (in well under a second's work),
    /// and what is there is kept.
    @Test func badOutputsFailBeforeTraining() throws {
        let dir = BinaryRunner.temporaryDirectory()
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir + "/read-only"))
        chmod(dir + "/read-only", 0o444)
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: "nowhere")
        var outputs: [(String, String)] = [("", "empty file name"), ("/proc/version", "read-only"), (dir + "/fifo", "FIFO"),
                                           (dir + "/read-only", "read-only"), (dir + "/dangling", "does not exist"), (dir, "folder")]
        if geteuid() == 0 {
            #expect(mknod(dir + "/full", S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0)  // our own /dev/full, never the system's
            outputs.append((dir + "/full", "character device"))
        }
        for (output, word) in outputs {
            let run = try MeasuredRun.run(["train", "--epochs", "1", "--output", output])
            expectOneLineError(run, status: 64, containing: ["--output", word])
            #expect(run.stdout.isEmpty, "\(output): training started")
        }
        var info = stat()
        #expect(lstat(dir + "/fifo", &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/read-only")) == Data([1, 2, 3]))
        if geteuid() == 0 { #expect(lstat(dir + "/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR) }
    }

    @Test func outputThroughASymlinkReachesItsTarget() throws {
        let dir = BinaryRunner.temporaryDirectory()
        try Data([0]).write(to: URL(fileURLWithPath: dir + "/target.safetensors"))
        chmod(dir + "/target.safetensors", 0o600)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.safetensors", withDestinationPath: "target.safetensors")
        let run = try MeasuredRun.run(["train", "--limit", "500", "--epochs", "1", "--output", dir + "/link.safetensors", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.safetensors") == "target.safetensors")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/target.safetensors")).count > 400_000)
        var info = stat()
        #expect(stat(dir + "/target.safetensors", &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try MeasuredRun.run(["evaluate", "--weights", dir + "/link.safetensors"]).status == 0)
    }

    /// F7: a FIFO in place of a data file, --weights or --image blocked forever in open.
    @Test func fifosAreRefusedAtOnce() throws {
        let data = try dataFolder(replacing: "t10k-images-idx3-ubyte") { path in #expect(mkfifo(path + ".gz", 0o644) == 0) }
        let fifo = BinaryRunner.temporaryDirectory() + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        for arguments in [["--data", data, "evaluate"], ["evaluate", "--weights", fifo], ["predict", "--image", fifo]] {
            let run = try MeasuredRun.run(arguments, timeout: 20)
            expectOneLineError(run, containing: ["FIFO"])
            #expect(run.seconds < 10)
        }
    }

    /// F11: escape sequences from a picture's header reached the terminal (and retitled it).
    @Test func errorsNeverEchoRawBytes() throws {
        let path = BinaryRunner.temporaryDirectory() + "/e.pgm"
        try Data("P5\n\u{1b}]0;PWNED\u{07}\u{1b}[2J 28 28\n255\n".utf8).write(to: URL(fileURLWithPath: path))
        let run = try MeasuredRun.run(["predict", "--image", path])
        expectOneLineError(run, containing: ["\\x1b]0;PWNED\\x07"])
        #expect(!run.stderr.contains("\u{07}"))
        let odd = try MeasuredRun.run(["evaluate", "--weights", "/nonexistent/\u{1b}[2J\nmodel"])
        expectOneLineError(odd, containing: ["\\x1b[2J\\nmodel"])
        #expect(!odd.stderr.contains("\u{1b}") && odd.stderr.split(separator: "\n").count == 1)
        let word = try MeasuredRun.run(["tr\u{1b}[31main"])
        #expect(word.status == 64 && !word.stderr.contains("\u{1b}") && word.stderr.split(separator: "\n").count == 1)
    }

    /// The smaller list: messages that said the wrong thing.
    @Test func smallerCasesSayTheRightThing() throws {
        let epochs = try MeasuredRun.run(["train", "--epochs", "-1"])
        expectOneLineError(epochs, status: 64, containing: ["--epochs must be at least 1, got -1"])
        let unknown = try MeasuredRun.run(["trian", "--epochs", "3"])
        expectOneLineError(unknown, status: 64, containing: ["unknown subcommand 'trian'", "train", "`mnist-tutor --help`"])
        #expect(!unknown.stderr.contains("mnist-tutor trian --help"))
        let five = BinaryRunner.temporaryDirectory() + "/five.png"
        try Data([0x89, 0x50, 0x4e, 0x47, 0x0d]).write(to: URL(fileURLWithPath: five))
        expectOneLineError(try MeasuredRun.run(["predict", "--image", five]), containing: ["cut short", "PNG"])
    }

    @Test func writeErrorsOnStandardOutputFail() throws {
        for arguments in [["evaluate"], ["summary"], ["train", "--limit", "500", "--epochs", "1"]] {
            let run = try MeasuredRun.run(arguments, stdoutPath: "/dev/full")
            expectOneLineError(run, containing: ["could not write to standard output", "the output is incomplete"])
        }
    }

    /// Black ink on a transparent background was "no ink"; composited on white it is the digit.
    @Test func blackOnTransparentPNGIsRead() throws {
        let (digit, label) = try PictureFiles.digit(0)
        var rgba: [UInt8] = []
        for y in 0 ..< 28 {
            rgba.append(0)
            for x in 0 ..< 28 { rgba += [0, 0, 0, digit[x, y]] }
        }
        var header = PictureFiles.bigEndian(28) + PictureFiles.bigEndian(28)
        header += [8, 6, 0, 0, 0]  // 8-bit RGBA
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + PictureFiles.chunk("IHDR", header)
            + PictureFiles.chunk("IDAT", PictureFiles.zlibStored(rgba)) + PictureFiles.chunk("IEND", [])
        let path = BinaryRunner.temporaryDirectory() + "/transparent.png"
        try Data(png).write(to: URL(fileURLWithPath: path))
        let run = try MeasuredRun.run(["predict", "--image", path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"prediction\":\(label)"), "\(run.stdout)")
    }

    /// As a user who may not look into the folder, the error says so instead of "found neither".
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "needs root to run the binary as another user"))
    func permissionDeniedIsNamed() throws {
        let data = try dataFolder()
        chmod(data, 0o700)  // root's; nobody may not search it
        let run = try MeasuredRun.run(["--data", data, "data"], user: 65534)
        expectOneLineError(run, containing: ["permission denied"])
        #expect(!run.stderr.contains("neither"))
        let weights = BinaryRunner.temporaryDirectory() + "/w.safetensors"
        try FileManager.default.copyItem(atPath: Self.assets + "/models/mnist-mlp.safetensors", toPath: weights)
        chmod(weights, 0o600)
        expectOneLineError(try MeasuredRun.run(["summary", "--weights", weights], user: 65534), containing: ["permission denied"])
    }
}
