/// Values over time (loss or accuracy per step or per epoch), for `LineChart` and `Sparkline`.
public struct SeriesModel: Hashable, Sendable {
    public var name: String
    public var values: [Double]
    /// The range the chart spans; nil means the data's own minimum and maximum.
    public var range: ClosedRange<Double>?
    /// What one step on the x axis is, e.g. "step" or "epoch".
    public var xLabel: String
    /// What the x axis spans, in words, when the points are not simply steps 1...count (e.g. thinned
    /// reports over 9,375 training steps); nil: "<xLabel>s 1-<count>".
    public var xCaption: String?

    public init(name: String, values: [Double], range: ClosedRange<Double>? = nil, xLabel: String = "step",
                xCaption: String? = nil) {
        self.name = name
        self.values = values
        self.range = range
        self.xLabel = xLabel
        self.xCaption = xCaption
    }

    /// The explicit range, or the finite data's span (a zero-width span is widened by 1 so it can be drawn).
    public var effectiveRange: ClosedRange<Double> {
        if let range { return range }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        return lo == hi ? (lo - 0.5)...(hi + 0.5) : lo...hi
    }

    public var last: Double? { values.last }
}
