import Foundation
@testable import NeuralNet

/// A new empty folder for a test's files, named after `purpose`.
func temporaryDirectory(_ purpose: String) -> String {
    let path = NSTemporaryDirectory() + "neuralnet-\(purpose)-\(getpid())-\(UInt64.random(in: 0 ... .max))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Random values in -1...1 from a fixed seed.
func randomValues(_ count: Int, seed: UInt64) -> [Float] {
    var g = SeededGenerator(seed: seed)
    return (0 ..< count).map { _ in g.nextUnitFloat() * 2 - 1 }
}

func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    Tensor(shape: shape, scalars: randomValues(shape.reduce(1, *), seed: seed))
}

/// Largest |a - b| / max(1, |b|) over two arrays.
func maxRelativeError(_ a: [Float], _ b: [Double]) -> Double {
    zip(a, b).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
}

func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Central differences in Double of a scalar function of `values`, perturbing each value by ±h.
func numericalGradient(_ values: [Float], h: Float = 1e-2, _ f: ([Float]) -> Double) -> [Double] {
    var gradient = [Double](repeating: 0, count: values.count)
    for i in values.indices {
        var plus = values, minus = values
        plus[i] += h
        minus[i] -= h
        gradient[i] = (f(plus) - f(minus)) / (Double(plus[i]) - Double(minus[i]))
    }
    return gradient
}

/// A small learnable data set: `count` examples of `features` values (about 80% zeros, like MNIST),
/// labelled by which of `classes` blocks of features holds the most ink.
func syntheticData(count: Int, features: Int = 784, classes: Int = 10, seed: UInt64) -> (Tensor, [Int]) {
    var g = SeededGenerator(seed: seed)
    var values = [Float](repeating: 0, count: count * features)
    var labels: [Int] = []
    let block = features / classes
    for r in 0 ..< count {
        let label = g.nextInt(below: classes)
        labels.append(label)
        for i in 0 ..< features {
            let inBlock = i / block == label
            if g.nextUnitFloat() < (inBlock ? 0.7 : 0.1) { values[r * features + i] = g.nextUnitFloat() }
        }
    }
    return (Tensor(shape: [count, features], scalars: values), labels)
}

/// The article's model on synthetic inputs of `features` values.
func smallModel(features: Int = 784, hidden: Int = 128, seed: UInt64 = 0, dropout: Float = 0.2) -> Sequential {
    Sequential(seed: seed) {
        Flatten(inputShape: [features])
        Dense(hidden, activation: .relu)
        Dropout(dropout)
        Dense(10)
    }
}

/// A stack of Dense layers on `features` inputs (`Architecture`'s family): each hidden width with `activation`
/// and a Dropout of `dropout` after it, then `classes` logits.
func stack(features: Int, hidden: [Int], activation: Activation, classes: Int = 10, dropout: Float = 0.2,
           seed: UInt64 = 0) -> Sequential {
    Architecture(hidden: hidden, activation: activation, dropoutRate: dropout, inputShape: [features], classes: classes)
        .model(seed: seed)
}

/// The architectures the engine's tests run every activation through: the article's shape (one hidden
/// layer, wide enough for two threads and the 32-column blocks), and deep stacks with odd widths (kernel
/// tails that are not a multiple of 8 or 32).
let testedStacks: [[Int]] = [[64], [40, 33, 64, 9, 17]]
