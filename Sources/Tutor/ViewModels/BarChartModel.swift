import Foundation

/// One value per class, drawn as horizontal bars: either signed scores around a zero line
/// (logits) or 0–1 probabilities with percentages.
public struct BarChartModel: Hashable, Sendable {
    public enum Scale: Hashable, Sendable {
        /// Any real numbers; bars grow left (negative) or right (positive) from a zero line.
        case signed
        /// Values in 0...1, shown with a percentage; bars grow from the left edge.
        case probability
        /// Positive values spanning orders of magnitude (gradient sizes), shown as `3.1e-6`; bars grow from the
        /// left edge by their logarithm: a bar starts at 10^lower and fills the width at 10^upper, so charts
        /// sharing the range compare bar for bar, one decade per equal step.
        case logarithmic(decades: ClosedRange<Int>)

        /// How far along its bar `value` reaches, 0...1 (for the bars that grow from the left edge).
        public func fraction(_ value: Double) -> Double {
            switch self {
            case .signed, .probability: return min(max(value, 0), 1)
            case .logarithmic(let decades):
                guard value > 0, value.isFinite else { return 0 }
                let span = Double(max(1, decades.upperBound - decades.lowerBound))
                return min(max((log10(value) - Double(decades.lowerBound)) / span, 0), 1)
            }
        }

        /// The whole decades that hold `values` (their positive, finite ones): 10^lower <= min, max <= 10^upper.
        public static func decades(_ values: [Double]) -> ClosedRange<Int> {
            let logs = values.filter { $0 > 0 && $0.isFinite }.map(log10)
            guard let lo = logs.min(), let hi = logs.max() else { return 0 ... 1 }
            let lower = Int(lo.rounded(.down)), upper = max(Int(hi.rounded(.up)), lower + 1)
            return lower ... upper
        }
    }

    /// `3.1e-06` -> "3.1e-6": a value of a logarithmic chart, two significant digits.
    public static func scientific(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : "\(value)" }
        var exponent = Int(log10(abs(value)).rounded(.down))
        var mantissa = value / pow(10, Double(exponent))
        if abs(mantissa) >= 9.95 {
            mantissa /= 10
            exponent += 1
        }
        return NumberFormat.fixed(mantissa, 1) + "e" + String(exponent)
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
