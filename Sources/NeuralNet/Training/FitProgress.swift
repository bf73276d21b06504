/// What `fit` reports to its callback: after every batch and after every epoch.
public enum FitEvent: Sendable {
    case batchEnd(BatchLog)
    case epochEnd(EpochLog)
}

/// The callback's answer: go on, or stop now (between batches; the weights keep every finished step).
public enum FitControl: Sendable {
    case proceed
    case stop
}
