import Foundation

/// Number formatting shared by the lesson panels: fixed decimals, an explicit sign for values that
/// can be negative (weights, sums, logits), so columns of numbers line up and read the same everywhere.
enum PanelNumber {
    /// `0.9921 -> "0.992"` with `decimals` digits after the point; a value that rounds to zero has no
    /// minus sign (`-0.0001 -> "0.00"`, not `"-0.00"`).
    static func fixed(_ value: Double, _ decimals: Int) -> String { NumberFormat.fixed(value, decimals) }

    /// A fraction as a percentage: `0.9731 -> "97.31%"` with `decimals` 2.
    static func percent(_ fraction: Double, _ decimals: Int) -> String { fixed(fraction * 100, decimals) + "%" }

    static func fixed(_ value: Float, _ decimals: Int) -> String { fixed(Double(value), decimals) }

    /// `0.5 -> "+0.500"`, `-0.5 -> "-0.500"`; a value that rounds to zero is written without a sign.
    static func signed(_ value: Double, _ decimals: Int) -> String {
        let text = NumberFormat.fixed(value, decimals, plusSign: true)
        let zero = NumberFormat.fixed(0, decimals)
        return text.dropFirst() == Substring(zero) ? " " + zero : text
    }

    static func signed(_ value: Float, _ decimals: Int) -> String { signed(Double(value), decimals) }

    /// A number as a learner typed it, without trailing zeros: `5 -> "5"`, `-0.0001 -> "-0.0001"`.
    static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%g", value)
    }

    /// The note shown in place of the number a lesson's question asks about, until it is answered.
    static let answerFirst = "?? (answer first)"
}
