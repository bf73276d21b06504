import Foundation
import MNIST
import NeuralNet

/// Lesson 8: what `Dropout(rate)` does to the 128 ReLU outputs of one digit, in training and at inference.
public struct DropoutPanel: LessonPanel {
    public var cursor: DigitCursor
    public var dataNeeded: MNISTParts { cursor.dataNeeded }
    /// 0.0 ... 0.9 in steps of 0.1, kept as tenths so repeated steps stay exact.
    public var rateTenths: Int
    public var training: Bool
    /// The seed of the current mask; `new_mask` moves to the next one.
    public var maskSeed: UInt64
    public var trainedModel: Bool

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        rateTenths = Int((lesson.options.number(.rate) * 10).rounded())
        training = lesson.options.word(.mode) == "training"
        maskSeed = UInt64(lesson.options.seed)
        trainedModel = lesson.options.usesTrainedModel
    }

    public var rate: Float { Float(rateTenths) / 10 }

    public static let options: [LessonOption] = [.digit, .set, .rate, .mode, .seed, .model]

    public enum Action: String, PanelName {
        case rateUp = "rate_up", rateDown = "rate_down", toggleMode = "toggle_mode", newMask = "new_mask"
        case previousDigit = "previous_digit", nextDigit = "next_digit"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .rateUp: rateTenths = min(9, rateTenths + 1)
        case .rateDown: rateTenths = max(0, rateTenths - 1)
        case .toggleMode: training.toggle()
        case .newMask: maskSeed &+= 1
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        }
        return []
    }

    /// The question asks about the mask, which only training mode draws.
    public mutating func questionClosed(workbench: Workbench) { training = true }

    /// The digit through the model with this panel's rate, mode and mask.
    public func trace(_ workbench: Workbench) -> Trace {
        workbench.trace(trained: trainedModel, train: cursor.train, index: cursor.index,
                        dropoutRate: rate, training: training, maskSeed: maskSeed)
    }

    /// One vocabulary everywhere (lesson text, panel, plain mode, these names): after ReLU a unit is
    /// *active* (above 0) or *zero*; the mask *drops* a unit (sets it to 0) or *keeps* it; a kept active
    /// unit stays active, scaled by 1/(1 - rate), a kept zero stays zero. So `kept_count` counts zeros
    /// too (128 - dropped), and `active_after` is what is still above 0 after dropout.
    public enum LiveValue: String, PanelName {
        case droppedCount = "dropped_count", keptCount = "kept_count", scale
        case activeBefore = "active_before", activeAfter = "active_after"
    }

    public enum LiveText: String, PanelName {
        case digit, rate, mode
    }

    public static func givesAway(_ value: LiveValue) -> [LiveName<LiveValue, LiveText>] {
        switch value {
        case .droppedCount: [.value(.keptCount), .value(.activeAfter)]
        case .keptCount: [.value(.droppedCount)]
        case .scale, .activeBefore, .activeAfter: []
        }
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        let t = trace(workbench)
        switch value {
        case .droppedCount: return Double(t.droppedCount)
        case .keptCount: return Double(t.dropoutMask.count - t.droppedCount)
        case .scale: return training ? Double(1 / (1 - rate)) : 1
        case .activeBefore: return Double(t.hiddenOutputs.filter { $0 > 0 }.count)
        case .activeAfter: return Double(t.dropoutOutputs.filter { $0 > 0 }.count)
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .text(.rate): return PanelNumber.fixed(rate, 1)
        case .text(.mode): return training ? "training" : "inference"
        case .value(.scale): return Self.scaleText(training ? 1 / (1 - rate) : 1)
        case .value(let value): return liveValue(value, workbench: workbench).map { String(Int($0)) }
        }
    }

    /// `1.25`, `2`, `1.43`: 1/(1 - rate) to 3 significant digits.
    static func scaleText(_ scale: Float) -> String { String(format: "%.3g", scale) }

    /// Each unit's state after dropout: dropped by the mask, zero from ReLU (and kept), active and scaled, or
    /// active and passed unchanged (inference).
    public static func states(_ t: Trace) -> [ActivationGridModel.UnitState] {
        zip(t.hiddenOutputs, t.dropoutMask).map { relu, mask in
            if t.training && mask == 0 { return .dropped }
            if relu == 0 { return .zero }
            return t.training && t.dropoutRate > 0 ? .keptScaled : .active
        }
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let t = trace(workbench)
        let active = t.hiddenOutputs.filter { $0 > 0 }.count
        let rateText = PanelNumber.fixed(rate, 1)
        var facts = """
            **Dropout(\(rateText))**, \(training ? "training" : "inference") mode
            \(cursor.caption(workbench)): \(active) active, \(t.zeroCount) zero
            """
        if !revealed && training {
            facts += "\nthe mask: ?? (answer the question first)"
            return PanelView(title: "Dropout", blocks: [
                .text(facts).essential,
                .grid(ActivationGridModel(values: t.hiddenOutputs, title: "ReLU outputs, before dropout")).essential,
            ])
        }
        // Inference mode: `t` is already the trace without dropout.
        let clean = training ? workbench.trace(trained: trainedModel, train: cursor.train, index: cursor.index, training: false) : t
        let after = t.dropoutOutputs.filter { $0 > 0 }.count
        let units = t.dropoutMask.count
        // What the mask did (the question's answer) stays; how it scales and what the model then says can go.
        let details: String
        if training {
            facts += "\nthe mask drops **\(t.droppedCount)** of \(units), keeps \(units - t.droppedCount)"
            details = """
                still active: \(after), each × 1/(1-\(rateText)) = \(Self.scaleText(1 / (1 - rate)))
                predicts \(clean.prediction) without dropout, \(t.prediction) with it
                """
        } else {
            details = "inference: nothing dropped or scaled;\nthe output is the ReLU output"
        }
        var blocks: [PanelBlock] = [
            .text(facts).essential,
            .text(details),
            .row([
                .grid(ActivationGridModel(values: t.dropoutOutputs, states: Self.states(t),
                                          title: training ? "after dropout (mask \(maskSeed))" : "after dropout")).essential,
                .bars(BarChartModel(values: t.logits, scale: .signed,
                                    title: training ? "logits with this mask" : "logits (no dropout)")).essential,
            ]),
        ]
        if training {
            blocks.append(.bars(BarChartModel(values: clean.logits, scale: .signed, title: "logits without dropout (inference)")))
        }
        return PanelView(title: "Dropout", blocks: blocks)
    }
}
