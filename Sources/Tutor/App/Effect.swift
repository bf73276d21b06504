import NeuralNet

/// Work the tutor's `update` asks the run loop to do; `update` itself never blocks or touches files.
public enum Effect: Sendable {
    /// Write `TutorState.progress` to the progress file (atomically).
    case saveProgress
    /// Start training in the background; updates come back through `TutorState.receive(_:)`.
    case startTraining(TrainingRequest)
    /// Stop the running training between two batches.
    case stopTraining
    /// Save `model` as the learner's own (safetensors in the state folder), and use it as "trained" from now on.
    case keepModel(Sequential)
}
