/// How a lesson's question is answered and checked, from its `answer:` line:
///
///     answer: number, live=zero_units, tolerance=3%, close=25%
///     answer: number, live=max_probability, tolerance=0.03, close=0.15
///     answer: choice, options=yes|no|only by chance, correct=only by chance
///     answer: choice, options=0|0.2|0.5, live=smallest_gap_rate
///     answer: choice, options=up|down|stays the same, sign=loss_slope
///     answer: pair, table=confusion, close=3
///
/// A number answer is checked against the live value the panel computes for what it shows when the
/// learner answers (never a number written in the lesson), so the lesson stays right when the model,
/// the data or the digit on screen change. `tolerance` is how far from it still counts as right,
/// `close` (optional, wider) how far counts as a near miss worth its own verdict. Both are absolute
/// (`0.03`) or relative to the live value (`3%`). A choice is either fixed (`correct=`) or decided by
/// a live value: the option whose number equals it. A pair names a cell of a square live table (a
/// confusion matrix): the learner types its row and column as two digits (`4 9`), and it is right
/// when that cell holds the largest count off the diagonal (any of them on a tie), close when it is
/// among the `close` largest (`PairAnswer`).
public enum AnswerSpec: Equatable, Sendable {
    case number(live: String, tolerance: Tolerance, close: Tolerance?)
    case choice(options: [String], correct: CorrectChoice)
    case pair(table: String, close: Int)

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

        /// Whether this range accepts strictly more than `other` for every live value: the same kind and a
        /// larger number, or anything above zero when `other` only accepts the exact value.
        public func isWider(than other: Tolerance) -> Bool {
            switch (self, other) {
            case (.absolute(let a), .absolute(let b)): a > b
            case (.relative(let a), .relative(let b)): a > b
            case (.absolute(let a), .relative(0)): a > 0
            case (.relative(let a), .absolute(0)): a > 0
            default: false
            }
        }

        /// Only the exact value is right.
        public var isExact: Bool { self == .absolute(0) || self == .relative(percent: 0) }

