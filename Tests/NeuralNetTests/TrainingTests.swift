import Testing
@testable import NeuralNet

@Suite struct TrainingTests {
    /// `hidden` 96: the trainer splits a layer between two threads only from 64 units, and 96 also leaves
    /// columns past the last full 32 for the fused kernel's scalar tail.
    func trained(seed: UInt64, threads: Int = 1, epochs: Int = 1, hidden: Int = 32) throws -> Sequential {
        let (x, y) = syntheticData(count: 300, features: 64, seed: 5)
        var model = smallModel(features: 64, hidden: hidden, seed: seed)
        model.compile()
        try model.fit(x, y, epochs: epochs, batchSize: 32, seed: seed, threads: threads)
        return model
    }

    @Test func sameSeedSameWeightsBitForBit() throws {
        let a = try trained(seed: 7), b = try trained(seed: 7)
        for (x, y) in zip(a.namedWeights, b.namedWeights) {
            #expect(x.tensor.scalars.map(\.bitPattern) == y.tensor.scalars.map(\.bitPattern), "\(x.name)")
        }
    }

    @Test func differentSeedsDiffer() throws {
        let a = try trained(seed: 7), b = try trained(seed: 8)
        #expect(a.namedWeights[0].tensor != b.namedWeights[0].tensor)
    }

    @Test func twoThreadsGiveTheSameWeights() throws {
        let one = try trained(seed: 3, threads: 1, hidden: 96), two = try trained(seed: 3, threads: 2, hidden: 96)
        for (x, y) in zip(one.namedWeights, two.namedWeights) {
            #expect(x.tensor.scalars.map(\.bitPattern) == y.tensor.scalars.map(\.bitPattern), "\(x.name)")
        }
    }

    /// Two threads keep each half of a split layer's weights and moments in a block of their own: a stack whose
    /// two hidden layers are both split (96 and 64 units; the second's kernel is also transposed for the
    /// backward pass), trained in two `fit` calls (the second loads the moments back into the blocks; the first
    /// has two epochs, so the helper's dropout masks for the next step stop and start again at the boundary),
    /// ends with the weights and the optimizer's moments of one thread, bit for bit.
    @Test func twoThreadsKeepTheWeightsAndMomentsOfAStackAcrossFits() throws {
        let (x, y) = syntheticData(count: 300, features: 64, seed: 5)
        func trained(threads: Int) throws -> Sequential {
            var model = stack(features: 64, hidden: [96, 64], activation: .relu, seed: 4)
            model.compile()
            try model.fit(x, y, epochs: 2, batchSize: 32, seed: 4, threads: threads)
            try model.fit(x, y, epochs: 1, batchSize: 32, seed: 5, threads: threads)
            return model
        }
        let one = try trained(threads: 1), two = try trained(threads: 2)
        for (a, b) in zip(one.namedWeights, two.namedWeights) {
            #expect(a.tensor.scalars.map(\.bitPattern) == b.tensor.scalars.map(\.bitPattern), "\(a.name)")
        }
        let (o1, o2) = (one.compilation!.optimizer, two.compilation!.optimizer)
        #expect(o1.iterations == 30 && o2.iterations == 30)
        #expect(o1.moments.count == 6 && o2.moments.count == 6)
        for k in o1.moments.indices {
            #expect(o1.moments[k].map(\.bitPattern) == o2.moments[k].map(\.bitPattern), "moments \(k)")
            #expect(o1.velocities[k].map(\.bitPattern) == o2.velocities[k].map(\.bitPattern), "velocities \(k)")
        }
    }

