/// A setting a lesson can give its panel in `options:`, with its type, its allowed range and the
/// default used when the lesson does not set it.
///
/// Defaults are chosen to match the article: the first training digit (`x_train[:1]`), Keras's
/// `Dropout(0.2)`, `fit`'s batch size of 32, Adam's learning rate of 0.001, five epochs.
public enum LessonOption: String, CaseIterable, Sendable {
    case digit, set, model, seed, view, row, col, neuron, input, rate, mode, epochs, batch, dropout, lr
    case trainSize = "train_size"
    case rates
    /// The "Going further" experiments: activations compared, hidden widths swept, the deeper stack's shape.
    case activations, widths
    case deepLayers = "deep_layers"
    case deepUnits = "deep_units"

    /// What a value must look like.
    public enum ValueType: Equatable, Sendable {
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
        case word([String])
        /// Numbers separated by `|`, e.g. `0|0.2|0.5`, each in the range, 1 to 5 of them.
        case numbers(ClosedRange<Double>)
        /// Words separated by `|`, each one of these, 1 to 6 of them, each once: `linear|relu`.
        case words([String])
        /// Whole numbers separated by `|`, each in the range, 1 to 8 of them, each once: `16|32|64`.
        case integers(ClosedRange<Int>)
    }

    public var valueType: ValueType {
        switch self {
        case .digit: .integer(0 ... 59_999)
        case .set: .word(["train", "test"])
        case .model: .word(["untrained", "trained"])
        case .seed: .integer(0 ... Int(UInt32.max))
        case .view: .word(["image", "values"])
        case .row, .col: .integer(0 ... 27)
        case .neuron: .integer(0 ... 127)
        case .input: .number(-1_000_000 ... 1_000_000)
        case .rate, .dropout: .number(0 ... 0.9)
        case .mode: .word(["training", "inference"])
        case .epochs: .integer(1 ... 50)
        case .batch: .integer(1 ... 60_000)
        case .lr: .number(0.000_001 ... 1)
        case .trainSize: .integer(100 ... 60_000)
        case .rates: .numbers(0 ... 0.9)
        case .activations: .words(["linear", "relu", "sigmoid", "tanh"])
        case .widths: .integers(1 ... 1024)
        case .deepLayers: .integer(1 ... 6)
        case .deepUnits: .integer(1 ... 1024)
        }
    }

    public var defaultValue: LessonOptionValue {
        switch self {
        case .digit: .integer(0)
        case .set: .word("train")
        case .model: .word("trained")
        case .seed: .integer(1)
        case .view: .word("image")
        case .row, .col, .neuron: .integer(0)
        case .input: .number(0)
        case .rate, .dropout: .number(0.2)
        case .mode: .word("training")
        case .epochs: .integer(5)
        case .batch: .integer(32)
        case .lr: .number(0.001)
        case .trainSize: .integer(60_000)
        case .rates: .numbers([0, 0.2, 0.5])
        case .activations: .words(["linear", "relu", "sigmoid", "tanh"])
        case .widths: .integers([16, 32, 64, 128, 256, 512])
        case .deepLayers: .integer(5)
        case .deepUnits: .integer(64)
        }
    }