        /// `"within 3%"`, `"within 0.03"`, `"exactly"`: for prompts and verdicts.
        public var words: String {
            switch self {
            case .absolute(0), .relative(percent: 0): "exactly"
            case .absolute(let a): "within " + AnswerSpec.format(a)
            case .relative(let p): "within " + AnswerSpec.format(p) + "%"
            }
        }
    }

    public enum CorrectChoice: Equatable, Sendable {
        /// The option at this index (0-based) is right.
        case option(Int)
        /// The option whose number equals this live value is right.
        case live(String)
        /// The option for this live value's sign: options[0] above 0, options[1] below, options[2] exactly 0.
        case sign(String)
    }

    /// The live value the answer waits for, if any.
    public var liveValue: String? {
        switch self {
        case .number(let live, _, _): live
        case .choice(_, .live(let live)), .choice(_, .sign(let live)): live
        case .choice(_, .option): nil
        case .pair(let table, _): table
        }
    }

    /// The live table a pair answer is judged against, if the answer is one.
    public var liveTable: String? {
        if case .pair(let table, _) = self { return table }
        return nil
    }

    /// The verdict on what the learner typed. `live` is the panel's value named by `liveValue`
    /// (nil while it does not exist yet, e.g. before training has run); `table`, for a pair, the
    /// panel's live table (nil while it does not exist yet).
    public func judge(_ response: String, live: Double?, table: [[Double]]? = nil) -> AnswerVerdict {
        let text = response.trimmingSpaces
        switch self {
        case .pair(_, let close):
            guard let (row, column) = PairAnswer.parse(text) else {
                return .unreadable("Type two different digits, the true one first, such as 4 9.")
            }
            guard let table else { return .waiting }
            return PairAnswer(table: table).judge(row: row, column: column, close: close)
        case .number(_, let tolerance, let close):
            guard let given = AnswerSpec.parseNumber(text) else { return .unreadable("Type a number, such as 42 or 0.5.") }
            guard let live else { return .waiting }
            if tolerance.accepts(given, live: live) { return .correct }
            if let close, close.accepts(given, live: live) { return .close(expected: AnswerSpec.format(live)) }
            return .incorrect(expected: AnswerSpec.format(live))
        case .choice(let options, let correct):
            guard let chosen = AnswerSpec.choiceIndex(text, options: options, signs: correct.isSign) else {
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
            case .sign:
                guard let live else { return .waiting }
                guard let index = AnswerSpec.signIndex(live, options: options) else {
                    return .incorrect(expected: "none of these: the value is exactly 0")
                }
                right = index
            }
            return chosen == right ? .correct : .incorrect(expected: "\(AnswerSpec.letter(right))) \(options[right])")
        }
    }

    /// Whether `response` can be read as an answer at all (a number, one of the options, a pair).
    public func canRead(_ response: String) -> Bool {
        if case .pair = self { return PairAnswer.parse(response.trimmingSpaces) != nil }
        if case .unreadable = judge(response, live: 0) { return false }
        return true
    }

    /// The letter shown before option `index`: a, b, c...
    public static func letter(_ index: Int) -> Character {
        Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index)))
    }

    /// Accepts "1234", "1,234", "98.2%", "-5", " 0.16 ", "4e-05".
    static func parseNumber(_ text: String) -> Double? {
        var cleaned = text.filter { $0 != "," && $0 != "_" && $0 != " " }
        if cleaned.hasSuffix("%") { cleaned.removeLast() }
        cleaned = cleaned.replacingMinusSign
        guard let v = Double(cleaned), v.isFinite else { return nil }
        return v
    }

    /// A letter (a, b, ...), a 1-based number, or the option's exact text; with `signs` (a choice decided
    /// by a sign) also `+`, `-` (or `−`) and `0` for the options above, below and at 0.
    static func choiceIndex(_ text: String, options: [String], signs: Bool = false) -> Int? {
        let lower = text.lowercased()
        if signs, let index = ["+": 0, "-": 1, "\u{2212}": 1, "0": 2][lower], index < options.count { return index }
        if lower.count == 1, let c = lower.unicodeScalars.first, c.value >= 97 {
            let index = Int(c.value) - 97
            if index < options.count { return index }
        }
        if let n = Int(lower), n >= 1, n <= options.count, !options.contains(lower) { return n - 1 }
        return options.firstIndex { $0.lowercased() == lower }
    }

    /// The option a sign choice takes for `value`: 0 above zero, 1 below, 2 (when there is a third) at zero.
    static func signIndex(_ value: Double, options: [String]) -> Int? {
        let index = value > 0 ? 0 : value < 0 ? 1 : 2
        return index < options.count ? index : nil
    }

    /// A live value as a person would write it: whole numbers without ".0", others to 4 digits.
    static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        let scaled = (v * 10_000).rounded() / 10_000
        return String(scaled)
    }
}

extension AnswerSpec.CorrectChoice {
    /// Decided by the sign of a live value (`sign=`).
    public var isSign: Bool {
        if case .sign = self { return true }
        return false
    }
}

/// What the tutor tells the learner after an answer.
public enum AnswerVerdict: Equatable, Sendable {
    case correct
    /// Outside the tolerance but inside the lesson's `close` range: a near miss.
    case close(expected: String)
    case incorrect(expected: String)
    /// The text could not be read as an answer; the string says what to type.
    case unreadable(String)
    /// The live value does not exist yet (e.g. before training): the answer is kept as a prediction.
    case waiting

    /// Right, close or wrong: the answer was judged.
    public var isJudged: Bool {
        switch self {
        case .correct, .close, .incorrect: true
        case .unreadable, .waiting: false
        }
    }
}

extension String {
    /// The typographic minus (U+2212) as the ASCII hyphen, so "−5" parses like "-5".
    var replacingMinusSign: String {
        String(map { $0 == "\u{2212}" ? "-" : $0 })
    }
}
