/// Values over time (loss or accuracy per step or per epoch), for `LineChart` and `Sparkline`.
public struct SeriesModel: Hashable, Sendable {
    public var name: String
    public var values: [Double]
    /// Where each value sits on the x axis (e.g. 2.5 = halfway through epoch 3); nil means 1, 2, 3...
    public var positions: [Double]?
    /// The range the chart spans; nil means the data's own minimum and maximum.
    public var range: ClosedRange<Double>?
    /// What the x axis counts, e.g. "epoch" or "sorted unit".
    public var xLabel: String
    /// What the x axis spans, in words, written at its end instead of `xLabel` (e.g. "steps 1–9,375").
    public var xCaption: String?
    /// Digits after the point wherever a value of this series is printed (headline, axis), so a chart
    /// reads with the same precision as the table beside it.
    public var decimals: Int
    /// Written after printed values, e.g. "%".
    public var unit: String
    /// What the headline number is, e.g. "mean of the last 31 batches"; nil: the last value, as is.
    public var latestLabel: String?

    public init(name: String, values: [Double], positions: [Double]? = nil, range: ClosedRange<Double>? = nil,
                xLabel: String = "step", xCaption: String? = nil, decimals: Int = 4, unit: String = "", latestLabel: String? = nil) {
        precondition(positions == nil || positions!.count == values.count, "SeriesModel: one position per value")
        self.name = name
        self.values = values
        self.positions = positions
        self.range = range
        self.xLabel = xLabel
        self.xCaption = xCaption
        self.decimals = max(0, decimals)
        self.unit = unit
        self.latestLabel = latestLabel
    }

    /// The explicit range, or the finite data's span (a zero-width span is widened by 1 so it can be drawn).
    public var effectiveRange: ClosedRange<Double> {
        if let range { return range }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        return lo == hi ? (lo - 0.5)...(hi + 0.5) : lo...hi
    }

    /// The x position of value `i`.
    public func position(_ i: Int) -> Double { positions?[i] ?? Double(i + 1) }

    public var last: Double? { values.last }

    /// `value` as this series prints it: its decimals and unit.
    public func format(_ value: Double) -> String { NumberFormat.fixed(value, decimals) + unit }
}
