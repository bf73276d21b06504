/// The 128 outputs of `Dense(128, activation: .relu)` (or any layer), one cell per unit,
/// together with what happened to each unit in this pass.
public struct ActivationGridModel: Hashable, Sendable {
    /// What a unit's value means in this pass.
    public enum UnitState: Hashable, Sendable {
        /// A positive output that went through unchanged (inference, or dropout off).
        case active
        /// ReLU cut it to exactly 0.
        case zero
        /// Dropout (training) set it to 0 this step.
        case dropped
        /// Dropout kept an active unit and scaled it by 1/(1 - rate): still active.
        case keptScaled
    }

    public var values: [Float]
    public var states: [UnitState]
    /// Preferred grid width; 16 gives the 16x8 grid for 128 units. The widget narrows it to fit.
    public var preferredColumns: Int
    public var title: String?

    /// `states` defaults to `.zero` for values that are exactly 0 and `.active` otherwise.
    public init(values: [Float], states: [UnitState]? = nil, preferredColumns: Int = 16, title: String? = nil) {
        let states = states ?? values.map { $0 == 0 ? .zero : .active }
        precondition(states.count == values.count, "ActivationGridModel: \(states.count) states for \(values.count) values")
        self.values = values
        self.states = states
        self.preferredColumns = max(1, preferredColumns)
        self.title = title
    }

    public func count(_ state: UnitState) -> Int { states.lazy.filter { $0 == state }.count }

    /// The tally in the words every panel uses (lesson 8's vocabulary): "53 active, 75 zero" before
    /// dropout; "45 active (scaled), 60 zero, 23 dropped" after it. States with no units are left out.
    public var tally: String {
        let parts: [(Int, String)] = [(count(.active), "active"), (count(.keptScaled), "active (scaled)"),
                                      (count(.zero), "zero"), (count(.dropped), "dropped")]
        return parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + " (of \(values.count))"
    }

    /// The largest value, used to shade the others (at least a tiny positive number).
    public var maximum: Float { max(values.lazy.filter(\.isFinite).max() ?? 0, 1e-6) }
}
