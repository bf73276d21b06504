import Foundation
import Testing
@testable import NeuralNet

@Suite struct SafetensorsTests {
    let directory = temporaryDirectory("tests")

    /// A safetensors file built by hand, the way another writer (Python's `safetensors`) lays it out:
    /// its own key order, `__metadata__`, header padded with spaces.
    func handBuilt(_ tensors: [(String, String, [Int], [Float])], metadata: Bool = true, dataOverride: [UInt8]? = nil) -> [UInt8] {
        var offset = 0
        var entries: [String] = []
        var data: [UInt8] = []
        for (name, dtype, shape, values) in tensors {
            let size = dtype == "F64" ? values.count * 8 : values.count * 4
            entries.append("\"\(name)\": {\"dtype\": \"\(dtype)\", \"shape\": [\(shape.map(String.init).joined(separator: ", "))], \"data_offsets\": [\(offset), \(offset + size)]}")
            offset += size
            for v in values {
                if dtype == "F64" {
                    withUnsafeBytes(of: Double(v).bitPattern.littleEndian) { data += $0 }
                } else {
                    withUnsafeBytes(of: v.bitPattern.littleEndian) { data += $0 }
                }
            }
        }
        if metadata { entries.insert("\"__metadata__\": {\"format\": \"pt\"}", at: 0) }
        var header = Array(("{" + entries.reversed().joined(separator: ", ") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        return bytes + header + (dataOverride ?? data)
    }

    func kerasWeights(_ model: Sequential) -> [(String, String, [Int], [Float])] {
        model.namedWeights.map { ($0.name, "F32", $0.tensor.shape, $0.tensor.scalars) }
    }

    func expectError(_ kind: SafetensorsError.Kind, _ bytes: [UInt8], mentioning words: [String],
                     sourceLocation: SourceLocation = #_sourceLocation) {
        var model = Sequential.article()
        let before = model.namedWeights.map(\.tensor)
        do {
            try model.setWeights(Safetensors.decode(bytes, file: "weights.safetensors"), file: "weights.safetensors")
            Issue.record("expected \(kind)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            let text = error.description
            #expect(text.hasPrefix("weights.safetensors: expected "), sourceLocation: sourceLocation)
            for word in words { #expect(text.contains(word), "\(text)", sourceLocation: sourceLocation) }
        }
        #expect(model.namedWeights.map(\.tensor) == before, "a failed load must not change the model", sourceLocation: sourceLocation)
    }

    @Test func roundTripKeepsEveryBit() throws {
        let model = Sequential.article(seed: 5)
        let path = directory + "/model.safetensors"
        try model.save(to: path)
        var loaded = Sequential.article(seed: 99)
        try loaded.loadWeights(from: path)
        for (a, b) in zip(model.namedWeights, loaded.namedWeights) {
            #expect(a.name == b.name)
            #expect(a.tensor.scalars.map(\.bitPattern) == b.tensor.scalars.map(\.bitPattern))
        }
        // Keras's names, layouts and order; header length a multiple of 8; no temporary file left behind.
        let entries = try Safetensors.read(path)
        #expect(entries.map(\.name) == ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"])
        #expect(entries.map(\.tensor.shape) == [[784, 128], [128], [128, 10], [10]])
        let bytes = try ReadableFile.bytes(path, limit: 1 << 20)
        #expect(bytes.count == 8 + Int(bytes[0]) + Int(bytes[1]) << 8 + 101_770 * 4)
        #expect((Int(bytes[0]) + Int(bytes[1]) << 8) % 8 == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.safetensors"])
        #expect(loaded(randomTensor([2, 784], seed: 1)) == model(randomTensor([2, 784], seed: 1)))
    }

    @Test func fileFromAnotherWriterLoads() throws {
        let source = Sequential.article(seed: 11)
        var model = Sequential.article(seed: 0)
        try model.setWeights(Safetensors.decode(handBuilt(kerasWeights(source)), file: "keras.safetensors"), file: "keras.safetensors")
        #expect(model.namedWeights.map(\.tensor) == source.namedWeights.map(\.tensor))
    }

    @Test func wrongShapeIsNamed() {
        var weights = kerasWeights(.article())
        weights[2] = ("dense_1/kernel", "F32", [128, 12], [Float](repeating: 0.1, count: 128 * 12))
        expectError(.wrongShape, handBuilt(weights), mentioning: ["dense_1/kernel", "[128, 10]", "[128, 12]"])
        // A transposed kernel gets its own hint.
        var transposed = kerasWeights(.article())
        transposed[0] = ("dense/kernel", "F32", [128, 784], transposed[0].3)
        expectError(.wrongShape, handBuilt(transposed), mentioning: ["transposed", "[inputs, units]"])
    }

    @Test func wrongDtypeIsNamed() {
        var weights = kerasWeights(.article())
        weights[1] = ("dense/bias", "F64", [128], [Float](repeating: 0, count: 128))
        expectError(.wrongDtype, handBuilt(weights), mentioning: ["F32", "F64", "dense/bias", "float32"])
    }

    @Test func truncatedFileIsNamed() {
        let bytes = handBuilt(kerasWeights(.article()))
        expectError(.truncated, Array(bytes.prefix(bytes.count - 100)), mentioning: ["cut short"])
        expectError(.truncated, Array(bytes.prefix(5)), mentioning: ["8 bytes"])
        expectError(.truncated, Array(bytes.prefix(40)), mentioning: ["header"])
    }

    @Test func nonFiniteWeightsAreNamed() {
        var weights = kerasWeights(.article())
        weights[3].3[4] = .nan
        expectError(.nonFinite, handBuilt(weights), mentioning: ["dense_1/bias", "nan", "position 4"])
        var infinite = kerasWeights(.article())
        infinite[0].3[0] = -.infinity
        expectError(.nonFinite, handBuilt(infinite), mentioning: ["dense/kernel"])
    }

    @Test func weightsOfAnotherModelAreRefused() {
        var weights = kerasWeights(.article())
        weights[0].0 = "conv2d/kernel"
        expectError(.missingTensor, handBuilt(weights), mentioning: ["dense/kernel", "conv2d/kernel", "another model"])
        let extra = kerasWeights(.article()) + [("dense_2/bias", "F32", [3], [1, 2, 3])]
        expectError(.unexpectedTensor, handBuilt(extra), mentioning: ["dense_2/bias"])
    }

    @Test func damagedHeadersAreRefused() {
        var garbage: [UInt8] = [16, 0, 0, 0, 0, 0, 0, 0]
        garbage += Array("{not json at all".utf8)
        expectError(.badHeader, garbage, mentioning: ["JSON"])
        var huge: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 1]
        huge += [UInt8](repeating: 0x20, count: 16)
        expectError(.tooLarge, huge, mentioning: ["header length"])
    }

    @Test func missingFileAndFailedSaveAreClear() {
        do { _ = try Safetensors.read(directory + "/nope.safetensors"); Issue.record("expected an error") } catch {
            #expect(error.kind == .fileNotFound && error.description.contains("no such file"))
        }
        do { try Sequential.article().save(to: directory + "/no/such/folder/m.safetensors"); Issue.record("expected an error") } catch {
            #expect(error.kind == .writeFailed && error.description.contains("does not exist"))
        }
    }

    @Test func savingReplacesAnExistingFileWhole() throws {
        let path = directory + "/replace.safetensors"
        try Sequential.article(seed: 1).save(to: path)
        try Sequential.article(seed: 2).save(to: path)
        var loaded = Sequential.article()
        try loaded.loadWeights(from: path)
        #expect(loaded.namedWeights.map(\.tensor) == Sequential.article(seed: 2).namedWeights.map(\.tensor))
    }
}
