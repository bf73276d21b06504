/// Where a training panel's job is: not started, running in the background, done (finished or
/// stopped), or failed with the runner's message.
public enum TrainingPhase: Equatable, Sendable {
    case ready
    case running
    /// Every run ended; `stopped` when the learner stopped the job early.
    case finished(stopped: Bool)
    case failed(String)

    public var isRunning: Bool { self == .running }
}

extension Lesson {
    /// The key the lesson binds to `action`, for prompts such as "press g to train" (nil when unbound).
    func key(for action: String) -> String? {
        keys.first { $0.action == action }?.key
    }

    /// The key the lesson binds to a panel's typed `action` (nil when unbound).
    func key<A: PanelName>(for action: A) -> String? {
        key(for: action.rawValue)
    }
}
