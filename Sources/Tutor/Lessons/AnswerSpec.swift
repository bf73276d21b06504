/// How a lesson's question is answered and checked, from its `answer:` line:
///
///     answer: number, live=zero_units, tolerance=15
///     answer: number, live=test_accuracy_percent, tolerance=2%
///     answer: choice, options=yes|no|only by chance, correct=only by chance
///     answer: choice, options=0|0.2|0.5, live=smallest_gap_rate
///
/// A number answer is checked against the live value the panel computes (never a number written in
/// the lesson), so the lesson stays right when the model or data change. A choice is either fixed
/// (`correct=`) or decided by a live value: the option whose number equals it.
public enum AnswerSpec: Equatable, Sendable {
    case number(live: String, tolerance: Tolerance)
    case choice(options: [String], correct: CorrectChoice)

    public enum Tolerance: Equatable, Sendable {
        /// Accept `|given - live| <= value`.
        case absolute(Double)
        /// Accept `|given - live| <= percent / 100 * |live|`.
        case relative(percent: Double)

        public func accepts(_ given: Double, live: Double) -> Bool {
            let allowed: Double
            switch self {
            case .absolute(let a): allowed = a
            case .relative(let p): allowed = p / 100 * abs(live)
            }
            // A hair of slack so that 0.1 + 0.2 style rounding never rejects an exact answer.
            return abs(given - live) <= allowed + 1e-9 * max(1, abs(live))
        }
    }

    public enum CorrectChoice: Equatable, Sendable {
        /// The option at this index (0-based) is right.
        case option(Int)
        /// The option whose number equals this live value is right.
        case live(String)
    }

    /// The live value the answer waits for, if any.
    public var liveValue: String? {
        switch self {
        case .number(let live, _): live
        case .choice(_, .live(let live)): live
        case .choice(_, .option): nil
        }
    }

    /// The verdict on what the learner typed. `live` is the panel's value named by `liveValue`
    /// (nil while it is still being computed, e.g. during training).
    public func judge(_ response: String, live: Double?) -> AnswerVerdict {
        let text = response.trimmingSpaces
        switch self {
        case .number(_, let tolerance):
            guard let given = AnswerSpec.parseNumber(text) else { return .unreadable("Type a number, such as 42 or 0.5.") }
            guard let live else { return .waiting }
            return tolerance.accepts(given, live: live) ? .correct : .incorrect(expected: AnswerSpec.format(live))
        case .choice(let options, let correct):
            guard let chosen = AnswerSpec.choiceIndex(text, options: options) else {
                let letters = options.indices.map { String(AnswerSpec.letter($0)) }.joined(separator: ", ")
                return .unreadable("Type one of the letters \(letters).")
            }
            let right: Int
            switch correct {
            case .option(let index): right = index
            case .live:
                guard let live else { return .waiting }
                guard let index = options.firstIndex(where: { Double($0).map { abs($0 - live) < 1e-9 } ?? false }) else {
                    return .incorrect(expected: AnswerSpec.format(live))
                }
                right = index
            }
            return chosen == right ? .correct : .incorrect(expected: "\(AnswerSpec.letter(right))) \(options[right])")
        }
    }

    /// The letter shown before option `index`: a, b, c...
    public static func letter(_ index: Int) -> Character {
        Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index)))
    }

    /// Accepts "1234", "1,234", "98.2%", "-5", " 0.16 ".
    static func parseNumber(_ text: String) -> Double? {
        var cleaned = text.filter { $0 != "," && $0 != "_" && $0 != " " }
        if cleaned.hasSuffix("%") { cleaned.removeLast() }
        cleaned = cleaned.replacingMinusSign
        guard let v = Double(cleaned), v.isFinite else { return nil }
        return v
    }

    /// A letter (a, b, ...), a 1-based number, or the option's exact text.
    static func choiceIndex(_ text: String, options: [String]) -> Int? {
        let lower = text.lowercased()
        if lower.count == 1, let c = lower.unicodeScalars.first, c.value >= 97 {
            let index = Int(c.value) - 97
            if index < options.count { return index }
        }
        if let n = Int(lower), n >= 1, n <= options.count, !options.contains(lower) { return n - 1 }
        return options.firstIndex { $0.lowercased() == lower }
    }

    /// A live value as a person would write it: whole numbers without ".0", others to 4 digits.
    static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        let scaled = (v * 10_000).rounded() / 10_000
        return String(scaled)
    }
}

/// What the tutor tells the learner after an answer.
public enum AnswerVerdict: Equatable, Sendable {
    case correct
    case incorrect(expected: String)
    /// The text could not be read as an answer; the string says what to type.
    case unreadable(String)
    /// The live value is not ready yet (e.g. training still running); ask again when it is.
    case waiting
}

extension String {
    /// The typographic minus (U+2212) as the ASCII hyphen, so "−5" parses like "-5".
    var replacingMinusSign: String {
        String(map { $0 == "\u{2212}" ? "-" : $0 })
    }
}
