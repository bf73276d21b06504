import Foundation
import Testing
@testable import NeuralNet

/// Issue 11's weights findings: sizes that wrap, odd JSON in the header, bytes after the tensors,
/// finite weights that overflow (F4), and saving diverged weights over a good file (F5).
@Suite struct SafetensorsBoundsTests {
    /// A file with this header text and data.
    func file(_ header: String, data: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes += $0 }
        return bytes + Array(header.utf8) + data
    }

    func error(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> SafetensorsError? {
        #expect(throws: SafetensorsError.self, sourceLocation: sourceLocation) { try Safetensors.decode(bytes, file: "w.safetensors") }
    }

    @Test("header values of the wrong kind are named as JSON names them")
    func oddJSON() {
        let null = error(file("null"))
        #expect(null?.kind == .badHeader && null?.found == "null")
        let number = error(file(#"{"dense/bias":3}"#))
        #expect(number?.expected.contains("an object") == true && number?.found == "the number 3")
        let fraction = error(file(#"{"dense/bias":{"dtype":"F32","shape":[128.5],"data_offsets":[0,512]}}"#, data: .init(repeating: 0, count: 512)))
        #expect(fraction?.kind == .badHeader && fraction?.found == "shape [128.5]")
        let boolean = error(file(#"{"b":{"dtype":"F32","shape":[true],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        #expect(boolean?.found == "shape [true]")
        let offsets = error(file(#"{"b":{"dtype":"F32","shape":[1],"data_offsets":[0.5,4]}}"#, data: [0, 0, 0, 0]))
        #expect(offsets?.kind == .badOffsets)
    }

    @Test("a shape whose size overflows is too large, not '0 bytes'")
    func shapeOverflow() {
        for shape in ["[4611686018427387904,4611686018427387904]", "[1e30]", "[18446744073709551615]", "[65536,65536,65536]"] {
            let e = error(file(#"{"k":{"dtype":"F32","shape":\#(shape),"data_offsets":[0,0]}}"#))
            #expect(e?.kind == .tooLarge, "\(shape): \(String(describing: e))")
            #expect(e?.found.contains("more values than that") == true)
        }
    }

    @Test("a zero-size tensor is allowed (and refused later for its shape), not 'sharing bytes'")
    func zeroSize() throws {
        let bytes = file(#"{"dense/kernel":{"dtype":"F32","shape":[0,128],"data_offsets":[0,0]},"dense/bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                         data: [0, 0, 0, 0])
        let entries = try Safetensors.decode(bytes, file: "w")
        #expect(entries.map(\.tensor.shape) == [[0, 128], [1]])
        var model = Sequential.article()
        let refused = #expect(throws: SafetensorsError.self) { try model.setWeights(entries, file: "w") }
        #expect(refused?.kind == .wrongShape && refused?.found == "shape [0, 128]")
    }

    @Test("bytes after the last tensor, gaps and shared bytes are refused")
    func coverage() {
        let one = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        let trailing = error(file(one, data: .init(repeating: 0, count: 12)))
        #expect(trailing?.kind == .trailingBytes && trailing?.found == "12 (8 bytes more)")
        let gap = error(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: .init(repeating: 0, count: 8)))
        #expect(gap?.kind == .badOffsets && gap?.found.contains("leaving a gap") == true)
        let shared = error(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                                data: .init(repeating: 0, count: 8)))
        #expect(shared?.found.contains("sharing bytes") == true)
    }

    /// F8: weights followed by 3 GB of zeros were read whole and accepted.
    @Test("a file with gigabytes after the weights is refused without reading them")
    func hugeFileOnDisk() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        let path = dir + "/w.safetensors"
        try Sequential.article(seed: 3).save(to: path)
        let size = try #require(TestFolder.contents(path)).count
        let fd = open(path, O_WRONLY)
        #expect(ftruncate(fd, 3 << 30) == 0)
        close(fd)
        let e = #expect(throws: SafetensorsError.self) { try Safetensors.read(path) }
        #expect(e?.kind == .tooLarge && e?.found == "3 GiB")
        let again = open(path, O_WRONLY)
        #expect(ftruncate(again, off_t(size + 64)) == 0)
        close(again)
        let appended = #expect(throws: SafetensorsError.self) { try Safetensors.read(path) }
        #expect(appended?.kind == .trailingBytes)
    }

    /// F4: finite weights of 3e38 made predict trap, print null logits, or evaluate print "loss -nan".
    @Test("finite weights that would overflow float32 are refused naming the tensor; the model is unchanged")
    func overflowingWeights() throws {
        let cases: [(index: Int, name: String, value: Float)] = [(2, "dense_1/kernel", 3e38), (3, "dense_1/bias", 3e38),
                                                                   (0, "dense/kernel", 1e37), (1, "dense/bias", -2e37)]
        for c in cases {
            var weights = Sequential.article(seed: 1).namedWeights
            weights[c.index].tensor = Tensor(shape: weights[c.index].tensor.shape,
                                             scalars: [Float](repeating: c.value, count: weights[c.index].tensor.count))
            var model = Sequential.article(seed: 2)
            let before = model.namedWeights.map(\.tensor)
            let e = #expect(throws: SafetensorsError.self) { try model.setWeights(weights, file: "big.safetensors") }
            #expect(e?.kind == .overflows, "\(c.name)")
            #expect(e?.found.hasPrefix("\"\(c.name)\"") == true, "\(String(describing: e))")
            #expect(model.namedWeights.map(\.tensor) == before)
        }
        // Large but harmless weights still load: the check is about overflow, not taste.
        var weights = Sequential.article(seed: 1).namedWeights
        weights[3].tensor = Tensor(shape: [10], scalars: [Float](repeating: 1e30, count: 10))
        var model = Sequential.article()
        try model.setWeights(weights, file: "ok")
        #expect(model.trace([Float](repeating: 1, count: 784)).logits.allSatisfy { $0.isFinite })
    }

    /// F5: `train --learning-rate 1e30 --output m.safetensors` replaced a good file with NaNs.
    @Test("saving NaN or overflowing weights is refused and the existing file is kept")
    func diverged() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        let path = dir + "/m.safetensors"
        try Sequential.article(seed: 4).save(to: path)
        let good = TestFolder.contents(path)
        var model = Sequential.article(seed: 5)
        var weights = model.namedWeights
        weights[0].tensor = Tensor(shape: [784, 128], scalars: [Float](repeating: .nan, count: 784 * 128))
        model.setDense(0, kernel: weights[0].tensor, bias: weights[1].tensor)
        let nan = #expect(throws: SafetensorsError.self) { try model.save(to: path) }
        #expect(nan?.kind == .nonFinite && nan?.hint.contains("untouched") == true)
        model.setDense(1, kernel: Tensor(shape: [128, 10], scalars: [Float](repeating: 3e38, count: 1280)), bias: Tensor(zeros: [10]))
        model.setDense(0, kernel: Sequential.article().namedWeights[0].tensor, bias: Tensor(zeros: [128]))
        let big = #expect(throws: SafetensorsError.self) { try model.save(to: path) }
        #expect(big?.kind == .overflows)
        #expect(TestFolder.contents(path) == good)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.safetensors"])
    }
    /// Since weights files describe their own architecture (`__metadata__`), the metadata is input too:
    /// a width of 10^8 took 400 MB before any check, a Dense layer first on 28x28 inputs and a model for
    /// other inputs stopped the program at a precondition, and a bias read as a layer's width built a
    /// kernel of gigabytes.
    @Test("metadata describing a model the tensors cannot fill is refused before anything is built")
    func metadataIsChecked() throws {
        let weights = Sequential.article(seed: 1).namedWeights
        let metadata = Sequential.article().weightsMetadata
        func refused(_ changes: [String: String], entries: [Safetensors.Entry]? = nil) -> SafetensorsError? {
            #expect(throws: SafetensorsError.self) {
                try Sequential.loaded(entries: entries ?? weights, metadata: metadata.merging(changes) { $1 }, file: "m")
            }
        }
        #expect(refused(["units": "100000000,10"])?.found == "\"100000000,10\"")
        #expect(refused(["model": "dense,dropout,dense_1"])?.expected.contains("first layer is Flatten") == true)
        #expect(refused(["input_shape": "2,2"])?.found == "input_shape 2,2")
        #expect(refused(["input_shape": "4294967296,4294967296,4294967296"])?.kind == .badMetadata)
        #expect(refused(["units": "128,2"])?.kind == .wrongShape)
        let wide = [("dense/kernel", Tensor(zeros: [1, 1])), ("dense/bias", Tensor(zeros: [1_000_000]))]
        #expect(refused([:].merging(["units": "", "activations": ""]) { $1 }, entries: wide) != nil)
        let byShapes = #expect(throws: SafetensorsError.self) { try Sequential.loaded(entries: wide, metadata: [:], file: "m") }
        #expect(byShapes?.kind == .wrongShape && byShapes?.expected.contains("[784, 1000000]") == true)
        #expect(try Sequential.loaded(entries: weights, metadata: metadata, file: "m").namedWeights.map(\.tensor) == weights.map(\.tensor))
    }
}
