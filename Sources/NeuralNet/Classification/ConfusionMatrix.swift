/// How often each true class was predicted as each class: row = the label, column = the prediction.
/// The diagonal holds the right answers; everything off it is a confusion ("a 4 taken for a 9").
public struct ConfusionMatrix: Sendable, Equatable {
    /// `counts[label][predicted]`, `classes × classes`.
    public let counts: [[Int]]

    public var classes: Int { counts.count }

    /// Counts `labels[i]` against `predictions[i]`; both in `0 ..< classes`.
    public init(labels: [Int], predictions: [Int], classes: Int) {
        precondition(labels.count == predictions.count, "\(labels.count) labels for \(predictions.count) predictions")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (label, predicted) in zip(labels, predictions) {
            precondition((0 ..< classes).contains(label) && (0 ..< classes).contains(predicted),
                         "class \(label) or \(predicted) outside 0..<\(classes)")
            counts[label][predicted] += 1
        }
        self.counts = counts
    }

    /// The number of examples (the sum of every cell).
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// The right answers (the diagonal's sum).
    public var correct: Int { (0 ..< classes).reduce(0) { $0 + counts[$1][$1] } }
    /// `correct / total`: the accuracy `evaluate` reports.
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// For each true class, the fraction of its examples predicted right (nil for a class with no examples).
    public var perClassAccuracy: [Double?] {
        counts.enumerated().map { label, row in
            let n = row.reduce(0, +)
            return n == 0 ? nil : Double(row[label]) / Double(n)
        }
    }

    /// The off-diagonal cell with the most examples (the first in row order on ties), or nil with no mistakes.
    public var mostConfused: (label: Int, predicted: Int, count: Int)? {
        var best: (label: Int, predicted: Int, count: Int)?
        for label in 0 ..< classes {
            for predicted in 0 ..< classes where predicted != label && counts[label][predicted] > (best?.count ?? 0) {
                best = (label, predicted, counts[label][predicted])
            }
        }
        return best
    }
}
