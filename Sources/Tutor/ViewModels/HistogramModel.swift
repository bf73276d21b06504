/// Counts of values in equal-width bins over `lower..<upper` (the last bin includes `upper`).
public struct HistogramModel: Hashable, Sendable {
    public var counts: [Int]
    public var lower: Double
    public var upper: Double
    public var title: String?
    /// What is counted, for the scale note "tallest bar: 23 units" (nil: "tallest bar: 23").
    public var unit: String?

    public init(counts: [Int], lower: Double, upper: Double, title: String? = nil, unit: String? = nil) {
        precondition(!counts.isEmpty && upper > lower, "HistogramModel needs at least one bin and upper > lower")
        self.counts = counts
        self.lower = lower
        self.upper = upper
        self.title = title
        self.unit = unit
    }

    /// Bins `samples` into `bins` bins over `lower...upper`; values outside or not finite are left out.
    public init<S: Sequence>(samples: S, bins: Int, lower: Double, upper: Double, title: String? = nil, unit: String? = nil)
    where S.Element: BinaryFloatingPoint {
        precondition(bins > 0 && upper > lower, "HistogramModel needs bins > 0 and upper > lower")
        var counts = [Int](repeating: 0, count: bins)
        let width = (upper - lower) / Double(bins)
        for s in samples {
            let v = Double(s)
            guard v.isFinite, v >= lower, v <= upper else { continue }
            counts[min(bins - 1, Int((v - lower) / width))] += 1
        }
        self.init(counts: counts, lower: lower, upper: upper, title: title, unit: unit)
    }

    public var total: Int { counts.reduce(0, +) }
}
