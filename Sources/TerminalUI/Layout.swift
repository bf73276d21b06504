/// How much of a row or column split one part takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less if the space runs out).
    case fixed(Int)
    /// `numerator/denominator` of the whole length, rounded down.
    case ratio(Int, Int)
    /// A share of what the fixed and ratio parts leave, by weight.
    case fill(Int)
}

public enum Axis: Hashable, Sendable {
    /// Parts stacked top to bottom.
    case vertical
    /// Parts side by side, left to right.
    case horizontal
}

/// Splits rects into rows or columns (ratatui's `Layout`, reduced to what the tutor needs).
public enum Layout {
    /// Lengths for `constraints` along `length` cells with `spacing` empty cells between parts.
    ///
    /// Fixed and ratio parts are served first, in order, until the space runs out; fill parts share
    /// the remainder by weight, the rounding leftovers going to the first fills. The sum never
    /// exceeds `length`.
    public static func lengths(_ constraints: [Constraint], in length: Int, spacing: Int = 0) -> [Int] {
        let gaps = max(0, constraints.count - 1) * max(0, spacing)
        var left = max(0, length - gaps)
        let total = left
        var result = [Int](repeating: 0, count: constraints.count)
        for (i, c) in constraints.enumerated() {
            switch c {
            case .fixed(let n): result[i] = min(max(n, 0), left)
            case .ratio(let a, let b): result[i] = b > 0 ? min(max(total * a / b, 0), left) : 0
            case .fill: continue
            }
            left -= result[i]
        }
        let weights = constraints.map { if case .fill(let w) = $0 { return max(w, 0) } else { return 0 } }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 {
            var given = 0
            for i in result.indices where weights[i] > 0 {
                result[i] = left * weights[i] / weightSum
                given += result[i]
            }
            var extra = left - given
            for i in result.indices where weights[i] > 0 && extra > 0 {
                result[i] += 1
                extra -= 1
            }
        }
        return result
    }

    /// Splits `rect` along `axis`.
    public static func split(_ rect: Rect, _ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let sizes = lengths(constraints, in: axis == .vertical ? rect.height : rect.width, spacing: spacing)
        var offset = 0
        return sizes.map { n in
            defer { offset += n + spacing }
            switch axis {
            case .vertical: return Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: n)
            case .horizontal: return Rect(x: rect.x + offset, y: rect.y, width: n, height: rect.height)
            }
        }
    }
}

extension Rect {
    /// `Layout.split(self, .vertical, constraints)`: rows, top to bottom.
    public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Layout.split(self, .vertical, constraints, spacing: spacing)
    }

    /// `Layout.split(self, .horizontal, constraints)`: columns, left to right.
    public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Layout.split(self, .horizontal, constraints, spacing: spacing)
    }
}
