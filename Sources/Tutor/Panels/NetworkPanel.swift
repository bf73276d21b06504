import Foundation
import MNIST
import NeuralNet

/// Lesson 1: the article's model as four boxes (what each layer outputs, and which part of a network it
/// is: input, hidden or output), and the model's ten outputs for one real digit.
///
/// The lesson starts on the untrained model: its weights are Glorot-uniform random numbers, so its ten
/// logits are arbitrary and the largest one points at the right digit only by luck. `i` draws new random
/// weights (the next seed), `u` compares with the trained model, `[` `]` change the digit.
public struct NetworkPanel: LessonPanel {
    public var cursor: DigitCursor
    /// The digit's set, and the test set the trained model's accuracy is measured on.
    public var dataNeeded: MNISTParts { cursor.dataNeeded.union(.test) }
    public var trainedModel: Bool
    /// The seed of the untrained model's initial weights; `reinitialize` moves to the next one.
    public var seed: UInt64

    /// Whether the last frame had the trained model's test accuracy (`tick` redraws once when it arrives).
    var shownReady = false

    public init(lesson: Lesson, workbench: Workbench) {
        cursor = DigitCursor(lesson: lesson)
        trainedModel = lesson.options.usesTrainedModel
        seed = UInt64(lesson.options.seed)
        _ = workbench.readyTestEvaluation(trained: true)  // the lesson text quotes it: start the pass now
    }

    /// Redraws once when the trained model's accuracy on the test set (quoted by the lesson text) arrives.
    public mutating func tick(workbench: Workbench) -> Bool {
        let ready = workbench.readyTestEvaluation(trained: true) != nil
        defer { shownReady = ready }
        return ready != shownReady
    }

    public static let options: [LessonOption] = [.digit, .set, .model, .seed]
    /// The trained model's accuracy on all 10,000 test digits.
    public static let wholeSetStatistics = true
    /// The trained model's test accuracy comes from a pass over the test set in the background.
    public static var backgroundValues: [LiveName<LiveValue, LiveText>] { [.value(.trainedAccuracyPercent)] }

    public enum Action: String, PanelName {
        case previousDigit = "previous_digit", nextDigit = "next_digit", reinitialize, toggleModel = "toggle_model"
    }

    public mutating func perform(_ action: Action, workbench: Workbench) -> [Effect] {
        switch action {
        case .reinitialize:
            seed &+= 1
            trainedModel = false
        case .toggleModel: trainedModel.toggle()
        case .previousDigit: cursor.perform(.previous, workbench: workbench)
        case .nextDigit: cursor.perform(.next, workbench: workbench)
        }
        return []
    }

    public func model(_ workbench: Workbench) -> Sequential { workbench.model(trained: trainedModel, seed: seed) }

    /// The current digit through the current model (inference: dropout passes values unchanged).
    public func trace(_ workbench: Workbench) -> Trace {
        workbench.trace(trained: trainedModel, seed: seed, train: cursor.train, index: cursor.index)
    }

    public enum LiveValue: String, PanelName {
        case outputCount = "output_count", predictedDigit = "predicted_digit", label
        case trainedAccuracyPercent = "trained_accuracy_percent"
    }

    public enum LiveText: String, PanelName {
        case digit, model
    }

    public func liveValue(_ value: LiveValue, workbench: Workbench) -> Double? {
        switch value {
        case .outputCount: return Double(trace(workbench).logits.count)
        case .predictedDigit: return Double(trace(workbench).prediction)
        case .label: return Double(cursor.digit(workbench).label)
        // The trained model's test accuracy: the share of test digits whose largest output is their label.
        case .trainedAccuracyPercent: return workbench.readyTestEvaluation(trained: true).map { Double($0.accuracy) * 100 }
        }
    }

    public func liveText(_ name: LiveName<LiveValue, LiveText>, workbench: Workbench) -> String? {
        switch name {
        case .value(.trainedAccuracyPercent): return workbench.readyTestEvaluation(trained: true).map { PanelNumber.percent(Double($0.accuracy), 2) }
        case .text(.digit): return "\(cursor.arrayName)[\(cursor.index)]"
        case .text(.model): return modelName
        case .value(let value): return liveValue(value, workbench: workbench).map { Int($0).formatted }
        }
    }

    /// "untrained, seed 1" or "the trained model", as the panel's first line says it.
    var modelName: String { trainedModel ? "the trained model" : "untrained, seed \(seed)" }

    /// The model's layers drawn top to bottom as boxes, each with the size of what it outputs and its role.
    /// Built from the model itself, so the drawing always matches the layers that run.
    public static func diagram(_ model: Sequential) -> String {
        let shapes = model.layerOutputShapes
        let rows = model.layers.enumerated().map { i, layer -> (String, String, String) in
            let name: String
            switch layer {
            case let dense as Dense: name = "Dense \(dense.units)" + (dense.activation == .relu ? " relu" : "")
            case let dropout as Dropout: name = "Dropout " + PanelNumber.short(Double(dropout.rate))
            default: name = layer.typeName
            }
            let role = i == 0 ? "input" : i == model.layers.count - 1 ? "output" : "hidden"
            var size = shapes[i].map(String.init).joined(separator: "x")
            if i == 0 { size = model.inputShape.map(String.init).joined(separator: "x") + " → " + size }
            return (name, size, role)
        }
        let sizeWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { name, size, role in
            "[" + name.padding(toLength: 14, withPad: " ", startingAt: 0) + "] " + size.leftPadded(sizeWidth) + "  " + role
        }.joined(separator: "\n")
    }

    public func view(workbench: Workbench, revealed: Bool) -> PanelView {
        let t = trace(workbench)
        let digit = cursor.digit(workbench)
        // Which digit goes into which model: without it the outputs cannot be read.
        var blocks: [PanelBlock] = [.text("**\(cursor.arrayName)[\(cursor.index)]** (label \(digit.label)) into the model, \(modelName):").essential]
        blocks.append(.code(Self.diagram(model(workbench))))
        guard revealed else {
            blocks.append(.text("Its \(t.logits.count) outputs for this digit: \(PanelNumber.answerFirst). What will they look like?").essential)
            return PanelView(title: "The network", blocks: blocks)
        }
        blocks.append(.bars(BarChartModel(values: t.logits, scale: .signed, title: "its \(t.logits.count) outputs (logits)")).essential)
        let hit = t.prediction == digit.label
        let verdict = hit ? "the label" : "not the label \(digit.label)"
        if trainedModel {
            let accuracy = liveText("trained_accuracy_percent", workbench: workbench) ?? ""
            let tests = workbench.count(train: false).formatted
            blocks.append(.text("Largest at **\(t.prediction)**: \(verdict). Trained, the largest output sits at the label for \(accuracy) of the \(tests) test digits: most, not all."))
        } else {
            blocks.append(.text("Largest at **\(t.prediction)**: \(verdict)\(hit ? ", by luck" : ""). Random starting weights, random scores: logits, not probabilities."))
        }
        return PanelView(title: "The network", blocks: blocks)
    }
}
