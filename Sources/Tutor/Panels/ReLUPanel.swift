import Foundation
import MNIST
import NeuralNet

/// Lesson 6: ReLU(x) = max(0, x) on the 128 hidden units of the current digit, before (w·x + b) and after.
///
/// The default view shows where the 128 sums fall (a histogram; everything left of 0 is cut) and the 128
/// outputs after ReLU; `o` sorts the units by their sum, which draws ReLU's shape: the sorted sums rise
/// through 0, and after ReLU the negative part is flat at exactly 0. `e` opens a number field: the
/// learner types any number and sees ReLU of it, computed by the engine's own activation. There is no
/// threshold to tune: the cut is always at 0.
public struct ReLUPanel: LessonPanel {
    public var cursor: DigitCursor
    public var dataNeeded: MNISTParts { cursor.dataNeeded }
    public var trainedModel: Bool
    /// The number ReLU is applied to (starts at the lesson's `input`).
    public var input: Double
    /// The text being typed while the number field is open; nil when it is closed.
    public var field: String?
    /// A short message when the typed text is not a number.
    public var fieldHint: String?
    /// Units in order of their sum instead of unit order.
    public var sorted: Bool

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        trainedModel = lesson.options.usesTrainedModel
        input = lesson.options.number(.input)
        sorted = false
    }

    public static let options: [LessonOption] = [.digit, .set, .model, .input]

    public enum Action: String, PanelName {
        case enterNumber = "enter_number", previousDigit = "previous_digit", nextDigit = "next_digit"
        case toggleModel = "toggle_model", sortUnits = "sort_units"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .enterNumber:
            field = ""
            fieldHint = nil
        case .toggleModel: trainedModel.toggle()
        case .sortUnits: sorted.toggle()
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        }
        return []
    }

    public var capturesTyping: Bool { field != nil }

    public var extraHints: [KeyHint] {
        field == nil ? [] : [KeyHint("0-9 . - e", "type"), KeyHint("Enter", "apply"), KeyHint("Esc", "cancel")]
    }

    /// While the field is open: what a number can be written with, the panel's own `4e-05` included
    /// (digits, `.`, `-` and `+`, `e`), backspace, Enter (apply), Esc (cancel). Enter checks the whole
    /// text; a character nothing could use is refused with a note instead of vanishing silently. Other
    /// keys are not passed on, so a stray letter cannot trigger a lesson key.
    public mutating func handle(_ key: Key, workbench: Workbench) -> [Effect]? {
        guard var text = field else { return nil }
        // 16 characters hold any float32 worth trying (-3.4028235e+38) and keep the line inside the panel.
        let room = text.count < 16
        switch key {
        case .character(let c) where Self.numberCharacters.contains(c):
            guard room else {
                fieldHint = "16 characters at most"
                field = text
                return []
            }
            text.append(c == "E" ? "e" : c)
        case .character(let c):
            fieldHint = "'\(c)' cannot be part of a number (digits, . - + e)"
            field = text
            return []
        case .backspace, .delete:
            if !text.isEmpty { text.removeLast() }
        case .enter:
            guard let value = Double(text), value.isFinite else {
                fieldHint = text.isEmpty ? "type a number first" : "\"\(text)\" is not a number (e.g. -5, 0.25, 1e-7)"
                return []
            }
            input = value
            field = nil
            fieldHint = nil
            return []
        case .escape:
            field = nil
            fieldHint = nil
            return []
        default:
            return nil
        }
        field = text
        fieldHint = nil
        return []
    }

    static let numberCharacters = Set("0123456789.-+eE")

    public func trace(_ workbench: Workbench) -> Trace {
        workbench.trace(trained: trainedModel, train: cursor.train, index: cursor.index)
    }

    /// The hidden layer's activation (ReLU) applied to the typed number.
    public func reluOfInput(_ workbench: Workbench) -> Float {
        workbench.model(trained: trainedModel).denseLayers[0].layer.activation(Float(input))
    }

    public enum LiveValue: String, PanelName {
        case reluOutput = "relu_output", negativeCount = "negative_count"
    }

    public enum LiveText: String, PanelName {
        case digit, input
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        switch value {
        case .reluOutput: return Double(reluOfInput(workbench))
        case .negativeCount: return Double(trace(workbench).preActivations.filter { $0 < 0 }.count)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .text(.input): return PanelNumber.short(input)
        case .value(.reluOutput): return PanelNumber.short(Double(reluOfInput(workbench)))
        case .value(let value): return liveValue(value, workbench: workbench).map { String(Int($0)) }
        }
    }

    /// When the engine's float32 visibly changes the typed number, a sentence saying what it holds
    /// (`4e-05` is not exact in float32 either, but it prints the same, so it needs no note).
    func float32Note() -> String? {
        let stored = Double(Float(input))
        guard PanelNumber.short(stored) != PanelNumber.short(input) else { return nil }
        return "The engine computes in float32 (about 7 significant digits), so \(PanelNumber.short(input)) is stored as \(PanelNumber.short(stored)) before ReLU sees it."
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let t = trace(workbench)
        let z = t.preActivations, a = t.hiddenOutputs
        let negative = z.filter { $0 < 0 }.count
        let model = trainedModel ? "trained" : "untrained"
        let fieldLine: String
        if let text = field {
            fieldLine = "ReLU(\(text)_)  Enter applies, Esc cancels" + (fieldHint.map { "\n" + $0 } ?? "")
        } else if revealed {
            let result = "ReLU(\(PanelNumber.short(input))) = \(PanelNumber.short(Double(reluOfInput(workbench))))"
            // The hint only where it leaves the line inside a narrow (44-column) panel; the key bar shows `e` anyway.
            fieldLine = result.count <= 26 ? result + "   e: try another" : result
        } else {
            fieldLine = "ReLU(\(PanelNumber.short(input))) = \(PanelNumber.answerFirst)"
        }
        var blocks: [PanelBlock] = [
            .text("\(cursor.caption(workbench)), \(model). ReLU(x) = max(0, x): no threshold to set; below 0 → exactly 0."),
            .code(fieldLine).essential,
        ]
        if field == nil, revealed, let note = float32Note() { blocks.append(.text(note)) }
        if sorted {
            // Sorted by the sum, the two curves draw ReLU itself: equal above 0, flat at 0 below it.
            let order = z.indices.sorted { (z[$0], $0) < (z[$1], $1) }
            blocks.append(.chart([
                SeriesModel(name: "w·x+b", values: order.map { Double(z[$0]) }, xLabel: "unit, sorted", decimals: 2),
                SeriesModel(name: "ReLU", values: order.map { Double(a[$0]) }, xLabel: "unit, sorted", decimals: 2),
            ], minHeight: 7).essential)
            let zeros = a.filter { $0 == 0 }.count
            blocks.append(.text("Units sorted by w·x+b: \(negative) sums below 0 → \(zeros) exact zeros; the other \(a.count - zeros) pass unchanged.").essential)
        } else {
            let reach = Double(max(z.map(abs).max() ?? 1, 1e-6))
            blocks.append(.row([
                .histogram(HistogramModel(samples: z, bins: 16, lower: -reach, upper: reach,
                                          title: "w·x+b of \(z.count) units: \(negative) < 0", unit: "units")),
                .grid(ActivationGridModel(values: a, title: "after ReLU, unit order")).essential,
            ]))
        }
        return PanelView(title: "ReLU: cut at zero", blocks: blocks)
    }
}
