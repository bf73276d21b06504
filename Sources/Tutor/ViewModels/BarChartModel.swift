/// One value per class, drawn as horizontal bars: either signed scores around a zero line
/// (logits) or 0–1 probabilities with percentages.
public struct BarChartModel: Hashable, Sendable {
    public enum Scale: Hashable, Sendable {
        /// Any real numbers; bars grow left (negative) or right (positive) from a zero line.
        case signed
        /// Values in 0...1, shown with a percentage; bars grow from the left edge.
        case probability
    }

    public var values: [Float]
    /// One label per value; defaults to "0"..."9".
    public var labels: [String]
    public var scale: Scale
    /// The bar to emphasise; by default the largest value (the prediction).
    public var highlighted: Int?
    public var title: String?
    /// For a chart of logits: each class's softmax probability, shown on the same row as a percentage
    /// and a second bar, so the raw score and what softmax makes of it read together.
    public var probabilities: [Float]?

    public init(values: [Float], labels: [String]? = nil, scale: Scale, highlighted: Int? = nil, title: String? = nil,
                probabilities: [Float]? = nil) {
        precondition(probabilities == nil || probabilities!.count == values.count, "BarChartModel: one probability per value")
        self.values = values
        self.labels = labels ?? values.indices.map(String.init)
        self.scale = scale
        self.highlighted = highlighted ?? BarChartModel.argmax(values)
        self.title = title
        self.probabilities = probabilities
    }

    /// The index of the largest finite value, nil when there is none.
    public static func argmax(_ values: [Float]) -> Int? {
        var best: Int?
        for (i, v) in values.enumerated() where v.isFinite {
            if best == nil || v > values[best!] { best = i }
        }
        return best
    }
}