    /// Parses `text` as this option's value, or returns why it cannot.
    func parse(_ text: String) -> Result<LessonOptionValue, OptionValueProblem> {
        switch valueType {
        case .integer(let range):
            guard let v = Int(text) else { return .failure(.init("\(rawValue)=\(text): expected a whole number")) }
            guard range.contains(v) else { return .failure(.init("\(rawValue)=\(text): must be from \(range.lowerBound) to \(range.upperBound)")) }
            return .success(.integer(v))
        case .number(let range):
            guard let v = Double(text), v.isFinite else { return .failure(.init("\(rawValue)=\(text): expected a number such as 0.5")) }
            guard range.contains(v) else { return .failure(.init("\(rawValue)=\(text): must be from \(range.lowerBound) to \(range.upperBound)")) }
            return .success(.number(v))
        case .word(let words):
            guard words.contains(text) else {
                return .failure(.init("\(rawValue)=\(text): must be one of \(words.joined(separator: ", "))"))
            }
            return .success(.word(text))
        case .numbers(let range):
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard (1 ... 5).contains(parts.count) else { return .failure(.init("\(rawValue)=\(text): expected 1 to 5 numbers separated by |")) }
            var values: [Double] = []
            for part in parts {
                guard let v = Double(part), v.isFinite else {
                    return .failure(.init("\(rawValue)=\(text): '\(part)' is not a number (separate numbers with |, e.g. 0|0.2|0.5)"))
                }
                guard range.contains(v) else { return .failure(.init("\(rawValue)=\(text): each must be from \(range.lowerBound) to \(range.upperBound)")) }
                values.append(v)
            }
            return .success(.numbers(values))
        case .words(let allowed):
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard (1 ... 6).contains(parts.count), Set(parts).count == parts.count else {
                return .failure(.init("\(rawValue)=\(text): expected 1 to 6 different words separated by |"))
            }
            if let bad = parts.first(where: { !allowed.contains($0) }) {
                return .failure(.init("\(rawValue)=\(text): '\(bad)' must be one of \(allowed.joined(separator: ", "))"))
            }
            return .success(.words(parts))
        case .integers(let range):
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard (1 ... 8).contains(parts.count) else { return .failure(.init("\(rawValue)=\(text): expected 1 to 8 whole numbers separated by |")) }
            var values: [Int] = []
            for part in parts {
                guard let v = Int(part) else {
                    return .failure(.init("\(rawValue)=\(text): '\(part)' is not a whole number (separate them with |, e.g. 16|32|64)"))
                }
                guard range.contains(v) else { return .failure(.init("\(rawValue)=\(text): each must be from \(range.lowerBound) to \(range.upperBound)")) }
                guard !values.contains(v) else { return .failure(.init("\(rawValue)=\(text): \(v) is there twice")) }
                values.append(v)
            }
            return .success(.integers(values))
        }
    }
}

/// Why an option's value was refused (the text becomes the `file:line:` message).
struct OptionValueProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// One option's value.
public enum LessonOptionValue: Equatable, Sendable {
    case integer(Int)
    case number(Double)
    case word(String)
    case numbers([Double])
    case words([String])
    case integers([Int])
}

/// The options a lesson gives its panel, with typed accessors that fall back to each option's
/// default, so a panel never has to handle a missing value.
public struct LessonOptions: Equatable, Sendable {
    /// Only the options the lesson file set, by name.
    public let explicit: [LessonOption: LessonOptionValue]

    public init(_ explicit: [LessonOption: LessonOptionValue] = [:]) {
        self.explicit = explicit
    }

    public func value(_ option: LessonOption) -> LessonOptionValue {
        explicit[option] ?? option.defaultValue
    }

    /// The whole-number option `option` (digit, seed, row, col, neuron, epochs, batch, train_size).
    public func integer(_ option: LessonOption) -> Int {
        if case .integer(let v) = value(option) { return v }
        preconditionFailure("option \(option.rawValue) is not a whole number")
    }

    /// The number option `option` (input, rate, dropout, lr).
    public func number(_ option: LessonOption) -> Double {
        if case .number(let v) = value(option) { return v }
        preconditionFailure("option \(option.rawValue) is not a number")
    }

    /// The word option `option` (set, model, view, mode).
    public func word(_ option: LessonOption) -> String {
        if case .word(let v) = value(option) { return v }
        preconditionFailure("option \(option.rawValue) is not a word")
    }

    /// The list option `option` (rates).
    public func numbers(_ option: LessonOption) -> [Double] {
        if case .numbers(let v) = value(option) { return v }
        preconditionFailure("option \(option.rawValue) is not a list of numbers")
    }

    /// The list-of-words option `option` (activations).
    public func words(_ option: LessonOption) -> [String] {
        if case .words(let v) = value(option) { return v }
        preconditionFailure("option \(option.rawValue) is not a list of words")
    }

    /// The list-of-whole-numbers option `option` (widths).
    public func integers(_ option: LessonOption) -> [Int] {
        if case .integers(let v) = value(option) { return v }
        preconditionFailure("option \(option.rawValue) is not a list of whole numbers")
    }

    public var digit: Int { integer(.digit) }
    public var seed: Int { integer(.seed) }
    /// True for `set=train` (Keras's `x_train`), false for `set=test`.
    public var usesTrainingSet: Bool { word(.set) == "train" }
    /// True for `model=trained`: the tutor's current trained weights (pretrained or the learner's own).
    public var usesTrainedModel: Bool { word(.model) == "trained" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (Foundation-free `trimmingCharacters`).
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
