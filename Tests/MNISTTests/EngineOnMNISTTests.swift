import MNIST
import NeuralNet
import Testing

/// The engine on the real digits in `Assets/mnist` (never `../shared`).
@Suite struct EngineOnMNISTTests {
    func dataset() throws -> MNISTDataset { try ShippedMNIST.dataset() }

    /// tinygrad's kind of test: fixed seed, a few thousand images, one epoch, well above chance.
    @Test func itLearns() throws {
        let data = try dataset()
        var model = Sequential.article(seed: 0)
        model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [.accuracy])
        let untrained = try model.evaluate(data.xTest.prefix(1000), Array(data.yTest.prefix(1000)))
        #expect(untrained.accuracy < 0.3)
        #expect(abs(untrained.loss - 2.30) < 0.25)  // near ln(10)
        let history = try model.fit(data.xTrain.prefix(5000), Array(data.yTrain.prefix(5000)), epochs: 1, batchSize: 32, seed: 0)
        #expect(history.epochs.count == 1 && history.steps == 157)
        let trained = try model.evaluate(data.xTest.prefix(1000), Array(data.yTest.prefix(1000)))
        #expect(trained.accuracy > 0.85, "accuracy \(trained.accuracy)")
        #expect(trained.loss < untrained.loss / 3)
    }

    /// The shipped model: at least 97.5% on all 10,000 test images.
    @Test func pretrainedModelScores() throws {
        let data = try dataset()
        let assets = try #require(DataLocation.assetsDirectory())
        let model = try Sequential.load(from: assets + "/models/mnist-mlp.safetensors")
        let result = try model.evaluate(data.xTest, data.yTest)
        #expect(result.count == 10_000)
        #expect(result.accuracy >= 0.975)
        // Its predictions agree with the trace the lessons show.
        let trace = model.trace(data.xTest.image(0))
        #expect(trace.prediction == Int(data.yTest[0]))
        #expect(trace.zeroCount > 0)
    }

    /// What the pretrained model gets wrong: its confusion matrix on the 10,000 test digits sums to 10,000
    /// with 9,774 on the diagonal (the 97.74% `evaluate` reports), and the mistakes listed are its cells.
    @Test func pretrainedConfusionMatrix() throws {
        let data = try dataset()
        let assets = try #require(DataLocation.assetsDirectory())
        let model = try Sequential.load(from: assets + "/models/mnist-mlp.safetensors")
        let classification = try model.classify(data.xTest, labels: data.yTest)
        let confusion = classification.confusion
        #expect(confusion.total == 10_000)
        #expect(confusion.correct == 9_774)
        #expect((0 ..< 10).map { confusion.counts[$0].reduce(0, +) } == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        let evaluation = try model.evaluate(data.xTest, data.yTest)
        #expect(Float(confusion.correct) / 10_000 == evaluation.accuracy)
        let mistakes = classification.mistakes()
        #expect(mistakes.count == 226)
        #expect(zip(mistakes, mistakes.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
        let fours = classification.mistakes(label: 4, predicted: 9)
        #expect(fours.count == confusion.counts[4][9] && fours.allSatisfy { $0.label == 4 && $0.predicted == 9 })
        // A mistake is what the lessons' trace shows for that digit.
        for mistake in mistakes.prefix(3) {
            let trace = model.trace(data.xTest.image(mistake.index))
            #expect(trace.prediction == mistake.predicted && Int(data.yTest[mistake.index]) == mistake.label)
            #expect(abs(trace.probabilities[mistake.predicted] - mistake.confidence) < 1e-5)
        }
    }

    /// The shipped file records the article's architecture, and its tensors are the ones the command in
    /// Assets/README.md trains (the file was regenerated only to add the metadata).
    @Test func pretrainedFileRecordsItsArchitecture() throws {
        let assets = try #require(DataLocation.assetsDirectory())
        let file = try Safetensors.readFile(assets + "/models/mnist-mlp.safetensors")
        #expect(file.metadata["units"] == "128,10" && file.metadata["activations"] == "relu,linear")
        #expect(file.metadata["model"] == "flatten,dense,dropout,dense_1" && file.metadata["dropout"] == "0.2")
        let model = try Sequential.load(from: assets + "/models/mnist-mlp.safetensors")
        #expect(Architecture(model) == .article)
    }

    /// The direct byte-to-nonzeros path gives exactly what dense rows give.
    @Test func compressedBatchesMatchDenseRows() throws {
        let data = try dataset()
        let indices = [0, 59_999, 7, 12_345, 7]
        let size = 784 * indices.count
        var rowStart = [Int32](repeating: 0, count: indices.count + 1), column = [Int32](repeating: 0, count: size)
        var value = [Float](repeating: 0, count: size), scratch = [Float](repeating: 0, count: size)
        let nnz = indices.withUnsafeBufferPointer {
            data.xTrain.fillCompressedBatch(indices: $0, rowStart: &rowStart, column: &column, value: &value, scratch: &scratch)
        }
        let dense = data.xTrain.floats(indices: indices)
        var rebuilt = [Float](repeating: 0, count: size)
        for r in 0 ..< indices.count {
            for k in Int(rowStart[r]) ..< Int(rowStart[r + 1]) { rebuilt[r * 784 + Int(column[k])] = value[k] }
        }
        #expect(rebuilt == dense)
        #expect(nnz == dense.filter { $0 != 0 }.count)
        #expect(Double(nnz) / Double(size) < 0.3)  // MNIST is mostly zeros
        #expect(data.xTrain.tensor(0 ..< 2).shape == [2, 28, 28])
    }
}
