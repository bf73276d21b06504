/// Keras-like progress of a loop: `1875/1875 ━━━━━━━━ 12s 6ms/step - loss: 0.29 - accuracy: 0.91`.
public struct ProgressModel: Hashable, Sendable {
    public var completed: Int
    public var total: Int
    /// Seconds since the loop started.
    public var elapsed: Double
    /// Named numbers shown after the bar, in order, e.g. `[("loss", 0.29), ("acc", 0.91)]`.
    public var metrics: [Metric]
    /// Shown before the counts, e.g. "Epoch 1/5".
    public var title: String?

    public struct Metric: Hashable, Sendable {
        public var name: String
        public var value: Double
        public init(_ name: String, _ value: Double) { self.name = name; self.value = value }
    }

    public init(completed: Int, total: Int, elapsed: Double, metrics: [Metric] = [], title: String? = nil) {
        self.completed = max(0, min(completed, total))
        self.total = max(0, total)
        self.elapsed = max(0, elapsed)
        self.metrics = metrics
        self.title = title
    }

    public var fraction: Double { total == 0 ? 1 : Double(completed) / Double(total) }
    public var isFinished: Bool { completed >= total }
    /// Steps per second so far; nil before anything was measured.
    public var rate: Double? { completed > 0 && elapsed > 0 ? Double(completed) / elapsed : nil }
    /// Estimated seconds left at the current rate; nil when unknown.
    public var remaining: Double? {
        guard let rate, !isFinished else { return isFinished ? 0 : nil }
        return Double(total - completed) / rate
    }
}
