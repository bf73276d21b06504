import Foundation
import Testing

/// A safetensors file written by hand, Keras's names, the way Python's writer lays it out.
func kerasStyleFile(kernelShape: [Int] = [784, 128], dtype: String = "F32") -> Data {
    let tensors: [(String, [Int])] = [("dense/kernel", kernelShape), ("dense/bias", [128]), ("dense_1/kernel", [128, 10]), ("dense_1/bias", [10])]
    var offset = 0
    var entries: [String] = []
    var data = Data()
    for (index, (name, shape)) in tensors.enumerated() {
        let count = shape.reduce(1, *)
        let width = name == "dense/kernel" && dtype == "F64" ? 8 : 4
        entries.append("\"\(name)\":{\"dtype\":\"\(name == "dense/kernel" ? dtype : "F32")\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + count * width)]}")
        offset += count * width
        for i in 0 ..< count {
            let value = Float(((i * 7 + index * 3) % 11) - 5) * 0.01
            if width == 8 {
                withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { data.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
        }
    }
    var header = Data(("{\"__metadata__\":{\"format\":\"np\"}," + entries.reversed().joined(separator: ",") + "}").utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    var file = Data()
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
    return file + header + data
}

@Suite(.serialized) struct CommandTests {
    @Test func summaryPrintsKerasTable() throws {
        let run = try BinaryRunner.run(["summary"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("dense_1 (Dense)") && run.stdout.contains("101,770") && run.stdout.contains("100,480"))
        let ascii = try BinaryRunner.run(["summary", "--ascii"])
        #expect(ascii.status == 0 && ascii.stdout.unicodeScalars.allSatisfy(\.isASCII))
    }

    @Test func evaluatePretrainedAsJSON() throws {
        let run = try BinaryRunner.run(["evaluate", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(run.jsonLines.first)
        #expect(object["count"] as? Int == 10_000)
        #expect((object["accuracy"] as? Double ?? 0) >= 0.975)
        #expect((object["loss"] as? Double ?? 9) < 0.15)
    }

    @Test func predictAsJSONAndText() throws {
        let run = try BinaryRunner.run(["predict", "--index", "0", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(run.jsonLines.first)
        let logits = try #require(object["logits"] as? [Double])
        let probabilities = try #require(object["probabilities"] as? [Double])
        #expect(logits.count == 10 && probabilities.count == 10)
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-4)
        #expect(object["label"] as? Int == 7)  // the first test digit is a 7
        #expect(object["prediction"] as? Int == logits.indices.max { logits[$0] < logits[$1] })
        let train = try BinaryRunner.run(["predict", "--index", "0", "--train", "--json"])
        #expect(train.jsonLines.first?["label"] as? Int == 5)  // the first training digit is a 5
        let text = try BinaryRunner.run(["predict", "--index", "3"])
        #expect(text.status == 0 && text.stdout.contains("Prediction:"))
        let bad = try BinaryRunner.run(["predict", "--index", "10000"])
        #expect(bad.status == 64 && bad.stderr.contains("between 0 and 9999") && bad.stdout.isEmpty)
    }

    @Test func trainThenEvaluateAgree() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = dir + "/small.safetensors"
        let train = try BinaryRunner.run(["train", "--limit", "5000", "--epochs", "1", "--seed", "1", "--output", file, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let lines = train.jsonLines
        #expect(lines.count == 2)
        #expect(lines.first?["epoch"] as? Int == 1)
        #expect(lines.first?["loss"] is Double && lines.first?["accuracy"] is Double && lines.first?["seconds"] is Double)
        let final = try #require(lines.last)
        #expect(final["output"] as? String == file && final["seconds_per_epoch"] is Double)
        let trainedAccuracy = try #require(final["test_accuracy"] as? Double)
        #expect(trainedAccuracy > 0.85)
        let evaluate = try BinaryRunner.run(["evaluate", "--weights", file, "--json"])
        #expect(evaluate.status == 0)
        #expect(evaluate.jsonLines.first?["accuracy"] as? Double == trainedAccuracy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["small.safetensors"])
    }

    @Test func handBuiltKerasFileLoads() throws {
        let file = BinaryRunner.temporaryDirectory() + "/keras.safetensors"
        try kerasStyleFile().write(to: URL(fileURLWithPath: file))
        let run = try BinaryRunner.run(["evaluate", "--weights", file, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.jsonLines.first?["count"] as? Int == 10_000)
        #expect(try BinaryRunner.run(["summary", "--weights", file]).status == 0)
    }

    @Test func wrongShapeAndDtypeAreRefused() throws {
        let dir = BinaryRunner.temporaryDirectory()
        try kerasStyleFile(kernelShape: [784, 64]).write(to: URL(fileURLWithPath: dir + "/shape.safetensors"))
        try kerasStyleFile(dtype: "F64").write(to: URL(fileURLWithPath: dir + "/dtype.safetensors"))
        let shape = try BinaryRunner.run(["evaluate", "--weights", dir + "/shape.safetensors"])
        #expect(shape.status == 1 && shape.stdout.isEmpty)
        #expect(shape.stderr.contains("dense/kernel") && shape.stderr.contains("[784, 128]") && shape.stderr.contains("[784, 64]"))
        #expect(shape.stderr.split(separator: "\n").count == 1)
        let dtype = try BinaryRunner.run(["predict", "--index", "0", "--weights", dir + "/dtype.safetensors"])
        #expect(dtype.status == 1 && dtype.stderr.contains("F64") && dtype.stderr.contains("float32"))
        #expect(dtype.stderr.split(separator: "\n").count == 1 && dtype.stdout.isEmpty)
    }

    @Test func usageAndFileErrorsAreOneLine() throws {
        let unknown = try BinaryRunner.run(["train", "--bogus"])
        #expect(unknown.status == 64 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.split(separator: "\n").count == 1 && unknown.stderr.contains("--bogus"))
        let missing = try BinaryRunner.run(["evaluate", "--weights", "/nonexistent/model.safetensors"])
        #expect(missing.status == 1 && missing.stderr.contains("no such file") && missing.stderr.split(separator: "\n").count == 1)
        let badData = try BinaryRunner.run(["evaluate", "--data", "/nonexistent"])
        #expect(badData.status == 1 && badData.stderr.contains("/nonexistent"))
        let badFolder = try BinaryRunner.run(["train", "--epochs", "1", "--output", "/nonexistent/dir/m.safetensors"])
        #expect(badFolder.status == 64 && badFolder.stderr.contains("does not exist") && badFolder.stdout.isEmpty)
        let badDropout = try BinaryRunner.run(["train", "--dropout", "1.5"])
        #expect(badDropout.status == 64 && badDropout.stderr.contains("--dropout"))
        for run in [unknown, missing, badData, badFolder, badDropout] {
            #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.hasPrefix("mnist-tutor: "), "\(run.stderr)")
        }
    }

    @Test func benchReportsItsFigures() throws {
        let state = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let run = try BinaryRunner.run(["bench", "--limit", "2000", "--launches", "1", "--json"], environment: ["XDG_STATE_HOME": state])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(run.jsonLines.first)
        for key in ["seconds_per_epoch", "images_per_second", "trace_microseconds", "frame_render_ms", "test_accuracy",
                    "first_frame_ms", "first_frame_no_cache_ms", "first_draw_no_cache_ms", "plain_lesson_ms"] {
            #expect(object[key] is Double, "\(key)")
        }
        #expect(object["training_images"] as? Int == 2000)
        // Launch times are positive and ordered: no frame before the first one, none with data before any frame.
        if let first = object["first_draw_no_cache_ms"] as? Double, let complete = object["first_frame_no_cache_ms"] as? Double {
            #expect(first > 0 && first <= complete)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: state).isEmpty, "the launches' progress stays in the bench's own folder")
    }

    @Test func interruptedTrainingLeavesTheOutputUntouched() throws {
        let file = BinaryRunner.temporaryDirectory() + "/keep.safetensors"
        let original = kerasStyleFile()
        try original.write(to: URL(fileURLWithPath: file))
        let run = try BinaryRunner.run(["train", "--epochs", "200", "--output", file, "--json"], interruptAfter: 2.5)
        #expect(run.status == 130, "\(run.stderr)")
        #expect(run.stderr.contains("interrupted") && run.stderr.contains("untouched"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
    }
}
