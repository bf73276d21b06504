/// Progress inside an epoch: running means since the epoch began, as Keras's progress bar shows them.
public struct BatchLog: Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    public var epochs: Int
    /// 1-based number of the batch just finished.
    public var batch: Int
    /// Batches per epoch (1,875 for 60,000 images in batches of 32).
    public var batches: Int
    public var loss: Float
    public var accuracy: Float
    /// Seconds since the epoch began.
    public var seconds: Double
}

/// One finished epoch. `loss` and `accuracy` are means over the epoch's training batches (with dropout on),
/// the validation figures are measured after the epoch with dropout off.
public struct EpochLog: Sendable, Equatable {
    public var epoch: Int
    public var epochs: Int
    public var loss: Float
    public var accuracy: Float
    public var seconds: Double
    public var validationLoss: Float?
    public var validationAccuracy: Float?
    /// `fit`'s `epochEvaluations`, measured after this epoch in the order given.
    public var evaluations: [Evaluation] = []
}

/// What `fit` returns: one log per finished epoch (Keras's `History`), and whether the callback stopped it.
public struct History: Sendable, Equatable {
    public var epochs: [EpochLog] = []
    public var stopped = false
    /// Training steps taken in this call.
    public var steps = 0
}