    @Test func learnsTheSyntheticTaskAndReportsProgress() throws {
        let (x, y) = syntheticData(count: 2000, features: 100, seed: 1)
        let (tx, ty) = syntheticData(count: 500, features: 100, seed: 2)
        var model = smallModel(features: 100, hidden: 64)
        model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: [.accuracy])
        let before = try model.evaluate(tx, ty)
        #expect(abs(before.loss - 2.3) < 0.3)  // near ln(10) when untrained
        var batches: [BatchLog] = []
        var epochs: [EpochLog] = []
        let history = try model.fit(x, y, epochs: 3, batchSize: 32, seed: 1, validationData: (tx, ty)) { event in
            switch event {
            case .batchEnd(let log): batches.append(log)
            case .epochEnd(let log): epochs.append(log)
            }
            return .proceed
        }
        #expect(batches.count == 3 * 63)  // 2000 / 32 rounded up
        #expect(batches.last!.batch == 63 && batches.last!.batches == 63)
        #expect(epochs.count == 3 && history.epochs == epochs && !history.stopped && history.steps == 189)
        #expect(epochs[2].loss < epochs[0].loss)
        let after = try model.evaluate(tx, ty)
        #expect(after.accuracy > 0.9)
        #expect(abs(after.accuracy - epochs[2].validationAccuracy!) < 1e-6)
        #expect(model.compilation!.optimizer.iterations == 189)
        // predict gives the same logits as calling the model.
        let predicted = try model.predict(tx.rows(0 ..< 5))
        #expect(maxAbsDifference(predicted.scalars, model(tx.rows(0 ..< 5)).scalars) < 1e-4)
    }

    @Test func stopsBetweenBatchesWhenAsked() throws {
        let (x, y) = syntheticData(count: 320, features: 64, seed: 1)
        var model = smallModel(features: 64, hidden: 32)
        model.compile()
        let history = try model.fit(x, y, epochs: 3) { event in
            if case .batchEnd(let log) = event, log.batch == 4 { return .stop }
            return .proceed
        }
        #expect(history.stopped && history.steps == 4 && history.epochs.isEmpty)
        #expect(model.compilation!.optimizer.iterations == 4)
    }

    @Test func refusesBadInputWithClearErrors() throws {
        let (x, y) = syntheticData(count: 10, features: 64, seed: 1)
        var model = smallModel(features: 64)
        #expect(throws: TrainingError.self) { try model.fit(x, y) }  // not compiled
        model.compile()
        do { try model.fit(x, y.map { $0 + 5 }); Issue.record("expected an error") } catch let error as TrainingError {
            #expect(error.kind == .labelOutOfRange)
            #expect(error.message.contains("outside 0...9"))
        }
        do { try model.fit(x, Array(y.prefix(3))); Issue.record("expected an error") } catch let error as TrainingError {
            #expect(error.kind == .labelCountMismatch)
        }
        do { try model.fit(x.reshaped([20, 32]), y + y); Issue.record("expected an error") } catch let error as TrainingError {
            #expect(error.kind == .featureMismatch && error.message.contains("expects 64"))
        }
        do { try model.fit(x, y, batchSize: 0); Issue.record("expected an error") } catch let error as TrainingError {
            #expect(error.kind == .badArgument)
        }
        var softmaxModel = Sequential(layers: model.layers + [Softmax()])
        softmaxModel.compile(loss: SparseCategoricalCrossentropy(fromLogits: true))
        do { try softmaxModel.fit(x, y); Issue.record("expected an error") } catch let error as TrainingError {
            #expect(error.kind == .lossMismatch)
        }
    }

    @Test func softmaxModelOutputsProbabilities() throws {
        let model = smallModel(features: 64)
        let probabilityModel = Sequential(layers: model.layers + [Softmax()])
        let x = randomTensor([3, 64], seed: 2)
        #expect(probabilityModel.namedWeights.map(\.tensor) == model.namedWeights.map(\.tensor))  // weights kept
        let p = try probabilityModel.predict(x)
        #expect(maxAbsDifference(p.row(0), Softmax.probabilities(model(x).row(0))) < 1e-5)
        for r in 0 ..< 3 { #expect(abs(p.row(r).reduce(0, +) - 1) < 1e-5) }
        #expect(maxAbsDifference(p.scalars, probabilityModel(x).scalars) < 1e-5)
        #expect(probabilityModel.summary().contains("softmax (Softmax)"))
    }
}
