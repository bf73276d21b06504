import Foundation
import Testing
@testable import NeuralNet

/// The architecture in the weights file's metadata: saved, read back by `load`, and not needed for a file
/// from Keras (widths from the shapes, the activation from the caller or ReLU).
@Suite struct WeightsMetadataTests {
    let directory = temporaryDirectory("metadata")

    @Test func theArticlesArchitectureIsTheArticlesModel() {
        let a = Architecture.article.model(seed: 7), b = Sequential.article(seed: 7)
        #expect(a.layerNames == ["flatten", "dense", "dropout", "dense_1"] && a.layerNames == b.layerNames)
        #expect(a.namedWeights.map(\.tensor) == b.namedWeights.map(\.tensor))
        #expect(Architecture.article.parameterCount == 101_770 && a.parameterCount == 101_770)
        #expect(Architecture(b) == .article)
        #expect(Architecture.article.description == "784 → 128 relu → 10")
        let deep = Architecture(hidden: [64, 64, 64], activation: .sigmoid, dropoutRate: 0)
        let model = deep.model(seed: 1)
        #expect(model.layerNames == ["flatten", "dense", "dropout", "dense_1", "dropout_1", "dense_2", "dropout_2", "dense_3"])
        #expect(Architecture(model) == deep && deep.parameterCount == model.parameterCount)
        #expect(Architecture(Sequential(layers: model.layers + [Softmax()])) == nil)
    }

    @Test func metadataDescribesTheModel() {
        let model = Architecture(hidden: [64, 32], activation: .tanh, dropoutRate: 0.1).model()
        #expect(model.weightsMetadata == ["format": "mnist-tutor", "model": "flatten,dense,dropout,dense_1,dropout_1,dense_2",
                                          "input_shape": "28,28", "units": "64,32,10", "activations": "tanh,tanh,linear",
                                          "dropout": "0.1,0.1"])
    }

    /// Every activation and a deep stack survive a save and a load, whatever the caller passes for files
    /// without metadata: the file's own record wins.
    @Test(arguments: Activation.allCases)
    func loadRebuildsTheSavedArchitecture(_ activation: Activation) throws {
        let architecture = Architecture(hidden: [40, 30, 20], activation: activation, dropoutRate: 0.3)
        let model = architecture.model(seed: 3)
        let path = directory + "/\(activation).safetensors"
        try model.save(to: path)
        let loaded = try Sequential.load(from: path, activation: activation == .relu ? .tanh : .relu)
        #expect(Architecture(loaded) == architecture)
        #expect(loaded.namedWeights.map(\.name) == ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias",
                                                    "dense_2/kernel", "dense_2/bias", "dense_3/kernel", "dense_3/bias"])
        #expect(loaded.namedWeights.map(\.tensor) == model.namedWeights.map(\.tensor))
        let x = randomTensor([2, 784], seed: 1)
        #expect(loaded(x) == model(x))
        #expect(try Sequential.load(from: path, dropoutRate: 0.5).layers.compactMap { ($0 as? Dropout)?.rate } == [0.5, 0.5, 0.5])
    }

    /// A file with only Keras's tensors (as `model.get_weights()` saved from Python): widths from the shapes,
    /// the activation from the caller, ReLU by default, the article's dropout.
    @Test func fileWithoutMetadataLoadsByItsShapes() throws {
        let source = Architecture(hidden: [48, 24], activation: .sigmoid).model(seed: 9)
        let path = directory + "/keras.safetensors"
        try Safetensors.write(source.namedWeights, to: path, metadata: ["format": "np"])
        let sigmoid = try Sequential.load(from: path, activation: .sigmoid)
        #expect(Architecture(sigmoid) == Architecture(hidden: [48, 24], activation: .sigmoid))
        let x = randomTensor([2, 784], seed: 2)
        #expect(sigmoid(x) == source(x))
        let relu = try Sequential.load(from: path)
        #expect(Architecture(relu)?.activation == .relu && relu.namedWeights.map(\.tensor) == source.namedWeights.map(\.tensor))
        // The files written before the metadata existed (the article's model, format and layer names only).
        let old = directory + "/old.safetensors"
        try Safetensors.write(Sequential.article(seed: 2).namedWeights, to: old,
                              metadata: ["format": "mnist-tutor", "model": "flatten,dense,dropout,dense_1"])
        #expect(Architecture(try Sequential.load(from: old)) == .article)
    }

    @Test func badMetadataIsNamed() throws {
        let weights = Sequential.article().namedWeights
        var good = Sequential.article().weightsMetadata
        for (key, value, words) in [("activations", "relu,swish", ["activations", "relu, sigmoid, tanh, linear"]),
                                    ("units", "128,x", ["units", "128,x"]),
                                    ("dropout", "1.5", ["dropout"]),
                                    ("model", "flatten,conv2d,dense_1", ["model", "conv2d"]),
                                    ("input_shape", "", ["input_shape"])] {
            var metadata = good
            metadata[key] = value
            let path = directory + "/bad-\(key).safetensors"
            try Safetensors.write(weights, to: path, metadata: metadata)
            do {
                _ = try Sequential.load(from: path)
                Issue.record("expected an error for \(key) = \(value)")
            } catch {
                #expect(error.kind == .badMetadata, "\(key)")
                for word in words { #expect(error.description.contains(word), "\(error.description)") }
                #expect(error.description.hasPrefix(path + ": expected "))
            }
        }
        // Metadata that describes another model than the tensors: the shapes say what is wrong.
        good["units"] = "64,10"
        try Safetensors.write(weights, to: directory + "/mismatch.safetensors", metadata: good)
        do { _ = try Sequential.load(from: directory + "/mismatch.safetensors"); Issue.record("expected an error") } catch {
            #expect(error.kind == .wrongShape && error.description.contains("[784, 64]"))
        }
    }

    @Test func nonTextMetadataIsRefused() {
        var header = Array(#"{"__metadata__":{"units":[128,10]},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#.utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        bytes += header + [0, 0, 128, 63]
        do { _ = try Safetensors.decodeFile(bytes, file: "m.safetensors"); Issue.record("expected an error") } catch {
            #expect(error.kind == .badMetadata && error.description.contains("__metadata__"))
        }
    }
}
