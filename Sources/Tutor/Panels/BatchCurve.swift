import NeuralNet

/// Loss and accuracy curves over a training run, built from `fit`'s batch reports.
///
/// `fit` reports running means since the start of the epoch (Keras's progress bar numbers), and the
/// runner thins the reports to about one per 20 ms. A running mean flattens out as the epoch goes on
/// and jumps at every new epoch, so the curve instead holds the mean over the batches *between* two
/// reports, recovered exactly from the running means: with mean `m1` after `b1` batches and `m2`
/// after `b2`, the batches `b1+1 ... b2` averaged `(m2·b2 − m1·b1) / (b2 − b1)`.
public struct BatchCurve: Sendable {
    /// One point per report: the mean training loss (dropout on) of the batches since the last report.
    public private(set) var loss: [Double] = []
    /// The same for accuracy, 0...1.
    public private(set) var accuracy: [Double] = []
    /// Where each point is in the run, in epochs: 2.5 is halfway through the third epoch.
    public private(set) var positions: [Double] = []
    /// How many batches each point averages.
    public private(set) var spans: [Int] = []
    /// How many training steps (batches) the points cover, over all epochs so far.
    public private(set) var steps = 0
    /// The last report seen (epoch, batch, running means), to difference the next one against.
    private var last: (epoch: Int, batch: Int, loss: Double, accuracy: Double)?

    public init() {}

    /// Adds the point for `log`. A report that repeats or goes back within an epoch adds nothing.
    public mutating func add(_ log: BatchLog) {
        let b2 = Double(log.batch), m2 = Double(log.loss), a2 = Double(log.accuracy)
        var (b1, m1, a1) = (0.0, 0.0, 0.0)
        if let last, last.epoch == log.epoch {
            guard last.batch < log.batch else { return }
            (b1, m1, a1) = (Double(last.batch), last.loss, last.accuracy)
        }
        guard b2 > b1 else { return }
        steps += Int(b2 - b1)
        loss.append((m2 * b2 - m1 * b1) / (b2 - b1))
        accuracy.append(min(1, max(0, (a2 * b2 - a1 * b1) / (b2 - b1))))
        positions.append(Double(log.epoch - 1) + b2 / Double(max(1, log.batches)))
        spans.append(Int(b2 - b1))
        last = (log.epoch, log.batch, m2, a2)
    }
}
